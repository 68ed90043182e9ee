"""Demo rows of the `Chỉ tiêu` sheet: the socio-economic targets of Đảng bộ huyện Thanh Hà.

2022: 22 targets, 21 met or exceeded (17 exceeded, 4 met exactly, 1 not met: clean
water), the figure of the year's report. 2023: the same targets, some without an actual
value yet.
"""

ORG = "THANHHA"
UP, DOWN = "Tăng", "Giảm"

# code, name, unit, direction, (plan 2022, actual 2022), (plan 2023, actual 2023 or None)
TARGETS = [
    ("KT01", "Tốc độ tăng trưởng giá trị sản xuất bình quân", "%", UP, (8.5, 9.12), (8.8, 9.05)),
    ("KT02", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", UP, (450, 512.6), (480, 495.3)),
    ("KT03", "Giá trị sản xuất trên 1 ha đất canh tác", "triệu đồng", UP, (150, 158.3), (160, 163.4)),
    ("KT04", "Thu nhập bình quân đầu người", "triệu đồng/người/năm", UP, (60, 62.5), (65, 66.2)),
    ("KT05", "Tổng vốn đầu tư phát triển toàn xã hội", "tỷ đồng", UP, (3500, 3612), (3800, None)),
    ("KT06", "Tỷ trọng công nghiệp - xây dựng trong cơ cấu kinh tế", "%", UP, (45, 45), (46.5, 46.1)),
    ("KT07", "Sản lượng lương thực có hạt", "tấn", UP, (52000, 52460), (52500, 52710)),
    ("NTM01", "Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao", "%", UP, (60, 65), (70, 70)),
    ("NTM02", "Số xã đạt chuẩn nông thôn mới kiểu mẫu", "xã", UP, (2, 2), (4, None)),
    ("XH01", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", "%", DOWN, (2.5, 2.15), (1.9, 1.72)),
    ("XH02", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", UP, (92, 93.4), (94, 94.6)),
    ("XH03", "Tỷ lệ lao động qua đào tạo", "%", UP, (70, 71.2), (72, None)),
    ("XH04", "Số lao động được giải quyết việc làm mới", "người", UP, (2800, 3105), (2900, 3012)),
    ("XH05", "Tỷ lệ trường học đạt chuẩn quốc gia", "%", UP, (85, 86.7), (88, 88.9)),
    ("XH06", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi", "%", DOWN, (12, 11.8), (11.5, 11.2)),
    ("XH07", "Số bác sĩ trên một vạn dân", "bác sĩ", UP, (9, 9.5), (10, 10.2)),
    ("XH08", "Tỷ lệ dân số sử dụng nước sạch theo quy chuẩn", "%", UP, (75, 73.5), (80, None)),
    ("XH09", "Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa", "%", UP, (90, 91.1), (91, 91.4)),
    ("MT01", "Tỷ lệ thu gom, xử lý rác thải sinh hoạt", "%", UP, (95, 96.2), (97, 97.5)),
    ("MT02", "Tỷ lệ che phủ cây xanh, cây lâm nghiệp", "%", UP, (12.5, 12.5), (13, None)),
    ("AN01", "Số vụ phạm pháp hình sự", "vụ", DOWN, (120, 104), (110, 113)),
    ("AN02", "Tỷ lệ hoàn thành chỉ tiêu tuyển quân", "%", UP, (100, 100), (100, 100)),
]

NOTES = {
    ("XH08", 2022): "Hai công trình cấp nước chậm tiến độ",
    ("AN01", 2022): "Giảm so với năm 2021",
}


def demo_rows() -> list[list]:
    """Rows in the column order of the sheet: Năm, Mã tổ chức, Mã chỉ tiêu, Tên chỉ tiêu,
    Đơn vị tính, Kế hoạch, Thực hiện, Chiều, Ghi chú."""
    rows = []
    for year, index in ((2022, 4), (2023, 5)):
        for target in TARGETS:
            code, name, unit, direction = target[:4]
            planned, actual = target[index]
            rows.append([year, ORG, code, name, unit, planned, actual, direction, NOTES.get((code, year))])
    return rows
