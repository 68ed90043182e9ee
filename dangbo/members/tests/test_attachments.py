import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangbo.core.errors import DomainError
from dangbo.core.models import HardDeleteError
from dangbo.members import services
from dangbo.members.models import EventAttachment, MembershipEvent
from dangbo.members.tests.helpers import record

from .helpers import opening, person, vi

D = dt.date
pytestmark = pytest.mark.usefixtures("vietnamese")
PDF = b"%PDF-1.7\n%%EOF\n"


def pdf(name="Quyết định chuyển sinh hoạt.pdf", body=b""):
    return SimpleUploadedFile(name, PDF + body, content_type="application/pdf")


@pytest.fixture
def thien(tree):
    m = person(name="Trịnh Văn Thiện", code="A1")
    opening(m, tree.cell1a)
    return m


@pytest.fixture
def event(thien):
    return MembershipEvent.objects.get(member=thien, kind="OPENING")


def test_recording_an_event_with_attachments_keeps_hash_size_and_author(media, thien, tree, cast):
    event = record(
        member=thien, kind="TRANSFERRED_INTERNAL", date=D(2023, 3, 5), organization=tree.cell1b,
        attachments=[pdf(), pdf("Biên bản.pdf", b"other")], by=cast.alice,
    )
    first, second = event.attachments.order_by("pk")
    assert (first.name, first.size, first.sha256) == ("Quyết định chuyển sinh hoạt.pdf", len(PDF),
                                                      hashlib.sha256(PDF).hexdigest())
    assert first.content_type == "application/pdf" and first.created_by == cast.alice
    assert first.file.name.startswith("attachments/") and first.file.name.endswith(".pdf")
    path = Path(first.file.path)
    assert path.read_bytes() == PDF and second.name == "Biên bản.pdf"
    assert media not in path.parents  # kept where no /media/ URL reaches
    assert first.history.get().history_user == cast.alice


def test_a_refused_attachment_records_no_event(media, thien, tree):
    with pytest.raises(DomainError) as refused:
        record(member=thien, kind="TRANSFERRED_INTERNAL", date=D(2023, 3, 5),
                              organization=tree.cell1b, attachments=[pdf(), SimpleUploadedFile("x.exe", b"MZ")])
    assert refused.value.field == "attachments"
    assert not MembershipEvent.objects.filter(kind="TRANSFERRED_INTERNAL").exists()
    assert not EventAttachment.objects.exists()


def test_a_refused_event_keeps_no_attachment(media, thien):
    with pytest.raises(DomainError):  # recognition of an official member
        record(member=thien, kind="RECOGNIZED_OFFICIAL", date=D(2023, 3, 5), attachments=[pdf()])
    assert not EventAttachment.objects.exists()


def test_attaching_later_refuses_the_same_file_twice_and_voided_events(media, event, cast):
    services.attach_to_event(event=event, uploads=[pdf()], by=cast.alice)
    with pytest.raises(DomainError) as refused:
        services.attach_to_event(event=event, uploads=[pdf("again.pdf")], by=cast.alice)
    assert refused.value.message == vi("%(name)s is already attached to this event.", name="again.pdf")
    with pytest.raises(DomainError):
        services.attach_to_event(event=event, uploads=[], by=cast.alice)
    other = record(member=event.member, kind="DIED", date=D(2024, 1, 1))
    services.void_event(event=other, reason="Nhập nhầm")
    with pytest.raises(DomainError) as refused:
        services.attach_to_event(event=other, uploads=[pdf()], by=cast.alice)
    assert refused.value.message == vi("This event is voided: attach the files to the right event.")


def test_an_attachment_is_voided_with_a_reason_never_deleted(media, event, cast):
    [attachment] = services.attach_to_event(event=event, uploads=[pdf()], by=cast.alice)
    with pytest.raises(DomainError):
        services.void_attachment(attachment=attachment, reason="  ", by=cast.alice)
    services.void_attachment(attachment=attachment, reason="Nhầm hồ sơ", by=cast.alice)
    attachment.refresh_from_db()
    assert attachment.voided_at and attachment.void_reason == "Nhầm hồ sơ"
    with pytest.raises(DomainError):
        services.void_attachment(attachment=attachment, reason="again", by=cast.alice)
    with pytest.raises(HardDeleteError):
        attachment.delete()
    # once voided, the same file may be attached again
    services.attach_to_event(event=event, uploads=[pdf()], by=cast.alice)


