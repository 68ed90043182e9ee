"""The import page (upload, then a background check, then a background import) and the
workbook downloads. The page never imports in the request: it starts a job and polls it."""

import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangbo.accounts.access import can_change_tree, get_organization_for_user, may_see, require
from dangbo.core.errors import DomainError
from dangbo.core.models import PersonalDataExport
from dangbo.core.services import log_export

from . import jobs, services
from .exporter import export_workbook, write_template
from .forms import UploadForm
from .importer import ImportReport
from .models import ImportJob, ImportRun

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _runs(user):
    runs = ImportRun.objects.select_related("created_by")
    return runs if user.is_admin else runs.filter(created_by=user)


def _jobs(user):
    found = ImportJob.objects.select_related("created_by")
    return found if user.is_admin else found.filter(created_by=user)


def _job_for(user, job_id) -> ImportJob:
    """A job of this person (an administrator sees all); 404 for anyone else's."""
    job = _jobs(user).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return jobs.refresh(job)


def import_page(request):
    require(can_change_tree(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start_check(upload=form.cleaned_data["file"], by=request.user)
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("interchange:job", job.pk)
    return render(request, "interchange/import.html", {
        "form": form, "runs": _runs(request.user)[:20], "jobs": _jobs(request.user)[:10],
    })


def _job_context(job: ImportJob) -> dict:
    report = ImportReport.from_dict(job.report) if job.report else None
    confirmed = ImportJob.objects.filter(checked_by=job).first() if job.mode == ImportJob.Mode.CHECK else None
    return {
        "job": job,
        "state": None if job.finished else jobs.read_progress(job),
        "report": report,
        "can_import": job.mode == ImportJob.Mode.CHECK and job.status == ImportJob.Status.DONE and confirmed is None,
        "confirmed": confirmed,
    }


def job_page(request, job_id):
    require(can_change_tree(request.user))
    job = _job_for(request.user, job_id)
    return render(request, "interchange/job.html", _job_context(job))


def job_status(request, job_id):
    """The job's state as HTML for HTMX: the page polls it every second until it ends."""
    require(can_change_tree(request.user))
    job = _job_for(request.user, job_id)
    return render(request, "interchange/_job.html", _job_context(job))


@require_POST
def job_confirm(request, job_id):
    require(can_change_tree(request.user))
    check = _job_for(request.user, job_id)
    try:
        job = services.start_import(check=check, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("interchange:job", check.pk)
    return redirect("interchange:job", job.pk)


def template_download(request):
    require(can_change_tree(request.user))
    buffer = io.BytesIO()
    write_template(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="dangbo-mau-nhap-lieu.xlsx"'
    return response


def export_download(request):
    code = request.GET.get("org", "").strip()
    if not code:
        raise Http404(_("No such organization."))
    org = get_organization_for_user(request.user, code)
    require(may_see(request.user, "citizen_id") and may_see(request.user, "religion"))  # whole dossiers
    buffer = io.BytesIO()
    counts = export_workbook(org, buffer, user=request.user)
    log_export(kind=PersonalDataExport.Kind.INTERCHANGE, by=request.user, organization=org, rows=sum(counts.values()))
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="dangbo-{org.code}.xlsx"'
    return response
