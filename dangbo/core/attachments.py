"""Checking and storing the files kept with records (`models.AttachmentBase`).

A file is accepted by its extension and its first bytes together: a renamed executable
is refused even when called "quyet-dinh.pdf". The browser's content type is not trusted:
the one served back is the one of the extension. Files are stored under a random name
(the name as uploaded is kept in `name`, for display and download only).
"""

import dataclasses
import hashlib
import os
import unicodedata
import uuid
import zipfile

from django.conf import settings
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .errors import DomainError

MAX_BYTES = 20 * 1024 * 1024  # scans and minutes: far smaller than a workbook


def max_bytes() -> int:
    """The size limit of one attached file: 20 MB, or the upload limit when lower."""
    return min(settings.DANGBO_MAX_UPLOAD_BYTES, MAX_BYTES)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and Excel 97-2003 files
_ZIP = b"PK\x03\x04"

# extension: (content type, how the file starts, the folder an Office zip holds)
KINDS = {
    "pdf": ("application/pdf", b"%PDF-", None),
    "jpg": ("image/jpeg", b"\xff\xd8\xff", None),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff", None),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n", None),
    "doc": ("application/msword", _OLE, None),
    "xls": ("application/vnd.ms-excel", _OLE, None),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP, "word/"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP, "xl/"),
}


@dataclasses.dataclass(frozen=True)
class CheckedFile:
    name: str  # as uploaded, cleaned, for display
    extension: str
    content_type: str
    size: int
    sha256: str


def display_name(raw: str) -> str:
    """The uploaded file's own name without any folder, in NFC, without control
    characters, at most 255 characters with its extension kept."""
    name = os.path.basename((raw or "").replace("\\", "/"))
    name = "".join(c for c in unicodedata.normalize("NFC", name) if unicodedata.category(c)[0] != "C").strip()
    stem, ext = os.path.splitext(name)
    return stem[: 255 - len(ext)] + ext


def check_upload(upload, *, limit: int | None = None, field: str = "file") -> CheckedFile:
    """Refuse what is too large or not one of KINDS; otherwise the file's facts.

    Reads the file once (hashing 20 MB takes about 30 ms); an Office zip's list of members
    is read from its central directory, nothing is decompressed.
    """
    limit = max_bytes() if limit is None else limit
    allowed = _("PDF, JPEG, PNG, Word (doc, docx) or Excel (xls, xlsx)")
    name = display_name(getattr(upload, "name", ""))
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension not in KINDS:
        raise DomainError(
            _("%(name)s: this type of file is not accepted. Attach %(allowed)s.") % {"name": name, "allowed": allowed},
            field=field,
        )
    too_large = _("%(name)s is too large: at most %(size)s.") % {"name": name, "size": filesizeformat(limit)}
    if upload.size is not None and upload.size > limit:
        raise DomainError(too_large, field=field)
    digest, size, head = hashlib.sha256(), 0, b""
    for chunk in upload.chunks():
        if len(head) < 8:
            head += chunk[: 8 - len(head)]
        size += len(chunk)
        if size > limit:
            raise DomainError(too_large, field=field)
        digest.update(chunk)
    if size == 0:
        raise DomainError(_("%(name)s is empty.") % {"name": name}, field=field)
    content_type, magic, folder = KINDS[extension]
    if not head.startswith(magic) or (folder and not _office_zip_holds(upload, folder)):
        raise DomainError(
            _("%(name)s is not a real %(type)s file. Attach %(allowed)s.")
            % {"name": name, "type": extension.upper(), "allowed": allowed},
            field=field,
        )
    upload.seek(0)
    return CheckedFile(name=name, extension=extension, content_type=content_type, size=size,
                       sha256=digest.hexdigest())


def _office_zip_holds(upload, folder: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def store_file(attachment, upload, checked: CheckedFile) -> None:
    """Write the file under a random name and fill the attachment's facts (not saved)."""
    attachment.name = checked.name
    attachment.size = checked.size
    attachment.sha256 = checked.sha256
    attachment.content_type = checked.content_type
    upload.seek(0)
    attachment.file.save(f"{uuid.uuid4().hex}.{checked.extension}", upload, save=False)


def download(attachment) -> FileResponse:
    """The attachment as a download under the name it was uploaded with, never cached.
    The caller has checked that the person may see it."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from the server.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
