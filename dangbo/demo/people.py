"""Synthetic party members of the Thanh Hà demo and their history, 2020–2026.

No real person: names are drawn from common Vietnamese family, middle and given names;
citizen ID and card numbers are made up in the right shape. The simulation walks the
years in order and keeps every sequence legal (age at admission, 12 months before
recognition, nothing after an exit), so the workbook imports cleanly through the real
rules. The year 2022 is pinned to the seed article: 153 admissions, 10 removed from the
Party (expelled or left), 10 names deleted.
"""

import dataclasses
import datetime as dt
import random

from dangbo.members.lifecycle import add_months

D = dt.date
FIRST_YEAR, LAST_DAY = 2020, D(2026, 10, 31)
OPENING_DAY = D(2020, 1, 1)

FAMILY = [
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Phạm", "Hoàng", "Vũ",
    "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan", "Trịnh", "Đinh", "Lương",
    "Tạ", "Mạc", "Hà", "Cao", "Đoàn", "Tô", "Nhữ",
]
MIDDLE_M = ["Văn", "Văn", "Văn", "Đức", "Hữu", "Minh", "Quang", "Thành", "Công", "Xuân", "Đình", "Ngọc", "Mạnh"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Phương", "Minh", "Kim", "Thúy"]
GIVEN_M = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long", "Mạnh", "Nam",
    "Nghĩa", "Phúc", "Quân", "Sơn", "Thắng", "Thành", "Trung", "Tuấn", "Việt", "Vinh", "Hòa",
    "Thủy", "Toản", "Lợi", "Kiên", "Hiếu", "Tâm", "Đông",
]
GIVEN_F = [
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Huyền", "Lan", "Liên", "Linh",
    "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thu", "Trang",
    "Vân", "Yến", "Hòa", "Thúy", "Hằng", "Lụa", "Xuân",
]
ETHNICITY = ["Kinh"] * 60 + ["Tày", "Mường"]
RELIGION = ["Không"] * 30 + ["Phật giáo", "Công giáo"]
OCCUPATIONS = [
    "Nông dân", "Cán bộ, công chức", "Viên chức", "Giáo viên", "Công nhân", "Kinh doanh",
    "Hưu trí", "Bộ đội", "Công an", "Nhân viên văn phòng",
]
THEORY = [None] * 6 + ["Sơ cấp"] * 3 + ["Trung cấp"] * 2 + ["Cao cấp"]
# (expelled, left, name deleted) per year; 2022 as in the seed: 10 removed, 10 deleted.
EXITS = {
    2020: (2, 5, 8), 2021: (3, 6, 9), 2022: (3, 7, 10), 2023: (2, 4, 7),
    2024: (1, 5, 6), 2025: (2, 3, 5), 2026: (1, 2, 3),
}
ADMISSIONS = {2020: 141, 2021: 138, 2022: 153, 2023: 147, 2024: 160, 2025: 129, 2026: 96}
DEATH_RATE = 0.011
TRANSFERS_IN, TRANSFERS_OUT, INTERNAL = 12, 10, 15


@dataclasses.dataclass
class Person:
    code: str
    org: str | None = None
    status: str = ""  # "", "Chính thức", "Dự bị", or gone
    admitted: dt.date | None = None
    gone: bool = False
    busy_year: int = 0  # one state change a year besides recognition keeps sequences simple


@dataclasses.dataclass
class People:
    members: list[list]
    events: list[list]
    # member code -> cell code at the end of each year, for the other sheets of the demo
    year_end: dict[int, dict[str, str]]


