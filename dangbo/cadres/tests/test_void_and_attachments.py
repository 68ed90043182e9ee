import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.conf import settings

from dangbo.cadres import selectors, services
from dangbo.cadres.models import DecisionAttachment, PersonnelDecision, Position
from dangbo.core import attachments as files
from dangbo.core.errors import DomainError

from .helpers import PDF, decide, member_of, upload

D = dt.date
COMMUNE = {"organization": None, "unit_name": ""}


@pytest.fixture
def an(tree):
    return member_of(tree.cell1a)


def designate(member, tree, title, date, **kwargs):
    return decide(member, tree.dist, kind="DESIGNATION", title=title, organization=tree.comm1, date=date, **kwargs)[0]


# Voiding a decision


def test_voiding_a_decision_voids_the_position_it_opened(tree, cast, an):
    decision, _w = decide(an, tree.dist)
    services.void_decision(decision=decision, reason="Nhập nhầm người", by=cast.alice)
    decision.refresh_from_db()
    position = Position.objects.get()
    assert decision.voided_at is not None and decision.void_reason == "Nhập nhầm người"
    assert position.voided_at is not None and position.history.first().history_user == cast.alice
    assert selectors.positions_on(an, D(2022, 6, 1)) == []
    assert selectors.cadre_figures(tree.dist, 2022)["decisions"] == 0
    assert Position.objects.live().count() == 0


def test_voiding_puts_back_the_position_it_ended(tree, an):
    deputy = designate(an, tree, "Phó Bí thư Đảng ủy xã", D(2020, 1, 10))
    secretary = designate(an, tree, "Bí thư Đảng ủy xã", D(2023, 5, 10), previous_position=deputy.position)
    deputy.position.refresh_from_db()
    assert deputy.position.end == D(2023, 5, 9)
    services.void_decision(decision=secretary, reason="Quyết định ghi nhầm")
    deputy.position.refresh_from_db()
    assert deputy.position.end is None
    assert [p.title for p in selectors.positions_on(an, D(2023, 6, 1))] == ["Phó Bí thư Đảng ủy xã"]
    assert selectors.positions_caption(an, D(2023, 6, 1)) == "Đồng chí Nguyễn Văn An, Phó Bí thư Đảng ủy xã"


def test_voiding_puts_back_an_end_the_position_had(tree, an):
    deputy = designate(an, tree, "Phó Bí thư Đảng ủy xã", D(2020, 1, 10))
    designate(an, tree, "Bí thư Đảng ủy xã", D(2023, 5, 10), previous_position=deputy.position)
    # Recorded afterwards: an earlier move that ended the same post sooner.
    earlier = decide(
        an, tree.dist, kind="TRANSFER", title="Chánh Văn phòng", unit_name="Văn phòng Huyện ủy",
        date=D(2022, 1, 1), previous_position=deputy.position,
    )[0]
    assert earlier.previous_end == D(2023, 5, 9)
    services.void_decision(decision=earlier, reason="Nhầm")
    deputy.position.refresh_from_db()
    assert deputy.position.end == D(2023, 5, 9)


def test_it_refuses_while_a_later_decision_builds_on_it(tree, an):
    deputy = designate(an, tree, "Phó Bí thư Đảng ủy xã", D(2020, 1, 10))
    secretary = designate(an, tree, "Bí thư Đảng ủy xã", D(2023, 5, 10), previous_position=deputy.position)
    with pytest.raises(DomainError) as exc:
        services.void_decision(decision=deputy, reason="Nhầm")
    assert exc.value.obj == secretary and "10/05/2023" in exc.value.message
    deputy.refresh_from_db()
    deputy.position.refresh_from_db()
    assert deputy.voided_at is None and deputy.position.voided_at is None
    assert deputy.position.end == D(2023, 5, 9)
    # Voiding the later one first, then this one, is fine.
    services.void_decision(decision=secretary, reason="Nhầm")
    services.void_decision(decision=deputy, reason="Nhầm")
    assert Position.objects.live().count() == 0


def test_a_reappointment_depends_on_the_appointment_but_not_the_other_way(tree, an):
    first, _w = decide(an, tree.dist)
    again, _w = decide(an, tree.dist, kind="REAPPOINTMENT", date=D(2027, 2, 1))
    with pytest.raises(DomainError):
        services.void_decision(decision=first, reason="Nhầm")
    services.void_decision(decision=again, reason="Nhầm")
    first.position.refresh_from_db()
    assert first.position.voided_at is None  # the post continues from the appointment
    services.void_decision(decision=first, reason="Nhầm")


def test_voiding_needs_a_reason_and_happens_once(tree, an):
    decision, _w = decide(an, tree.dist)
    with pytest.raises(DomainError) as exc:
        services.void_decision(decision=decision, reason="  ")
    assert exc.value.field == "reason"
    services.void_decision(decision=decision, reason="Nhầm")
    with pytest.raises(DomainError):
        services.void_decision(decision=decision, reason="Nhầm")
    assert decision.history.count() == 2


