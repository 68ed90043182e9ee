"""Demo rows of the `Nhiệm kỳ`, `Văn bản`, `Học tập` and `Phân công phụ trách` sheets
(synthetic): the Thanh Hà district committee's term 2020–2025 and its 64 documents of
2022, the study sessions of 2022 in the district (the resolutions of the Central
Committee, the year's theme of Hồ Chí Minh's thought, one session per grassroots
organization), and the standing committee's members assigned to follow its grassroots
organizations (one changed in mid-2022, two organizations left to nobody). Called by
the demo with the rows it builds."""

import datetime as dt
import random

D = dt.date
ORG = "THANHHA"
YEAR = 2022
TERM = ["THANHHA", D(2020, 9, 22), D(2025, 6, 30), "Nhiệm kỳ 2020 - 2025"]
THEME_2022 = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và khát vọng "
    "phát triển đất nước phồn vinh, hạnh phúc"
)
# Documents of 2022 per type: (first number of 2022 in the term, subjects in date order).
DOCUMENTS = {
    "Nghị quyết": (15, [
        "Về lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh năm 2022",
        "Về phát triển vùng sản xuất vải thiều theo hướng hàng hóa giai đoạn 2022 - 2025",
        "Về xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu giai đoạn 2022 - 2025",
        "Về nâng cao chất lượng sinh hoạt chi bộ giai đoạn 2022 - 2025",
        "Về công tác cán bộ năm 2022",
        "Về phát triển du lịch sinh thái gắn với sông nước Thanh Hà",
        "Về tăng cường công tác phát triển đảng viên đến năm 2025",
        "Về nhiệm vụ năm 2023",
    ]),
    "Quyết định": (210, [f"Về việc {t}" for t in (
        "kiện toàn Ban Chỉ đạo thực hiện Chỉ thị 05-CT/TW", "thành lập Đoàn kiểm tra công tác đảng năm 2022",
        "chuẩn y Ban Chấp hành Đảng bộ xã Thanh Cường", "chỉ định bổ sung cấp ủy viên Đảng bộ xã Vĩnh Lập",
        "kết nạp đảng viên (đợt 1)", "kết nạp đảng viên (đợt 2)", "kết nạp đảng viên (đợt 3)",
        "công nhận đảng viên chính thức (đợt 1)", "công nhận đảng viên chính thức (đợt 2)",
        "điều động cán bộ", "luân chuyển cán bộ", "bổ nhiệm cán bộ", "khen thưởng tổ chức cơ sở đảng",
        "khen thưởng đảng viên 5 năm liền hoàn thành xuất sắc nhiệm vụ", "trao Huy hiệu Đảng đợt 3/2",
        "trao Huy hiệu Đảng đợt 19/5", "trao Huy hiệu Đảng đợt 2/9", "trao Huy hiệu Đảng đợt 7/11",
        "ban hành Chương trình kiểm tra, giám sát năm 2023", "phân công nhiệm vụ Ủy viên Ban Thường vụ",
    )]),
    "Chỉ thị": (6, ["Về lãnh đạo tổ chức Tết Nguyên đán Quý Mão 2023"]),
    "Kết luận": (20, [
        "Của Ban Thường vụ Huyện ủy về tình hình kinh tế - xã hội quý I năm 2022",
        "Về kết quả kiểm tra việc thực hiện Nghị quyết Đại hội Đảng bộ xã Thanh Xá",
        "Về công tác chuẩn bị vụ vải thiều năm 2022",
        "Về tình hình kinh tế - xã hội 6 tháng đầu năm 2022",
        "Về kết quả thực hiện Nghị quyết Trung ương 4 khóa XIII",
    ]),
    "Quy định": (3, ["Về chế độ tiếp xúc, đối thoại trực tiếp với nhân dân"]),
    "Quy chế": (4, [
        "Làm việc của Ban Chấp hành Đảng bộ huyện (sửa đổi)", "Phối hợp giữa Ủy ban Kiểm tra và Ban Tổ chức",
    ]),
    "Hướng dẫn": (10, [
        "Sinh hoạt chi bộ theo chuyên đề năm 2022", "Kiểm điểm, đánh giá, xếp loại chất lượng năm 2022",
        "Học tập chuyên đề năm 2022", "Nội dung sinh hoạt chi bộ thôn, khu dân cư",
    ]),
    "Kế hoạch": (38, [
        "Học tập, quán triệt Nghị quyết Hội nghị Trung ương 4 khóa XIII", "Kiểm tra, giám sát năm 2022",
        "Thực hiện chuyên đề năm 2022", "Phát triển đảng viên năm 2022", "Tổ chức vụ vải thiều năm 2022",
        "Học tập, quán triệt Nghị quyết Hội nghị Trung ương 5 khóa XIII", "Tiếp công dân năm 2022",
        "Kiểm điểm, đánh giá, xếp loại năm 2022", "Học tập, quán triệt Nghị quyết Hội nghị Trung ương 6 khóa XIII",
    ]),
    "Chương trình": (8, ["Công tác năm 2022 của Ban Thường vụ Huyện ủy", "Kiểm tra, giám sát năm 2023"]),
    "Báo cáo": (95, [
        "Kết quả công tác quý I năm 2022", "Sơ kết 6 tháng đầu năm 2022", "Kết quả công tác quý III năm 2022",
        "Kết quả thực hiện chuyên đề năm 2022", "Tổng kết công tác kiểm tra, giám sát năm 2022",
        "Kết quả công tác phát triển đảng viên năm 2022",
    ]),
    "Thông báo": (60, [
        "Kết luận của Thường trực Huyện ủy về công tác quý I", "Lịch tiếp công dân năm 2022",
        "Kết luận Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12",
    ]),
    "Công văn": (410, [
        "Về việc rà soát đảng viên miễn sinh hoạt", "Về việc cập nhật cơ sở dữ liệu đảng viên",
        "Về việc chuẩn bị tổng kết năm 2022",
    ]),
}


