"""Uploaded news photos made light: upright, at most MAX_WIDTH wide, re-encoded as JPEG
without metadata (`core.images`)."""

from PIL import Image

from dangbo.core.images import clean_jpeg, open_picture

MAX_WIDTH = 1600
QUALITY = 85


def prepare_photo(data: bytes) -> tuple[bytes, int, int]:
    """JPEG bytes of the picture in `data` (resized, upright, metadata stripped), its
    width and height."""
    picture = open_picture(data, field="image", cover=(MAX_WIDTH, 1))
    if picture.width > MAX_WIDTH:
        height = round(picture.height * MAX_WIDTH / picture.width)
        picture = picture.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    return clean_jpeg(picture, quality=QUALITY, progressive=True), picture.width, picture.height
