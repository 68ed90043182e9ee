"""The `mass_mobilization` part of the yearly report (REPORT.md, order 70): the models
and exemplars of "Dân vận khéo" registered for the year in the subtree at 31/12."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from dangbo.lib.vntext import short_date
from dangbo.reports.parts import ReportPart
from dangbo.reports.tables import Section
from dangbo.reports.wording import Names, join, num

from . import selectors
from .models import MobilizationModel

FIELDS_VI = {
    "economy": "kinh tế",
    "culture_society": "văn hóa - xã hội",
    "defense_security": "quốc phòng - an ninh",
    "political_system": "xây dựng hệ thống chính trị",
}


def sentences(f: dict, names: Names) -> list[str]:
    m = f["mass_mobilization"]
    if not (m["models"] or m["exemplars"]):
        return []
    fields = [label for key, label in FIELDS_VI.items() if m["by_field"][key]]
    registered = join([text for n, text in ((m["models"], f"{num(m['models'])} mô hình"),
                                            (m["exemplars"], f"{num(m['exemplars'])} điển hình")) if n])
    text = ("Tiếp tục đẩy mạnh phong trào thi đua và nhân rộng chất lượng các mô hình, điển hình “Dân vận khéo” "
            f"trên các lĩnh vực {join(fields)}: năm {f['year']} có {registered} được đăng ký")
    if m["recognized"]:
        text += f", trong đó {num(m['recognized'])} mô hình, điển hình được công nhận"
    return [text + "."]


def tables(f: dict) -> list[Section]:
    m = f["mass_mobilization"]
    rows = [[f"Lĩnh vực {label}", m["by_field"][key]] for key, label in FIELDS_VI.items()]
    rows += [["Trong đó: mô hình", m["models"]], ["Điển hình", m["exemplars"]],
             ["Được công nhận đến 31/12", m["recognized"]]]
    return [Section("Dân vận khéo", "Mô hình, điển hình “Dân vận khéo”", ["Mô hình, điển hình", "Số lượng"], rows,
                    ["Tổng số mô hình, điển hình", m["models"] + m["exemplars"]])]


def records(org, year, figure, params) -> dict | None:
    key = figure.split(".", 1)[1] if "." in figure else "all"
    filters = selectors.figure_filters(dt.date(year, 12, 31))
    entries = selectors.entries_in_scope(org, year).select_related("organization").order_by("field", "code")
    titles = {
        "all": _("Dân vận khéo models and exemplars"), "models": _("Dân vận khéo models"),
        "exemplars": _("Dân vận khéo exemplars"), "recognized": _("Recognized models and exemplars"),
        "economy": _("Field: economy"), "culture_society": _("Field: culture and society"),
        "defense_security": _("Field: defence and security"), "political_system": _("Field: political system"),
    }
    if key not in titles:
        return None
    if key != "all":
        entries = entries.filter(filters[key])
    rows = [
        [
            {"text": e.code, "url": reverse("mobilization:detail", args=[e.pk])},
            e.name,
            e.get_type_display(),
            e.get_field_display(),
            e.organization.name,
            e.recognized_by,
            short_date(e.recognized_on) if e.recognized_on else "—",
        ]
        for e in entries
    ]
    headers = [_("Code"), _("Name"), _("Type"), _("Field"), _("Registered by"), _("Recognition level"),
               _("Recognized on")]
    return {"title": titles[key], "headers": headers, "rows": rows}


PART = ReportPart(
    key="mass_mobilization",
    order=70,
    figures=selectors.mobilization_figures,
    heading="Phong trào thi đua “Dân vận khéo”",
    sentences=sentences,
    none_text="Trong năm không có mô hình, điển hình “Dân vận khéo” được đăng ký.",
    tables=tables,
    template="mobilization/_report_section.html",
    records=records,
    has_records=lambda year: MobilizationModel.objects.filter(voided_at__isnull=True, year__lte=year).exists(),
)
