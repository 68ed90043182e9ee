"""Demo rows of the `Lớp học` and `Học viên` sheets (synthetic).

2022, organized by the Thanh Hà district committee, reproduces the seed article: two
classes for grassroots committee members with 288 learners, one intermediate political
theory class with 59 learners; also a course for new members and a course on awareness
of the Party for applicants who are not members yet (name and birth date). A few
classes in 2023 and 2024.

The theory classes carry no results: completing one raises the member's level of
political theory, which the `Đảng viên` sheet of the demo also sets; the two must agree
for a second load of the demo to change nothing.
"""

import datetime as dt
import random

from dangbo.demo.people import FAMILY, GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M
from dangbo.demo.workbook import code_for

ORG = "THANHHA"
D = dt.date
DONE = "Hoàn thành"

# code, name, program, organizer, start, end, learners, kind of learner, result
CLASSES = [
    (
        "BDCU-2022-01",
        "Lớp bồi dưỡng cấp ủy cơ sở khóa I năm 2022",
        "Bồi dưỡng cấp ủy cơ sở",
        ORG,
        D(2022, 3, 14),
        D(2022, 3, 18),
        146,
        "member",
        DONE,
    ),
    (
        "BDCU-2022-02",
        "Lớp bồi dưỡng cấp ủy cơ sở khóa II năm 2022",
        "Bồi dưỡng cấp ủy cơ sở",
        ORG,
        D(2022, 4, 11),
        D(2022, 4, 15),
        142,
        "member",
        DONE,
    ),
    (
        "TCLL-2022",
        "Lớp trung cấp lý luận chính trị hệ không tập trung khóa 2022-2023",
        "Trung cấp lý luận chính trị",
        ORG,
        D(2022, 9, 5),
        D(2023, 6, 30),
        59,
        "member",
        None,
    ),
    (
        "DVM-2022",
        "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới năm 2022",
        "Bồi dưỡng đảng viên mới",
        ORG,
        D(2022, 10, 10),
        D(2022, 10, 16),
        48,
        "new",
        DONE,
    ),
    (
        "NTVD-2022",
        "Lớp bồi dưỡng nhận thức về Đảng năm 2022",
        "Bồi dưỡng nhận thức về Đảng",
        ORG,
        D(2022, 5, 9),
        D(2022, 5, 13),
        64,
        "applicant",
        DONE,
    ),
    (
        "SCLL-2023",
        "Lớp sơ cấp lý luận chính trị năm 2023",
        "Sơ cấp lý luận chính trị",
        code_for("TH_", "Thanh Hồng"),
        D(2023, 4, 3),
        D(2023, 5, 26),
        35,
        "member",
        None,
    ),
    (
        "BDCU-2023",
        "Lớp bồi dưỡng cấp ủy cơ sở năm 2023",
        "Bồi dưỡng cấp ủy cơ sở",
        ORG,
        D(2023, 6, 12),
        D(2023, 6, 16),
        120,
        "member",
        DONE,
    ),
    (
        "NTVD-2024",
        "Lớp bồi dưỡng nhận thức về Đảng năm 2024",
        "Bồi dưỡng nhận thức về Đảng",
        code_for("TH_", "Thanh Cường"),
        D(2024, 3, 18),
        D(2024, 3, 22),
        40,
        "applicant",
        DONE,
    ),
    (
        "DVM-2024",
        "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới năm 2024",
        "Bồi dưỡng đảng viên mới",
        ORG,
        D(2024, 9, 16),
        D(2024, 9, 22),
        52,
        "new",
        DONE,
    ),
]


def _applicants(rng: random.Random, year: int, count: int) -> list[tuple[str, dt.date]]:
    seen: set = set()
    while len(seen) < count:
        female = rng.random() < 0.45
        name = " ".join(
            (
                rng.choice(FAMILY),
                rng.choice(MIDDLE_F if female else MIDDLE_M),
                rng.choice(GIVEN_F if female else GIVEN_M),
            )
        )
        born = D(rng.randint(year - 35, year - 19), rng.randint(1, 12), rng.randint(1, 28))
        seen.add((name, born))
    return sorted(seen)


def demo_rows(year_end: dict[int, dict[str, str]]) -> dict[str, list[list]]:
    """Rows in the column order of the sheets. `year_end[Y]` maps the members present on
    31/12/Y to their cell: a class of year Y takes members present at the end of Y-1
    and of Y (new members: present at the end of Y only)."""
    rng = random.Random(2022)
    classes: list[list] = []
    learners: list[list] = []
    for code, name, program, organizer, start, end, count, kind, result in CLASSES:
        classes.append([code, name, program, organizer, start, end])
        year = start.year
        if kind == "applicant":
            for full_name, born in _applicants(rng, year, count):
                learners.append([code, None, full_name, born, result])
            continue
        if kind == "new":
            pool = sorted(set(year_end[year]) - set(year_end[year - 1]))
        else:
            pool = sorted(set(year_end[year - 1]) & set(year_end[year]))
        for member in sorted(rng.sample(pool, count)):
            learners.append([code, member, None, None, result])
    return {"classes": classes, "learners": learners}
