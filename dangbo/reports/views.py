"""The yearly report in the app: the page, the records behind each figure, the files,
issuing, the issuing body's settings and the news draft.

Every view gets its organization through `get_organization_for_user` (404 outside the
user's scope); issuing and settings need `can_change_tree`.
"""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangbo.accounts import access
from dangbo.accounts.access import can_change_tree, get_organization_for_user, require
from dangbo.core import replica
from dangbo.core.converters import requested_year
from dangbo.core.errors import DomainError
from dangbo.core.once import once
from dangbo.core.versions import StaleEdit, refuse_stale, version_of
from dangbo.lib.vntext import parse_date, short_date
from dangbo.organizations.selectors import name_on

from . import records, selectors, services
from .article import article_html, compose_article
from .excel import build_xlsx
from .figures import ReportError, annual_figures, validate
from .forms import SettingsForm
from .models import IssuedReport, ReportSettings
from .page import news_enabled, report_context
from .parts import part_for


def _org_and_year(request, code, year):
    """(organization, None) when the report can be made, else (organization, response)."""
    org = get_organization_for_user(request.user, code)
    try:
        validate(org, year)
    except ReportError as exc:
        return org, render(request, "reports/unavailable.html", {"org": org, "message": exc.message}, status=404)
    return org, None


def latest_year(request, code):
    """The report of the year asked for (?year=), or of the page it was opened from
    (?day=: a 2022 view opens the 2022 report), else of last year; for an organization
    that has ended, of the last year at whose end it stood."""
    org = get_organization_for_user(request.user, code)
    today = timezone.localdate()
    year = requested_year(request)
    if year is None:
        try:
            year = selectors.year_of_day(org, parse_date(request.GET["day"]), today)
        except (KeyError, ValueError, TypeError):
            year = selectors.report_year(org, today) or today.year - 1
    return redirect("reports:year", org.code, year)


def year_page(request, code, year):
    org, refused = _org_and_year(request, code, year)
    if refused:
        return refused
    with replica.reading():  # read-only: a replica may answer (core.replica)
        context = report_context(org, year, annual_figures(org, year), user=request.user)
        return render(request, "reports/annual.html", context)


def _filename(org, year, ext: str) -> str:
    return f"bao-cao-{org.code.lower()}-{year}.{ext}"


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def docx(request, code, year):
    org, refused = _org_and_year(request, code, year)
    if refused:
        return refused
    return _download(services.draft_docx(org, year), _filename(org, year, "docx"), DOCX)


def xlsx(request, code, year):
    org, refused = _org_and_year(request, code, year)
    if refused:
        return refused
    return _download(build_xlsx(annual_figures(org, year)), _filename(org, year, "xlsx"), XLSX)


def issued_docx(request, pk):
    report = get_object_or_404(IssuedReport.objects.select_related("organization"), pk=pk)
    get_organization_for_user(request.user, report.organization.code)  # 404 outside the scope
    name = f"{report.symbol.replace('/', '-')}-{report.year}.docx"
    return _download(bytes(report.docx), name, DOCX)


def records_page(request, code, year, figure):
    org, refused = _org_and_year(request, code, year)
    if refused:
        return refused
    part = part_for(figure)
    if part is not None and part.allowed is not None and not part.allowed(request.user, org):
        raise Http404(_("No such figure."))
    listing = records.behind(org, year, figure, request.GET)
    if listing is None:
        raise Http404(_("No such figure."))
    return render(
        request,
        "reports/records.html",
        {
            "org": org,
            "org_name": name_on(org, dt.date(year, 12, 31)),
            "year": year,
            **listing,
        },
    )


@require_POST
def issue(request, code, year):
    org, refused = _org_and_year(request, code, year)
    if refused:
        return refused
    require(access.may_write_some_day(request.user, org))
    day = None
    if request.POST.get("issued_on"):
        try:
            day = parse_date(request.POST["issued_on"])
        except ValueError as exc:
            messages.error(request, str(exc))
            return redirect("reports:year", org.code, year)
    # Scope on the report's own date: a committee that has ended issues nothing after its last day.
    require(can_change_tree(request.user, org, on=day or selectors.default_issue_date(org, year)))
    try:
        report = services.issue_report(organization=org, year=year, by=request.user, issued_on=day)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Report %(symbol)s issued on %(day)s.") % {"symbol": report.symbol, "day": short_date(report.issued_on)},
        )
        warning = selectors.abbreviation_warning(
            selectors.settings_for(org, report.issued_on).abbreviation, report.issued_on
        )
        if warning:
            messages.warning(request, warning)
    return redirect("reports:year", org.code, year)


def settings_page(request, code):
    org = get_organization_for_user(request.user, code)
    require(can_change_tree(request.user, org))
    year = requested_year(request) or timezone.localdate().year - 1
    current = selectors.settings_for(org, selectors.default_issue_date(org, year))
    initial = {name: getattr(current, name) for name in services.SETTING_FIELDS}
    initial["version"] = version_of(ReportSettings.objects.filter(organization=org).first())
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_settings(organization=org, by=request.user, **form.cleaned_data)
        except StaleEdit as exc:
            refuse_stale(form, exc)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("reports:year", org.code, year)
    return render(request, "reports/settings.html", {"org": org, "year": year, "form": form})


@require_POST
def news_draft(request, code, year):
    """One click: the article of the year becomes a draft on the news page, and the
    page shows it. Sent twice (a double click, a retry), it makes one draft
    (core.once)."""
    org, refused = _org_and_year(request, code, year)
    if refused:
        return refused
    require(can_change_tree(request.user, org))
    if not news_enabled():
        raise Http404(_("The news page is not available."))
    from dangbo.news.services import create_draft_from_report

    def make() -> str:
        article = compose_article(org, year)
        draft = create_draft_from_report(
            organization=org,
            year=year,
            title=article["title"],
            lead=article["lead"],
            body_html=article_html(article),  # the byline is the article's own field
            caption=article["caption"] or "",
            by=request.user,
        )
        return draft.get_absolute_url()

    try:
        url = once(request, make)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reports:year", org.code, year)
    messages.success(request, _("A news draft has been made from the report."))
    return redirect(url)
