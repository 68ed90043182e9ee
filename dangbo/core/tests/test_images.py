"""Pictures are decoded no larger than their use needs (core.images, `cover`)."""

import io

import pytest
from PIL import Image

from dangbo.core.errors import DomainError
from dangbo.core.images import MAX_PIXELS, open_picture


def encoded(size, mode="RGB", fmt="JPEG", orientation=None) -> bytes:
    picture = Image.new(mode, size, (200, 10, 10, 0) if mode == "RGBA" else "white")
    out = io.BytesIO()
    kwargs = {}
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        kwargs["exif"] = exif
    picture.save(out, format=fmt, **kwargs)
    return out.getvalue()


def test_a_large_jpeg_is_decoded_small_for_a_portrait():
    picture = open_picture(encoded((6000, 4000)), field="photo", cover=(300, 400))
    assert picture.mode == "RGB"
    assert 300 <= picture.width < 1200 and 400 <= picture.height < 1600


def test_a_turned_jpeg_is_measured_upright():
    picture = open_picture(encoded((4000, 3000), orientation=6), field="photo", cover=(300, 400))
    assert picture.height > picture.width  # turned a quarter: 3000 wide, 4000 high
    assert picture.width >= 300 and picture.height >= 400


def test_a_large_transparent_png_is_reduced_before_it_is_flattened():
    picture = open_picture(encoded((4000, 4000), mode="RGBA", fmt="PNG"), field="image", cover=(1600, 1))
    assert picture.mode == "RGB" and picture.width == 2000
    assert picture.getpixel((0, 0)) == (255, 255, 255)  # transparent became white


def test_without_cover_the_picture_keeps_its_size():
    assert open_picture(encoded((1200, 800)), field="image").size == (1200, 800)


def test_too_many_pixels_are_refused_before_decoding():
    side = int(MAX_PIXELS ** 0.5) + 10
    with pytest.raises(DomainError):
        open_picture(encoded((side, side), mode="L", fmt="PNG"), field="image")
