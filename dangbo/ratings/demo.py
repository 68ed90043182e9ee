"""Demo rows of the `Xếp loại` sheet: decided ratings of Thanh Hà's grassroots
organizations and members, 2021–2025 (synthetic, deterministic).

2022 reproduces the seed article: of the 45 grassroots organizations, 8 excellent, 33
good, 4 completed, none not completed. Three comparable groups go over the excellence cap
(excellent > 20% of good) and carry the recorded override in `Lý do`. From 2024 the
merged Thanh Xá is gone (44 organizations); 2025 is rated on 100 points (QĐ 366).
"""

import datetime as dt
import hashlib

from dangbo.interchange.schema import RATING_LEVELS

LABEL = {code: label for label, code in RATING_LEVELS}
ORGANIZATION, MEMBER = "Tổ chức", "Đảng viên"
GRASSROOTS_KINDS = ("Đảng bộ cơ sở", "Chi bộ cơ sở")
YEARS = (2021, 2022, 2023, 2024, 2025)
SCORED_FROM = 2025
BANDS = {"EXCELLENT": (90, 11), "GOOD": (70, 20), "COMPLETED": (50, 20), "NOT_COMPLETED": (30, 20)}

# 2022, per comparable group: (excellent, good, completed) = 8 / 33 / 4 in all.
PLAN_2022 = {
    "Xã, thị trấn": (4, 19, 2),
    "Cơ quan": (2, 5, 1),
    "Trường học": (1, 5, 0),
    "Doanh nghiệp": (1, 2, 1),
    "Lực lượng vũ trang": (0, 2, 0),
}
OVERRIDE = "Ban Thường vụ Huyện ủy cho phép vượt tỷ lệ do có thành tích nổi bật trong năm"
NOT_RATED_REASONS = ("Miễn sinh hoạt", "Kết nạp sau tháng 6")


def _hash(*parts) -> int:
    return int(hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def _last_days() -> dict[str, dt.date]:
    """The last day of organizations merged away or dissolved by reorganization."""
    from dangbo.demo.workbook import organizations

    out = {}
    for day, kind, code, *_rest in organizations()[1]:
        if kind == "Sáp nhập":
            out[code] = day - dt.timedelta(days=1)
        elif kind == "Giải thể":
            out[code] = day
    return out


def _exists(row: list, last_days: dict, day: dt.date) -> bool:
    code, _name, _kind, _parent, _group, founded, dissolved = row
    last = min(d for d in (dissolved, last_days.get(code), dt.date.max) if d)
    return (founded is None or founded <= day) and day <= last


def _score(level: str, year: int, code: str):
    if year < SCORED_FROM or level not in BANDS:
        return None
    low, spread = BANDS[level]
    return low + _hash(code, year, "score") % spread


def _plan(group: str, size: int, year: int) -> tuple[int, int, int]:
    if year == 2022 and group in PLAN_2022:
        return PLAN_2022[group]
    completed = size // 12
    excellent = (size - completed) // 6  # within the cap: ≤ 20% of the good
    return excellent, size - completed - excellent, completed


def _organization_rows(organizations: list[list], year: int, last_days: dict) -> list[list]:
    day = dt.date(year, 12, 31)
    groups: dict[str, list[str]] = {}
    for row in organizations:
        if row[2] in GRASSROOTS_KINDS and _exists(row, last_days, day):
            groups.setdefault(row[4] or "", []).append(row[0])
    rows = []
    for group, codes in groups.items():
        excellent, good, _completed = _plan(group, len(codes), year)
        over = excellent > 0.2 * good
        ordered = sorted(codes, key=lambda c: _hash(c, year))
        for index, code in enumerate(ordered):
            level = "EXCELLENT" if index < excellent else "GOOD" if index < excellent + good else "COMPLETED"
            reason = OVERRIDE if over and level == "EXCELLENT" else None
            rows.append([year, ORGANIZATION, code, LABEL[level], _score(level, year, code), reason])
    return rows


def _grassroots_of(organizations: list[list], last_days: dict, reorganizations: list[list], day: dt.date) -> dict:
    """cell code -> the grassroots organization it belongs to on `day` (after merges)."""
    merged_into = {r[2]: r[3] for r in reorganizations if r[1] == "Sáp nhập" and r[0] <= day}
    kinds = {row[0]: row[2] for row in organizations}
    out = {}
    for code, _name, kind, parent, *_rest in organizations:
        if kind in GRASSROOTS_KINDS:
            out[code] = merged_into.get(code, code)
        elif parent and kinds.get(parent) in GRASSROOTS_KINDS:
            out[code] = merged_into.get(parent, parent)
    return out


def _member_rows(year_end: dict[str, str], grassroots_of: dict, year: int) -> list[list]:
    by_grassroots: dict[str, list[tuple[str, str]]] = {}
    for code, cell in sorted(year_end.items()):
        h = _hash(code, year) % 1000
        if h < 5:
            level = "NOT_COMPLETED"
        elif h < 45:
            level = "COMPLETED"
        elif h < 85:
            level = "NOT_RATED"
        elif h < 255:
            level = "EXCELLENT"
        else:
            level = "GOOD"
        by_grassroots.setdefault(grassroots_of.get(cell, cell), []).append((code, level))
    rows = []
    for members in by_grassroots.values():
        levels = dict(members)
        excellent = [c for c, lv in members if lv == "EXCELLENT"]
        good = sum(1 for lv in levels.values() if lv == "GOOD")
        while excellent and len(excellent) > 0.2 * good:  # keep within the cap
            levels[excellent.pop()] = "GOOD"
            good += 1
        for code, _level in members:
            level = levels[code]
            reason = NOT_RATED_REASONS[_hash(code, year, "reason") % 2] if level == "NOT_RATED" else None
            rows.append([year, MEMBER, code, LABEL[level], _score(level, year, code), reason])
    return rows


def demo_rows(year_end: dict[int, dict[str, str]], organizations: list[list]) -> list[list]:
    """Rows in the column order of the sheet: Năm, Đối tượng, Mã, Mức, Điểm, Lý do.

    `year_end[Y]` maps member code -> cell code on 31/12/Y (dangbo.demo.people);
    `organizations` are the `Tổ chức` rows of dangbo.demo.workbook.organizations().
    """
    from dangbo.demo.workbook import organizations as demo_organizations

    reorganizations = demo_organizations()[1]
    last_days = _last_days()
    rows: list[list] = []
    for year in YEARS:
        day = dt.date(year, 12, 31)
        grassroots_of = _grassroots_of(organizations, last_days, reorganizations, day)
        rows += _member_rows(year_end.get(year, {}), grassroots_of, year)
        rows += _organization_rows(organizations, year, last_days)
    return rows
