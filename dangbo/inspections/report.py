"""The `inspection` and `discipline` parts of the yearly report (REPORT.md; reports.parts):
figures, the article's and the Word report's sentences (Vietnamese by design, like the
seed: not translated), the Excel sheets and Word tables, and the records behind each
figure for the report page.

The article's paragraph follows the seed's: "Các cấp ủy thực hiện cơ bản tốt chương
trình kiểm tra, giám sát năm 2022. Qua kiểm tra, giám sát, cấp ủy, Ủy ban Kiểm tra các
cấp đã chỉ rõ những ưu điểm, khuyết điểm và yêu cầu đề ra biện pháp khắc phục, …", with
the year's figures; it is left out when the year has no records.
"""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangbo.lib.vntext import short_date
from dangbo.reports.parts import ReportPart
from dangbo.reports.tables import Section
from dangbo.reports.wording import Names, num

from . import selectors
from .models import Discipline, Item

FORMS = {  # REPORT.md keys, as documents name them
    "reprimand": "khiển trách",
    "warning": "cảnh cáo",
    "removal": "cách chức",
    "expulsion": "khai trừ",
    "dissolution": "giải tán",
}
INSPECTION_ROWS = [  # (figure, as the tables name it)
    ("inspections", "Cuộc kiểm tra"),
    ("signs_of_violation", "  - Trong đó: kiểm tra khi có dấu hiệu vi phạm"),
    ("supervisions", "Cuộc giám sát"),
    ("concluded", "Đã kết luận đến 31/12"),
    ("with_violations", "  - Trong đó: kết luận có vi phạm"),
]
REMEDY_ROWS = [
    ("total", "Biện pháp khắc phục được yêu cầu"),
    ("done", "  - Đã hoàn thành đến 31/12"),
    ("overdue", "  - Quá hạn chưa hoàn thành"),
]


def _progress(f: dict) -> str:
    """How the program went, from the share of items concluded by year end."""
    i = f["inspection"]
    total = i["inspections"] + i["supervisions"]
    if i["concluded"] == total:
        return "thực hiện tốt"
    if i["concluded"] * 4 >= total * 3:
        return "thực hiện cơ bản tốt"
    return "triển khai thực hiện"


def inspection_sentences(f: dict, names: Names) -> list[str]:
    """The article's and the Word report's sentences on inspection, supervision and
    discipline; [] when the year has neither items nor decisions."""
    i, d = f["inspection"], f["discipline"]
    year = f["year"]
    sentences = []
    if i["inspections"] or i["supervisions"]:
        counted = []
        if i["inspections"]:
            signs = (
                f" (trong đó {num(i['signs_of_violation'])} cuộc kiểm tra khi có dấu hiệu vi phạm)"
                if i["signs_of_violation"]
                else ""
            )
            counted.append(f"{num(i['inspections'])} cuộc kiểm tra{signs}")
        if i["supervisions"]:
            counted.append(f"{num(i['supervisions'])} cuộc giám sát")
        concluded = f"; đã kết luận {num(i['concluded'])} cuộc" if i["concluded"] else ""
        if i["with_violations"]:
            concluded += f", trong đó {num(i['with_violations'])} cuộc kết luận có vi phạm"
        sentences.append(
            f"Các cấp ủy {_progress(f)} chương trình kiểm tra, giám sát năm {year}, "
            f"tiến hành {' và '.join(counted)}{concluded}."
        )
        r = i["remedies"]
        if r["total"]:
            remedies = f"yêu cầu đề ra {num(r['total'])} biện pháp khắc phục"
            remedies += (
                f", đến cuối năm đã hoàn thành {num(r['done'])} biện pháp"
                if r["done"]
                else ", đến cuối năm chưa có biện pháp nào hoàn thành"
            )
            sentences.append(
                f"Qua kiểm tra, giám sát, cấp ủy, Ủy ban Kiểm tra các cấp đã chỉ rõ những ưu điểm, khuyết điểm và "
                f"{remedies}, góp phần phòng ngừa, ngăn chặn một số hiện tượng tiêu cực, vi phạm của tổ chức đảng "
                "và đảng viên."
            )
        else:
            sentences.append(
                "Qua kiểm tra, giám sát, cấp ủy, Ủy ban Kiểm tra các cấp đã chỉ rõ những ưu điểm, khuyết điểm, "
                "góp phần phòng ngừa, ngăn chặn một số hiện tượng tiêu cực, vi phạm của tổ chức đảng và đảng viên."
            )
    if d["organizations"] or d["members"]:
        subjects = []
        if d["organizations"]:
            subjects.append(f"{num(d['organizations'])} tổ chức đảng")
        if d["members"]:
            subjects.append(f"{num(d['members'])} đảng viên")
        forms = [f"{num(d['by_form'][key])} {word}" for key, word in FORMS.items() if d["by_form"][key]]
        sentences.append(f"Thi hành kỷ luật {' và '.join(subjects)} ({', '.join(forms)}).")
    return sentences


def inspection_tables(f: dict) -> list[Section]:
    i, d = f["inspection"], f["discipline"]
    inspection = Section(
        "Kiểm tra, giám sát",
        "Kiểm tra, giám sát và biện pháp khắc phục",
        ["Nội dung kiểm tra, giám sát", "Số lượng"],
        [[label, i[key]] for key, label in INSPECTION_ROWS]
        + [[label, i["remedies"][key]] for key, label in REMEDY_ROWS],
    )
    discipline = Section(
        "Kỷ luật",
        "Thi hành kỷ luật đảng",
        ["Hình thức kỷ luật", "Số lượng"],
        [[word[:1].upper() + word[1:], d["by_form"][key]] for key, word in FORMS.items()]
        + [["  - Tổ chức đảng bị kỷ luật", d["organizations"]], ["  - Đảng viên bị kỷ luật", d["members"]]],
        ["Tổng số quyết định kỷ luật", d["organizations"] + d["members"]],
    )
    return [inspection, discipline]


