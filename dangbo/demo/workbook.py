"""The Thanh Hà demo as an interchange workbook (synthetic data, REPORT.md).

It is built as rows of the interchange sheets and loaded through the same importer a
user's file goes through. The random generator is seeded, so the workbook is the same
every time and loading it twice changes nothing.
"""

import datetime as dt
import io

from dangbo.interchange.exporter import write_workbook
from dangbo.lib.vntext import fold

D = dt.date

# 25 communes and the town of the former Thanh Hà district (synthetic list).
COMMUNES = [
    "Thị trấn Thanh Hà", "Thanh Hồng", "Thanh Cường", "Vĩnh Lập", "Thanh Xá", "Thanh Xuân",
    "Thanh Thủy", "Thanh An", "Thanh Lang", "Tân An", "Hồng Lạc", "Cẩm Việt", "Việt Hồng",
    "Tân Việt", "Liên Mạc", "Thanh Sơn", "Thanh Khê", "Thanh Quang", "An Phượng", "Thanh Hải",
    "Hợp Đức", "Trường Thành", "Thanh Bính", "Thanh Tân", "An Lương",
]
AGENCIES = [
    "Văn phòng Huyện ủy", "Ủy ban Kiểm tra Huyện ủy", "Ban Tổ chức Huyện ủy",
    "Phòng Tài chính - Kế hoạch", "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Giáo dục và Đào tạo", "Tòa án nhân dân huyện", "Viện Kiểm sát nhân dân huyện",
]
SCHOOLS = [
    "Trường THPT Thanh Hà", "Trường THPT Hà Bắc", "Trường THPT Hà Đông", "Trường THPT Thanh Bình",
    "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên", "Trường THCS Nguyễn Trãi",
]
ENTERPRISES = [
    "Công ty cổ phần Vải thiều Thanh Hà", "Quỹ tín dụng nhân dân Thanh Hồng",
    "Chi nhánh Ngân hàng Nông nghiệp huyện Thanh Hà", "Công ty TNHH Nông sản Hà Đông",
]
ARMED = ["Quân sự huyện", "Công an huyện"]
VILLAGES = ["Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc", "Thôn Trung", "Thôn Hạ", "Thôn Thượng"]
# The commune committees of Hải Phòng city founded on 01/07/2025.
NEW_COMMUNES = ["Thanh Hà", "Hà Tây", "Hà Bắc", "Hà Đông", "Hà Nam"]

FOUNDED = D(2000, 1, 1)
REORG_DAY = D(2025, 7, 1)
DISTRICT_LAST_DAY = D(2025, 6, 30)


def code_for(prefix: str, name: str) -> str:
    return prefix + fold(name).upper().replace(" ", "").replace("-", "")[:24]


