"""Demo rows of the `Tiếp công dân` and `Đơn thư` sheets: Thanh Hà, 2022 and early 2023.

- Reception: the district secretary receives citizens on one fixed day a month (the 15th,
  or the next working day), with two ad hoc receptions and two dialogues in the year;
  each commune committee receives them twice a month (the 10th and the 25th, or the
  next working day), as QĐ 11-QĐi/TW asks, except a few months some communes missed.
- Petitions: about what a lychee district writes about: land and boundaries, roads and
  irrigation for the orchards, the lychee season's prices and traders, noise and waste,
  complaints about decisions, a few denunciations of cadres. Most are settled on time,
  a few late, a few still open at the year's end; some received in January 2023 run
  across Tết Quý Mão (20–26/01/2023).
- 2026: the new commune of Thanh Hà (Hải Phòng) keeps receiving citizens, with a few
  petitions still open (the worklists have something to show).

Synthetic: senders' names are drawn from common names, addresses from the demo's
villages. Deterministic (seeded).
"""

import datetime as dt
import random

from dangbo.lib.periods import Calendar

D = dt.date
DISTRICT = "THANHHA"
CALENDAR = Calendar("vi")

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Đỗ", "Bùi", "Hoàng", "Đặng", "Ngô"]
NAMES = (  # (middle names, given names) of men, then of women
    (["Văn", "Đức", "Minh", "Hữu"], ["Thắng", "Hùng", "Bình", "Sơn", "Toàn", "Tâm"]),
    (["Thị", "Ngọc", "Thu"], ["Lan", "Mai", "Nga", "Huệ", "Yến", "Thơm"]),
)
VILLAGES = ["thôn Đông", "thôn Tây", "thôn Nam", "thôn Bắc", "thôn Trung"]

# (kind, summary); the commune's name is put in where {xa} stands.
PETITIONS = {
    "Khiếu nại": [
        "Khiếu nại quyết định thu hồi đất làm đường trục xã {xa}, đề nghị xem xét lại mức bồi thường cây vải",
        "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất chồng lấn ranh giới vườn vải ở {xa}",
        "Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng trên đất nông nghiệp",
        "Khiếu nại việc chi trả hỗ trợ chuyển đổi cơ cấu cây trồng năm 2021 chưa đúng diện tích",
    ],
    "Tố cáo": [
        "Tố cáo cán bộ địa chính xã {xa} có dấu hiệu nhận tiền khi làm thủ tục đất đai",
        "Tố cáo trưởng thôn thu quỹ xây dựng nhà văn hóa không công khai",
        "Tố cáo đảng viên sử dụng đất công ích sai mục đích",
    ],
    "Kiến nghị": [
        "Kiến nghị nâng cấp đường giao thông nội đồng phục vụ vận chuyển vải thiều ở {xa}",
        "Kiến nghị nạo vét kênh tưới tiêu cho vùng trồng vải trước mùa mưa",
        "Kiến nghị hỗ trợ mã số vùng trồng để xuất khẩu vải thiều",
        "Kiến nghị lắp đặt đèn chiếu sáng đường liên thôn",
        "Kiến nghị sớm chi trả tiền hỗ trợ giá giống lúa vụ xuân",
        "Kiến nghị bố trí điểm thu mua vải thiều tập trung, tránh ùn tắc quốc lộ",
    ],
    "Phản ánh": [
        "Phản ánh tình trạng đổ rác thải ven đê tại {xa}",
        "Phản ánh thương lái ép giá vải thiều đầu vụ",
        "Phản ánh tiếng ồn của xưởng sấy vải vào ban đêm",
        "Phản ánh đường điện hạ thế xuống cấp, mất an toàn",
    ],
}
RESULTS_SETTLED = {"Khiếu nại": ["Đúng một phần", "Sai", "Sai", "Đúng"], "Tố cáo": ["Sai", "Đúng một phần", "Sai"]}


def _working_day_from(day: dt.date) -> dt.date:
    while not CALENDAR.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _name(rng: random.Random) -> str:
    middle, given = rng.choice(NAMES)
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"


