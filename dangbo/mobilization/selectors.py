"""Questions asked of the Dân vận khéo register: the report's figures and the yearly
table per field (REPORT.md `mass_mobilization`).

The report counts the entries registered for year Y by organizations in X's subtree at
31/12/Y (the tree of that day): a commune moved to another district during the year
counts in the district it ended the year in.
"""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from dangbo.core.prepared import Prepared
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.organizations.selectors import ids_under, subtree_ids, year_end_path

from .models import MobilizationModel

Field = MobilizationModel.Field
Type = MobilizationModel.Type
FIELD_KEYS = {
    Field.ECONOMY: "economy",
    Field.CULTURE_SOCIETY: "culture_society",
    Field.DEFENSE_SECURITY: "defense_security",
    Field.POLITICAL_SYSTEM: "political_system",
}


def existed_in_year(org: Organization, year: int) -> bool:
    return OrgSpan.objects.filter(organization=org, merged_into__isnull=True, valid_from__lte=dt.date(year, 12, 31),
                                  valid_to__gte=dt.date(year, 1, 1)).exists()


def entries_in_scope(org: Organization, year: int) -> QuerySet[MobilizationModel]:
    """The live entries of `year` registered by organizations in `org`'s subtree on
    31/12 of that year."""
    return MobilizationModel.objects.filter(
        voided_at__isnull=True, year=year, organization_id__in=subtree_ids(org, dt.date(year, 12, 31))
    )


def figure_filters(end: dt.date) -> dict[str, Q]:
    """The filter of each figure on the entries of the year ending on `end`."""
    return {
        "models": Q(type=Type.MODEL),
        "exemplars": Q(type=Type.EXEMPLAR),
        "recognized": Q(recognized_on__isnull=False, recognized_on__lte=end),
        **{key: Q(field=field) for field, key in FIELD_KEYS.items()},
    }


@Prepared
def _counts(path: str, year: int, end: dt.date) -> dict:
    entries = MobilizationModel.objects.filter(
        voided_at__isnull=True, year=year, organization_id__in=ids_under(path, end)
    )
    return entries.aggregate(**{key: Count("pk", filter=q) for key, q in figure_filters(end).items()})


def mobilization_figures(org: Organization, year: int) -> dict:
    """The `mass_mobilization` block of the annual report. One query."""
    path, end = year_end_path(org, year), dt.date(year, 12, 31)
    counts = _counts(path=path, year=year, end=end) if path else dict.fromkeys(figure_filters(end), 0)
    return {
        "models": counts["models"],
        "exemplars": counts["exemplars"],
        "recognized": counts["recognized"],
        "by_field": {key: counts[key] for key in FIELD_KEYS.values()},
    }


def yearly_table(org: Organization, year: int) -> list[dict]:
    """One row per field: models, exemplars, recognized (by 31/12), and the recognized by
    level. One query."""
    end = dt.date(year, 12, 31)
    rows = {field: {"field": field, "label": Field(field).label, "models": 0, "exemplars": 0, "recognized": 0,
                    "levels": {}} for field in Field.values}
    for r in (
        entries_in_scope(org, year).order_by().values("field", "type", "recognized_by")
        .annotate(n=Count("pk"), recognized=Count("pk", filter=Q(recognized_on__isnull=False, recognized_on__lte=end)))
    ):
        row = rows[r["field"]]
        row["models" if r["type"] == Type.MODEL else "exemplars"] += r["n"]
        row["recognized"] += r["recognized"]
        if r["recognized"]:
            level = r["recognized_by"] or "—"
            row["levels"][level] = row["levels"].get(level, 0) + r["recognized"]
    return list(rows.values())
