"""The `political_education`, `assignments` and `documents` parts of the yearly report
(REPORT.md): figures, the article's and the Word report's sentences (Vietnamese by
design, in the seed's words with the year's figures), tables, the page's sections and
the records behind each figure."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dangbo.lib.vntext import short_date
from dangbo.reports.parts import ReportPart
from dangbo.reports.tables import Section
from dangbo.reports.wording import Names, join, num

from . import selectors

# How the article names each type of document, in the order of the sheet's list.
DOCUMENT_WORDS = {
    "resolution": "nghị quyết",
    "decision": "quyết định",
    "directive": "chỉ thị",
    "conclusion": "kết luận",
    "regulation": "quy định",
    "rules": "quy chế",
    "guidance": "hướng dẫn",
    "plan": "kế hoạch",
    "program": "chương trình",
    "report": "báo cáo",
    "notice": "thông báo",
    "letter": "công văn",
    "submission": "tờ trình",
}


def _level(names: Names) -> str:
    """ "cấp huyện" for a district committee ("" when the name has no level)."""
    level = names.level.removeprefix("Đảng bộ").strip()
    return f"cấp {level}" if level and names.level.startswith("Đảng bộ") else ""


# -- political education -----------------------------------------------------------------


def education_sentences(f: dict, names: Names) -> list[str]:
    e = f["political_education"]
    if not e["sessions"]:
        return []
    return [
        f"Năm qua, {names.full} coi trọng công tác giáo dục chính trị, tư tưởng, có nhiều đổi mới theo phương châm "
        "“chủ động, phong phú, thuyết phục”.",
        "Lãnh đạo triển khai thực hiện đầy đủ, nghiêm túc việc học tập và làm theo tư tưởng, đạo đức, phong cách "
        "Hồ Chí Minh; phát huy tốt vai trò nêu gương của cán bộ, đảng viên, nhất là cán bộ chủ chốt, người đứng đầu.",
        f"Trong năm, toàn {names.level} tổ chức {num(e['sessions'])} hội nghị, buổi học tập, quán triệt nghị quyết, "
        f"chỉ thị và chuyên đề tư tưởng, đạo đức, phong cách Hồ Chí Minh với {num(e['attendance'])} lượt cán bộ, "
        "đảng viên tham dự.",
    ]


def education_tables(f: dict) -> list[Section]:
    e = f["political_education"]
    return [Section(
        "Học tập",
        "Học tập, quán triệt nghị quyết và tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        ["Học tập, quán triệt", "Số lượng"],
        [["Hội nghị, buổi học tập, quán triệt", e["sessions"]], ["Lượt cán bộ, đảng viên tham dự", e["attendance"]]],
    )]


def _link(text: str, url: str) -> dict:
    return {"text": text, "url": url}


def education_records(org, year: int, figure: str, params) -> dict | None:
    if figure not in ("political_education", "political_education.sessions", "political_education.attendance"):
        return None
    rows = [
        [
            _link(s.code, reverse("leadership:session", args=[s.pk])), s.name, s.get_kind_display(),
            s.organization.name, short_date(s.date), s.attendance,
        ]
        for s in selectors.sessions_in_scope(org, year)
    ]
    headers = [_("Code"), _("Study session"), pgettext("study session", "Kind"), _("Organized by"), _("Date"),
               _("Attended")]
    return {"title": _("Study sessions"), "headers": headers, "rows": rows}


# -- assignments -------------------------------------------------------------------------


def assignment_sentences(f: dict, names: Names) -> list[str]:
    """The seed's "Công tác đổi mới phương thức lãnh đạo …" paragraph opens here, when
    there are assignments or documents (the documents' sentence follows)."""
    a, d = f["assignments"], f["documents"]
    if not a["cadres"] and not d["issued"]:
        return []
    out = ["Công tác đổi mới phương thức lãnh đạo của cấp ủy tiếp tục được quan tâm, có nhiều chuyển biến tích cực."]
    if a["cadres"]:
        cadres = " ".join(w for w in ("cán bộ chủ chốt", _level(names)) if w)
        # "43/45" reads as a share of the year-end organizations; a year with moves may
        # have followed more organizations than stand there at its end.
        if 0 < a["organizations"] <= a["grassroots_total"]:
            covered = f"{num(a['organizations'])}/{num(a['grassroots_total'])} tổ chức cơ sở đảng"
        else:
            covered = f"{num(a['organizations'])} tổ chức đảng"
        out.append(
            f"Trọng tâm là tiếp tục chỉ đạo, phân công {cadres} tăng cường kiểm tra, giám sát, hướng dẫn, giúp cơ sở, "
            "gắn trách nhiệm của cán bộ với kết quả thực hiện nhiệm vụ chính trị ở cơ sở; "
            f"năm {f['year']} có {num(a['cadres'])} đồng chí được phân công phụ trách {covered}."
        )
    return out


def assignment_tables(f: dict) -> list[Section]:
    a = f["assignments"]
    return [Section(
        "Phân công phụ trách",
        "Phân công cán bộ chủ chốt phụ trách, giúp cơ sở",
        ["Phân công phụ trách cơ sở", "Số lượng"],
        [
            ["Cán bộ chủ chốt được phân công", a["cadres"]],
            ["Tổ chức đảng được phân công phụ trách", a["organizations"]],
            ["Tổ chức cơ sở đảng đến 31/12", a["grassroots_total"]],
        ],
    )]


def assignment_records(org, year: int, figure: str, params) -> dict | None:
    if figure == "assignments.grassroots_total":
        rows = []
        for row in selectors.coverage(org, dt.date(year, 12, 31)):
            names = ", ".join(a.member.full_name for a in row["assignments"])
            rows.append([row["span"].name, names or _("Nobody assigned")])
        return {"title": _("Grassroots organizations on 31/12"), "headers": [_("Organization"), _("Cadres assigned")],
                "rows": rows}
    if figure not in ("assignments", "assignments.cadres", "assignments.organizations"):
        return None
    rows = [
        [
            _link(a.member.full_name, reverse("members:detail", args=[a.member.code])), a.organization.name,
            short_date(a.start), short_date(a.end) if a.end else "—",
        ]
        for a in selectors.assignments_in(org, year)
    ]
    headers = [_("Cadre"), _("Organization followed"), _("From"), _("Until")]
    return {"title": _("Key cadres assigned to grassroots organizations"), "headers": headers, "rows": rows}


# -- documents ---------------------------------------------------------------------------


def document_sentences(f: dict, names: Names) -> list[str]:
    d = f["documents"]
    if not d["issued"]:
        return []
    kinds = [f"{num(n)} {DOCUMENT_WORDS[key]}" for key, n in d["by_kind"].items() if n]
    return [
        "Chú trọng nâng cao chất lượng ban hành các văn bản lãnh đạo, chỉ đạo của cấp ủy; "
        f"năm {f['year']}, {names.committee} ban hành {num(d['issued'])} văn bản, gồm {join(kinds)}."
    ]


def document_tables(f: dict) -> list[Section]:
    d = f["documents"]
    return [Section(
        "Văn bản",
        "Văn bản lãnh đạo, chỉ đạo đã ban hành",
        ["Loại văn bản", "Số văn bản"],
        [[words[:1].upper() + words[1:], d["by_kind"][key]] for key, words in DOCUMENT_WORDS.items()],
        ["Tổng số văn bản", d["issued"]],
    )]


def document_records(org, year: int, figure: str, params) -> dict | None:
    if figure not in ("documents", "documents.issued", "documents.by_kind"):
        return None
    documents = selectors.documents_of(org, year).order_by("date", "kind", "number")
    kinds = {key: kind for kind, key in selectors.DOCUMENT_KEYS.items()}
    if params.get("kind") in kinds:
        documents = documents.filter(kind=kinds[params["kind"]])
    rows = [
        [f"{d.reference}", short_date(d.date), d.get_kind_display(), d.subject]
        for d in documents
    ]
    headers = [_("Number and symbol"), _("Date"), _("Type"), _("Subject line")]
    return {"title": _("Documents issued"), "headers": headers, "rows": rows}


def _end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _has_sessions(year: int) -> bool:
    from .models import StudySession

    return StudySession.objects.filter(date__lte=_end(year)).exists()


def _has_assignments(year: int) -> bool:
    from .models import Assignment

    return Assignment.objects.filter(voided_at__isnull=True, start__lte=_end(year)).exists()


def _has_documents(year: int) -> bool:
    from .models import Document

    return Document.objects.filter(voided_at__isnull=True, date__lte=_end(year)).exists()


PARTS = (
    ReportPart(
        key="political_education",
        order=10,
        figures=selectors.education_figures,
        heading="CÔNG TÁC GIÁO DỤC CHÍNH TRỊ, TƯ TƯỞNG",
        sentences=education_sentences,
        none_text="Chưa có số liệu về các hội nghị học tập, quán triệt của năm.",
        tables=education_tables,
        template="leadership/_report_education.html",
        records=education_records,
        has_records=_has_sessions,
    ),
    # Assignments (40) before documents (41): both belong to the seed's paragraph on the method of
    # leadership, which the assignments' sentences open.
    ReportPart(
        key="assignments",
        order=40,
        figures=selectors.assignment_figures,
        heading="ĐỔI MỚI PHƯƠNG THỨC LÃNH ĐẠO, PHÂN CÔNG CÁN BỘ PHỤ TRÁCH CƠ SỞ",
        sentences=assignment_sentences,
        none_text="Chưa có số liệu về việc phân công cán bộ chủ chốt phụ trách cơ sở của năm.",
        tables=assignment_tables,
        template="leadership/_report_assignments.html",
        records=assignment_records,
        has_records=_has_assignments,
    ),
    ReportPart(
        key="documents",
        order=41,
        figures=selectors.document_figures,
        heading="BAN HÀNH VĂN BẢN LÃNH ĐẠO, CHỈ ĐẠO",
        sentences=document_sentences,
        none_text="Chưa có số liệu về văn bản ban hành trong năm.",
        tables=document_tables,
        template="leadership/_report_documents.html",
        records=document_records,
        has_records=_has_documents,
    ),
)
