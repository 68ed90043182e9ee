"""The tables of the report, in Vietnamese, from the figures alone: one section per
sheet of the Excel file and per table of the Word report."""

import dataclasses

from . import wording


@dataclasses.dataclass
class Section:
    sheet: str  # sheet name, at most 31 characters
    title: str
    headers: list[str]
    rows: list[list]
    total: list | None = None


def sections(f: dict) -> list[Section]:
    m = f["members"]
    members = Section(
        "Đảng viên",
        "Đảng viên và biến động đảng viên",
        ["Nội dung", "Số lượng"],
        [
            ["Đảng viên đến 31/12 (đảng số)", m["at_year_end"]],
            ["  - Đảng viên chính thức", m["official"]],
            ["  - Đảng viên dự bị", m["probationary"]],
            ["Kết nạp đảng viên mới", f["admissions"]],
            ["Công nhận đảng viên chính thức", f["recognized_official"]],
            ["Chuyển đến", f["transfers_in"]],
            ["Đưa ra khỏi Đảng (khai trừ, xin ra khỏi Đảng)", f["removed_from_party"]],
            ["Xóa tên trong danh sách đảng viên", f["name_deletions"]],
            ["Từ trần", f["deaths"]],
            ["Chuyển đi", f["transfers_out"]],
        ],
    )
    increase = f["admissions"] + f["transfers_in"]
    decrease = f["removed_from_party"] + f["name_deletions"] + f["deaths"] + f["transfers_out"]
    members.rows += [["Cộng tăng trong năm", increase], ["Cộng giảm trong năm", decrease]]

    c = f["cadre_decisions"]
    cadres = Section(
        "Cán bộ",
        "Quyết định về cán bộ diện Ban Thường vụ quản lý",
        ["Loại quyết định", "Số quyết định"],
        [[label, c["by_kind"][key]] for key, label in wording.CADRE_KINDS.items()],
        ["Tổng số quyết định", c["decisions"]],
    )
    cadres.rows.append(["Số đồng chí được quyết định", c["people"]])

    training_rows = [
        [name[:1].upper() + name[1:], f["training"][key]["classes"], f["training"][key]["learners"]]
        for key, (name, _learners) in wording.PROGRAMS.items()
        if key in f["training"]
    ]
    training = Section(
        "Đào tạo",
        "Đào tạo, bồi dưỡng",
        ["Chương trình", "Số lớp", "Số học viên"],
        training_rows,
        [
            "Tổng cộng",
            sum(r[1] for r in training_rows),
            sum(r[2] for r in training_rows),
        ],
    )

    g, mr = f["grassroots_ratings"], f["member_ratings"]
    levels = [(k, v[:1].upper() + v[1:]) for k, v in wording.RATING_LEVELS.items()]
    levels.append(("not_rated", "Không xếp loại, chưa xếp loại"))
    ratings = Section(
        "Xếp loại",
        "Đánh giá, xếp loại chất lượng",
        ["Mức xếp loại", "Tổ chức cơ sở đảng", "Đảng viên"],
        [[label, g[key], mr[key]] for key, label in levels],
        ["Tổng cộng", sum(g.values()), sum(mr.values())],
    )

    t = f["targets"]
    targets = Section(
        "Chỉ tiêu",
        "Thực hiện chỉ tiêu kinh tế - xã hội",
        ["Kết quả", "Số chỉ tiêu"],
        [[label, t[key]] for key, label in wording.TARGET_STATUSES.items()] + [["Đạt và vượt", t["met_or_exceeded"]]],
        ["Tổng số chỉ tiêu", t["total"]],
    )

    warnings = Section(
        "Cảnh báo",
        "Cảnh báo theo quy định",
        ["STT", "Nội dung", "Mã"],
        [[i, w["message"], w["code"]] for i, w in enumerate(f["warnings"], 1)],
        ["Cộng", f"{len(f['warnings'])} cảnh báo", ""],
    )
    from .parts import PARTS

    extra = [table for part in PARTS for table in part.tables(f)]
    return [members, cadres, training, *extra, ratings, targets, warnings]
