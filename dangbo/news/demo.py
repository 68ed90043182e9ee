"""The demo's published article, with a photo drawn here (no download)."""

import datetime as dt
import io

from PIL import Image, ImageDraw, ImageFont

from dangbo.organizations.models import Organization

from . import services
from .models import Article

DEMO_CAPTION = "Thanh Hà - quê hương vải thiều"
FONTS = ("DejaVuSans-Bold.ttf", "DejaVuSerif-Bold.ttf", "LiberationSans-Bold.ttf")


def demo_picture(text: str = DEMO_CAPTION, size: tuple[int, int] = (1200, 675)) -> bytes:
    """A green-to-red gradient (lychee leaves and fruit) with the caption written on it."""
    width, height = size
    picture = Image.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    for x in range(width):
        t = x / max(width - 1, 1)
        draw.line([(x, 0), (x, height)], fill=(int(40 + 160 * t), int(120 - 80 * t), int(50 - 10 * t)))
    font = None
    for name in FONTS:
        try:
            font = ImageFont.truetype(name, size=height // 12)
            break
        except OSError:
            continue
    font = font or ImageFont.load_default(size=height // 12)
    box = draw.textbbox((0, 0), text, font=font)
    x, y = (width - (box[2] - box[0])) // 2, (height - (box[3] - box[1])) // 2
    draw.text((x + 3, y + 3), text, font=font, fill=(0, 0, 0))
    draw.text((x, y), text, font=font, fill=(255, 255, 255))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def ensure_demo_article(
    *,
    organization: Organization | None,
    title: str,
    lead: str,
    body_html: str,
    caption: str = DEMO_CAPTION,
    published_at: dt.datetime,
    after_paragraph: int | None = None,
) -> Article:
    """Create (once) and publish the article with its photo; run again, it leaves the
    article as it is. The photo goes in the middle of the body, as in the seed, unless
    `after_paragraph` says where."""
    article = Article.objects.filter(title=title, organization=organization).order_by("pk").first()
    if article is None:
        article = services.create_article(title=title, lead=lead, body_html=body_html, organization=organization)
    if not article.photos.exists():
        if after_paragraph is None:
            after_paragraph = (body_html.count("</p>") + 1) // 2
        picture = demo_picture(caption)
        services.add_photo(
            article=article, data=picture, caption=caption, alt_text=caption, after_paragraph=after_paragraph
        )
    if not article.is_published:
        services.publish(article=article, published_at=published_at)
    return article
