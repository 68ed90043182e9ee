"""The import page (upload, check, then import) and the workbook downloads."""

import io
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangbo.accounts.access import can_change_tree, get_organization_for_user, require

from .exporter import export_workbook, write_template
from .forms import UploadForm
from .importer import import_file
from .models import ImportRun

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUFFIXES = (".xlsx", ".csv", ".zip")


def _upload_dir() -> Path:
    path = Path(settings.VAR_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _runs(user):
    runs = ImportRun.objects.select_related("created_by")
    return runs if user.is_admin else runs.filter(created_by=user)


PROGRESS_ID = re.compile(r"[0-9a-f]{16}")


def _progress_key(user, progress_id: str) -> str:
    return f"import-progress:{user.pk}:{progress_id}"


def _progress(request):
    """A callback that keeps the page's progress bar informed (through the shared cache,
    read by `import_progress` while the upload's request runs), or None."""
    progress_id = request.POST.get("progress", "")
    if not PROGRESS_ID.fullmatch(progress_id):
        return None
    key = _progress_key(request.user, progress_id)

    def tell(stage: str, done: int, total: int) -> None:
        cache.set(key, {"stage": stage, "done": done, "total": total}, 3600)

    return tell


def import_progress(request, progress_id: str):
    """The progress bar of the upload `progress_id` of this person, as HTML for HTMX."""
    require(can_change_tree(request.user))
    state = cache.get(_progress_key(request.user, progress_id)) if PROGRESS_ID.fullmatch(progress_id) else None
    return render(request, "interchange/_progress.html", {"state": state})


def _context(request, **context) -> dict:
    return {"runs": _runs(request.user)[:20], "progress_id": secrets.token_hex(8), **context}


def import_page(request):
    require(can_change_tree(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    report = token = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in SUFFIXES:
            form.add_error("file", _("Choose an .xlsx, .csv or .zip file."))
        elif upload.size > settings.DANGBO_MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is larger than %(mb)d MB; split it into smaller files.")
                           % {"mb": settings.DANGBO_MAX_UPLOAD_BYTES // 2**20})
        else:
            # Kept until the person confirms; the name is random, the original name is shown.
            token = secrets.token_urlsafe(16)
            path = _upload_dir() / f"{token}{suffix}"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            request.session[f"upload:{token}"] = upload.name
            report = import_file(path, name=upload.name, by=request.user, dry_run=True, progress=_progress(request))
    return render(request, "interchange/import.html", _context(
        request, form=form, report=report, token=token if report and report.ok else None
    ))


@require_POST
def import_confirm(request):
    require(can_change_tree(request.user))
    token = request.POST.get("token", "")
    name = request.session.pop(f"upload:{token}", None)
    matches = list(_upload_dir().glob(f"{token}.*")) if token.replace("-", "").replace("_", "").isalnum() else []
    if name is None or not matches:
        messages.error(request, _("The uploaded file has expired; upload it again."))
        return redirect("interchange:import")
    path = matches[0]
    try:
        report = import_file(path, name=name, by=request.user, progress=_progress(request))
    finally:
        path.unlink(missing_ok=True)
    if report.ok:
        messages.success(request, _("%(name)s has been imported.") % {"name": name})
    return render(request, "interchange/import.html", _context(
        request, form=UploadForm(), report=report, done=report.ok
    ))


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
    buffer = io.BytesIO()
    export_workbook(org, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="dangbo-{org.code}.xlsx"'
    return response