def test_a_voided_decision_can_be_recorded_again(tree, an):
    decision, _w = decide(an, tree.dist)
    services.void_decision(decision=decision, reason="Sai ngày")
    again, _w = decide(an, tree.dist, date=D(2022, 3, 2))
    assert again.position != decision.position and again.position.voided_at is None
    assert list(selectors.terms_ending(tree.dist, D(2027, 1, 4))) == [again]


def test_the_warnings_are_kept_with_the_reason(tree, an):
    services.add_succession_plan(
        member=member_of(tree.cell1b, name="Lê Thị Hoa"), title="Trưởng phòng Nội vụ",
        organization=tree.dist, from_year=2020, to_year=2025,
    )
    decision, warnings = decide(an, tree.dist, override_reason="Nhu cầu công tác")
    decision.refresh_from_db()
    assert decision.warning_list == warnings and len(warnings) == 1
    assert decision.override_reason == "Nhu cầu công tác"
    quiet, _w = decide(member_of(tree.cell1b, name="Lê Thị Hoa", since=D(2015, 1, 1)), tree.dist, kind="TRANSFER")
    assert quiet.warnings == "" and quiet.override_reason == ""


# Attachments


def test_a_file_is_kept_privately_with_its_digest(tree, cast, an):
    decision, _w = decide(an, tree.dist)
    attachment = services.attach_file(decision=decision, upload=upload("QĐ 12-QĐ/HU.pdf"), by=cast.alice)
    assert attachment.name == "QĐ 12-QĐ/HU.pdf".split("/")[-1]
    assert attachment.size == len(PDF) and attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.content_type == "application/pdf" and attachment.created_by == cast.alice
    path = Path(attachment.file.path)
    assert path.read_bytes() == PDF
    assert Path(settings.MEDIA_ROOT) not in path.parents  # never under the public media folder
    assert attachment.history.count() == 1
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("virus.exe", b"MZ\x90\x00", "PDF"),
        ("scan.pdf", b"MZ\x90\x00 not a pdf", "PDF"),
        ("photo.png", PDF, "PNG"),
        ("empty.pdf", b"", ""),
    ],
)
def test_it_refuses_files_of_other_types(tree, an, name, content, words):
    decision, _w = decide(an, tree.dist)
    with pytest.raises(DomainError) as exc:
        services.attach_file(decision=decision, upload=upload(name, content))
    assert exc.value.field == "attachment" and words in exc.value.message
    assert not DecisionAttachment.objects.exists()


def test_it_refuses_a_file_over_the_limit(tree, an, settings):
    settings.DANGBO_MAX_UPLOAD_BYTES = 1024 * 1024
    decision, _w = decide(an, tree.dist)
    with pytest.raises(DomainError) as exc:
        services.attach_file(decision=decision, upload=upload(content=PDF + b"0" * 1024 * 1024))
    assert "1.0\xa0MB" in exc.value.message or "1,0\xa0MB" in exc.value.message
    assert files.max_bytes() == 1024 * 1024
    settings.DANGBO_MAX_UPLOAD_BYTES = 50 * 1024 * 1024
    assert files.max_bytes() == 20 * 1024 * 1024


def test_the_same_file_is_attached_once_and_a_voided_one_again(tree, an):
    decision, _w = decide(an, tree.dist)
    first = services.attach_file(decision=decision, upload=upload())
    with pytest.raises(DomainError):
        services.attach_file(decision=decision, upload=upload("copy.pdf"))
    services.void_attachment(attachment=first, reason="Nhầm tệp")
    first.refresh_from_db()
    assert first.voided_at is not None and first.void_reason == "Nhầm tệp"
    with pytest.raises(DomainError):
        services.void_attachment(attachment=first, reason="Nhầm tệp")
    services.attach_file(decision=decision, upload=upload("again.pdf"))
    assert [a.name for a in selectors.decision_attachments(decision)] == ["again.pdf", "quyet-dinh.pdf"]


def docx_bytes() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def test_office_and_image_files_are_accepted(tree, an):
    decision, _w = decide(an, tree.dist)
    files = {
        "bien-ban.docx": docx_bytes(),
        "danh-sach.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest",
        "anh.JPG": b"\xff\xd8\xff\xe0rest",
    }
    for name, content in files.items():
        services.attach_file(decision=decision, upload=upload(name, content))
    assert sorted(DecisionAttachment.objects.values_list("content_type", flat=True)) == [
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/jpeg",
    ]


def test_nothing_is_attached_to_a_voided_decision(tree, an):
    decision, _w = decide(an, tree.dist)
    services.void_decision(decision=decision, reason="Nhầm")
    with pytest.raises(DomainError):
        services.attach_file(decision=decision, upload=upload())


def test_a_decision_is_recorded_with_its_file_or_not_at_all(tree, an):
    decision, _w = decide(an, tree.dist, files=[upload()])
    assert decision.attachments.get().name == "quyet-dinh.pdf"
    with pytest.raises(DomainError) as exc:
        decide(an, tree.dist, kind="TRANSFER", title="Chánh Văn phòng", files=[upload("x.zip", b"PK\x03\x04")])
    assert exc.value.field == "attachment"
    assert PersonnelDecision.objects.count() == 1 and Position.objects.count() == 1
