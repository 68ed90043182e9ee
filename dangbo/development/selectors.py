"""Questions asked of candidates and admission targets: who is in the plan on a day, at
which step, who is stuck, whose certificate runs out; the report's figures."""

import dataclasses
import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from dangbo.core.prepared import Prepared
from dangbo.lib.vntext import sort_key
from dangbo.members.lifecycle import add_months
from dangbo.members.models import Member
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import (
    ids_under,
    own_spans,
    stood_under_q,
    subtree_ids,
    under_spans_q,
    year_end_path,
)

from . import rules
from .models import AdmissionTarget, Candidate, Checkpoint, Helper

Step = Checkpoint.Step
# The pipeline's stages, in order: in the plan, certified, then the dossier's steps.
PLANNED, CERTIFIED = "PLANNED", "CERTIFIED"
STAGES = [PLANNED, CERTIFIED, *Step.values]


def admitted_by(day: dt.date) -> Q:
    """Candidates admitted on or before `day` (by a live admission)."""
    return Q(admission__isnull=False, admission__voided_at__isnull=True, admission__date__lte=day)


def in_plan_q(day: dt.date) -> Q:
    """Candidates in the plan at the end of `day`: taken in by then, neither admitted nor
    stopped by then (REPORT.md, `candidates_at_year_end`)."""
    return Q(planned_on__lte=day) & ~admitted_by(day) & (Q(stopped_on__isnull=True) | Q(stopped_on__gt=day))


def candidates_in_plan(org: Organization, day: dt.date) -> QuerySet[Candidate]:
    """Candidates of organizations in `org`'s subtree on `day`, in the plan that day."""
    return Candidate.objects.filter(in_plan_q(day), organization_id__in=subtree_ids(org, day))


def certificates_in(org: Organization, year: int) -> QuerySet[Candidate]:
    """Candidates whose awareness certificate is dated in `year`, of an organization in
    `org`'s subtree on the certificate's date."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Candidate.objects.filter(
        stood_under_q(org, start, end, org_field="organization", date_field="certificate_on")
    )


_TARGET = Prepared(
    lambda org_id, year: AdmissionTarget.objects.filter(organization_id=org_id, year=year)
    .order_by("pk").values_list("target", flat=True)[:1]
)


def target_of(org: Organization, year: int) -> int:
    return next(iter(_TARGET(org_id=org.pk, year=year)), None) or 0


@Prepared
def _in_plan_count(path: str, day: dt.date) -> int:
    return Candidate.objects.filter(in_plan_q(day), organization_id__in=ids_under(path, day)).count()


@Prepared
def _certificates_count(spans) -> int:
    return Candidate.objects.filter(under_spans_q(spans, org_field="organization", date_field="certificate_on")).count()


def development_figures(org: Organization, year: int) -> dict:
    """The `member_development` block of the report (REPORT.md); `admissions` is the
    report's own figure (from the report tallies where they hold the year)."""
    from dangbo.reports.figures import membership_figures

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    path = year_end_path(org, year)
    return {
        "target": target_of(org, year),
        "admissions": membership_figures(org, year)["admissions"],
        "candidates_at_year_end": _in_plan_count(path=path, day=end) if path else 0,
        "certificates": _certificates_count(spans=own_spans(org, start, end)),
    }


@dataclasses.dataclass
class Row:
    """A candidate on the pipeline screen."""

    candidate: Candidate
    stage: str
    stage_label: str
    last_step: dt.date  # the latest day something was recorded of the dossier
    certificate_until: dt.date | None
    stuck: bool
    certificate_expiring: bool  # runs out within EXPIRY_NOTICE_MONTHS, or has run out
    certificate_expired: bool
    helpers: list[Member]


def stage_labels() -> dict[str, str]:
    from django.utils.translation import gettext as _

    return {PLANNED: _("Taken into the plan"), CERTIFIED: _("Awareness certificate"), **dict(Step.choices)}


