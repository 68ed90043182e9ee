"""Demo rows of the `Kiểm tra, giám sát`, `Biện pháp khắc phục` and `Kỷ luật` sheets:
the Thanh Hà district's inspection and supervision program of 2022 (synthetic,
deterministic), backing the seed's sentence "Các cấp ủy thực hiện cơ bản tốt chương
trình kiểm tra, giám sát năm 2022. Qua kiểm tra, giám sát, … biện pháp khắc phục …".

- The district's inspection committee inspects grassroots organizations (compliance, its
  own inspection work, finances) and members upon signs of violation; its standing
  committee supervises by theme and regularly; eight commune committees supervise one of
  their cells each, and two inspect a member. Most items are concluded by 31/12/2022; a
  few started late in the year are not (the program is "cơ bản tốt", not complete).
- Remedies for the conclusions with shortcomings or violations: most done in time, some
  late, a few overdue at the year's end, some due in 2023.
- Discipline: the three expulsions of 2022 in the register (`Khai trừ` events of the
  seed's 10 removed from the Party) are the district standing committee's decisions,
  each after an inspection upon signs of violation; besides, a warning and two
  reprimands of members, and a reprimand of a cell. Those disciplined are rated no higher
  than "completed" for 2022 and the cell's committee is not rated excellent, so the
  ratings' rules raise no warning. The seed's figures do not change.

Takes the other sheets' rows, never the demo package (the demo calls the apps).
"""

import datetime as dt
import random

D = dt.date
YEAR = 2022
DISTRICT = "THANHHA"
UBKT, BTV, CU = "Ủy ban Kiểm tra", "Ban Thường vụ", "Cấp ủy"
ORG, MEMBER = "Tổ chức", "Đảng viên"
CK, DH, KTGS, TC = (
    "Kiểm tra chấp hành",
    "Kiểm tra khi có dấu hiệu vi phạm",
    "Kiểm tra thực hiện nhiệm vụ kiểm tra, giám sát",
    "Kiểm tra tài chính",
)
GSCD, GSTX = "Giám sát chuyên đề", "Giám sát thường xuyên"
NONE, SHORT, VIOL, DISC = (
    "Không có vi phạm",
    "Có khuyết điểm",
    "Có vi phạm",
    "Có vi phạm đến mức phải xử lý kỷ luật",
)
GRASSROOTS_COMMITTEE, GRASSROOTS_CELL, CELL = "Đảng bộ cơ sở", "Chi bộ cơ sở", "Chi bộ trực thuộc"
RATED_AT_MOST_COMPLETED = ("Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ", "Không xếp loại")

THEMES = [
    "việc thực hiện Nghị quyết Trung ương 4 khóa XIII về xây dựng, chỉnh đốn Đảng",
    "việc lãnh đạo phát triển kinh tế vườn vải thiều",
    "việc thực hiện quy chế dân chủ ở cơ sở",
    "công tác phát triển đảng viên",
    "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "việc quản lý, sử dụng đất đai",
    "việc thu, nộp, quản lý đảng phí",
    "chất lượng sinh hoạt chi bộ",
]
STRENGTHS = [
    "Cấp ủy đoàn kết, lãnh đạo hoàn thành các chỉ tiêu chủ yếu; duy trì nền nếp sinh hoạt.",
    "Ban hành đầy đủ văn bản lãnh đạo, chỉ đạo; tổ chức quán triệt nghị quyết kịp thời.",
    "Thực hiện tốt quy chế làm việc; công tác dân vận có nhiều chuyển biến.",
]
SHORTCOMINGS = [
    "Sinh hoạt chi bộ có lúc chưa đều, nội dung chưa phong phú.",
    "Hồ sơ, sổ sách chưa được cập nhật đầy đủ.",
    "Việc kiểm tra, giám sát của chi ủy đối với đảng viên còn hạn chế.",
    "Chưa kịp thời báo cáo kết quả thực hiện nghị quyết.",
]
REMEDIES = [
    "Kiện toàn chi ủy, phân công nhiệm vụ cụ thể cho từng đồng chí",
    "Duy trì sinh hoạt chi bộ định kỳ hằng tháng, đổi mới nội dung sinh hoạt",
    "Cập nhật đầy đủ sổ sách, hồ sơ đảng viên",
    "Xây dựng và thực hiện chương trình kiểm tra, giám sát của chi ủy",
    "Báo cáo kết quả khắc phục với Ủy ban Kiểm tra Huyện ủy",
    "Tổ chức kiểm điểm tập thể, cá nhân có liên quan",
    "Hoàn trả khoản chi sai quy định",
]


