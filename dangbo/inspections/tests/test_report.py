"""The report's wording of inspection and discipline: the seed's sentences with the year's
figures, left out when the year has no records."""

from dangbo.inspections.report import inspection_sentences, inspection_tables
from dangbo.reports.wording import names_of

NAMES = names_of("Đảng bộ huyện Thanh Hà")


def figures(inspection=None, discipline=None) -> dict:
    none = {
        "inspections": 0,
        "supervisions": 0,
        "signs_of_violation": 0,
        "concluded": 0,
        "with_violations": 0,
        "remedies": {"total": 0, "done": 0, "overdue": 0},
    }
    by_form = dict.fromkeys(("reprimand", "warning", "removal", "expulsion", "dissolution"), 0)
    return {
        "year": 2022,
        "inspection": {**none, **(inspection or {})},
        "discipline": {"organizations": 0, "members": 0, "by_form": by_form, **(discipline or {})},
    }


def test_a_year_without_records_says_nothing():
    assert inspection_sentences(figures(), NAMES) == []


def test_the_seeds_sentences_with_the_figures():
    f = figures(
        {
            "inspections": 12,
            "supervisions": 20,
            "signs_of_violation": 3,
            "concluded": 28,
            "with_violations": 4,
            "remedies": {"total": 15, "done": 11, "overdue": 2},
        }
    )
    first, second = inspection_sentences(f, NAMES)
    assert first == (
        "Các cấp ủy thực hiện cơ bản tốt chương trình kiểm tra, giám sát năm 2022, tiến hành 12 cuộc kiểm tra "
        "(trong đó 3 cuộc kiểm tra khi có dấu hiệu vi phạm) và 20 cuộc giám sát; đã kết luận 28 cuộc, trong đó "
        "4 cuộc kết luận có vi phạm."
    )
    assert second == (
        "Qua kiểm tra, giám sát, cấp ủy, Ủy ban Kiểm tra các cấp đã chỉ rõ những ưu điểm, khuyết điểm và yêu cầu "
        "đề ra 15 biện pháp khắc phục, đến cuối năm đã hoàn thành 11 biện pháp, góp phần phòng ngừa, ngăn chặn một "
        "số hiện tượng tiêu cực, vi phạm của tổ chức đảng và đảng viên."
    )


def test_the_progress_word_follows_the_share_concluded():
    def first(concluded):
        return inspection_sentences(figures({"inspections": 4, "concluded": concluded}), NAMES)[0]

    assert first(4).startswith("Các cấp ủy thực hiện tốt chương trình")
    assert first(3).startswith("Các cấp ủy thực hiện cơ bản tốt chương trình")
    assert first(2).startswith("Các cấp ủy triển khai thực hiện chương trình")
    assert "đã kết luận" not in first(0)


def test_discipline_alone_and_thousands_with_dots():
    f = figures(
        discipline={
            "organizations": 1,
            "members": 1234,
            "by_form": {"reprimand": 1000, "warning": 200, "removal": 0, "expulsion": 34, "dissolution": 1},
        }
    )
    assert inspection_sentences(f, NAMES) == [
        "Thi hành kỷ luật 1 tổ chức đảng và 1.234 đảng viên (1.000 khiển trách, 200 cảnh cáo, 34 khai trừ, 1 giải tán)."
    ]


def test_the_tables_have_the_figures_and_a_total():
    f = figures(
        {"inspections": 2, "remedies": {"total": 3, "done": 1, "overdue": 1}},
        {"members": 2, "by_form": {"reprimand": 1, "warning": 0, "removal": 0, "expulsion": 1, "dissolution": 0}},
    )
    inspection, discipline = inspection_tables(f)
    assert inspection.sheet == "Kiểm tra, giám sát" and ["Cuộc kiểm tra", 2] in inspection.rows
    assert ["  - Quá hạn chưa hoàn thành", 1] in inspection.rows
    assert discipline.total == ["Tổng số quyết định kỷ luật", 2] and ["Khai trừ", 1] in discipline.rows
