"""Lists of people are in Vietnamese order, the same from the database as in Python
(the suite runs on SQLite and on PostgreSQL)."""

from dangbo.core.db import by_key
from dangbo.lib.vntext import name_sort_key
from dangbo.members.models import Member
from dangbo.members.tests.helpers import person

NAMES = [
    "Nguyễn Văn Ánh", "Nguyễn Văn Anh", "Lê Thị Ấn", "Trần Ăn", "Đỗ Văn Đức", "Đỗ Văn Dũng",
    "Phạm Ơn", "Hoàng Ôn", "Vũ On", "Bùi Thị Ưng", "Ngô Uy", "Hoàng Phủ Ngọc Tường",
    "Trịnh Văn Thiện", "Trịnh Văn Thiên", "Trịnh Văn Thiền", "Lý Thị Ảnh", "Mai Ẩn", "Tạ Ạn",
]


def test_database_order_matches_the_vietnamese_order(db):
    for n, name in enumerate(NAMES):
        person(name=name, code=f"O{n:02d}")
    from_db = list(Member.objects.order_by(by_key("sort_key"), "code").values_list("full_name", flat=True))
    expected = sorted(NAMES, key=lambda full: (name_sort_key(*_parts(full)), full))
    assert from_db == expected
    # given name first: An(h) before Ăn before Ấn; d before đ; o < ô < ơ; u < ư
    assert from_db.index("Nguyễn Văn Anh") < from_db.index("Trần Ăn") < from_db.index("Lê Thị Ấn")
    assert from_db.index("Đỗ Văn Dũng") < from_db.index("Đỗ Văn Đức")
    assert from_db.index("Vũ On") < from_db.index("Hoàng Ôn") < from_db.index("Phạm Ơn")
    assert from_db.index("Ngô Uy") < from_db.index("Bùi Thị Ưng")
    # tones: ngang < huyền < hỏi < ngã < sắc < nặng
    assert from_db.index("Trịnh Văn Thiên") < from_db.index("Trịnh Văn Thiền") < from_db.index("Trịnh Văn Thiện")


def _parts(full: str):
    from dangbo.lib.vntext import split_name

    return split_name(full)