def demo_rows(members: list[list], year_end: dict[int, dict[str, str]],
              grassroots: dict[str, list[str]], agency_cells: list[str]) -> dict[str, list[list]]:
    """`members`: the demo's `Đảng viên` rows; `year_end[Y]`: member code -> cell on 31/12/Y;
    `grassroots`: grassroots code -> its cells; `agency_cells`: the cells of the district's
    agencies, where its key cadres belong."""
    rng = random.Random(36)
    documents = []
    for kind, (first, subjects) in DOCUMENTS.items():
        days = sorted(D(YEAR, 1, 5) + dt.timedelta(days=rng.randint(0, 350)) for _s in subjects)
        for offset, (day, subject) in enumerate(zip(days, subjects, strict=True)):
            documents.append([ORG, kind, first + offset, day, subject, None, None])
    documents.sort(key=lambda r: (r[3], r[1]))

    cell_of = {c: g for g, codes in grassroots.items() for c in codes}
    size: dict[str, int] = {}
    for cell in year_end[YEAR].values():
        size[cell_of[cell]] = size.get(cell_of[cell], 0) + 1
    sessions = [
        ["HT2022-HNTW4", "Học tập, quán triệt Nghị quyết Hội nghị Trung ương 4 khóa XIII", "Nghị quyết, chỉ thị", ORG,
         D(YEAR, 1, 14), 420, None],
        ["HT2022-CD", f"Hội nghị học tập chuyên đề năm 2022: {THEME_2022}",
         "Chuyên đề tư tưởng, đạo đức, phong cách Hồ Chí Minh", ORG, D(YEAR, 3, 18), 455, None],
        ["HT2022-HNTW5", "Học tập, quán triệt Nghị quyết Hội nghị Trung ương 5 khóa XIII", "Nghị quyết, chỉ thị", ORG,
         D(YEAR, 7, 22), 438, None],
        ["HT2022-HNTW6", "Học tập, quán triệt Nghị quyết Hội nghị Trung ương 6 khóa XIII", "Nghị quyết, chỉ thị", ORG,
         D(YEAR, 12, 16), 446, None],
    ]
    named = sorted(grassroots)[:3]  # these three record who attended
    for index, g in enumerate(sorted(grassroots)):
        day = D(YEAR, 4, 4) + dt.timedelta(days=index * 2)
        attended = max(5, round(size.get(g, 0) * rng.uniform(0.85, 0.97)))
        attendees = None
        if g in named:
            present = sorted(c for c, cell in year_end[YEAR - 1].items()
                             if cell_of[cell] == g and year_end[YEAR].get(c) and cell_of[year_end[YEAR][c]] == g)
            chosen = sorted(rng.sample(present, min(len(present), attended)))
            attended = max(attended, len(chosen))
            attendees = ";".join(chosen) or None
        sessions.append([f"HT2022-CD-{index + 1:02d}", "Hội nghị học tập chuyên đề năm 2022 của đảng bộ, chi bộ cơ sở",
                         "Chuyên đề tư tưởng, đạo đức, phong cách Hồ Chí Minh", g, day, attended, attendees])

    # 25 key cadres of the district's agencies, present from 2020 to 2024, follow 43 of the
    # 45 grassroots organizations; one is replaced on 01/07/2022.
    years = range(2020, 2025)
    staying = sorted(code for code in year_end[2020] if all(code in year_end[y] for y in years))
    agency = [code for code in staying if year_end[2020][code] in agency_cells]
    cadres = rng.sample(agency, min(26, len(agency)))
    cadres += rng.sample([code for code in staying if code not in agency], 26 - len(cadres))
    followed = sorted(grassroots)
    rng.shuffle(followed)
    start, end = D(2021, 1, 5), D(2025, 6, 30)
    assignments = []
    for index, g in enumerate(followed[:43]):
        cadre = cadres[index % 25]
        if index == 0:  # replaced in mid-2022
            assignments.append([cadre, g, ORG, start, D(YEAR, 6, 30)])
            assignments.append([cadres[25], g, ORG, D(YEAR, 7, 1), end])
        else:
            assignments.append([cadre, g, ORG, start, end])
    return {"terms": [TERM], "documents": documents, "study_sessions": sessions, "assignments": assignments}
