"""What the national data set holds, made the same way for the database and for a
workbook (bench/generate_national.py; the test of both in dangbo/tallies/tests).

The tree: the root `VN` (Đảng Cộng sản Việt Nam), 63 provinces and about 700 districts
until 30/06/2025; on 01/07/2025 the districts are gone (dissolved on 30/06), 29
provinces merge into 34 (Resolution 202/2025/QH15), communes merge by threes and move
under the new provinces, as do the other grassroots organizations of the districts.
Members: about 2/3 on the register at the opening balance of 01/01/2011, the others
admitted since, with 15 years of moves, exemptions, deaths and exits (about three
events each); three years of ratings (2023–2025); personnel decisions and classes at
the rates of a province and a district committee a year. Deterministic for a seed.
"""

import array
import datetime as dt
import math
import random
from decimal import Decimal

from django.utils.translation import override

from dangbo.cadres import rules as cadre_rules
from dangbo.core.bulk import build
from dangbo.lib.vntext import match_key
from dangbo.members import lifecycle
from dangbo.members.models import Member, MembershipEvent
from dangbo.members.services import check_member
from dangbo.organizations.models import Organization, Reorganization
from dangbo.organizations.tree import _Replay
from dangbo.ratings import rules as rating_rules

K = Organization.Kind


class E:
    """The event kinds as plain strings (attributes of the TextChoices are slow to reach)."""


for _kind in MembershipEvent.Kind:
    setattr(E, _kind.name, str(_kind.value))
FULL_SIZE = 5_600_000
START = dt.date(2011, 1, 1)  # the opening balance
END = dt.date(2026, 11, 30)  # the last day with records
REORG_LAST_DAY = dt.date(2025, 6, 30)
REORG_DAY = dt.date(2025, 7, 1)
RATING_YEARS = (2023, 2024, 2025)

PROVINCES = [
    "Hà Nội", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La",
    "Yên Bái", "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh",
    "Hải Dương", "Hải Phòng", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Bình Định",
    "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng",
    "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh", "Long An",
    "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Cần Thơ", "Hậu Giang",
    "Sóc Trăng", "Bạc Liêu", "Cà Mau",
]
CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Cần Thơ", "Thừa Thiên Huế"}
# 01/07/2025: absorbed -> the province it merges into (Resolution 202/2025/QH15).
MERGES = {
    "Hà Giang": "Tuyên Quang", "Yên Bái": "Lào Cai", "Bắc Kạn": "Thái Nguyên", "Vĩnh Phúc": "Phú Thọ",
    "Hòa Bình": "Phú Thọ", "Bắc Giang": "Bắc Ninh", "Thái Bình": "Hưng Yên", "Hải Dương": "Hải Phòng",
    "Hà Nam": "Ninh Bình", "Nam Định": "Ninh Bình", "Quảng Bình": "Quảng Trị", "Quảng Nam": "Đà Nẵng",
    "Kon Tum": "Quảng Ngãi", "Bình Định": "Gia Lai", "Ninh Thuận": "Khánh Hòa", "Đắk Nông": "Lâm Đồng",
    "Bình Thuận": "Lâm Đồng", "Phú Yên": "Đắk Lắk", "Bình Dương": "Thành phố Hồ Chí Minh",
    "Bà Rịa - Vũng Tàu": "Thành phố Hồ Chí Minh", "Bình Phước": "Đồng Nai", "Long An": "Tây Ninh",
    "Sóc Trăng": "Cần Thơ", "Hậu Giang": "Cần Thơ", "Bến Tre": "Vĩnh Long", "Trà Vinh": "Vĩnh Long",
    "Tiền Giang": "Đồng Tháp", "Bạc Liêu": "Cà Mau", "Kiên Giang": "An Giang",
}
PLACES = [
    "An Bình", "Hòa Lạc", "Tân Phú", "Phúc Thịnh", "Đông Hưng", "Thanh Hồng", "Xuân Lộc", "Hưng Đạo", "Quang Trung",
    "Minh Khai", "Đồng Tâm", "Tiên Phong", "Thống Nhất", "Hồng Phong", "Tân Tiến", "Nghĩa Hưng", "Cẩm Bình",
    "Yên Thành", "Vĩnh Hòa", "Phú Lộc", "Đại Đồng", "Hiệp Hòa", "Kim Sơn", "Lạc Long", "Sơn Thủy", "Trường Xuân",
    "Bình Minh", "Hải An", "Lộc Ninh", "Ngọc Lâm", "Thạch Bàn", "Văn Giang", "Mỹ Hào", "Tiền Hải", "Quỳnh Côi",
]
GROUPS = ("Cơ quan", "Doanh nghiệp", "Trường học", "Lực lượng vũ trang")
FAMILY = (["Nguyễn"] * 38 + ["Trần"] * 11 + ["Lê"] * 9 + ["Phạm"] * 7 + ["Hoàng"] * 5 + ["Huỳnh"] * 4 + ["Phan"] * 4
          + ["Vũ"] * 4 + ["Võ"] * 4 + ["Đặng"] * 2 + ["Bùi"] * 2 + ["Đỗ"] * 2 + ["Hồ"] * 2 + ["Ngô"] * 2
          + ["Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Lương", "Mai", "Tạ", "Cao", "Lâm", "Hà", "Quách", "Thái"])
