"""Demo rows of the `Quần chúng ưu tú` and `Kế hoạch kết nạp` sheets (synthetic).

Thanh Hà's candidates of 2022: the 153 people the demo admits in 2022, each taken into
their cell's plan 7 to 14 months before, with an awareness certificate and two official
members of the cell helping; the 64 learners of the district's 2022 awareness class,
taken in early that year and still in the plan at its end (a few leave it); and 18 taken
in late in 2022 with no certificate yet. The district's admission targets, and its
grassroots organizations' for 2022. Called by the demo with the rows it builds (the
demo calls the apps, never the other way).
"""

import datetime as dt
import random
from collections import defaultdict

D = dt.date
ORG = "THANHHA"
YEAR = 2022
TARGETS = {2021: 140, 2022: 150, 2023: 150, 2024: 155}
EXITS = ("Khai trừ", "Xin ra khỏi Đảng", "Xóa tên", "Từ trần", "Chuyển đi")
STEPS = (
    "Đơn xin vào Đảng", "Lý lịch người xin vào Đảng", "Thẩm tra lý lịch", "Giới thiệu của đảng viên và đoàn thể",
    "Nhận xét của nơi cư trú", "Nghị quyết của chi bộ", "Nghị quyết của đảng ủy cơ sở", "Quyết định kết nạp",
)
STOP_REASONS = [
    "Chuyển nơi cư trú ra ngoài huyện",
    "Đi lao động ở nước ngoài",
    "Xin rút khỏi danh sách để học tập",
    "Chưa đủ tiêu chuẩn, chi bộ tiếp tục bồi dưỡng sau",
]


def _timelines(events: list[list]) -> tuple[dict, dict]:
    """(member code -> the day they became an official member, -> the day they left)."""
    official: dict[str, dt.date] = {}
    gone: dict[str, dt.date] = {}
    for code, kind, day, _org, status, *_rest in events:
        if kind in ("Đầu kỳ", "Chuyển đến") and status == "Chính thức":
            official.setdefault(code, day)
        elif kind == "Công nhận chính thức":
            official.setdefault(code, day)
        elif kind in EXITS:
            gone.setdefault(code, day)
    return official, gone


def demo_rows(members: list[list], events: list[list], year_end: dict[int, dict[str, str]],
              grassroots: dict[str, list[str]], awareness_learners: list[tuple[str, dt.date]]) -> dict[str, list[list]]:
    """`members`, `events`: the demo's rows of `Đảng viên` and `Biến động`; `year_end[Y]`:
    member code -> cell on 31/12/Y; `grassroots`: grassroots code -> its cells;
    `awareness_learners`: (name, birth) of the learners of the 2022 awareness class."""
    rng = random.Random(1830)
    people = {row[0]: row for row in members}
    official, gone = _timelines(events)
    cells = sorted(c for codes in grassroots.values() for c in codes)

    cell_of = {c: g for g, codes in grassroots.items() for c in codes}

    def helpers(cell: str, start: dt.date, end: dt.date) -> str | None:
        """Two official members of the cell (else of its grassroots organization) from
        `start` to `end`."""
        roster = year_end.get(start.year - 1) or year_end[min(year_end)]
        steady = sorted(
            code for code, where in roster.items()
            if official.get(code, D(9999, 1, 1)) <= start and gone.get(code, D(9999, 1, 1)) > end
        )
        pool = [code for code in steady if roster[code] == cell]
        if len(pool) < 2:
            pool = [code for code in steady if cell_of[roster[code]] == cell_of[cell]]
        return ";".join(sorted(rng.sample(pool, 2))) if len(pool) >= 2 else None

    rows: list[list] = []
    steps: list[list] = []
    number = iter(range(1, 10_000))

    def code() -> str:
        return f"QC{YEAR}-{next(number):04d}"

    # The 2022 admissions of the register, each with its candidacy.
    admitted = sorted((e[2], e[0], e[3]) for e in events if e[1] == "Kết nạp" and e[2].year == YEAR)
    for day, member, cell in admitted:
        person = people[member]
        planned = day - dt.timedelta(days=rng.randint(210, 420))
        certificate = planned + dt.timedelta(days=rng.randint(30, 150))
        rows.append([
            code(), person[1], person[5], person[6], person[13], cell, planned, helpers(cell, planned, day),
            certificate, member, None, None,
        ])
        # The dossier between the certificate and the admission, its steps in order.
        span = (day - certificate).days
        for share, step in zip((0.1, 0.2, 0.45, 0.55, 0.6, 0.75, 0.85, 0.95), STEPS, strict=True):
            steps.append([rows[-1][0], step, certificate + dt.timedelta(days=int(span * share)), None])
    # The learners of the district's awareness class, in their cells' plans since early 2022.
    today_end = D(YEAR, 12, 31)
    for index, (name, birth) in enumerate(awareness_learners):
        cell = rng.choice(cells)
        planned = D(YEAR, 1, 10) + dt.timedelta(days=rng.randint(0, 100))
        stopped, reason = None, None
        if index % 16 == 5:  # four leave the plan, one of them in 2022
            stopped = D(YEAR, 11, 20) if index == 5 else D(YEAR + 1, rng.randint(2, 10), rng.randint(1, 28))
            reason = rng.choice(STOP_REASONS)
        sex = "Nữ" if name.split()[1] in ("Thị", "Thu", "Thanh", "Hồng", "Phương", "Kim", "Thúy") else "Nam"
        rows.append([code(), name, birth, sex, None, cell, planned, helpers(cell, planned, today_end),
                     D(YEAR, 5, 13), None, stopped, reason])
        # Some have begun their dossier since the course; a third have not.
        for offset, step in zip((30, 75, 140), STEPS[: index % 4], strict=False):
            steps.append([rows[-1][0], step, D(YEAR, 5, 13) + dt.timedelta(days=offset + index % 20), None])
    # Taken in late in 2022: no certificate yet.
    names = [(r[2], r[3], r[4], r[6]) for r in members if r[2] and r[3] and r[4]]
    for _ in range(18):
        family, middle, given, sex = rng.choice(names)
        birth = D(rng.randint(1988, 2003), rng.randint(1, 12), rng.randint(1, 28))
        cell = rng.choice(cells)
        planned = D(YEAR, rng.randint(9, 12), rng.randint(1, 20))
        rows.append([code(), f"{family} {middle} {given}", birth, sex, None, cell, planned,
                     helpers(cell, planned, today_end), None, None, None, None])

    # Targets: the district's, and each grassroots organization's for 2022 (its 2022
    # admissions, give or take one).
    targets = [[year, ORG, n] for year, n in TARGETS.items()]
    by_grassroots: dict[str, int] = defaultdict(int)
    for _day, _member, cell in admitted:
        by_grassroots[cell_of[cell]] += 1
    for g in sorted(grassroots):
        targets.append([YEAR, g, max(1, by_grassroots[g] + rng.choice((-1, 0, 0, 1)))])
    return {"candidates": rows, "dossier_steps": steps, "admission_targets": targets}