def test_upload_with_the_event_form_and_later_from_the_timeline(media, thien, tree, cast, login):
    client = login(cast.alice)
    client.post(reverse("members:record_event", args=["A1"]), {
        "kind": "TRANSFERRED_INTERNAL", "date": "05/03/2023", "organization": tree.cell1b.pk,
        "attachments": [pdf(), pdf("Biên bản.pdf", b"2")],
    })
    event = MembershipEvent.objects.get(kind="TRANSFERRED_INTERNAL")
    assert event.attachments.count() == 2
    client.post(reverse("members:attach_to_event", args=[event.pk]), {"attachments": [pdf("Thư giới thiệu.pdf", b"3")]})
    assert event.attachments.count() == 3
    html = client.get(reverse("members:detail", args=["A1"])).content.decode()
    for a in event.attachments.all():
        assert a.name in html and reverse("members:attachment", args=[a.pk]) in html
    assert 'enctype="multipart/form-data"' in html


def test_a_refused_file_is_explained_on_the_page(media, event, cast, login):
    response = login(cast.alice).post(reverse("members:attach_to_event", args=[event.pk]),
                                      {"attachments": [SimpleUploadedFile("virus.exe", b"MZ")]}, follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith(vi("%(name)s: this type of file is not accepted. Attach %(allowed)s.", name="virus.exe",
                                 allowed=vi("PDF, JPEG, PNG, Word (doc, docx) or Excel (xls, xlsx)")))
    assert not EventAttachment.objects.exists()


def test_the_download_is_an_attachment_with_the_original_name(media, event, cast, login):
    [attachment] = services.attach_to_event(event=event, uploads=[pdf()], by=cast.alice)
    for user in (cast.alice, cast.bob, cast.vera, cast.root):
        response = login(user).get(reverse("members:attachment", args=[attachment.pk]))
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''Quy%E1%BA%BFt" in response["Content-Disposition"]


def test_a_voided_attachment_is_downloaded_by_writers_only(media, event, cast, login):
    [attachment] = services.attach_to_event(event=event, uploads=[pdf()], by=cast.alice)
    services.void_attachment(attachment=attachment, reason="Nhầm hồ sơ", by=cast.alice)
    url = reverse("members:attachment", args=[attachment.pk])
    assert login(cast.alice).get(url).status_code == 200
    assert login(cast.vera).get(url).status_code == 404
    html = login(cast.vera).get(reverse("members:detail", args=["A1"])).content.decode()
    assert attachment.name in html and url not in html and "Nhầm hồ sơ" in html


def test_voiding_from_the_page_needs_a_reason(media, event, cast, login):
    [attachment] = services.attach_to_event(event=event, uploads=[pdf()], by=cast.alice)
    client = login(cast.alice)
    client.post(reverse("members:void_attachment", args=[attachment.pk]), {"reason": ""})
    attachment.refresh_from_db()
    assert attachment.voided_at is None
    client.post(reverse("members:void_attachment", args=[attachment.pk]), {"reason": "Nhầm hồ sơ"})
    attachment.refresh_from_db()
    assert attachment.void_reason == "Nhầm hồ sơ"


def test_an_outsider_gets_404_everywhere(media, event, cast, login):
    [attachment] = services.attach_to_event(event=event, uploads=[pdf()], by=cast.alice)
    client = login(cast.charlie)
    assert client.get(reverse("members:attachment", args=[attachment.pk])).status_code == 404
    assert client.post(reverse("members:attach_to_event", args=[event.pk]),
                       {"attachments": [pdf("x.pdf", b"x")]}).status_code == 404
    assert client.post(reverse("members:void_attachment", args=[attachment.pk]),
                       {"reason": "x"}).status_code == 404
    attachment.refresh_from_db()
    assert attachment.voided_at is None and event.attachments.count() == 1


def test_readers_cannot_attach_or_void(media, event, cast, login):
    [attachment] = services.attach_to_event(event=event, uploads=[pdf()], by=cast.alice)
    for user in (cast.vera, cast.bob):
        client = login(user)
        assert client.post(reverse("members:attach_to_event", args=[event.pk]),
                           {"attachments": [pdf("x.pdf", b"x")]}).status_code == 404
        assert client.post(reverse("members:void_attachment", args=[attachment.pk]),
                           {"reason": "x"}).status_code == 404
    assert event.attachments.count() == 1


def test_the_timeline_runs_a_fixed_number_of_queries(media, event, cast, login, django_assert_max_num_queries):
    client = login(cast.alice)
    services.attach_to_event(event=event, uploads=[pdf()], by=cast.alice)
    with django_assert_max_num_queries(40) as first:
        client.get(reverse("members:detail", args=["A1"]))
    for n in range(5):
        services.attach_to_event(event=event, uploads=[pdf(f"{n}.pdf", bytes([n]))], by=cast.alice)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("members:detail", args=["A1"]))
