import datetime as dt
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from dangbo.accounts.access import can_change_tree, get_organization_for_user, require, visible_organizations
from dangbo.core import xlsx
from dangbo.core.converters import requested_year
from dangbo.core.errors import DomainError
from dangbo.core.models import PersonalDataExport
from dangbo.core.services import log_export
from dangbo.core.versions import version_of
from dangbo.members.models import Member, MembershipSpan
from dangbo.organizations.selectors import name_on, within_existence

from . import selectors, services
from .forms import ClassForm, EnrollForm
from .models import Enrollment, TrainingClass


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def latest_year(request, code):
    org = get_organization_for_user(request.user, code)
    year = requested_year(request)
    if year is None:
        years = selectors.years_with_classes(org)
        year = within_existence(org, years[0] if years else timezone.localdate().year)
    return redirect("training:year", org.code, year)


def year_page(request, code, year):
    """The classes starting in `year` organized in the organization's subtree."""
    org = get_organization_for_user(request.user, code)
    figures = selectors.training_figures(org, year)
    labels = {key: TrainingClass.Program(p).label for p, key in TrainingClass.REPORT_KEYS.items()}
    this_year = timezone.localdate().year
    return render(
        request,
        "training/year.html",
        {
            "org": org,
            "org_name": name_on(org, dt.date(year, 12, 31)),
            "year": year,
            "years": sorted(set(selectors.years_with_classes(org)) | {this_year, year}, reverse=True),
            "classes": selectors.classes_in_scope(org, year),
            "programs": [(labels[key], n) for key, n in figures.items()],
            "can_change": can_change_tree(request.user, org),
        },
    )


def create(request, code):
    org = get_organization_for_user(request.user, code)
    require(can_change_tree(request.user, org))
    form = ClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            klass = services.create_class(organizer=org, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Class %(code)s created.") % {"code": klass.code})
            return redirect("training:detail", klass.pk)
    return render(request, "training/create.html", {"org": org, "form": form})


def _get_class(request, pk) -> TrainingClass:
    klass = get_object_or_404(TrainingClass.objects.select_related("organizer"), pk=pk)
    get_organization_for_user(request.user, klass.organizer.code)  # 404 outside the scope
    return klass


def _visible_member(user, code: str) -> Member | None:
    """The member with this code, if they ever belonged where the user may see."""
    member = Member.objects.filter(code=(code or "").strip()).first()
    if member is None:
        return None
    seen = MembershipSpan.objects.filter(member=member, organization__in=visible_organizations(user)).exists()
    return member if seen else None


def detail(request, pk):
    """The class and its learners in name order; staff enroll learners here."""
    klass = _get_class(request, pk)
    can_change = can_change_tree(request.user, klass.organizer)
    form = EnrollForm(request.POST or None)
    if request.method == "POST":
        require(can_change)
        if form.is_valid():
            data = form.cleaned_data
            member = None
            if data["member"]:
                member = _visible_member(request.user, data["member"])
                if member is None:
                    form.add_error("member", _("Unknown member code."))
            if not form.errors:
                try:
                    enrollment = services.enroll(
                        klass=klass, member=member, full_name=data["full_name"], birth=data["birth"], by=request.user
                    )
                except DomainError as exc:
                    _form_error(form, exc)
                else:
                    messages.success(request, _("%(name)s has been enrolled.") % {"name": enrollment.full_name})
                    return redirect("training:detail", klass.pk)
    return render(
        request,
        "training/detail.html",
        {
            "klass": klass,
            "org": klass.organizer,
            "learners": selectors.learners(klass),
            "results": Enrollment.Result.choices,
            "version": version_of(*Enrollment.objects.filter(klass=klass)),
            "form": form,
            "can_change": can_change,
        },
    )


def results(request, pk):
    """Save the results of the learners (one select per learner, named result-<id>)."""
    klass = _get_class(request, pk)
    require(can_change_tree(request.user, klass.organizer))
    if request.method == "POST":
        results = {int(key[len("result-"):]): value for key, value in request.POST.items()
                   if key.startswith("result-") and key[len("result-"):].isdigit()}
        try:
            changed = services.set_results(klass=klass, results=results, version=request.POST.get("version"),
                                           by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if changed:
                messages.success(request, _("The results have been saved."))
    return redirect("training:detail", klass.pk)


def attendance(request, pk):
    """The attendance list, laid out for printing."""
    klass = _get_class(request, pk)
    return render(
        request,
        "training/attendance.html",
        {"klass": klass, "org": klass.organizer, "learners": selectors.learners(klass)},
    )


def attendance_xlsx(request, pk):
    klass = _get_class(request, pk)
    book = Workbook()
    ws = book.active
    ws.title = klass.code[:31]
    bold = Font(bold=True)
    xlsx.append(ws, [klass.name], font=bold)
    dates = klass.start.strftime("%d/%m/%Y") + (f" – {klass.end:%d/%m/%Y}" if klass.end else "")
    xlsx.append(ws, [klass.get_program_display(), klass.organizer.name, dates])
    xlsx.append(ws, [])
    header = [_("No."), _("Full name"), _("Date of birth"), _("Member code"), _("Result"), _("Signature")]
    xlsx.append(ws, header, font=bold)
    learners = list(selectors.learners(klass))
    log_export(kind=PersonalDataExport.Kind.ATTENDANCE, by=request.user, organization=klass.organizer,
               scope=klass.code, rows=len(learners))
    for number, e in enumerate(learners, start=1):
        birth = e.birth_date.strftime("%d/%m/%Y") if e.birth_date else (e.birth_year or "")
        xlsx.append(ws, [number, e.full_name, birth, e.member.code if e.member_id else "", e.get_result_display(),
                         ""])
    for column, width in zip("ABCDEF", (6, 32, 14, 14, 18, 18), strict=True):
        ws.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{klass.code}.xlsx"'
    return response