def build(cells: list[str], seed: int = 2022, initial: int = 2600) -> People:
    rng = random.Random(seed)
    members: list[list] = []
    events: list[list] = []
    people: dict[str, Person] = {}
    counter = iter(range(100001, 999999))

    def new_person(born_between: tuple[int, int]) -> Person:
        sex = "Nam" if rng.random() < 0.62 else "Nữ"
        family = rng.choice(FAMILY)
        middle = rng.choice(MIDDLE_M if sex == "Nam" else MIDDLE_F)
        given = rng.choice(GIVEN_M if sex == "Nam" else GIVEN_F)
        born = D(rng.randint(*born_between), rng.randint(1, 12), rng.randint(1, 28))
        code = f"{next(counter)}TH"
        century = (0 if born.year < 2000 else 2) + (0 if sex == "Nam" else 1)
        citizen_id = f"030{century}{born.year % 100:02d}{rng.randint(0, 999999):06d}"
        members.append([
            code, f"{family} {middle} {given}", family, middle, given, born, sex,
            rng.choice(ETHNICITY), rng.choice(RELIGION), "Thanh Hà, Hải Dương", None,
            rng.choice(OCCUPATIONS), None, citizen_id, f"{rng.randint(10000000, 99999999)}",
            "12/12", rng.choice(THEORY),
        ])
        person = Person(code=code)
        people[code] = person
        return person

    def event(
        person: Person, kind: str, day: dt.date, org=None, status=None, admitted=None, official=None, reason=None
    ):
        events.append([person.code, kind, day, org, status, admitted, official,
                       f"{rng.randint(1, 999)}-QĐ/HU" if kind not in ("Đầu kỳ",) else None, reason, None])

    def day_in(year: int, after: dt.date | None = None) -> dt.date:
        start = max(D(year, 1, 2), (after or D(year, 1, 1)) + dt.timedelta(days=1))
        end = min(D(year, 12, 31), LAST_DAY)
        return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))

    # Opening balance on 01/01/2020: mostly official members, some admitted in 2019.
    for _ in range(initial):
        person = new_person((1940, 1998))
        born = members[-1][5]
        if rng.random() < 0.05:
            admitted = D(2019, rng.randint(1, 12), rng.randint(1, 28))
            status, official = "Dự bị", None
        else:
            first = max(born.year + 19, 1965)
            admitted = D(rng.randint(first, min(first + 25, 2017)), rng.randint(1, 12), rng.randint(1, 28))
            official = D(admitted.year + 1, admitted.month, admitted.day) + dt.timedelta(days=rng.randint(0, 60))
            status = "Chính thức"
        person.org, person.status, person.admitted = rng.choice(cells), status, admitted
        event(person, "Đầu kỳ", OPENING_DAY, person.org, status, admitted, official)

    year_end: dict[int, dict[str, str]] = {}
    for year in range(FIRST_YEAR, LAST_DAY.year + 1):
        active = [p for p in people.values() if not p.gone]
        # Recognition 12 months (and a few weeks) after admission; when that runs past
        # 31/12, in January.
        for p in active:
            if p.status != "Dự bị" or p.admitted is None or p.admitted.year not in (year - 1, year - 2):
                continue
            anniversary = add_months(p.admitted, 12)
            day = anniversary + dt.timedelta(days=rng.randint(1, 40))
            if day.year > year:
                continue
            day = max(day, D(year, 1, 5))
            if day <= LAST_DAY:
                event(p, "Công nhận chính thức", day)
                p.status, p.busy_year = "Chính thức", year
        settled = [p for p in active if p.status == "Chính thức" and p.busy_year != year]
        rng.shuffle(settled)
        expelled, left, deleted = EXITS[year]
        deaths = round(len(active) * DEATH_RATE * (10 / 12 if year == LAST_DAY.year else 1))
        plan = (
            [("Khai trừ", "Vi phạm tư cách đảng viên")] * expelled
            + [("Xin ra khỏi Đảng", "Hoàn cảnh gia đình")] * left
            + [("Xóa tên", "Bỏ sinh hoạt đảng 3 tháng liên tục không có lý do")] * deleted
            + [("Từ trần", None)] * deaths
            + [("Chuyển đi", "Chuyển công tác ra ngoài tỉnh")] * TRANSFERS_OUT
        )
        for (kind, reason), p in zip(plan, settled, strict=False):
            event(p, kind, day_in(year), reason=reason)
            p.gone, p.busy_year = True, year
        for p in settled[len(plan): len(plan) + INTERNAL]:
            target = rng.choice([c for c in cells if c != p.org])
            event(p, "Chuyển sinh hoạt nội bộ", day_in(year), target)
            p.org, p.busy_year = target, year
        for _ in range(TRANSFERS_IN):
            p = new_person((1960, 1995))
            born = members[-1][5]
            admitted = D(rng.randint(max(2000, born.year + 20), year - 2), rng.randint(1, 12), rng.randint(1, 28))
            official = D(admitted.year + 1, admitted.month, admitted.day) + dt.timedelta(days=10)
            p.org, p.status, p.admitted, p.busy_year = rng.choice(cells), "Chính thức", admitted, year
            event(p, "Chuyển đến", day_in(year), p.org, "Chính thức", admitted, official)
        for _ in range(ADMISSIONS[year]):
            p = new_person((year - 38, year - 20))
            day = day_in(year)
            p.org, p.status, p.admitted, p.busy_year = rng.choice(cells), "Dự bị", day, year
            event(p, "Kết nạp", day, p.org)
        year_end[year] = {p.code: p.org for p in people.values() if not p.gone}
    return People(members=members, events=events, year_end=year_end)
