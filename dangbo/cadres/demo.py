"""Demo rows of the `Cán bộ` sheet: personnel decisions on the list of the Thanh Hà
district committee's standing committee (synthetic).

2022 reproduces the seed article: 92 decisions concerning 87 people (five people have
two decisions), all six kinds present. 2023 and 2024 have a few more.
"""

import datetime as dt
import random

from dangbo.demo.workbook import COMMUNES, code_for

ORG = "THANHHA"
D = dt.date
# decisions per kind in 2022: 92 in all
KINDS_2022 = {
    "Điều động": 20,
    "Luân chuyển": 6,
    "Bổ nhiệm": 41,
    "Bổ nhiệm lại": 9,
    "Chỉ định": 10,
    "Giới thiệu ứng cử": 6,
}
DEPARTMENTS = [
    "Nội vụ",
    "Tài chính - Kế hoạch",
    "Nông nghiệp và Phát triển nông thôn",
    "Giáo dục và Đào tạo",
    "Tài nguyên và Môi trường",
    "Văn hóa và Thông tin",
    "Lao động - Thương binh và Xã hội",
    "Tư pháp",
    "Kinh tế và Hạ tầng",
    "Y tế",
]


def _commune(name: str) -> tuple[str, str]:
    """(display, organization code) of a commune of the demo."""
    place = name if name.startswith("Thị trấn") else f"xã {name}"
    return place, code_for("TH_", name)


def _post(kind: str, rng: random.Random, year: int) -> tuple[str, str]:
    """(title, unit) for a decision of this kind: the unit is an organization code for
    Party posts, the name of the unit for the others."""
    communes = [c for c in COMMUNES if not (year >= 2024 and c == "Thanh Xá")]  # merged on 01/01/2024
    place, code = _commune(rng.choice(communes))
    department = rng.choice(DEPARTMENTS)
    if kind == "Chỉ định":
        return rng.choice([f"Bí thư Đảng ủy {place}", f"Phó Bí thư Đảng ủy {place}"]), code
    if kind == "Luân chuyển":
        return rng.choice([f"Phó Bí thư Đảng ủy {place}", f"Bí thư Đảng ủy {place}"]), code
    if kind == "Giới thiệu ứng cử":
        return rng.choice([f"Chủ tịch UBND {place}", f"Chủ tịch HĐND {place}"]), (
            f"Ủy ban nhân dân {place}" if rng.random() < 0.5 else f"Hội đồng nhân dân {place}"
        )
    if kind == "Điều động":
        return rng.choice(
            [
                (f"Trưởng phòng {department}", f"Phòng {department} huyện Thanh Hà"),
                (f"Phó Trưởng phòng {department}", f"Phòng {department} huyện Thanh Hà"),
                (f"Phó Chủ tịch UBND {place}", f"Ủy ban nhân dân {place}"),
            ]
        )
    # Bổ nhiệm, Bổ nhiệm lại
    return rng.choice(
        [
            (f"Trưởng phòng {department}", f"Phòng {department} huyện Thanh Hà"),
            (f"Phó Trưởng phòng {department}", f"Phòng {department} huyện Thanh Hà"),
            ("Giám đốc Trung tâm Văn hóa - Thể thao huyện Thanh Hà", "Trung tâm Văn hóa - Thể thao huyện Thanh Hà"),
            ("Phó Giám đốc Trung tâm Y tế huyện Thanh Hà", "Trung tâm Y tế huyện Thanh Hà"),
        ]
    )


def _year_rows(rng: random.Random, year: int, people: list[str], kinds: list[str], twice: int) -> list[list]:
    """One decision per person, and a second, later one for the first `twice` people."""
    rows = []
    used = set()
    for index, kind in enumerate(kinds):
        if index < len(people):
            person, start = people[index], D(year, 1, 5)
            day = start + dt.timedelta(days=rng.randint(0, 300))
        else:  # a second decision, after the person's first
            first = rows[index - len(people)]
            person, start = first[2], first[0] + dt.timedelta(days=7)
            day = start + dt.timedelta(days=rng.randint(0, (D(year, 12, 28) - start).days))
        title, unit = _post(kind, rng, year)
        while (person, title) in used:
            title, unit = _post(kind, rng, year)
        used.add((person, title))
        number = f"{rng.randint(100, 999)}-QĐ/HU"
        rows.append([day, kind, person, title, unit, ORG, number, None])
    return rows


