from dangbo.reports import wording


def figures(**changes) -> dict:
    f = {
        "organization": {"code": "X", "name": "Đảng bộ huyện Thanh Hà"},
        "year": 2022,
        "members": {"at_year_end": 1200, "official": 1100, "probationary": 100},
        "admissions": 0,
        "recognized_official": 0,
        "removed_from_party": 0,
        "name_deletions": 0,
        "deaths": 0,
        "transfers_in": 0,
        "transfers_out": 0,
        "cadre_decisions": {"people": 0, "decisions": 0, "by_kind": dict.fromkeys(wording.CADRE_KINDS, 0)},
        "training": {},
        "grassroots_ratings": {"excellent": 0, "good": 3, "completed": 0, "not_completed": 0, "not_rated": 0},
        "member_ratings": {"excellent": 0, "good": 0, "completed": 0, "not_completed": 0, "not_rated": 0},
        "targets": {"total": 0, "exceeded": 0, "met": 0, "not_met": 0, "no_data": 0, "met_or_exceeded": 0},
        "warnings": [],
    }
    f.update(changes)
    return f


def test_names_follow_the_level():
    n = wording.names_of("Đảng bộ huyện Thanh Hà")
    assert (n.short, n.level, n.committee, n.abbreviation, n.issuing_body) == (
        "Đảng bộ Thanh Hà",
        "Đảng bộ huyện",
        "Huyện ủy",
        "HU",
        "HUYỆN ỦY THANH HÀ",
    )
    assert wording.names_of("Đảng bộ xã Thanh Hà").issuing_body == "ĐẢNG ỦY XÃ THANH HÀ"
    assert wording.names_of("Đảng bộ xã Thanh Hà").abbreviation == "ĐU"
    assert wording.superior_body("Đảng bộ tỉnh Hải Dương") == "TỈNH ỦY HẢI DƯƠNG"


def test_zero_reads_khong_co():
    f = figures()
    assert wording.membership_sentence(f, "Đảng bộ huyện") == (
        "Năm 2022, Đảng bộ huyện không có đảng viên mới được kết nạp; không có đảng viên bị đưa ra khỏi Đảng, "
        "không có trường hợp xóa tên trong danh sách đảng viên."
    )
    assert wording.grassroots_ratings_sentence(f) == (
        "Qua đánh giá, xếp loại, không có tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, 3 tổ chức cơ sở đảng "
        "hoàn thành tốt nhiệm vụ, không có tổ chức cơ sở đảng hoàn thành nhiệm vụ, không có tổ chức cơ sở đảng "
        "không hoàn thành nhiệm vụ."
    )
    assert wording.member_ratings_sentence(f) is None
    assert wording.targets_clause(f) is None
    assert "không có quyết định" in wording.cadre_clause(f, "Huyện ủy")
    assert wording.training_clause(f) == "không mở lớp đào tạo, bồi dưỡng nào"


def test_numbers_take_dots_and_all_targets_met_reads_toan_bo():
    f = figures(admissions=1234)
    f["targets"].update(total=5, met_or_exceeded=5)
    assert "kết nạp 1.234 đảng viên mới" in wording.membership_sentence(f, "Đảng bộ huyện")
    assert "1.200 đảng viên" in wording.headcount_sentence(f, "Đảng bộ huyện")
    assert wording.targets_clause(f) == "với toàn bộ 5 chỉ tiêu về kinh tế - xã hội đạt và vượt"