MIDDLE_M = ["Văn", "Đức", "Hữu", "Minh", "Quang", "Xuân", "Thanh", "Công", "Đình", "Ngọc", "Trọng", "Mạnh", "Duy"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Kim", "Phương", "Hồng", "Thùy", "Bích", "Mai", "Diệu"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam", "Phong",
           "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thiện", "Toàn", "Trung", "Tuấn", "Việt",
           "Vinh", "Hiếu", "Hoàng", "Kiên", "Lâm", "Nghĩa", "Tâm", "Tùng", "Đông", "Bảo", "Chiến", "Hưng"]
GIVEN_F = ["Anh", "Bích", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Lan", "Liên",
           "Linh", "Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thủy", "Trang",
           "Tuyết", "Vân", "Yến", "Huyền", "Lụa", "Ngọc", "Thư", "Uyên", "Xuân"]
ETHNICITIES = ["Kinh"] * 86 + ["Tày"] * 3 + ["Thái"] * 2 + ["Mường"] * 2 + ["Khmer"] * 2 + ["Nùng"] * 2 + [
    "Hoa", "H'Mông", "Dao"]
THEORY = ["", "", "", "", "", "BASIC", "BASIC", "BASIC", "INTERMEDIATE", "INTERMEDIATE", "ADVANCED"]
THEORY_RANK = {"": 0, "BASIC": 1, "INTERMEDIATE": 2, "ADVANCED": 3, "BACHELOR": 4}
TITLES = ["Phó Bí thư Đảng ủy", "Phó Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Hội đồng nhân dân",
          "Ủy viên Ban Thường vụ", "Phó Trưởng ban Tổ chức", "Phó Giám đốc Sở", "Phó Chánh Văn phòng",
          "Phó Trưởng ban Tuyên giáo", "Phó Chủ nhiệm Ủy ban Kiểm tra", "Phó Trưởng phòng"]
DECISION_KINDS = ["APPOINTMENT"] * 45 + ["TRANSFER"] * 20 + ["REAPPOINTMENT"] * 10 + ["DESIGNATION"] * 12 + [
    "ROTATION"] * 6 + ["NOMINATION"] * 7
PROGRAMS = ["PARTY_AWARENESS"] * 30 + ["NEW_MEMBER"] * 30 + ["GRASSROOTS_COMMITTEE"] * 10 + ["BASIC_THEORY"] * 15 + [
    "INTERMEDIATE_THEORY"] * 10 + ["OTHER"] * 5
PROGRAM_LEVEL = {"BASIC_THEORY": "BASIC", "INTERMEDIATE_THEORY": "INTERMEDIATE"}
PROGRAM_NAME = {
    "PARTY_AWARENESS": "Bồi dưỡng nhận thức về Đảng", "NEW_MEMBER": "Bồi dưỡng đảng viên mới",
    "GRASSROOTS_COMMITTEE": "Bồi dưỡng cấp ủy cơ sở", "BASIC_THEORY": "Sơ cấp lý luận chính trị",
    "INTERMEDIATE_THEORY": "Trung cấp lý luận chính trị", "OTHER": "Bồi dưỡng chuyên đề",
}
# A year, per committee: decisions and classes (a province and a district committee).
PROVINCE_DECISIONS, DISTRICT_DECISIONS = 150, 40
PROVINCE_CLASSES, DISTRICT_CLASSES = 25, 8
LEARNERS = 40


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


