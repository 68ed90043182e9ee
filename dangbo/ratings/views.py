"""The rating screen (phone-friendly, one tap per level) and the summary of a subtree.

Access: organizations come from `accounts.access`; a cell secretary self-assesses the
members of their own cell, committee staff propose and decide for their subtree.
"""

import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from dangbo.accounts.access import can_change_tree, get_organization_for_user, require
from dangbo.accounts.models import User
from dangbo.core import xlsx
from dangbo.core.db import by_key
from dangbo.core.errors import DomainError
from dangbo.core.versions import NEW, versions_by_pk
from dangbo.lib.vntext import parse_number, sort_key
from dangbo.members.models import Member
from dangbo.members.selectors import members_on
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import last_year_end, name_on

from . import rules, selectors, services
from .models import Rating

Level, Step = Rating.Level, Rating.Step
YEARS_SHOWN = 5  # year over year on the summary


def _role(user) -> str:
    return User.Role.ADMINISTRATOR if user.is_superuser else user.role


def _step_for(request, org: Organization) -> int | None:
    """The step this user records on `org`'s screen, or None for read only."""
    if can_change_tree(request.user, org):
        return Step.DECIDED if request.GET.get("mode", request.POST.get("mode")) == "decide" else Step.PROPOSED
    if _role(request.user) == User.Role.CELL_SECRETARY:
        return Step.SELF_ASSESSED  # their own cell: access.py lets them see nothing else
    return None


def _default_year() -> int:
    today = timezone.localdate()
    return today.year if today.month == 12 else today.year - 1


def organization(request, code):
    """The ratings of the year asked for (?year=), else of the year being rated; for an
    organization that has ended, at most its last year-end (ratings are at year end)."""
    org = get_organization_for_user(request.user, code)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = _default_year()
    last = last_year_end(org, timezone.localdate())
    return redirect("ratings:rate", org.code, min(year, last) if last else year)


def _rates_members(org: Organization) -> bool:
    return org.kind != Organization.Kind.ABOVE_GRASSROOTS


def _member_rows(org: Organization, year: int) -> list[dict]:
    spans = members_on(org, selectors.year_end(year)).select_related("member").order_by(by_key("member__sort_key"))
    spans = list(spans)
    ratings = {r.member_id: r for r in Rating.objects.filter(year=year, member_id__in=[s.member_id for s in spans])}
    versions = versions_by_pk(Rating, [r.pk for r in ratings.values()])
    return [
        {
            "kind": "member",
            "code": s.member.code,
            "name": s.member.full_name,
            "rating": ratings.get(s.member_id),
            "version": versions.get(getattr(ratings.get(s.member_id), "pk", None), NEW),
            "exempted": s.exempted,
        }
        for s in spans
    ]


def _organization_rows(org: Organization, year: int) -> list[dict]:
    spans = [
        s for s in selectors.grassroots_spans(org, year).select_related("organization") if s.organization_id != org.pk
    ]
    spans.sort(key=lambda s: sort_key(s.name))
    ratings = {
        r.organization_id: r
        for r in Rating.objects.filter(year=year, organization_id__in=[s.organization_id for s in spans])
    }
    versions = versions_by_pk(Rating, [r.pk for r in ratings.values()])
    return [
        {
            "kind": "organization",
            "code": s.organization.code,
            "name": s.name,
            "group": s.organization.group,
            "rating": ratings.get(s.organization_id),
            "version": versions.get(getattr(ratings.get(s.organization_id), "pk", None), NEW),
        }
        for s in spans
    ]


def _row_context(org, year, step, row, **extra) -> dict:
    ruleset = rules.rule_set_for(year)
    return {
        "org": org,
        "year": year,
        "step": step,
        "row": row,
        "ruleset": ruleset,
        "levels": [(level, Level(level).label) for level in ruleset.levels],
        "decide": step == Step.DECIDED,
        **extra,
    }


def rate(request, code, year):
    org = get_organization_for_user(request.user, code)
    step = _step_for(request, org)
    ruleset = rules.rule_set_for(year)
    rows = _member_rows(org, year) if _rates_members(org) else _organization_rows(org, year)
    done = sum(1 for r in rows if r["rating"] is not None)
    return render(
        request,
        "ratings/rate.html",
        {
            "org": org,
            "org_name": name_on(org, selectors.year_end(year)),
            "year": year,
            "ruleset": ruleset,
            "rows": [_row_context(org, year, step, row) for row in rows],
            "members": _rates_members(org),
            "step": step,
            "can_decide": can_change_tree(request.user, org),
            "decide": step == Step.DECIDED,
            "done": done,
            "total": len(rows),
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        },
    )


def _score(raw: str):
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return parse_number(raw)
    except ValueError:
        raise DomainError(_("Enter a number."), field="score") from None


def _save(request, org, year, subject: dict, row_fn):
    step = _step_for(request, org)
    require(step is not None)
    error, warnings = None, []
    try:
        outcome = services.record_rating(
            year=year,
            level=request.POST.get("level", ""),
            score=_score(request.POST.get("score", "")),
            reason=request.POST.get("reason", ""),
            override_reason=request.POST.get("override_reason", ""),
            step=step,
            require_override=True,
            version=request.POST.get("version"),
            by=request.user,
            **subject,
        )
        warnings = outcome.warnings
    except DomainError as exc:
        error = exc
    if not request.htmx:
        if error:
            messages.error(request, error.message)
        for warning in warnings:
            messages.warning(request, warning.message)
        return redirect(
            reverse("ratings:rate", args=[org.code, year]) + ("?mode=decide" if step == Step.DECIDED else "")
        )
    rows = row_fn()
    done = sum(1 for r in rows if r["rating"] is not None)
    row = next(r for r in rows if r["code"] == (subject.get("member") or subject.get("organization")).code)
    context = _row_context(
        org,
        year,
        step,
        row,
        error=error,
        warnings=warnings,
        override_needed=error is not None and error.code == "override_needed",
        posted=request.POST,
        done=done,
        total=len(rows),
        oob=True,
    )
    return render(request, "ratings/_row.html", context)


