"""Uploaded photos made safe and light: decoded, turned upright, at most MAX_WIDTH wide,
re-encoded as JPEG without EXIF or any other metadata (a phone's GPS position stays on
the phone)."""

import io

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from dangbo.core.errors import DomainError

MAX_WIDTH = 1600
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
QUALITY = 85


def prepare_photo(data: bytes) -> tuple[bytes, int, int]:
    """JPEG bytes of the picture in `data` (resized, upright, metadata stripped), its
    width and height."""
    try:
        with Image.open(io.BytesIO(data)) as source:
            if source.width * source.height > MAX_PIXELS:
                raise DomainError(_("The picture is too large."), field="image")
            source.load()
            picture = ImageOps.exif_transpose(source)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise DomainError(_("The file is not a picture (JPEG, PNG or WebP)."), field="image") from None
    if picture.mode != "RGB":
        background = Image.new("RGB", picture.size, "white")
        rgba = picture.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        picture = background
    if picture.width > MAX_WIDTH:
        height = round(picture.height * MAX_WIDTH / picture.width)
        picture = picture.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    # A fresh image carries no info dict: nothing but pixels is written.
    clean = Image.new("RGB", picture.size)
    clean.paste(picture)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue(), clean.width, clean.height