class Plan:
    """The tree of the national set, as unsaved records with their ids."""

    def __init__(self, members: int, provinces: int = 63, seed: int = 1, first_id: int = 1):
        self.rng = random.Random(seed)
        self.seed = seed
        self.members = members
        self.first_id = first_id
        self.orgs: list[Organization] = []
        self.reorgs: list[Reorganization] = []
        self._district_units: list[tuple[Organization, Organization]] = []  # moved to the province in 2025
        self.by_code: dict[str, Organization] = {}
        self._tree(members, provinces)
        self.spans = _Replay(self.orgs, self.reorgs).run()
        for i, span in enumerate(self.spans):
            span.pk = i + 1
        self.lives: dict[int, list] = {}
        for span in self.spans:
            if span.merged_into_id is None:
                self.lives.setdefault(span.organization_id, []).append((span.valid_from, span.valid_to))

    # -- the tree --------------------------------------------------------------------

    def _org(self, code, name, kind, parent=None, group="", founded=None) -> Organization:
        org = build(Organization, code=code, name=name, kind=kind, founding_parent=parent, group=group,
                    founded_on=founded, dissolved_on=None)
        org.pk = self.first_id + len(self.orgs)
        self.orgs.append(org)
        self.by_code[code] = org
        return org

    def _reorg(self, kind, org, day, target=None, new_name="") -> None:
        r = build(Reorganization, kind=kind, organization=org, effective_on=day, target=target, new_name=new_name,
                  decision_number="202/2025/QH15" if day == REORG_DAY else "", note="")
        r.pk = len(self.reorgs) + 1
        self.reorgs.append(r)

    def _tree(self, members: int, provinces: int) -> None:
        rng = self.rng
        scale = members / FULL_SIZE
        names = PROVINCES[:provinces] if provinces <= len(PROVINCES) else [
            f"Số {i + 1}" for i in range(provinces)]
        if provinces == len(PROVINCES):
            into = MERGES
        else:  # a smaller set: every second province merges into the one before
            into = {names[i]: names[i - 1] for i in range(1, len(names), 2)}
        grassroots = max(provinces * 4, round(members / 108))
        districts = max(provinces * 2, round(700 * math.sqrt(min(1.0, scale))))
        communes = max(districts * 3, round(grassroots * 0.2))
        others = max(provinces, grassroots - communes)
        root = self._org("VN", "Đảng Cộng sản Việt Nam", K.ABOVE_GRASSROOTS, founded=dt.date(1930, 2, 3))
        self.root = root
        self.provinces: list[Organization] = []
        self.districts: dict[int, list[Organization]] = {}  # province id -> districts
        self.units: dict[int, list[int]] = {}  # province id -> ids of the organizations members belong to
        self.commune_groups: list[list[Organization]] = []
        self.grassroots_of: dict[int, int] = {}  # unit id -> its grassroots organization id
        self.province_of: dict[int, int] = {}  # grassroots id -> province id (before 2025)
        self.merged_communes: set[int] = set()
        weights = [rng.uniform(0.5, 2.0) for _ in names]
        total_weight = sum(weights)
        for p, name in enumerate(names):
            word = "thành phố" if name in CITIES else "tỉnh"
            label = name if name.startswith("Thành phố") else f"{word} {name}"
            province = self._org(f"T{p + 1:02d}", f"Đảng bộ {label}", K.ABOVE_GRASSROOTS, root,
                                 founded=dt.date(1976, 1, 1))
            self.provinces.append(province)
            self.units[province.pk] = []
            share = weights[p] / total_weight
            n_districts = max(2, round(districts * share))
            n_communes = max(3, round(communes * share / n_districts))
            n_others = max(1, round(others * share))
            self.districts[province.pk] = []
            for d in range(n_districts):
                district = self._org(f"{province.code}H{d + 1:02d}", f"Đảng bộ huyện {rng.choice(PLACES)} {d + 1}",
                                     K.ABOVE_GRASSROOTS, province, founded=dt.date(1976, 1, 1))
                self.districts[province.pk].append(district)
                group = []
                for c in range(n_communes):
                    place = f"{rng.choice(PLACES)} {c + 1}"
                    commune = self._org(f"{district.code}X{c + 1:02d}", f"Đảng bộ xã {place}", K.GRASSROOTS_COMMITTEE,
                                        district, "Xã, phường, thị trấn", founded=dt.date(1976, 1, 1))
                    self._cells(commune, rng.randint(9, 15), "Chi bộ thôn", province)
                    group.append(commune)
                for i in range(0, len(group), 3):
                    self.commune_groups.append(group[i: i + 3])
            for o in range(n_others):
                at_district = rng.random() < 0.7
                parent = rng.choice(self.districts[province.pk]) if at_district else province
                group = rng.choice(GROUPS)
                code = f"{parent.code}C{o + 1:03d}"
                if rng.random() < 0.4:
                    org = self._org(code, f"Đảng bộ {group.lower()} số {o + 1}", K.GRASSROOTS_COMMITTEE, parent, group,
                                    founded=dt.date(1990, 1, 1))
                    self._cells(org, rng.randint(4, 8), "Chi bộ", province)
                else:
                    org = self._org(code, f"Chi bộ {group.lower()} số {o + 1}", K.GRASSROOTS_CELL, parent, group,
                                    founded=dt.date(1990, 1, 1))
                    self._unit(org, org, province)
                if at_district:
                    self._district_units.append((org, province))
        # 2025: districts end on 30/06; from 01/07 provinces merge, communes merge by
        # threes under the first, and everything under a district moves to the province.
        by_name = dict(zip(names, self.provinces, strict=True))
        survivor = {p.pk: by_name[into.get(name, name)] for name, p in zip(names, self.provinces, strict=True)}
        for province in self.provinces:
            for district in self.districts[province.pk]:
                self._reorg(Reorganization.Kind.DISSOLVE, district, REORG_LAST_DAY)
        for name, province in zip(names, self.provinces, strict=True):
            if name in into:
                self._reorg(Reorganization.Kind.MERGE, province, REORG_DAY, by_name[into[name]])
        for group in self.commune_groups:
            head = group[0]
            province_id = self.province_of[head.pk]
            self._reorg(Reorganization.Kind.MOVE, head, REORG_DAY, survivor[province_id])
            joined = " - ".join(o.name.removeprefix("Đảng bộ xã ") for o in group)
            if len(group) > 1:
                self._reorg(Reorganization.Kind.RENAME, head, REORG_DAY, new_name=f"Đảng bộ xã {joined}")
            for other in group[1:]:
                self._reorg(Reorganization.Kind.MERGE, other, REORG_DAY, head)
                self.merged_communes.add(other.pk)
        for org, province in self._district_units:
            self._reorg(Reorganization.Kind.MOVE, org, REORG_DAY, survivor[province.pk])
        self.survivor = {pk: s.pk for pk, s in survivor.items()}
        self.unit_list = [pk for p in self.provinces for pk in self.units[p.pk]]

    def _unit(self, unit: Organization, grassroots: Organization, province: Organization) -> None:
        self.units[province.pk].append(unit.pk)
        self.grassroots_of[unit.pk] = grassroots.pk
        self.province_of[grassroots.pk] = province.pk

    def _cells(self, committee: Organization, count: int, label: str, province: Organization) -> None:
        self.province_of[committee.pk] = province.pk
        for k in range(count):
            cell = self._org(f"{committee.code}-{k + 1:02d}", f"{label} {k + 1}", K.CELL, committee,
                             founded=dt.date(1995, 1, 1))
            self._unit(cell, committee, province)
        if committee.group == "Xã, phường, thị trấn":
            self._unit(committee, committee, province)  # a few members belong to the commune itself

    def exists(self, org, day: dt.date) -> bool:
        return any(a <= day <= b for a, b in self.lives.get(org.pk, ()))

    def grassroots_on(self, org_id: int, day: dt.date) -> int:
        """The organization that rates a member of `org_id` on `day` (ratings.selectors.YearEnd)."""
        span = self.span_on(org_id, day)
        ids = [int(part) for part in span.path.split("/") if part]
        if span.merged_into_id:
            ids = ids[:-1]
        kinds = self.kinds
        return next((i for i in reversed(ids) if kinds[i] in Organization.GRASSROOTS_KINDS), org_id)

    def span_on(self, org_id: int, day: dt.date):
        for span in self._spans_of().get(org_id, ()):
            if span.valid_from <= day <= span.valid_to:
                return span
        return None

    def _spans_of(self) -> dict:
        if not hasattr(self, "_by_org"):
            self._by_org = {}
            for span in self.spans:
                self._by_org.setdefault(span.organization_id, []).append(span)
            self.kinds = {o.pk: o.kind for o in self.orgs}
        return self._by_org

    def by_id(self, pk: int) -> Organization:
        return self.orgs[pk - self.first_id]