def _communes(orgs: list[list]) -> list[tuple[str, str]]:
    """(code, commune name) of the district's commune committees."""
    return [
        (row[0], row[1].removeprefix("Đảng bộ ").removeprefix("xã "))
        for row in orgs if row[3] == DISTRICT and row[4] == "Xã, thị trấn"
    ]


def _presiders(year_end: dict[int, dict[str, str]], communes: list[tuple[str, str]]) -> dict[str, str]:
    """A member of each commune present through 2021 and 2022 (its secretary, in the demo),
    and the district secretary (the same person as in the cadres' demo)."""
    present = set(year_end[2021]) & set(year_end[2022])
    out = {DISTRICT: sorted(set(year_end[2020]) & set(year_end[2025]))[0]}
    for code, _name in communes:
        members = sorted(m for m in present if year_end[2022][m].startswith(code))
        if members:
            out[code] = members[0]
    return out


def demo_rows(year_end: dict[int, dict[str, str]], orgs: list[list]) -> dict[str, list[list]]:
    rng = random.Random(17)
    communes = _communes(orgs)
    presiders = _presiders(year_end, communes)
    receptions = _receptions(rng, communes, presiders)
    petitions = _petitions(rng, communes, year_end)
    receptions += _year_2026(rng, orgs, year_end, petitions)
    return {"receptions": receptions, "petitions": petitions}


def _receptions(rng: random.Random, communes, presiders) -> list[list]:
    rows = []
    topics = ["đất đai, ranh giới vườn vải", "giá vải thiều, tiêu thụ nông sản", "đường giao thông nội đồng",
              "chế độ chính sách người có công", "môi trường, rác thải", "thủ tục hành chính"]
    for month in range(1, 13):
        day = _working_day_from(D(2022, month, 15))
        rows.append([day, DISTRICT, "Tiếp định kỳ", presiders[DISTRICT], rng.randint(4, 14),
                     f"Công dân phản ánh về {rng.choice(topics)}", None])
    for day, content in ((D(2022, 6, 8), "Vụ việc tranh chấp đất vườn vải đông người ở Thanh Xá"),
                         (D(2022, 9, 21), "Hộ dân khu vực dự án cụm công nghiệp đề nghị về bồi thường")):
        rows.append([day, DISTRICT, "Tiếp đột xuất", presiders[DISTRICT], rng.randint(8, 20), content, None])
    for day, content in ((D(2022, 4, 22), "Đối thoại với nhân dân về liên kết tiêu thụ vải thiều vụ 2022"),
                         (D(2022, 11, 17), "Đối thoại với nhân dân về quy hoạch sử dụng đất giai đoạn 2021–2030")):
        rows.append([day, DISTRICT, "Đối thoại", presiders[DISTRICT], rng.randint(60, 120), content, None])
    # Commune-months without a second reception day (the worklist shows them short).
    missed = {(communes[3][0], 2), (communes[7][0], 8), (communes[12][0], 2), (communes[20][0], 10)}
    for code, _name in communes:
        presider = presiders.get(code)
        for month in range(1, 13):
            for n, first in enumerate((10, 25)):
                if n == 1 and (code, month) in missed:
                    continue
                day = _working_day_from(D(2022, month, first))
                if day.month != month:  # the 25th's working day ran into the next month
                    day = _working_day_from(D(2022, month, first - 5))
                rows.append([day, code, "Tiếp định kỳ", presider, rng.randint(1, 9), None, None])
    for code, name in communes[::6]:
        rows.append([D(2022, 7, 14), code, "Đối thoại",
                     presiders.get(code), rng.randint(30, 70), f"Đối thoại với nhân dân xã {name} về mùa vải 2022",
                     None])
    # January 2023, around Tết Quý Mão: the district's reception day falls on Monday 16/01.
    rows.append([D(2023, 1, 16), DISTRICT, "Tiếp định kỳ", presiders[DISTRICT], 9,
                 "Công dân đề nghị giải quyết dứt điểm trước Tết", None])
    rows.append([D(2023, 2, 15), DISTRICT, "Tiếp định kỳ", presiders[DISTRICT], 7, None, None])
    return rows


