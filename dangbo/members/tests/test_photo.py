import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from dangbo.core import images as core_images
from dangbo.core.errors import DomainError
from dangbo.core.versions import version_of
from dangbo.members import photos, services
from dangbo.members.models import Member

from .helpers import opening, person, vi

D = dt.date
pytestmark = pytest.mark.usefixtures("vietnamese")


def picture(size=(400, 300), orientation=None, fmt="JPEG") -> bytes:
    """Left half red, right half blue; with an EXIF orientation and a GPS position."""
    image = Image.new("RGB", size, "blue")
    image.paste(Image.new("RGB", (size[0] // 2, size[1]), "red"), (0, 0))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0)}  # GPSInfo
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes() if fmt == "JPEG" else None)
    return out.getvalue()


def upload(data: bytes, name="anh.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def thien(tree):
    m = person(name="Trịnh Văn Thiện", code="A1", birth=D(1980, 5, 1))
    opening(m, tree.cell1a)
    m.refresh_from_db()
    return m


def test_the_portrait_is_upright_3x4_jpeg_without_metadata():
    # 400×300 turned a quarter clockwise (orientation 6): the red left half goes on top.
    result = Image.open(io.BytesIO(photos.prepare_portrait(picture(orientation=6))))
    assert (result.format, result.size) == ("JPEG", (300, 400))
    assert not result.getexif() and "exif" not in result.info
    red, _g, blue = result.getpixel((150, 30))
    assert red > 200 and blue < 60
    red, _g, blue = result.getpixel((150, 370))
    assert red < 60 and blue > 200


def test_a_wide_picture_is_cropped_around_the_centre():
    result = Image.open(io.BytesIO(photos.prepare_portrait(picture(size=(1600, 600)))))
    assert result.size == (300, 400)
    # the centre of a red|blue picture: red on the left, blue on the right
    assert result.getpixel((10, 200))[0] > 200 and result.getpixel((290, 200))[2] > 200


def test_a_png_with_transparency_is_flattened_on_white():
    image = Image.new("RGBA", (300, 400), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    result = Image.open(io.BytesIO(photos.prepare_portrait(out.getvalue())))
    assert result.mode == "RGB" and min(result.getpixel((150, 200))) > 240


def test_it_refuses_what_is_not_a_picture():
    with pytest.raises(DomainError) as refused:
        photos.prepare_portrait(b"%PDF-1.4 not a photo")
    assert refused.value.message == vi("The file is not a picture (JPEG, PNG or WebP).")
    assert refused.value.field == "photo"


def test_it_refuses_an_oversized_file_before_reading_it():
    expected = vi("The picture is too large: at most %(size)s.", size="10,0\xa0MB")
    declared = upload(b"\xff\xd8\xff")
    declared.size = photos.MAX_BYTES + 1  # the declared size alone refuses it
    with pytest.raises(DomainError) as refused:
        photos.read_upload(declared)
    assert refused.value.message == expected
    unknown = upload(b"\xff\xd8\xff" + b"0" * photos.MAX_BYTES)
    unknown.size = None  # and reading stops one byte past the limit
    with pytest.raises(DomainError) as refused:
        photos.read_upload(unknown)
    assert refused.value.message == expected


def test_it_refuses_a_decompression_bomb(monkeypatch):
    monkeypatch.setattr(core_images, "MAX_PIXELS", 1000)
    with pytest.raises(DomainError) as refused:
        photos.prepare_portrait(picture())
    assert refused.value.message == vi("The picture is too large.")


def test_replacing_the_photo_keeps_the_history_and_the_old_file(media, thien, cast):
    services.set_member_photo(member=thien, upload=upload(picture()), by=cast.alice)
    first = thien.photo.name
    services.set_member_photo(member=thien, upload=upload(picture(orientation=3)), by=cast.alice)
    thien.refresh_from_db()
    assert thien.photo.name != first and thien.photo.name.startswith("members/photos/")
    private = media.parent / "private"  # core.storage: no URL reaches it
    assert (private / first).exists() and (private / thien.photo.name).exists()
    photos_in_history = [h.photo for h in thien.history.order_by("history_date", "history_id")]
    assert photos_in_history[-2:] == [first, thien.photo.name]
    assert thien.history.latest("history_date").history_user == cast.alice


def test_writers_upload_and_readers_see_the_photo_through_the_checked_view(media, thien, cast, login):
    client = login(cast.alice)
    response = client.post(reverse("members:upload_photo", args=["A1"]),
                           {"photo": upload(picture()), "version": version_of(thien)})
    assert response.status_code == 302
    thien.refresh_from_db()
    html = client.get(reverse("members:detail", args=["A1"])).content.decode()
    assert reverse("members:photo", args=["A1"]) in html
    assert 'src="/media' not in html
    assert f'src="/{thien.photo.name}' not in html and f"/media/{thien.photo.name}" not in html
    for user in (cast.alice, cast.bob, cast.vera, cast.root):
        response = login(user).get(reverse("members:photo", args=["A1"]))
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        assert "private" in response["Cache-Control"]
        assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (300, 400)


def test_a_non_image_upload_is_refused_with_a_message(media, thien, cast, login):
    response = login(cast.alice).post(
        reverse("members:upload_photo", args=["A1"]),
        {"photo": upload(b"MZ\x90\x00 program", "anh.jpg"), "version": version_of(thien)},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [vi("The file is not a picture (JPEG, PNG or WebP).")]
    assert not Member.objects.get(code="A1").photo


def test_an_outsider_gets_404_for_the_photo_and_its_upload(media, thien, cast, login):
    services.set_member_photo(member=thien, upload=upload(picture()), by=cast.alice)
    client = login(cast.charlie)
    assert client.get(reverse("members:photo", args=["A1"])).status_code == 404
    assert client.post(reverse("members:upload_photo", args=["A1"]), {"photo": upload(picture())}).status_code == 404
    thien.refresh_from_db()
    assert thien.history.count() == 3  # created, opening projection, the one photo


def test_readers_cannot_upload(media, thien, cast, login):
    for user in (cast.vera, cast.bob):
        response = login(user).post(reverse("members:upload_photo", args=["A1"]), {"photo": upload(picture())})
        assert response.status_code == 404
    assert not Member.objects.get(code="A1").photo


def test_anonymous_is_sent_to_login(client, media, thien):
    assert client.get(reverse("members:photo", args=["A1"])).status_code == 302