class People:
    """The members, a chunk at a time, each with its events and the projection the
    project's own replay gives; what later parts need is kept in compact arrays."""

    def __init__(self, plan: Plan, first_member_id: int = 1):
        self.plan = plan
        self.first_id = first_member_id
        n = plan.members
        self.entered = array.array("i", [0]) * n  # ordinal of the first day as a member
        self.left = array.array("i", [0]) * n  # ordinal of the first day no longer a member
        self.theory = array.array("b", [0]) * n
        self.names = array.array("i", [0]) * n  # index into self.name_list
        self.births = array.array("i", [0]) * n  # birth date ordinal
        self.year_end_org = {y: array.array("i", [0]) * n for y in RATING_YEARS}
        self.year_end_status = {y: array.array("b", [0]) * n for y in RATING_YEARS}
        self.name_list: list[tuple] = []
        self._name_index: dict[tuple, int] = {}
        self._name_fields: dict[tuple, dict] = {}

    def code(self, i: int) -> str:
        return f"{i + 1:08d}"

    def _person(self, rng: random.Random, sex: str) -> tuple:
        family = rng.choice(FAMILY)
        middle = rng.choice(MIDDLE_M if sex == "M" else MIDDLE_F)
        given = rng.choice(GIVEN_M if sex == "M" else GIVEN_F)
        return family, middle, given

    def chunks(self, size: int = 20_000):
        """Lists of (index, member, events, outcome), members in index order."""
        plan = self.plan
        for start in range(0, plan.members, size):
            rng = random.Random(plan.seed * 1_000_003 + start)
            out = []
            for i in range(start, min(start + size, plan.members)):
                out.append(self._one(i, rng))
            yield out

    def _one(self, i: int, rng: random.Random):
        sex = "M" if rng.random() < 0.64 else "F"
        name = self._person(rng, sex)
        theory = rng.choice(THEORY)
        kind = rng.random()
        events: list[tuple] = []  # (kind, date, org id, status, admitted_on, official_on, reason)
        if kind < 0.66:  # on the register at the opening balance
            admitted = _day(rng, dt.date(1955, 1, 1), dt.date(2009, 12, 31))
            if rng.random() < 0.05:
                admitted = _day(rng, dt.date(2010, 1, 2), dt.date(2010, 12, 31))
                entry = (E.OPENING, START, None, "PROBATIONARY", admitted, None, "")
            else:
                official = lifecycle.add_months(admitted, 12) + dt.timedelta(days=rng.randint(0, 60))
                entry = (E.OPENING, START, None, "OFFICIAL", admitted, min(official, START), "")
            born = admitted - dt.timedelta(days=rng.randint(19 * 366, 45 * 365))
        elif kind < 0.99:  # admitted since
            admitted = _day(rng, START, END)
            born = admitted - dt.timedelta(days=rng.randint(18 * 366 + 2, 40 * 365))
            entry = (E.ADMITTED, admitted, None, "", None, None, "")
        else:  # transferred in from outside the system (the armed forces' committees, abroad)
            day = _day(rng, START, END)
            admitted = day - dt.timedelta(days=rng.randint(400, 9000))
            official = lifecycle.add_months(admitted, 12) + dt.timedelta(days=rng.randint(0, 30))
            entry = (E.TRANSFERRED_IN, day, None, "OFFICIAL", admitted, official, "")
            born = admitted - dt.timedelta(days=rng.randint(19 * 366, 40 * 365))
        unit = self._destination(rng, None, entry[1])
        entry = (entry[0], entry[1], unit, *entry[3:])
        events.append(entry)
        day = entry[1]
        recognized = None
        if entry[3] == "PROBATIONARY" or entry[0] == E.ADMITTED:
            recognized = lifecycle.add_months(entry[4] or day, 12) + dt.timedelta(days=rng.randint(0, 45))
            if recognized <= day:
                recognized = day + dt.timedelta(days=1)
        exempted = False
        current = unit
        # Year by year: moves, exemptions, and the exits that end the record.
        year = day.year
        last = END
        while year <= END.year:
            first = max(day + dt.timedelta(days=1), dt.date(year, 1, 1))
            end_of_year = min(dt.date(year, 12, 31), last)
            if first > end_of_year:
                year += 1
                continue
            age = year - born.year
            death = 0.002 if age < 60 else 0.01 if age < 75 else 0.05
            roll = rng.random()
            exit_kind = None
            if roll < death:
                exit_kind = E.DIED
            elif roll < death + 0.0005:
                exit_kind = E.EXPELLED
            elif roll < death + 0.0008:
                exit_kind = E.LEFT
            elif roll < death + 0.0013:
                exit_kind = E.NAME_DELETED
            elif roll < death + 0.0021:
                exit_kind = E.TRANSFERRED_OUT
            moves = 1 if rng.random() < 0.1 else 0
            moves += 1 if rng.random() < 0.01 else 0
            for _ in range(moves):
                when = _day(rng, first, end_of_year)
                if recognized and when == recognized:
                    continue
                target = self._destination(rng, current, when)
                if target is not None and target != current:
                    events.append((E.TRANSFERRED_INTERNAL, when, target, "", None, None, ""))
                    current, first = target, when + dt.timedelta(days=1)
                    if first > end_of_year:
                        break
            if age >= 70 and not exempted and rng.random() < 0.04 and first <= end_of_year:
                when = _day(rng, first, end_of_year)
                events.append((E.EXEMPTED, when, None, "", None, None, "Tuổi cao, sức yếu"))
                exempted, first = True, when + dt.timedelta(days=1)
            elif exempted and rng.random() < 0.1 and first <= end_of_year:
                when = _day(rng, first, end_of_year)
                events.append((E.EXEMPTION_ENDED, when, None, "", None, None, ""))
                exempted, first = False, when + dt.timedelta(days=1)
            if exit_kind is not None and first <= end_of_year:
                when = _day(rng, first, end_of_year)
                reason = "Vi phạm tư cách đảng viên" if exit_kind in (E.EXPELLED, E.NAME_DELETED) else ""
                events.append((exit_kind, when, None, "", None, None, reason))
                last = when - dt.timedelta(days=1)
                break
            year += 1
        if recognized and recognized <= min(last, END):
            events.append((E.RECOGNIZED_OFFICIAL, recognized, None, "", None, None, ""))
        return i, sex, name, born, theory, events

    def _destination(self, rng: random.Random, current: int | None, day: dt.date) -> int | None:
        """A unit that exists on `day`: mostly in the same province, for a move."""
        plan = self.plan
        pool = plan.unit_list
        if current is not None and rng.random() < 0.95:
            pool = plan.units[plan.province_of[plan.grassroots_of[current]]]
        while True:
            target = rng.choice(pool)
            if not (day >= REORG_DAY and target in plan.merged_communes):
                return target

    def records(self, chunk):
        """(member, events, outcome) of a chunk, through the project's own code: the
        member as `members.services.check_member` builds it, the projection as
        `members.lifecycle.replay` gives it."""
        plan = self.plan
        out = []
        for i, sex, name, born, theory, rows in chunk:
            fields = self._name_fields.get(name)
            member = check_member(code=self.code(i), family_name=name[0], middle_name=name[1], given_name=name[2],
                                full_name=" ".join(name), birth=born, sex=sex, ethnicity=ETHNICITIES[i % len(
                                    ETHNICITIES)], religion="Không", theory_level=theory) if fields is None else None
            if member is None:
                member = build(Member, code=self.code(i), birth_date=born, birth_year=born.year, sex=sex,
                               ethnicity=ETHNICITIES[i % len(ETHNICITIES)], religion="Không", theory_level=theory,
                               **fields)
            elif name not in self._name_fields:
                self._name_fields[name] = {f: getattr(member, f) for f in (
                    "full_name", "family_name", "middle_name", "given_name", "name_fold", "name_key", "sort_key")}
            member.pk = self.first_id + i
            events = []
            for kind, day, org_id, status, admitted_on, official_on, reason in rows:
                events.append(build(MembershipEvent, member=member, kind=kind, date=day,
                                    organization=plan.by_id(org_id) if org_id else None, status=status,
                                    admitted_on=admitted_on, official_on=official_on, reason=reason))
            outcome = lifecycle.replay(member, events, plan.exists)
            self._remember(i, member, outcome, name, theory, born)
            out.append((member, events, outcome))
        return out

    def _remember(self, i: int, member: Member, outcome, name, theory: str, born: dt.date) -> None:
        spans = outcome.spans
        self.entered[i] = spans[0].valid_from.toordinal() if spans else 0
        self.left[i] = (spans[-1].valid_to.toordinal() + 1) if spans else 0
        self.theory[i] = THEORY_RANK[theory]
        self.births[i] = born.toordinal()
        index = self._name_index.get(name)
        if index is None:
            index = self._name_index[name] = len(self.name_list)
            self.name_list.append(name)
        self.names[i] = index
        for year in RATING_YEARS:
            day = dt.date(year, 12, 31)
            for span in spans:
                if span.valid_from <= day <= span.valid_to:
                    self.year_end_org[year][i] = span.organization_id
                    self.year_end_status[year][i] = 1
                    break

    def is_member_on(self, i: int, day: dt.date) -> bool:
        return self.entered[i] <= day.toordinal() < self.left[i]


