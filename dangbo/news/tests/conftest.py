import datetime as dt
import io
import zoneinfo

import pytest
from django.core.cache import cache
from PIL import Image

from dangbo.news import services
from dangbo.news.demo import ensure_demo_article

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
PUBLISHED = dt.datetime(2023, 1, 25, 11, 40, 14, tzinfo=HCM)
TITLE = "Đảng bộ Thanh Hà đoàn kết, sáng tạo thực hiện nhiệm vụ then chốt"
LEAD = "Năm 2022, Đảng bộ Thanh Hà đã đoàn kết, sáng tạo, hoàn thành nhiều chỉ tiêu đề ra."
BODY = (
    "<p>Năm qua, Đảng bộ huyện coi trọng công tác giáo dục chính trị, tư tưởng.</p>"
    "<p>Năm 2022, Đảng bộ huyện kết nạp 153 đảng viên mới.</p>"
    "<p>Có 8 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ.</p>"
    "<p>21 trong tổng số 22 chỉ tiêu về kinh tế - xã hội đạt và vượt.</p>"
)
GOOD = "Bài viết rất hay, cảm ơn tác giả."
BARE = "bai viet rat hay, cam on tac gia"


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    return ensure_demo_article(
        organization=None, title=TITLE, lead=LEAD, body_html=BODY,
        caption="Thanh Hà - quê hương vải thiều", published_at=PUBLISHED,
    )


def picture(size=(2400, 1200), fmt="JPEG", exif=True) -> bytes:
    image = Image.new("RGB", size, (10, 120, 40))
    out = io.BytesIO()
    kwargs = {}
    if exif:
        info = Image.Exif()
        info[0x010F] = "PhoneMaker"  # Make
        info[0x8825] = {2: (21.0, 1.0, 0.0)}  # GPS
        kwargs["exif"] = info
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def comment(article, text=GOOD, name="Nguyễn Văn An", ip="10.0.0.1", contact=""):
    return services.submit_comment(article=article, name=name, contact=contact, text=text, ip=ip)