def rate_member(request, code, year, member_code):
    org = get_organization_for_user(request.user, code)
    if request.method != "POST":
        return redirect("ratings:rate", org.code, year)
    member = get_object_or_404(Member, code=member_code)
    if not members_on(org, selectors.year_end(year)).filter(member=member).exists():
        raise Http404(_("No such member in this organization at the end of the year."))
    return _save(request, org, year, {"member": member}, lambda: _member_rows(org, year))


def rate_organization(request, code, year, org_code):
    org = get_organization_for_user(request.user, code)
    if request.method != "POST":
        return redirect("ratings:rate", org.code, year)
    subject = get_object_or_404(Organization, code=org_code)
    if not selectors.grassroots_spans(org, year).filter(organization=subject).exclude(organization=org).exists():
        raise Http404(_("No such organization under this one at the end of the year."))
    return _save(request, org, year, {"organization": subject}, lambda: _organization_rows(org, year))


def reopen(request, code, pk):
    org = get_organization_for_user(request.user, code)
    require(request.method == "POST" and can_change_tree(request.user, org))
    rating = get_object_or_404(Rating, pk=pk)
    in_scope = (
        members_on(org, selectors.year_end(rating.year)).filter(member_id=rating.member_id).exists()
        if rating.member_id
        else selectors.grassroots_spans(org, rating.year).filter(organization_id=rating.organization_id).exists()
    )
    if not in_scope:
        raise Http404(_("No such rating."))
    try:
        services.reopen(rating=rating, reason=request.POST.get("reason", ""), by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The rating has been reopened."))
    return redirect(reverse("ratings:rate", args=[org.code, rating.year]) + "?mode=decide")


def _summary_data(org, year) -> dict:
    figures = selectors.rating_figures(org, year)
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    history = [
        {"year": y, "organizations": selectors.organization_counts(org, y), "members": selectors.member_counts(org, y)}
        for y in years
    ]
    return {"figures": figures, "by_group": selectors.counts_by_group(org, year), "history": history}


LEVEL_KEYS = [
    ("excellent", Level.EXCELLENT),
    ("good", Level.GOOD),
    ("completed", Level.COMPLETED),
    ("not_completed", Level.NOT_COMPLETED),
    ("not_rated", Level.NOT_RATED),
]


def _values(counts: dict) -> list[int]:
    return [counts[key] for key, _level in LEVEL_KEYS]


def summary(request, code, year):
    org = get_organization_for_user(request.user, code)
    data = _summary_data(org, year)
    levels = [(key, Level(level).label) for key, level in LEVEL_KEYS]
    chart = {
        "labels": [str(h["year"]) for h in data["history"]],
        "datasets": [
            {"label": str(label), "data": [h["organizations"][key] for h in data["history"]]} for key, label in levels
        ],
        "members": [
            {"label": str(label), "data": [h["members"][key] for h in data["history"]]} for key, label in levels
        ],
        "organizations_title": _("Grassroots organizations"),
        "members_title": _("Party members"),
    }
    return render(
        request,
        "ratings/summary.html",
        {
            "org": org,
            "org_name": name_on(org, selectors.year_end(year)),
            "year": year,
            "levels": levels,
            "ruleset": rules.rule_set_for(year),
            "chart": chart,
            **data,
            "totals": [
                (_("Grassroots organizations"), _values(data["figures"]["grassroots_ratings"])),
                (_("Party members"), _values(data["figures"]["member_ratings"])),
            ],
            "groups": [(g["group"], _values(g)) for g in data["by_group"]],
            "history_rows": [(h["year"], _values(h["organizations"]), _values(h["members"])) for h in data["history"]],
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        },
    )


def export(request, code, year):
    """The summary as an Excel workbook: one sheet per table, headers in the UI language."""
    org = get_organization_for_user(request.user, code)
    data = _summary_data(org, year)
    headers = [str(Level(level).label) for _key, level in LEVEL_KEYS]
    book = Workbook()
    bold = Font(bold=True)

    def sheet(ws, title, first, rows):
        ws.title = title[:31]
        xlsx.append(ws, [first, *headers], font=bold)
        for label, counts in rows:
            xlsx.append(ws, [label, *(counts[key] for key, _level in LEVEL_KEYS)])

    sheet(
        book.active,
        _("Grassroots organizations"),
        _("Year"),
        [(h["year"], h["organizations"]) for h in data["history"]],
    )
    sheet(book.create_sheet(), _("Party members"), _("Year"), [(h["year"], h["members"]) for h in data["history"]])
    sheet(
        book.create_sheet(),
        _("Comparable groups"),
        _("Comparable group"),
        [(g["group"] or "—", g) for g in data["by_group"]],
    )
    ws = book.create_sheet(_("Warnings")[:31])
    xlsx.append(ws, [_("Code"), _("Message")])
    for warning in data["figures"]["warnings"]:
        xlsx.append(ws, [warning["code"], warning["message"]])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="xep-loai-{org.code}-{year}.xlsx"'
    return response
