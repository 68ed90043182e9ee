"""Uploaded pictures made safe: decoded with a cap on pixels (decompression bombs),
turned upright by their EXIF orientation, flattened on white, and re-encoded as JPEG
from a fresh image, so that no metadata at all is kept (a phone's GPS position and the
camera's serial number stay on the phone). Used by the news photos and the members'
3×4 photos."""

import io

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .errors import DomainError

MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
SWAPPING = {5, 6, 7, 8}  # EXIF orientations that turn the picture a quarter


def open_picture(data: bytes, *, field: str, cover: tuple[int, int] | None = None) -> Image.Image:
    """The picture in `data`, upright and in RGB; a DomainError on `field` otherwise.

    With `cover` (width, height; 1 for "any"), the caller will shrink the picture to
    about that size, so it is decoded small: a JPEG at 1/2 to 1/8 of its size by the
    decoder itself, any picture reduced by a whole factor before its colours are
    converted. A 40-megapixel transparent PNG then costs its decoding (160 MB) rather
    than four full-size copies (730 MB measured, docs/security.md)."""
    try:
        with Image.open(io.BytesIO(data)) as source:
            if source.width * source.height > MAX_PIXELS:
                raise DomainError(_("The picture is too large."), field=field)
            orientation = source.getexif().get(0x0112)
            swapped = orientation in SWAPPING
            if cover is not None and source.format == "JPEG":
                width, height = (source.height, source.width) if swapped else source.size
                factor = max(1, min(width // cover[0], height // cover[1]))
                if factor > 1:  # the decoder picks the smallest scale at least this size
                    source.draft("RGB", (source.width // factor, source.height // factor))
            source.load()
            picture = source
            if cover is not None:
                width, height = (picture.height, picture.width) if swapped else picture.size
                shrink = max(1, min(width // cover[0], height // cover[1]))
                if shrink > 1:
                    if picture.mode not in ("L", "RGB", "RGBA", "LA"):
                        picture = picture.convert("RGBA")
                    picture = picture.reduce(shrink)
            picture = _upright(picture, orientation)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise DomainError(_("The file is not a picture (JPEG, PNG or WebP)."), field=field) from None
    if picture.mode != "RGB":
        if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
            background = Image.new("RGB", picture.size, "white")
            rgba = picture.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            picture = background
        else:
            picture = picture.convert("RGB")
    return picture


def _upright(picture: Image.Image, orientation: int | None) -> Image.Image:
    """`picture` turned by the EXIF orientation of the file it came from (a new image:
    the file is closed after this)."""
    method = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
              5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
              8: Image.Transpose.ROTATE_90}.get(orientation)
    return picture.transpose(method) if method is not None else picture.copy()


def clean_jpeg(picture: Image.Image, *, quality: int, progressive: bool = False) -> bytes:
    """JPEG bytes of `picture`'s pixels and nothing else (a fresh image has no info)."""
    clean = Image.new("RGB", picture.size)
    clean.paste(picture)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=quality, optimize=True, progressive=progressive)
    return out.getvalue()
