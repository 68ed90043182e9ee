import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.accounts.access import can_change_tree, get_organization_for_user, require, visible_organizations
from dangbo.core.errors import DomainError
from dangbo.members.models import Member, MembershipSpan
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import name_on

from . import selectors, services
from .forms import DecisionForm
from .models import PersonnelDecision


def latest_year(request, code):
    """The committee's decisions: the year asked for (?year=), else the latest with some."""
    org = get_organization_for_user(request.user, code)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        years = selectors.years_with_decisions(org)
        year = years[0] if years else timezone.localdate().year
    return redirect("cadres:year", org.code, year)


def year_page(request, code, year):
    org = get_organization_for_user(request.user, code)
    figures = selectors.cadre_figures(org, year)
    labels = {key: PersonnelDecision.Kind(kind).label for kind, key in PersonnelDecision.REPORT_KEYS.items()}
    this_year = timezone.localdate().year
    return render(
        request,
        "cadres/year.html",
        {
            "org": org,
            "org_name": name_on(org, dt.date(year, 12, 31)),
            "year": year,
            "years": sorted(set(selectors.years_with_decisions(org)) | {this_year, year}, reverse=True),
            "decisions": selectors.decisions_of(org, year),
            "figures": figures,
            "by_kind": [(labels[key], n) for key, n in figures["by_kind"].items()],
            "can_change": can_change_tree(request.user, org),
        },
    )


def terms(request, code):
    """Appointments whose term ends within 90 working days: reappointment to prepare."""
    org = get_organization_for_user(request.user, code)
    today = timezone.localdate()
    return render(
        request,
        "cadres/terms.html",
        {"org": org, "today": today, "decisions": selectors.terms_ending(org, today)},
    )


def _member_for(user, code: str, day: dt.date) -> Member | None:
    """The member with this code, if the user may see where they belonged on `day`."""
    member = Member.objects.filter(code=(code or "").strip()).first()
    if member is None:
        return None
    spans = MembershipSpan.objects.filter(member=member, organization__in=visible_organizations(user))
    return member if spans.exists() else None


def _unit(user, text: str) -> tuple[Organization | None, str]:
    org = visible_organizations(user).filter(code=(text or "").strip()).first()
    return (org, "") if org else (None, text)


def record(request, code):
    org = get_organization_for_user(request.user, code)
    require(can_change_tree(request.user, org))
    form = DecisionForm(request.POST or None)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = _member_for(request.user, data["member"], data["date"])
        if member is None:
            form.add_error("member", _("Unknown member code."))
        else:
            organization, unit_name = _unit(request.user, data["unit"])
            previous = None
            if data["end_previous"]:
                previous = selectors.open_position_in_unit(
                    member, data["date"] - services.ONE_DAY, organization=organization, unit_name=unit_name
                )
                if previous is not None and (previous.title == data["title"] or previous.start >= data["date"]):
                    previous = None
            try:
                decision, _warnings = services.record_decision(
                    kind=data["kind"],
                    date=data["date"],
                    member=member,
                    title=data["title"],
                    managed_by=org,
                    organization=organization,
                    unit_name=unit_name,
                    number=data["number"],
                    note=data["note"],
                    previous_position=previous,
                    override_reason=data["override_reason"],
                    by=request.user,
                )
            except services.NeedsOverride as exc:
                warnings = exc.warnings
                form.add_error("override_reason", exc.message)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request, _("The decision for %(name)s has been recorded.") % {"name": decision.member.full_name}
                )
                return redirect("cadres:year", org.code, decision.date.year)
    return render(request, "cadres/record.html", {"org": org, "form": form, "warnings": warnings})