OVERRIDE = "Đơn vị có nhiều thành tích nổi bật, được cấp trên ghi nhận"


def _capped(rng: random.Random, ruleset, subjects: list, shares: tuple) -> list[tuple]:
    """Levels for one rating round (one comparable group): the excellence cap of the
    rules holds, except in one round in fifty, where the reason to go over is recorded
    (the rating screen asks for it)."""
    rated = [(subject, *_level(rng, ruleset, shares)) for subject in subjects]
    excellent = [r for r in rated if r[1] == "EXCELLENT"]
    good = sum(1 for r in rated if r[1] == "GOOD")
    cap = int(Decimal("0.2") * good)
    if len(excellent) > cap:
        if rng.random() < 0.02:
            return [(r[0], r[1], r[2], OVERRIDE if r[1] == "EXCELLENT" else r[3]) for r in rated]
        demoted = {id(r) for r in excellent[cap:]}
        rated = [(r[0], "GOOD", _score(rng, ruleset, "GOOD"), "") if id(r) in demoted else r for r in rated]
    return rated


def member_ratings(plan: Plan, people: People, years=RATING_YEARS):
    """(year, member index, level, score, reason, conducting organization id): every
    member on the register at the end of the year, by rating round."""
    for year in years:
        rng = random.Random(plan.seed * 31 + year)
        ruleset = rating_rules.rule_set_for(year)
        day = dt.date(year, 12, 31)
        rounds: dict[int, list[int]] = {}
        for i in range(plan.members):
            org_id = people.year_end_org[year][i]
            if org_id:
                rounds.setdefault(plan.grassroots_on(org_id, day), []).append(i)
        for conducting in sorted(rounds):
            for i, level, score, reason in _capped(rng, ruleset, rounds[conducting], (0.10, 0.75, 0.12, 0.015)):
                yield year, i, level, score, reason, conducting