def _petitions(rng: random.Random, communes, year_end) -> list[list]:
    rows = []
    counter = iter(range(1, 1000))
    members = sorted(year_end[2022])

    def sender(village_of: str) -> str:
        return f"{_name(rng)}, {rng.choice(VILLAGES)}, {village_of}"

    # (kind, how many in 2022)
    plan = [("Khiếu nại", 12), ("Tố cáo", 6), ("Kiến nghị", 26), ("Phản ánh", 14)]
    for kind, count in plan:
        for i in range(count):
            code, xa = (DISTRICT, "Thanh Hà") if i % 3 == 0 else rng.choice(communes)
            received = _working_day_from(D(2022, 1, 4) + dt.timedelta(days=rng.randint(0, 340)))
            content = rng.choice(PETITIONS[kind]).format(xa=f"xã {xa}" if code != DISTRICT else "xã Thanh Hồng")
            rows.append(_petition(rng, f"DT-2022-{next(counter):03d}", received, code, kind, content,
                                  sender(f"xã {xa}" if code != DISTRICT else "thị trấn Thanh Hà"),
                                  rng.choice(members) if kind == "Tố cáo" else None, index=i))
    # Received in December 2022 and January 2023: their periods cross New Year and Tết.
    late = [
        ("Khiếu nại", D(2022, 10, 20), "Khiếu nại việc thu hồi đất vườn vải làm bãi tập kết vật liệu"),
        ("Khiếu nại", D(2022, 12, 2), "Khiếu nại việc tính tiền sử dụng đất khi cấp giấy chứng nhận lần đầu"),
        ("Kiến nghị", D(2022, 12, 26), "Kiến nghị hỗ trợ nông dân phục hồi vườn vải sau rét đậm"),
        ("Khiếu nại", D(2023, 1, 12), "Khiếu nại quyết định giải quyết tranh chấp ranh giới đất vườn"),
        ("Tố cáo", D(2023, 1, 17), "Tố cáo cán bộ thôn lập danh sách hộ nghèo không đúng đối tượng"),
        ("Phản ánh", D(2023, 1, 18), "Phản ánh tình trạng đốt pháo nổ trái phép dịp Tết"),
    ]
    for kind, received, content in late:
        rows.append(_late_petition(f"DT-{received.year}-{next(counter):03d}", received, kind, content,
                                   sender("thị trấn Thanh Hà"), rng.choice(members) if kind == "Tố cáo" else None))
    return rows


def _petition(rng, code, received, org, kind, content, sender, member, index) -> list:
    """One 2022 petition with a plausible course: most settled in time, the odd one late;
    those of the year's last weeks settled in 2023 (open on 31/12/2022)."""
    complexity = "Phức tạp" if kind in ("Khiếu nại", "Tố cáo") and index % 4 == 1 else "Thông thường"
    channel = rng.choice(["Trực tiếp", "Bưu chính", "Điện tử", "Trực tiếp", "Chuyển đến"])
    accepted = closed = result = number = None
    if kind in ("Kiến nghị", "Phản ánh"):
        if index % 5 == 4:  # answered or forwarded without being accepted
            closed = received + dt.timedelta(days=rng.randint(3, 9))
            result = "Chuyển cơ quan có thẩm quyền" if index % 2 else "Trả lời, hướng dẫn"
        else:
            accepted = received + dt.timedelta(days=rng.randint(2, 8))
            closed = accepted + dt.timedelta(days=rng.randint(10, 40))  # December's in 2023
            result = "Trả lời, hướng dẫn"
    else:
        accepted = received + dt.timedelta(days=rng.randint(2, 6) if kind == "Khiếu nại" else rng.randint(1, 4))
        period = 45 if complexity == "Phức tạp" else 30
        if kind == "Tố cáo" and complexity == "Phức tạp":
            period = 60
        late = index == 2  # one of each kind settled after its period
        closed = accepted + dt.timedelta(days=period + rng.randint(3, 12) if late else rng.randint(12, period - 6))
        result = rng.choice(RESULTS_SETTLED[kind])
    if closed is not None and closed > D(2023, 6, 30):
        closed = D(2023, 6, 30)
    if closed is not None:
        number = f"{rng.randint(10, 480)}-{'QĐ' if kind in ('Khiếu nại', 'Tố cáo') else 'CV'}/HU"
    return [code, received, org, kind, content, sender, channel, member, complexity, "Không", accepted, closed,
            result, number, None]


