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


# A small diacritics model, so that what the pages suggest does not depend on the model
# `make setup` builds (dangbo/lib/tests/test_vntext_restore.py tests that one).
DIACRITICS_WORDS = """\
bài_viết 500
bài 300
bãi 40
viết 400
rất 900
hay 700
hãy 300
cảm_ơn 600
tác_giả 200
đại_hội 300
đảng_bộ 200
đảng 100
xã 300
xa 200
thanh 200
thanh_hà 100
thành 300
hà 100
hạ 80
""".splitlines()
DIACRITICS_TEXT = ["Bài viết rất hay, cảm ơn tác giả.", "Đại hội Đảng bộ xã."]


def write_diacritics_model(path):
    from dangbo.lib.vntext.restore_data import build, read_genz_vocab, write_model

    write_model(build(read_genz_vocab(DIACRITICS_WORDS), [(DIACRITICS_TEXT, 1.0)]), path)
    return path


@pytest.fixture
def diacritics_model(settings, tmp_path):
    from dangbo.news import diacritics

    settings.DIACRITICS_MODEL = write_diacritics_model(tmp_path / "diacritics.pickle")
    diacritics.reset()
    yield settings.DIACRITICS_MODEL
    diacritics.reset()