def demo_rows(
    organizations: list[list], events: list[list], year_end: dict[int, dict[str, str]], ratings: list[list]
) -> dict[str, list[list]]:
    """Rows in the column order of the sheets. `organizations`, `events` and `ratings` are
    the `Tổ chức`, `Biến động` and `Xếp loại` rows of the demo; `year_end[Y]` maps the
    members present on 31/12/Y to their cell."""
    rng = random.Random(16)
    kinds = {row[0]: row[2] for row in organizations}
    parent = {row[0]: row[3] for row in organizations}
    communes = [row[0] for row in organizations if row[2] == GRASSROOTS_COMMITTEE and row[3] == DISTRICT]
    cells_of = {c: [row[0] for row in organizations if row[3] == c and row[2] == CELL] for c in communes}
    agencies = [row[0] for row in organizations if row[2] == GRASSROOTS_CELL and row[3] == DISTRICT]
    rated = {(r[0], r[2]): r[3] for r in ratings}

    def grassroots(cell: str) -> str:
        return cell if kinds[cell] in (GRASSROOTS_COMMITTEE, GRASSROOTS_CELL) else parent[cell]

    items: list[list] = []
    remedies: list[list] = []
    disciplines: list[list] = []
    counter = iter(range(1, 100))

    def item(kind, body, org, subject, code, start, end=None, conclusion=None, prefix="KT") -> str:
        number = next(counter)
        item_code = f"{prefix}-{YEAR}-{number:02d}"
        strengths = rng.choice(STRENGTHS) if end and subject == ORG else None
        shortcomings = rng.choice(SHORTCOMINGS) if conclusion in (SHORT, VIOL, DISC) else None
        decision = f"{number:02d}-QĐ/UBKTHU" if body == UBKT and org == DISTRICT else None
        items.append(
            [
                item_code,
                YEAR,
                kind,
                body,
                org,
                subject,
                code,
                start,
                end,
                conclusion,
                strengths,
                shortcomings,
                decision,
                None,
            ]
        )
        if conclusion in (SHORT, VIOL) and end is not None:
            for text in rng.sample(REMEDIES[:5], 1 + (conclusion == VIOL)):
                due = end + dt.timedelta(days=rng.choice((30, 45, 60, 90)))
                roll = rng.random()
                if roll < 0.65 and due < D(YEAR, 12, 20):
                    done = due - dt.timedelta(days=rng.randint(1, 10))  # in time
                elif roll < 0.8 and due < D(YEAR, 12, 1):
                    done = due + dt.timedelta(days=rng.randint(3, 15))  # late, done in the year
                else:
                    done = None if due.year == YEAR else due - dt.timedelta(days=5)  # overdue, or done in 2023
                remedies.append([item_code, text, due, done])
        return item_code

    # The expulsions of the year in the register, and the inspection behind each.
    expelled = sorted((e for e in events if e[1] == "Khai trừ" and e[2].year == YEAR), key=lambda e: (e[2], e[0]))
    for code, _kind, day, _org, _status, _admitted, _official, number, reason, _note in expelled:
        start = max(D(YEAR, 1, 2), day - dt.timedelta(days=75))
        end = max(start, day - dt.timedelta(days=20))
        found = item(DH, UBKT, DISTRICT, MEMBER, code, start, end, DISC)
        disciplines.append(
            [day, MEMBER, code, "Khai trừ", DISTRICT, BTV, start - dt.timedelta(days=40), found, number, reason]
        )

    # Members who stayed in their cell all year, rated at most "completed" for 2022.
    steady = sorted(
        code
        for code, cell in year_end[YEAR].items()
        if year_end.get(YEAR - 1, {}).get(code) == cell
        and rated.get((YEAR, code)) in RATED_AT_MOST_COMPLETED
        and kinds[cell] == CELL
    )
    warned, reprimanded, cleared = (
        steady[len(steady) // 7],
        [steady[len(steady) // 3], steady[len(steady) // 2]],
        steady[-1],
    )
    found = item(DH, UBKT, DISTRICT, MEMBER, warned, D(YEAR, 4, 11), D(YEAR, 6, 20), DISC)
    disciplines.append(
        [
            D(YEAR, 7, 8),
            MEMBER,
            warned,
            "Cảnh cáo",
            DISTRICT,
            UBKT,
            D(YEAR, 1, 15),
            found,
            "52-QĐ/UBKTHU",
            "Vi phạm quy định về những điều đảng viên không được làm",
        ]
    )
    for index, code in enumerate(reprimanded):
        commune = grassroots(year_end[YEAR][code])
        start = D(YEAR, 5 + index, 9)
        found = item(DH, UBKT, commune, MEMBER, code, start, start + dt.timedelta(days=40), DISC)
        disciplines.append(
            [
                start + dt.timedelta(days=55),
                MEMBER,
                code,
                "Khiển trách",
                commune,
                CU,
                start - dt.timedelta(days=30),
                found,
                f"{14 + index}-QĐ/ĐU",
                "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao",
            ]
        )
    # A member cleared after inspection.
    item(DH, UBKT, DISTRICT, MEMBER, cleared, D(YEAR, 8, 2), D(YEAR, 9, 12), NONE)

    # The district inspection committee's program on organizations.
    plan = [(CK, c) for c in communes[::4]] + [(KTGS, c) for c in communes[2::8]] + [(TC, a) for a in agencies[:2]]
    for index, (kind, subject) in enumerate(plan):
        start = D(YEAR, 2 + index % 10, 5 + index)
        late = start.month >= 10
        conclusion = None if late else (VIOL if index == 3 else NONE if index % 5 == 4 else SHORT)
        item(kind, UBKT, DISTRICT, ORG, subject, start, None if late else start + dt.timedelta(days=35), conclusion)
    # The standing committee's supervisions.
    for index, subject in enumerate(communes[1::4][:6] + communes[3::11][:2]):
        kind = GSCD if index < 6 else GSTX
        start = D(YEAR, 3 + index, 12)
        late = start.month >= 10
        conclusion = None if late else (NONE if index % 3 == 2 else SHORT)
        item(
            kind,
            BTV,
            DISTRICT,
            ORG,
            subject,
            start,
            None if late else start + dt.timedelta(days=50),
            conclusion,
            prefix="GS",
        )
    # Eight commune committees supervise one of their cells.
    for index, commune in enumerate(communes[:8]):
        start = D(YEAR, 2 + index, 20)
        item(
            GSTX,
            CU,
            commune,
            ORG,
            cells_of[commune][0],
            start,
            start + dt.timedelta(days=120),
            NONE if index % 2 else SHORT,
            prefix="GS",
        )

    # A cell reprimanded by its commune's committee, which is not rated excellent for 2022.
    commune = next(c for c in communes[5:] if rated.get((YEAR, c)) != "Hoàn thành xuất sắc nhiệm vụ")
    cell = cells_of[commune][-1]
    found = item(CK, UBKT, commune, ORG, cell, D(YEAR, 6, 6), D(YEAR, 7, 15), DISC)
    disciplines.append(
        [
            D(YEAR, 8, 26),
            ORG,
            cell,
            "Khiển trách",
            commune,
            CU,
            D(YEAR, 3, 1),
            found,
            "21-QĐ/ĐU",
            "Buông lỏng lãnh đạo, để xảy ra sai phạm trong quản lý đảng phí",
        ]
    )
    return {"inspections": items, "remedies": remedies, "disciplines": disciplines}
