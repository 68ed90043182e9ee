"""Generate a large interchange workbook for the import and report benchmarks.

    python bench/generate_workbook.py OUT.xlsx --members 100000 [--years 10]

A province of districts, grassroots committees and cells; every member admitted,
recognized 13 months later, a third transferred between cells, some leaving or dying;
some exempted for a year; about three events a member. Deterministic.
"""

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Đức", "Hữu", "Minh", "Ngọc", "Thanh", "Quang", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Hương", "Lan", "Linh", "Mai", "Nam",
         "Nga", "Phúc", "Quân", "Sơn", "Thảo", "Thắng", "Thiện", "Trang", "Tuấn", "Vân", "Việt", "Yến"]


def tree(districts: int, grassroots: int, cells: int):
    orgs = [["TINH", "Đảng bộ tỉnh Thử Nghiệm", "Đảng bộ cấp trên cơ sở", None, None, dt.date(1990, 1, 1), None]]
    cell_codes = []
    for d in range(districts):
        dc = f"H{d:02d}"
        orgs.append([dc, f"Đảng bộ huyện số {d}", "Đảng bộ cấp trên cơ sở", "TINH", None, None, None])
        for g in range(grassroots):
            gc = f"{dc}X{g:03d}"
            orgs.append([gc, f"Đảng bộ xã {d}-{g}", "Đảng bộ cơ sở", dc, "Xã, thị trấn", None, None])
            for c in range(cells):
                cc = f"{gc}C{c}"
                orgs.append([cc, f"Chi bộ thôn {c}", "Chi bộ trực thuộc", gc, None, None, None])
                cell_codes.append(cc)
    return orgs, cell_codes


def generate(members: int, years: int, seed: int = 1):
    rng = random.Random(seed)
    grassroots = max(1, members // 200)
    districts = max(1, min(30, grassroots // 50))
    orgs, cells = tree(districts, max(1, grassroots // districts), 5)
    last = dt.date(2026, 6, 30)
    first_year = last.year - years
    member_rows, event_rows = [], []
    for n in range(members):
        code = f"{n + 100000:06d}B"
        sex = rng.choice(("Nam", "Nữ"))
        born = dt.date(rng.randint(1965, 1999), rng.randint(1, 12), rng.randint(1, 28))
        member_rows.append([code, f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", None, None, None,
                            born, sex, "Kinh", "Không", None, None, None, None, None, None, None, None])
        cell = rng.choice(cells)
        admitted_year = rng.randint(max(first_year, born.year + 19), min(2024, born.year + 55))
        admitted = dt.date(admitted_year, rng.randint(1, 12), rng.randint(1, 28))
        event_rows.append([code, "Kết nạp", admitted, cell, None, None, None, None, None, None])
        recognized = admitted + dt.timedelta(days=400)
        if recognized > last:
            continue
        events = [[code, "Công nhận chính thức", recognized, None, None, None, None, None, None, None]]
        moved = recognized + dt.timedelta(days=rng.randint(30, 900))
        if rng.random() < 0.6 and moved <= last:
            other = rng.choice(cells)
            if other != cell:
                events.append([code, "Chuyển sinh hoạt nội bộ", moved, other, None, None, None, None, None, None])
                again = moved + dt.timedelta(days=rng.randint(200, 900))
                back = rng.choice(cells)
                if rng.random() < 0.4 and again <= last and back != other:
                    events.append([code, "Chuyển sinh hoạt nội bộ", again, back, None, None, None, None, None, None])
        exempted = recognized + dt.timedelta(days=rng.randint(10, 300))
        if rng.random() < 0.1 and exempted + dt.timedelta(days=400) <= last:
            events.append([code, "Miễn sinh hoạt", exempted, None, None, None, None, None, "Tuổi cao", None])
            events.append([code, "Thôi miễn sinh hoạt", exempted + dt.timedelta(days=365), None, None, None, None,
                           None, None, None])
        died = max(e[2] for e in events) + dt.timedelta(days=100)
        if rng.random() < 0.05 and died <= last:
            events.append([code, "Từ trần", died, None, None, None, None, None, None, None])
        event_rows.extend(events)
    return {"organizations": orgs, "members": member_rows, "events": event_rows}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    from dangbo.interchange.schema import SHEETS_BY_KEY

    rows = generate(args.members, args.years)
    book = Workbook(write_only=True)
    for key, data in rows.items():
        spec = SHEETS_BY_KEY[key]
        ws = book.create_sheet(spec.name)
        ws.append([c.header for c in spec.columns])
        for row in data:
            ws.append(row)
    book.save(args.out)
    print(f"{args.out}: {len(rows['organizations'])} organizations, {len(rows['members'])} members, "
          f"{len(rows['events'])} events")


if __name__ == "__main__":
    main()