def _late_petition(code, received, kind, content, sender, member) -> list:
    """The petitions of December 2022 and January 2023, their courses fixed (the due
    dates they meet are worked out in dangbo/citizens/tests/test_demo.py)."""
    courses = {
        # Thu 20/10/2022 + 10 days = Sun 30/10 → Mon 31/10; accepted 25/10; + 30 days = Thu 24/11;
        # settled only on 10/01/2023: overdue at the end of November and of December 2022.
        D(2022, 10, 20): (D(2022, 10, 25), D(2023, 1, 10), "Đúng một phần"),
        # 02/12/2022 + 10 days = 12/12 (Mon): accepted 09/12; + 30 = 08/01/2023 (Sun) → 09/01; closed 06/01.
        D(2022, 12, 2): (D(2022, 12, 9), D(2023, 1, 6), "Đúng một phần"),
        # 26/12/2022 + 10 working days, skipping 31/12–02/01 (New Year): 10/01/2023; accepted 05/01, open.
        D(2022, 12, 26): (D(2023, 1, 5), D(2023, 2, 20), "Trả lời, hướng dẫn"),
        # 12/01/2023 + 10 days = 22/01 (Sunday, Tết) → 27/01; accepted 27/01; + 30 = 26/02 (Sun) → 27/02.
        D(2023, 1, 12): (D(2023, 1, 27), D(2023, 2, 24), "Sai"),
        # 17/01/2023 + 7 working days: 18, 19, 27, 30, 31/01, 01, 02/02 → 02/02; accepted 01/02.
        D(2023, 1, 17): (D(2023, 2, 1), D(2023, 3, 2), "Đúng một phần"),
        # 18/01/2023 + 10 working days: 19, 27, 30, 31/01, 01, 02, 03, 06, 07, 08/02 → 08/02;
        # answered 03/02 without acceptance.
        D(2023, 1, 18): (None, D(2023, 2, 3), "Trả lời, hướng dẫn"),
    }
    accepted, closed, result = courses[received]
    return [code, received, DISTRICT, kind, content, sender, "Trực tiếp", member, "Thông thường", "Không", accepted,
            closed, result, f"{received.day:02d}{received.month:02d}-CV/HU", None]


def _year_2026(rng, orgs, year_end, petitions: list[list]) -> list[list]:
    """The new commune of Thanh Hà (Hải Phòng) in autumn 2026: its reception days, and
    petitions of which some are still open (appended to `petitions`)."""
    commune = next((row[0] for row in orgs if row[0].startswith("HP_XA_") and row[1].endswith("Thanh Hà")), None)
    if commune is None:
        return []
    present = sorted(set(year_end.get(2025, {})) & set(year_end.get(2026, {})))
    presider = present[0] if present else None
    rows = []
    for month in (9, 10, 11):
        for first in (10, 24):
            rows.append([_working_day_from(D(2026, month, first)), commune, "Tiếp định kỳ", presider,
                         rng.randint(2, 8), None, None])
    samples = [
        (D(2026, 10, 5), "Khiếu nại", "Khiếu nại việc bồi thường đất làm đường ven sông", D(2026, 10, 12), None),
        (D(2026, 11, 2), "Kiến nghị", "Kiến nghị sửa chữa trạm bơm tưới cho vùng vải", D(2026, 11, 6), None),
        (D(2026, 11, 16), "Phản ánh", "Phản ánh xe tải chở vật liệu làm hỏng đường thôn", None, None),
        (D(2026, 11, 23), "Tố cáo", "Tố cáo cán bộ thu phí trông giữ xe chợ không đúng quy định", None, None),
        (D(2026, 11, 27), "Phản ánh", "Phản ánh nước thải của cơ sở chế biến vải chảy ra mương", None, None),
    ]
    for i, (received, kind, content, accepted, closed) in enumerate(samples, 1):
        petitions.append([f"HP-2026-{i:03d}", received, commune, kind, content, f"{_name(rng)}, thôn Đông",
                          "Trực tiếp", None, "Thông thường", "Không", accepted, closed, None, None, None])
    return rows