def organizations() -> tuple[list[list], list[list], dict[str, list[str]]]:
    """(Tổ chức rows, Sắp xếp tổ chức rows, cells by grassroots code)."""
    orgs: list[list] = [
        ["HAIDUONG", "Đảng bộ tỉnh Hải Dương", "Đảng bộ cấp trên cơ sở", None, None, D(1997, 1, 1), None],
        ["HAIPHONG", "Đảng bộ thành phố Hải Phòng", "Đảng bộ cấp trên cơ sở", None, None, D(1955, 5, 13), None],
        [
            "THANHHA", "Đảng bộ huyện Thanh Hà", "Đảng bộ cấp trên cơ sở", "HAIDUONG", None, D(1997, 1, 1),
            DISTRICT_LAST_DAY,
        ],
    ]
    reorgs: list[list] = []
    cells: dict[str, list[str]] = {}
    grassroots: list[str] = []

    def add(code, name, kind, parent, group=None, founded=FOUNDED):
        orgs.append([code, name, kind, parent, group, founded, None])

    for index, commune in enumerate(COMMUNES):
        code = code_for("TH_", commune)
        name = f"Đảng bộ {commune}" if commune.startswith("Thị trấn") else f"Đảng bộ xã {commune}"
        add(code, name, "Đảng bộ cơ sở", "THANHHA", "Xã, thị trấn")
        grassroots.append(code)
        cells[code] = []
        for v in range(4 + index % 4):
            cell_code = f"{code}_{v + 1:02d}"
            add(cell_code, f"Chi bộ {VILLAGES[v]}", "Chi bộ trực thuộc", code)
            cells[code].append(cell_code)
    for group, names in (("Cơ quan", AGENCIES), ("Trường học", SCHOOLS), ("Doanh nghiệp", ENTERPRISES)):
        for name in names:
            code = code_for("TH_CB_", name)
            add(code, f"Chi bộ {name}", "Chi bộ cơ sở", "THANHHA", group)
            grassroots.append(code)
            cells[code] = [code]
    for name in ARMED:
        code = code_for("TH_", name)
        add(code, f"Đảng bộ {name}", "Đảng bộ cơ sở", "THANHHA", "Lực lượng vũ trang")
        grassroots.append(code)
        cells[code] = []
        for v, unit in enumerate(["Chỉ huy", "Tham mưu", "Hậu cần"]):
            cell_code = f"{code}_{v + 1:02d}"
            add(cell_code, f"Chi bộ {unit}", "Chi bộ trực thuộc", code)
            cells[code].append(cell_code)

    # 2023: a school renamed; 01/01/2024: Thanh Xá merged into Thanh Xuân.
    reorgs.append([D(2023, 8, 1), "Đổi tên", code_for("TH_CB_", SCHOOLS[5]), None,
                   "Chi bộ Trường THCS Nguyễn Trãi - Thanh Hà", "125-QĐ/HU"])
    reorgs.append([D(2024, 1, 1), "Sáp nhập", code_for("TH_", "Thanh Xá"), code_for("TH_", "Thanh Xuân"),
                   None, "310-QĐ/HU"])

    # 2025: the district ends on 30/06; its organizations move under the new communes
    # of Hải Phòng on 01/07, the day Hải Dương merges into Hải Phòng.
    new_codes = []
    for name in NEW_COMMUNES:
        code = code_for("HP_XA_", name)
        orgs.append([code, f"Đảng bộ xã {name}", "Đảng bộ cấp trên cơ sở", "HAIPHONG", "Xã, phường", REORG_DAY, None])
        new_codes.append(code)
    reorgs.append([REORG_DAY, "Sáp nhập", "HAIDUONG", "HAIPHONG", None, "1661-QĐ/TW"])
    merged_away = code_for("TH_", "Thanh Xá")
    for index, code in enumerate(c for c in grassroots if c != merged_away):
        reorgs.append([REORG_DAY, "Chuyển cấp trên", code, new_codes[index % len(new_codes)], None, "01-QĐ/TU"])
    return orgs, reorgs, cells


def build_rows(initial_members: int = 2600) -> dict[str, list[list]]:
    """The demo's sheets. `initial_members` sizes the register of 01/01/2020; the figures
    the seed article gives for 2022 do not depend on it (tests use a smaller one)."""
    from dangbo.cadres.demo import demo_rows as cadre_rows
    from dangbo.citizens.demo import demo_rows as citizens_rows
    from dangbo.development.demo import demo_rows as development_rows
    from dangbo.inspections.demo import demo_rows as inspection_rows
    from dangbo.leadership.demo import demo_rows as leadership_rows
    from dangbo.mobilization.demo import demo_rows as mobilization_rows
    from dangbo.ratings.demo import demo_rows as rating_rows
    from dangbo.targets.demo import demo_rows as target_rows
    from dangbo.training.demo import demo_rows as training_rows

    from .people import build as build_people

    orgs, reorgs, cells = organizations()
    people = build_people([c for codes in cells.values() for c in codes], initial=initial_members)
    ratings = rating_rows(people.year_end, orgs)
    training = training_rows(people.year_end)
    awareness = [(row[2], row[3]) for row in training["learners"] if row[0] == "NTVD-2022"]
    agencies = [code_for("TH_CB_", name) for name in AGENCIES]
    return {
        "organizations": orgs,
        "reorganizations": reorgs,
        "members": people.members,
        "events": people.events,
        "targets": target_rows(),
        **cadre_rows(people.year_end),
        **training,
        "ratings": ratings,
        **citizens_rows(people.year_end, orgs),
        **mobilization_rows(orgs),
        **inspection_rows(orgs, people.events, people.year_end, ratings),
        **development_rows(people.members, people.events, people.year_end, cells, awareness),
        **leadership_rows(people.members, people.year_end, cells, agencies),
    }


def build_workbook(initial_members: int = 2600) -> bytes:
    buffer = io.BytesIO()
    write_workbook(build_rows(initial_members), buffer)
    return buffer.getvalue()
