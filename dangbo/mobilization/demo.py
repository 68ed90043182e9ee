"""Demo rows of the `Dân vận khéo` sheet: Thanh Hà's models and exemplars of 2022 in the
four fields (lychee growing among them), and a few of 2023; some recognized by the
district in December 2022, some by the province in 2023 (not yet by 31/12/2022)."""

import datetime as dt

D = dt.date
DISTRICT = "THANHHA"

# (code, year, name, type, field, where: "district" or the index of a commune, level, date)
ENTRIES = [
    ("DVK-2022-01", 2022, "Mô hình trồng vải thiều theo tiêu chuẩn VietGAP, liên kết tiêu thụ xuất khẩu", "Mô hình",
     "Kinh tế", 1, "Cấp huyện", D(2022, 12, 20)),
    ("DVK-2022-02", 2022, "Mô hình “Dân vận khéo” trong cấp mã số vùng trồng vải thiều", "Mô hình", "Kinh tế", 7,
     "Cấp tỉnh", D(2023, 3, 10)),
    ("DVK-2022-03", 2022, "Mô hình tổ hợp tác sấy vải, chế biến long nhãn", "Mô hình", "Kinh tế", 11,
     "Cấp huyện", D(2022, 12, 20)),
    ("DVK-2022-04", 2022, "Hộ ông Vũ Văn Thơm, sản xuất vải thiều giỏi, giúp đỡ 15 hộ nghèo", "Điển hình",
     "Kinh tế", 4, "Cấp huyện", D(2022, 12, 20)),
    ("DVK-2022-05", 2022, "Mô hình dồn điền, đổi thửa, xây dựng cánh đồng lớn", "Mô hình", "Kinh tế", 15,
     None, None),
    ("DVK-2022-06", 2022, "Mô hình “Dòng họ khuyến học, khuyến tài”", "Mô hình", "Văn hóa - xã hội", 2,
     "Cấp huyện", D(2022, 12, 20)),
    ("DVK-2022-07", 2022, "Mô hình “Khu dân cư văn hóa, xanh - sạch - đẹp”", "Mô hình", "Văn hóa - xã hội", 9,
     None, None),
    ("DVK-2022-08", 2022, "Chi hội phụ nữ thôn Nam, xây dựng gia đình 5 không 3 sạch", "Điển hình",
     "Văn hóa - xã hội", 13, "Cấp huyện", D(2022, 12, 20)),
    ("DVK-2022-09", 2022, "Mô hình “Camera an ninh” ở khu dân cư", "Mô hình", "Quốc phòng - an ninh", 5,
     "Cấp huyện", D(2022, 12, 20)),
    ("DVK-2022-10", 2022, "Mô hình “Tổ tự quản an ninh trật tự mùa vải”", "Mô hình", "Quốc phòng - an ninh", 17,
     None, None),
    ("DVK-2022-11", 2022, "Ông Nguyễn Đức Hùng, trưởng công an viên, gương mẫu giữ bình yên thôn xóm", "Điển hình",
     "Quốc phòng - an ninh", 19, "Cấp tỉnh", D(2023, 3, 10)),
    ("DVK-2022-12", 2022, "Mô hình “Chính quyền thân thiện, vì nhân dân phục vụ”", "Mô hình",
     "Xây dựng hệ thống chính trị", "district", "Cấp huyện", D(2022, 12, 20)),
    ("DVK-2022-13", 2022, "Mô hình “Bí thư chi bộ đồng thời là trưởng thôn gương mẫu”", "Mô hình",
     "Xây dựng hệ thống chính trị", 21, None, None),
    ("DVK-2022-14", 2022, "Chi bộ thôn Đông, ba năm liền hoàn thành xuất sắc nhiệm vụ", "Điển hình",
     "Xây dựng hệ thống chính trị", 0, "Cấp huyện", D(2022, 12, 20)),
    ("DVK-2023-01", 2023, "Mô hình truy xuất nguồn gốc vải thiều bằng mã QR", "Mô hình", "Kinh tế", 3,
     "Cấp huyện", D(2023, 12, 15)),
    ("DVK-2023-02", 2023, "Mô hình “Tuyến đường hoa, cây xanh”", "Mô hình", "Văn hóa - xã hội", 6, None, None),
    ("DVK-2023-03", 2023, "Mô hình “Tiếp nhận, giải quyết thủ tục hành chính không hẹn lần hai”", "Mô hình",
     "Xây dựng hệ thống chính trị", "district", "Cấp huyện", D(2023, 12, 15)),
]


def demo_rows(orgs: list[list]) -> dict[str, list[list]]:
    """Rows in the column order of the sheet: Mã, Năm, Tên, Loại, Lĩnh vực, Mã tổ chức,
    Cấp công nhận, Ngày công nhận, Ghi chú."""
    communes = [row[0] for row in orgs if row[3] == DISTRICT and row[4] == "Xã, thị trấn"]
    rows = []
    for code, year, name, kind, field, where, level, day in ENTRIES:
        org = DISTRICT if where == "district" else communes[where % len(communes)]
        rows.append([code, year, name, kind, field, org, level, day, None])
    return {"mobilization": rows}