def organization_ratings(plan: Plan, years=RATING_YEARS):
    """(year, organization, level, score, reason, conducting organization id): every
    grassroots organization at the end of the year, by round and comparable group."""
    for year in years:
        rng = random.Random(plan.seed * 37 + year)
        ruleset = rating_rules.rule_set_for(year)
        day = dt.date(year, 12, 31)
        groups: dict[tuple, list] = {}
        for org in plan.orgs:
            if org.kind in Organization.GRASSROOTS_KINDS and plan.exists(org, day):
                conducting = plan.span_on(org.pk, day).parent_id or org.pk
                groups.setdefault((conducting, org.group), []).append(org)
        for conducting, group in sorted(groups):
            for org, level, score, reason in _capped(rng, ruleset, groups[(conducting, group)],
                                                     (0.12, 0.72, 0.13, 0.02)):
                yield year, org, level, score, reason, conducting


def _level(rng: random.Random, ruleset, shares) -> tuple:
    roll, level = rng.random(), "NOT_RATED"
    for name, share in zip(("EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED"), shares, strict=True):
        if roll < share:
            level = name
            break
        roll -= share
    reason = "Ốm đau dài ngày" if level == "NOT_RATED" else ""
    return level, _score(rng, ruleset, level), reason


def _score(rng: random.Random, ruleset, level: str) -> str | None:
    """A score in the level's band, under the rules that use scores (QĐ 366)."""
    if not ruleset.uses_scores or level == "NOT_RATED":
        return None
    band = ruleset.band(level)
    high = float(band.high) - 0.01 if band.high is not None else 100.0
    return f"{rng.uniform(float(band.low), high):.2f}"