# -- The records behind each figure (report page) -----------------------------------------


def _link(text: str, url: str) -> dict:
    return {"text": text, "url": url}


def _subject_cell(record) -> str:
    return record.subject_member.full_name if record.subject_member_id else record.subject_organization.name


ITEM_TITLES = {
    "inspections": gettext_lazy("Inspections"),
    "supervisions": gettext_lazy("Supervisions"),
    "signs_of_violation": gettext_lazy("Inspections upon signs of violation"),
    "concluded": gettext_lazy("Items concluded by 31 December"),
    "with_violations": gettext_lazy("Items concluded with violations"),
}


def item_records(org, year: int, figure: str, params) -> dict | None:
    """`inspection`, `inspection.<figure>` or `inspection.remedies[.<figure>]`."""
    parts = figure.split(".")[1:]
    if parts[:1] == ["remedies"]:
        key = parts[1] if len(parts) > 1 else "total"
        filters = selectors.remedy_filters(year)
        if key not in filters:
            return None
        remedies = (
            selectors.remedies_in_scope(org, year)
            .filter(filters[key])
            .select_related("item", "item__organization")
            .order_by("due", "pk")
        )
        titles = {
            "total": _("Remedies required"),
            "done": _("Remedies done by 31 December"),
            "overdue": _("Remedies overdue at 31 December"),
        }
        return {
            "title": titles[key],
            "headers": [_("Item"), _("What must be done"), _("Due date"), _("Done on"), _("Organization")],
            "rows": [
                [
                    _link(r.item.code, reverse("inspections:item", args=[r.item.code])),
                    r.text,
                    short_date(r.due),
                    short_date(r.done_on) if r.done_on else "—",
                    r.item.organization.name,
                ]
                for r in remedies
            ],
        }
    key = parts[0] if parts else None
    items = selectors.items_in_scope(org, year)
    if key is not None:
        filters = selectors.item_filters(year)
        if key not in filters:
            return None
        items = items.filter(filters[key])
    items = items.select_related("organization", "subject_member", "subject_organization").order_by("start", "code")
    return {
        "title": ITEM_TITLES[key] if key else _("Inspections and supervisions"),
        "headers": [_("Code"), _("Kind"), _("Carried out by"), _("Subject"), _("From"), _("Conclusion")],
        "rows": [
            [
                _link(i.code, reverse("inspections:item", args=[i.code])),
                i.get_kind_display(),
                i.organization.name,
                _subject_cell(i),
                short_date(i.start),
                f"{i.get_conclusion_display()} ({short_date(i.end)})" if i.end else _("In progress"),
            ]
            for i in items
        ],
    }


def discipline_records(org, year: int, figure: str, params) -> dict | None:
    """`discipline`, `discipline.organizations|members`, `discipline.by_form.<form>`."""
    parts = figure.split(".")[1:]
    filters = selectors.discipline_filters()
    key = parts[-1] if parts else None
    if key is not None and key not in filters:
        return None
    decisions = selectors.disciplines_in_scope(org, year)
    if key is not None:
        decisions = decisions.filter(filters[key])
    decisions = decisions.select_related("organization", "subject_member", "subject_organization").order_by(
        "date", "pk"
    )
    labels = {k: Discipline.Form(form).label for form, k in Discipline.REPORT_KEYS.items()}
    title = labels.get(key) or {
        "organizations": _("Organizations disciplined"),
        "members": _("Members disciplined"),
    }.get(key, _("Discipline decisions"))
    return {
        "title": title,
        "headers": [_("Date"), _("Subject"), _("Form"), _("Decided by"), _("Decision number")],
        "rows": [
            [
                _link(short_date(d.date), reverse("inspections:discipline", args=[d.pk])),
                _subject_cell(d),
                d.get_form_display(),
                d.organization.name,
                d.number or "—",
            ]
            for d in decisions
        ],
    }


def may_see_discipline(user, org) -> bool:
    from dangbo.accounts.access import can_see_discipline_of

    return can_see_discipline_of(user, org)


def has_items(year: int) -> bool:
    """Any item starting in `year` or before (the report counts an item in its start's year)."""
    return Item.objects.filter(voided_at__isnull=True, start__lte=dt.date(year, 12, 31)).exists()


def has_disciplines(year: int) -> bool:
    return Discipline.objects.filter(voided_at__isnull=True, date__lte=dt.date(year, 12, 31)).exists()


INSPECTION_PART = ReportPart(
    key="inspection",
    order=50,
    figures=selectors.inspection_figures,
    heading="CÔNG TÁC KIỂM TRA, GIÁM SÁT VÀ THI HÀNH KỶ LUẬT ĐẢNG",
    sentences=inspection_sentences,
    none_text="Trong năm không có cuộc kiểm tra, giám sát và quyết định kỷ luật nào được ghi nhận.",
    tables=inspection_tables,
    template="inspections/_report_inspection.html",
    records=item_records,
    has_records=has_items,
)
# The discipline figures; their sentences and tables are the inspection part's section
# (the seed's one paragraph), their records only for those who may see discipline.
DISCIPLINE_PART = ReportPart(
    key="discipline",
    order=51,
    figures=selectors.discipline_figures,
    template="inspections/_report_discipline.html",
    records=discipline_records,
    allowed=may_see_discipline,
    has_records=has_disciplines,
)
