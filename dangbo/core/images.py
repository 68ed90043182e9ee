"""Uploaded pictures made safe: decoded with a cap on pixels (decompression bombs),
turned upright by their EXIF orientation, flattened on white, and re-encoded as JPEG
from a fresh image, so that no metadata at all is kept (a phone's GPS position and the
camera's serial number stay on the phone). Used by the news photos and the members'
3×4 photos."""

import io

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import DomainError

MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding


def open_picture(data: bytes, *, field: str) -> Image.Image:
    """The picture in `data`, upright and in RGB; a DomainError on `field` otherwise."""
    try:
        with Image.open(io.BytesIO(data)) as source:
            if source.width * source.height > MAX_PIXELS:
                raise DomainError(_("The picture is too large."), field=field)
            source.load()
            picture = ImageOps.exif_transpose(source)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise DomainError(_("The file is not a picture (JPEG, PNG or WebP)."), field=field) from None
    if picture.mode != "RGB":
        background = Image.new("RGB", picture.size, "white")
        rgba = picture.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        picture = background
    return picture


def clean_jpeg(picture: Image.Image, *, quality: int, progressive: bool = False) -> bytes:
    """JPEG bytes of `picture`'s pixels and nothing else (a fresh image has no info)."""
    clean = Image.new("RGB", picture.size)
    clean.paste(picture)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=quality, optimize=True, progressive=progressive)
    return out.getvalue()