def _row(candidate: Candidate, day: dt.date, labels: dict) -> Row:
    """`candidate` with `live_checkpoints` and `live_helpers` (`_with_dossier`)."""
    checkpoints = candidate.live_checkpoints
    reached = {c.step for c in checkpoints}
    stage = PLANNED
    if candidate.certificate_on and candidate.certificate_on <= day:
        stage = CERTIFIED
    for step in Step.values:
        if step in reached:
            stage = step
    dates = [candidate.planned_on] + [c.date for c in checkpoints]
    if candidate.certificate_on:
        dates.append(candidate.certificate_on)
    last = max(d for d in dates if d <= day) if any(d <= day for d in dates) else candidate.planned_on
    until = rules.certificate_valid_until(candidate.certificate_on) if candidate.certificate_on else None
    return Row(
        candidate=candidate,
        stage=stage,
        stage_label=labels[stage],
        last_step=last,
        certificate_until=until,
        stuck=add_months(last, rules.STUCK_MONTHS) < day,
        certificate_expiring=until is not None and until < add_months(day, rules.EXPIRY_NOTICE_MONTHS),
        certificate_expired=until is not None and until < day,
        helpers=[h.member for h in candidate.live_helpers],
    )


def _with_dossier(candidates: QuerySet[Candidate]) -> QuerySet[Candidate]:
    return candidates.select_related("organization").prefetch_related(
        Prefetch("checkpoints", Checkpoint.objects.filter(voided_at__isnull=True).order_by("date"),
                 to_attr="live_checkpoints"),
        Prefetch("helper_records", Helper.objects.filter(voided_at__isnull=True).select_related("member"),
                 to_attr="live_helpers"),
    )


def candidate_row(candidate: Candidate, day: dt.date) -> Row:
    """One candidate as the pipeline shows them (their page)."""
    [loaded] = _with_dossier(Candidate.objects.filter(pk=candidate.pk))
    return _row(loaded, day, stage_labels())


def pipeline(org: Organization, day: dt.date) -> dict:
    """The candidates in the plan on `day`, in name order, with their stage; how many at
    each stage; who is stuck; whose certificate runs out soon or has run out. Four
    queries whatever the number of candidates."""
    labels = stage_labels()
    candidates = sorted(_with_dossier(candidates_in_plan(org, day)), key=lambda c: (c.sort_key, c.pk))
    rows = [_row(c, day, labels) for c in candidates]
    counts = {stage: 0 for stage in STAGES}
    for row in rows:
        counts[row.stage] += 1
    return {
        "rows": rows,
        "stages": [(stage, labels[stage], counts[stage]) for stage in STAGES],
        "stuck": [r for r in rows if r.stuck],
        "expiring": [r for r in rows if r.certificate_expiring],
        "missing": [r for r in rows if r.candidate.certificate_on is None and r.stage not in (PLANNED, CERTIFIED)],
    }


def organizations_for_candidates(org: Organization, day: dt.date) -> list:
    """Where a candidate may be taken in under `org` on `day`: its cells and grassroots
    organizations (itself included when it is one), in Vietnamese order."""
    from dangbo.organizations.selectors import subtree_spans

    kinds = Organization.CELL_KINDS + Organization.GRASSROOTS_KINDS
    spans = subtree_spans(org, day).filter(organization__kind__in=kinds).select_related("organization")
    return sorted(spans, key=lambda s: sort_key(s.name))


def member_panel(request, member: Member) -> dict:
    """On a member's page: the candidacy that led to the admission, the candidates the
    member helps or helped."""
    candidacies = list(Candidate.objects.filter(member=member).select_related("organization", "admission"))
    helped = list(
        Helper.objects.filter(member=member, voided_at__isnull=True)
        .select_related("candidate", "candidate__organization")
        .order_by("-candidate__planned_on")
    )
    return {"candidacies": candidacies, "helped": helped, "today": timezone.localdate()}
