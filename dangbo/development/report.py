"""The `member_development` part of the yearly report (REPORT.md): figures, the article's
and the Word report's sentences (Vietnamese by design), the table, the page's section
and the records behind each figure."""

import datetime as dt

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from dangbo.lib.vntext import short_date
from dangbo.reports.parts import ReportPart
from dangbo.reports.tables import Section
from dangbo.reports.wording import Names, num

from . import selectors
from .models import AdmissionTarget, Candidate

KEY = "member_development"


def percent(part: int, whole: int) -> str:
    """ "102%", "97,5%": the Vietnamese way, one decimal at most."""
    value = round(100 * part / whole, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def sentences(f: dict, names: Names) -> list[str]:
    """After the seed's "coi trọng công tác phát triển đảng viên … kết nạp 153 đảng viên
    mới" (the membership paragraph): the target, the certificates, who is in the plan."""
    d, year = f[KEY], f["year"]
    out = []
    if d["target"]:
        if d["admissions"] >= d["target"]:
            out.append(
                f"Số đảng viên mới được kết nạp đạt {percent(d['admissions'], d['target'])} chỉ tiêu đề ra "
                f"({num(d['admissions'])}/{num(d['target'])} đảng viên)."
            )
        else:
            out.append(
                f"Số đảng viên kết nạp trong năm mới đạt {percent(d['admissions'], d['target'])} chỉ tiêu đề ra "
                f"({num(d['admissions'])}/{num(d['target'])} đảng viên)."
            )
    parts = []
    if d["certificates"]:
        parts.append(f"{num(d['certificates'])} quần chúng ưu tú được cấp giấy chứng nhận bồi dưỡng nhận thức về Đảng")
    if d["candidates_at_year_end"]:
        parts.append(
            f"đến ngày 31/12/{year}, toàn {names.level} có {num(d['candidates_at_year_end'])} quần chúng ưu tú "
            "trong diện bồi dưỡng, xem xét kết nạp"
        )
    if parts:
        text = "; ".join(parts)
        out.append(("Trong năm, " + text if d["certificates"] else text[:1].upper() + text[1:]) + ".")
    return out


def tables(f: dict) -> list[Section]:
    d = f[KEY]
    share = percent(d["admissions"], d["target"]) if d["target"] else "—"
    return [Section(
        "Phát triển đảng viên",
        "Công tác phát triển đảng viên",
        ["Phát triển đảng viên", "Số lượng"],
        [
            ["Chỉ tiêu kết nạp đảng viên mới", d["target"]],
            ["Kết nạp đảng viên mới", d["admissions"]],
            ["Tỷ lệ so với chỉ tiêu", share],
            ["Quần chúng ưu tú được cấp giấy chứng nhận bồi dưỡng nhận thức về Đảng", d["certificates"]],
            ["Quần chúng ưu tú trong diện xem xét kết nạp đến 31/12", d["candidates_at_year_end"]],
        ],
    )]


def _link(text: str, url: str) -> dict:
    return {"text": text, "url": url}


def _candidate_rows(candidates, day: dt.date) -> list[list]:
    rows = []
    for c in sorted(candidates, key=lambda c: (c.sort_key, c.pk)):
        rows.append([
            _link(c.full_name, reverse("development:candidate", args=[c.pk])),
            c.organization.name,
            short_date(c.planned_on),
            short_date(c.certificate_on) if c.certificate_on else "—",
        ])
    return rows


def records(org, year: int, figure: str, params) -> dict | None:
    from dangbo.reports.figures import events_behind

    end = dt.date(year, 12, 31)
    headers = [_("Candidate"), _("Organization"), _("Taken into the plan"), _("Awareness certificate")]
    if figure in (KEY, f"{KEY}.candidates_at_year_end"):
        candidates = selectors.candidates_in_plan(org, end).select_related("organization")
        return {"title": _("Candidates in the plan on 31/12"), "headers": headers,
                "rows": _candidate_rows(candidates, end)}
    if figure == f"{KEY}.certificates":
        candidates = selectors.certificates_in(org, year).select_related("organization")
        return {"title": _("Awareness certificates of the year"), "headers": headers,
                "rows": _candidate_rows(candidates, end)}
    if figure == f"{KEY}.target":
        targets = AdmissionTarget.objects.filter(organization=org, year=year).select_related("organization")
        return {
            "title": _("Admission target"),
            "headers": [_("Organization"), _("Year"), _("New members planned")],
            "rows": [[t.organization.name, t.year, t.target] for t in targets],
        }
    if figure == f"{KEY}.admissions":
        events = events_behind(org, year, "admissions").prefetch_related(
            Prefetch("candidacies", Candidate.objects.all(), to_attr="candidates")
        )
        rows = []
        for e in events:
            candidate = e.candidates[0] if e.candidates else None
            rows.append([
                _link(e.member.full_name, reverse("members:detail", args=[e.member.code])),
                short_date(e.date),
                e.organization.name if e.organization_id else "—",
                _link(candidate.code, reverse("development:candidate", args=[candidate.pk])) if candidate else "—",
            ])
        return {"title": _("Admitted"), "headers": [_("Member"), _("Date"), _("Organization"), _("Candidacy")],
                "rows": rows}
    return None


def has_records(year: int) -> bool:
    """Any candidate taken into a plan, or any admission target, in `year` or before."""
    return (
        Candidate.objects.filter(planned_on__lte=dt.date(year, 12, 31)).exists()
        or AdmissionTarget.objects.filter(year__lte=year).exists()
    )


PART = ReportPart(
    key=KEY,
    order=30,
    figures=selectors.development_figures,
    heading="CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN",
    sentences=sentences,
    none_text="Chưa có số liệu về chỉ tiêu kết nạp và quần chúng ưu tú của năm.",
    tables=tables,
    template="development/_report_section.html",
    records=records,
    has_records=has_records,
)
