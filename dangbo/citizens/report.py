"""The `citizens` part of the yearly report (REPORT.md, order 60): figures, the Word and
article sentences, the Excel sheet, the page's section and the records behind each
figure. Documents are Vietnamese by design: the sentences are not translated.

The sender of a petition is never part of the report, nor of its records pages.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dangbo.lib.vntext import short_date
from dangbo.reports.parts import ReportPart
from dangbo.reports.tables import Section
from dangbo.reports.wording import Names, join, num

from . import selectors
from .models import Petition, ReceptionSession

KINDS_VI = {"complaint": "khiếu nại", "denunciation": "tố cáo", "recommendation": "kiến nghị", "feedback": "phản ánh"}


def _has_records(c: dict) -> bool:
    return bool(c["reception_days"] or c["dialogues"] or c["citizens_received"] or c["petitions"]["received"])


def sentences(f: dict, names: Names) -> list[str]:
    c = f["citizens"]
    if not _has_records(c):
        return []
    out = []
    met = []
    if c["reception_days"]:
        met.append(f"tiếp công dân {num(c['reception_days'])} ngày")
    if c["dialogues"]:
        met.append(f"tổ chức {num(c['dialogues'])} cuộc đối thoại")
    if c["citizens_received"]:
        met.append(f"tiếp {num(c['citizens_received'])} lượt công dân")
    if met:
        out.append("Tổ chức tốt việc tiếp xúc, đối thoại trực tiếp với nhân dân: người đứng đầu cấp ủy các cấp "
                   f"{join(met)}.")
    p = c["petitions"]
    if p["received"]:
        kinds = [f"{num(p['by_kind'][key])} đơn {label}" for key, label in KINDS_VI.items() if p["by_kind"][key]]
        received = f"tiếp nhận {num(p['received'])} đơn thư ({', '.join(kinds)})"
        all_on_time = p["resolved"] and p["on_time"] == p["resolved"] and not p["overdue"]
        if all_on_time:
            text = ("Giải quyết kịp thời các đơn thư, khiếu nại, tố cáo của cán bộ, đảng viên và nhân dân: "
                    f"{received}, đã giải quyết đúng thời hạn {num(p['resolved'])} đơn")
            if p["open"]:
                text += f", {num(p['open'])} đơn đang trong thời hạn giải quyết"
        else:
            text = received[:1].upper() + received[1:]
            if p["resolved"]:
                text += f"; đã giải quyết {num(p['resolved'])} đơn"
                text += (", tất cả đúng thời hạn" if p["on_time"] == p["resolved"]
                         else f", trong đó {num(p['on_time'])} đơn đúng thời hạn" if p["on_time"]
                         else ", không có đơn nào đúng thời hạn")
            if p["open"]:
                text += f"; còn {num(p['open'])} đơn đang giải quyết"
                if p["overdue"]:
                    text += f", trong đó {num(p['overdue'])} đơn quá hạn"
        out.append(text + ".")
    return out


def tables(f: dict) -> list[Section]:
    c = f["citizens"]
    p = c["petitions"]
    rows = [
        ["Ngày tiếp công dân định kỳ, đột xuất", c["reception_days"]],
        ["Cuộc đối thoại trực tiếp với nhân dân", c["dialogues"]],
        ["Lượt công dân được tiếp", c["citizens_received"]],
        ["Đơn thư tiếp nhận trong năm", p["received"]],
        *[[f"  - {label.capitalize()}", p["by_kind"][key]] for key, label in KINDS_VI.items()],
        ["Đã giải quyết đến 31/12", p["resolved"]],
        ["  - Trong đó đúng thời hạn", p["on_time"]],
        ["Đang giải quyết đến 31/12", p["open"]],
        ["  - Trong đó quá hạn", p["overdue"]],
    ]
    return [Section("Tiếp dân, đơn thư", "Tiếp công dân, đối thoại và giải quyết đơn thư",
                    ["Tiếp dân, đơn thư", "Số lượng"], rows)]


# -- The records behind each figure -------------------------------------------------------

def _sessions(org, year, figure) -> dict:
    start, end = selectors._year(year)
    sessions = selectors.sessions_in_scope(org, start, end).select_related("organization", "presided_by")
    if figure == "reception_days":
        sessions = sessions.filter(form__in=ReceptionSession.RECEPTION_FORMS)
        title = _("Reception days")
    elif figure == "dialogues":
        sessions = sessions.filter(form=ReceptionSession.Form.DIALOGUE)
        title = _("Dialogues")
    else:
        title = _("Reception and dialogue sessions")
    rows = [
        [
            {"text": short_date(s.date), "url": reverse("citizens:reception", args=[s.pk])},
            s.organization.name,
            s.get_form_display(),
            s.presided_by.full_name if s.presided_by_id else "",
            s.citizens,
            s.content[:120],
        ]
        for s in sessions.order_by("date", "organization__code")
    ]
    headers = [_("Date"), _("Committee"), _("Form"), _("Presided by"), _("Citizens"), _("What was raised")]
    return {"title": title, "headers": headers, "rows": rows}


PETITION_KEYS = ("received", "complaint", "denunciation", "recommendation", "feedback", "resolved", "on_time",
                 "open", "overdue")


def _petition_title(key: str) -> str:
    return {
        "received": _("Petitions received"),
        "complaint": _("Complaints"),
        "denunciation": _("Denunciations"),
        "recommendation": _("Recommendations"),
        "feedback": _("Feedback"),
        "resolved": _("Petitions closed by 31/12"),
        "on_time": _("Petitions closed on time"),
        "open": _("Petitions open at 31/12"),
        "overdue": _("Petitions overdue at 31/12"),
    }[key]


def _petitions(org, year, key) -> dict:
    start, end = selectors._year(year)
    petitions = (
        selectors.petitions_in_scope(org, start, end).filter(selectors.petition_filters(end)[key])
        .select_related("organization").order_by("received_on", "code")
    )
    rows = []
    for p in petitions:
        due = p.close_due if p.accepted_on and p.accepted_on <= end else p.accept_due
        rows.append([
            {"text": p.code, "url": reverse("citizens:petition", args=[p.pk])},
            short_date(p.received_on),
            p.organization.name,
            p.get_kind_display(),
            p.content[:120],
            short_date(due) if due else "—",
            short_date(p.closed_on) if p.closed_on else "—",
            p.get_result_display() if p.result else "",
        ])
    headers = [_("Code"), _("Received on"), _("Committee"), pgettext("petition", "Kind"),
               pgettext("petition", "Summary"), _("Due"), _("Closed on"), _("Result")]
    return {"title": _petition_title(key), "headers": headers, "rows": rows}


def records(org, year, figure, params) -> dict | None:
    key = figure.split(".", 1)[1] if "." in figure else ""
    if key in ("reception_days", "dialogues", "citizens_received"):
        return _sessions(org, year, key)
    if key in PETITION_KEYS:
        return _petitions(org, year, key)
    return None


def has_records(year: int) -> bool:
    end = selectors._year(year)[1]
    return (
        ReceptionSession.objects.filter(voided_at__isnull=True, date__lte=end).exists()
        or Petition.objects.filter(voided_at__isnull=True, received_on__lte=end).exists()
    )


PART = ReportPart(
    key="citizens",
    order=60,
    figures=selectors.citizens_figures,
    heading="Công tác tiếp dân, đối thoại và giải quyết đơn thư, khiếu nại, tố cáo",
    sentences=sentences,
    none_text="Trong năm không có số liệu tiếp công dân, đối thoại, đơn thư.",
    tables=tables,
    template="citizens/_report_section.html",
    records=records,
    scripts=("citizens/report_chart.js",),
    has_records=has_records,
)

# Used by the page's chart (templatetags) and the petitions' kinds in the section.
KIND_ROWS = [(key, Petition.Kind(kind).label) for kind, key in selectors.KIND_KEYS.items()]