def _count(rng: random.Random, expected: float) -> int:
    return int(expected) + (rng.random() < expected - int(expected))


def committees(plan: Plan, year: int):
    """(committee, first day, last day, decisions, classes) of `year`, the counts expected."""
    scale = max(plan.members / FULL_SIZE, 1 / 500)
    first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), END)
    for province in plan.provinces:
        for start, end in plan.lives.get(province.pk, ()):
            a, b = max(first, start), min(last, end)
            if a <= b:
                part = ((b - a).days + 1) / 365
                yield province, a, b, PROVINCE_DECISIONS * scale * part, PROVINCE_CLASSES * scale * part
        for district in plan.districts[province.pk]:
            for start, end in plan.lives.get(district.pk, ()):
                a, b = max(first, start), min(last, end)
                if a <= b:
                    part = ((b - a).days + 1) / 365
                    yield district, a, b, DISTRICT_DECISIONS * scale * part, DISTRICT_CLASSES * scale * part


def decisions(plan: Plan, people: People):
    """(date, kind, member index, title, unit organization or None, committee)."""
    rng = random.Random(plan.seed + 13)
    used: set[int] = set()
    below: dict[int, list[Organization]] = {}
    for org in plan.orgs:
        if org.kind in Organization.GRASSROOTS_KINDS and org.founding_parent_id:
            below.setdefault(org.founding_parent_id, []).append(org)
    for year in range(START.year, END.year + 1):
        for committee, first, last, count, _classes in committees(plan, year):
            for _ in range(_count(rng, count)):
                day = _day(rng, first, last)
                i = _pick(rng, people, day, used)
                if i is None:
                    continue
                used.add(i)
                units = [o for o in below.get(committee.pk, []) if plan.exists(o, day)]
                unit = rng.choice(units) if units and rng.random() < 0.7 else None
                yield day, rng.choice(DECISION_KINDS), i, rng.choice(TITLES), unit, committee


