import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from dangbo.core import attachments
from dangbo.core.errors import DomainError

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def office_zip(folder: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<x/>")
    return out.getvalue()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("name,data,content_type", [
    ("Quyết định kết nạp.pdf", PDF, "application/pdf"),
    ("scan.JPG", b"\xff\xd8\xff\xe0rest", "image/jpeg"),
    ("scan.png", b"\x89PNG\r\n\x1a\nrest", "image/png"),
    ("to-trinh.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "application/msword"),
    ("danh-sach.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "application/vnd.ms-excel"),
    ("to-trinh.docx", office_zip("word/"),
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("danh-sach.xlsx", office_zip("xl/"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_it_accepts_the_allowed_types_with_their_hash_and_size(name, data, content_type):
    upload = SimpleUploadedFile(name, data, content_type="application/x-anything")
    checked = attachments.check_upload(upload)
    assert checked.content_type == content_type  # from the extension, not the browser
    assert (checked.size, checked.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert checked.name == name and upload.tell() == 0


@pytest.mark.parametrize("name,data,message", [
    ("virus.exe", b"MZ\x90\x00", "virus.exe: this type of file is not accepted."),
    ("no-extension", PDF, "no-extension: this type of file is not accepted."),
    ("fake.pdf", b"MZ\x90\x00 program", "fake.pdf is not a real PDF file."),
    ("fake.docx", office_zip("xl/"), "fake.docx is not a real DOCX file."),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "broken.xlsx is not a real XLSX file."),
    ("empty.pdf", b"", "empty.pdf is empty."),
])
def test_it_refuses_other_files_with_a_clear_message(name, data, message):
    with pytest.raises(DomainError) as refused:
        attachments.check_upload(SimpleUploadedFile(name, data), field="attachments")
    assert refused.value.message.startswith(message) and refused.value.field == "attachments"


def test_it_refuses_a_file_over_the_limit_by_size_and_while_reading():
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 100)
    with pytest.raises(DomainError, match=r"big.pdf is too large: at most 100\sbytes"):
        attachments.check_upload(upload, limit=100)
    upload.size = None  # a size not declared: counted while reading
    with pytest.raises(DomainError, match="too large"):
        attachments.check_upload(upload, limit=100)
    assert attachments.MAX_BYTES == 20 * 1024 * 1024


def test_the_display_name_loses_folders_and_control_characters():
    assert attachments.display_name("C:\\Users\\x\\Quyết định.pdf") == "Quyết định.pdf"
    assert attachments.display_name("../../etc/passwd\x00.pdf") == "passwd.pdf"
    assert attachments.display_name("a" * 300 + ".pdf") == "a" * 251 + ".pdf"