def demo_rows(year_end: dict[int, dict[str, str]]) -> dict[str, list[list]]:
    """Rows in the column order of the sheet: Ngày, Loại, Mã đảng viên, Chức danh, Đơn
    vị, Diện quản lý, Số quyết định, Ghi chú. `year_end[Y]` maps the members present on
    31/12/Y to their cell; a decision of year Y goes to someone present at the end of
    Y-1 and of Y, so a member on every day of Y."""
    rng = random.Random(2022)
    rows: list[list] = []
    plan = {2022: (87, KINDS_2022), 2023: (28, None), 2024: (22, None)}
    for year, (people_count, kinds) in plan.items():
        eligible = sorted(set(year_end[year - 1]) & set(year_end[year]))
        people = rng.sample(eligible, people_count)
        if kinds is None:
            names = list(KINDS_2022)
            kind_list = [names[i % len(names)] for i in range(people_count + 2)]
        else:
            kind_list = [k for k, n in kinds.items() for _ in range(n)]
        rng.shuffle(kind_list)
        twice = len(kind_list) - people_count
        rows.extend(_year_rows(rng, year, people, kind_list, twice))
    # The district secretary, also chair of the district People's Council (the seed's
    # photo caption), designated by the province in 2020: concurrent positions.
    secretary = sorted(set(year_end[2020]) & set(year_end[2025]))[0]
    rows.append([dt.date(2020, 8, 15), "Chỉ định", secretary, "Bí thư Huyện ủy", "THANHHA", "HAIDUONG",
                 "1125-QĐ/TU", None])
    rows.append([dt.date(2020, 8, 20), "Chỉ định", secretary, "Chủ tịch HĐND huyện", "HĐND huyện Thanh Hà",
                 "HAIDUONG", "1130-QĐ/TU", None])
    return {"cadres": sorted(rows, key=lambda r: (r[0], r[2], r[3]))}


# The standing committee's list (diện Ban Thường vụ Huyện ủy quản lý), as such lists are
# written: titles of a kind, not of one commune.
MANAGED_TITLES = [
    "Bí thư Đảng ủy xã, thị trấn",
    "Phó Bí thư Đảng ủy xã, thị trấn",
    "Chủ tịch HĐND xã, thị trấn",
    "Chủ tịch UBND xã, thị trấn",
    "Phó Chủ tịch UBND xã, thị trấn",
    "Chủ tịch Ủy ban MTTQ Việt Nam xã, thị trấn",
    "Trưởng phòng, ban và tương đương thuộc huyện",
    "Phó Trưởng phòng, ban và tương đương thuộc huyện",
]


def seed_cadre_lists() -> tuple[int, int]:
    """The demo committee's management list, and succession plans 2025–2030 for the
    people its decisions of 2023 and 2024 concern (the posts they were given): what the
    list and plan screens and the "not in the plan" check work on. Returns (titles,
    plans) added; what exists already is left as it is."""
    from dangbo.core.errors import DomainError
    from dangbo.organizations.models import Organization

    from . import services
    from .models import PersonnelDecision

    committee = Organization.objects.get(code=ORG)
    titles = plans = 0
    for title in MANAGED_TITLES:
        try:
            services.add_managed_title(committee=committee, title=title)
            titles += 1
        except DomainError:
            pass  # on the list already
    decisions = (
        PersonnelDecision.objects.filter(managed_by=committee, voided_at__isnull=True, date__year__in=(2023, 2024))
        .select_related("member")
        .order_by("date", "pk")
    )
    for decision in decisions:
        try:
            services.add_succession_plan(
                member=decision.member, title=decision.title, organization=committee, from_year=2025, to_year=2030
            )
            plans += 1
        except DomainError:
            pass  # no longer a member, or planned already
    return titles, plans