def _pick(rng: random.Random, people: People, day: dt.date, used: set, theory: int = 0) -> int | None:
    n = len(people.entered)
    for _ in range(50):
        i = rng.randrange(n)
        if i not in used and people.is_member_on(i, day) and people.theory[i] >= theory:
            return i
    return None


def classes(plan: Plan, people: People):
    """(code, name, program, organizer, start, end, learners) with learners
    [(member index or None, full name, birth, result)]."""
    rng = random.Random(plan.seed + 17)
    number = 0
    for year in range(START.year, END.year + 1):
        for committee, first, last, _decisions, count in committees(plan, year):
            for _ in range(_count(rng, count)):
                number += 1
                program = rng.choice(PROGRAMS)
                start = _day(rng, first, last)
                end = start + dt.timedelta(days=rng.randint(3, 60))
                learners = []
                taken: set = set()
                level = THEORY_RANK[PROGRAM_LEVEL.get(program, "")]
                for _ in range(max(1, round(rng.gauss(LEARNERS, 10)))):
                    result = "IN_PROGRESS" if end > END else "COMPLETED" if rng.random() < 0.97 else "NOT_COMPLETED"
                    if program == "PARTY_AWARENESS":
                        sex = "M" if rng.random() < 0.5 else "F"
                        name = " ".join(people._person(rng, sex))
                        born = start - dt.timedelta(days=rng.randint(18 * 366, 35 * 365))
                        if (name, born) not in taken:  # the importer takes them as one learner
                            taken.add((name, born))
                            learners.append((None, name, born, result))
                        continue
                    i = _pick(rng, people, start, taken, level)
                    if i is not None:
                        taken.add(i)
                        learners.append((i, None, None, result))
                code = f"L{year}-{number:06d}"
                yield code, f"{PROGRAM_NAME[program]} khóa {number}", program, committee, start, end, learners


def learner_fields(people: People, i: int) -> dict:
    """An enrolled member's name fields, as `training.services.enroll` copies them."""
    name = people.name_list[people.names[i]]
    fields = people._name_fields[name]
    born = dt.date.fromordinal(people.births[i])
    return {"full_name": fields["full_name"], "birth_date": born, "birth_year": born.year,
            "sort_key": fields["sort_key"], "name_key": match_key(fields["full_name"])}


def term_end(day: dt.date) -> dt.date:
    return cadre_rules.term_end(day)


def vietnamese(func):
    """Labels in the workbook in Vietnamese, whatever the process's language."""

    def wrapped(*args, **kwargs):
        with override("vi"):
            return func(*args, **kwargs)

    return wrapped
