"""Export of a subtree followed by import into an empty database gives the same report
figures for every organization of the subtree and every year (REPORT.md): the demo's
THANHHA, 2020–2026, through the 2025 reorganization.

Every figure is a function of the records and their projections (the dated tree, the
membership spans, the events with their origins, ratings, decisions, classes, targets),
so those are compared whole, by codes; and the reports themselves for THANHHA every year
it existed, every grassroots organization before and after the reorganization, and a
few cells every year (a report of each of the 188 organizations for seven years would
take minutes)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from dangbo.demo.workbook import build_workbook
from dangbo.interchange.exporter import export_workbook, scope_of
from dangbo.interchange.importer import import_file
from dangbo.members.models import Member
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.reports.figures import annual_figures

SMALL = 300
YEARS = range(2020, 2027)


def empty_the_database() -> None:
    """Every table emptied inside the test's transaction (PostgreSQL first runs the
    foreign-key checks it deferred, which TRUNCATE would otherwise refuse)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


def sample(codes) -> list[tuple[str, int]]:
    orgs = Organization.objects.filter(code__in=codes)
    grassroots = sorted(o.code for o in orgs if o.is_grassroots)
    cells = sorted(o.code for o in orgs if o.kind == Organization.Kind.CELL)[::40]
    return (
        [("THANHHA", year) for year in YEARS]
        + [(code, year) for code in grassroots for year in (2022, 2026)]
        + [(code, year) for code in cells for year in YEARS]
    )


def reports(keys) -> dict:
    """The figures of each (organization code, year) in `keys` when it existed that year."""
    figures = {}
    for code, year in keys:
        org = Organization.objects.get(code=code)
        if OrgSpan.objects.filter(organization=org, merged_into__isnull=True,
                                  valid_from__lte=dt.date(year, 12, 31), valid_to__gte=dt.date(year, 1, 1)):
            figures[(code, year)] = annual_figures(org, year)
    return figures


def records(codes) -> dict:
    """Everything the figures are computed from, by codes, for the subtree `codes`."""
    from dangbo.cadres.models import PersonnelDecision
    from dangbo.citizens.models import Petition, ReceptionSession
    from dangbo.development.models import AdmissionTarget, Candidate
    from dangbo.inspections.models import Discipline, Item, Remedy
    from dangbo.leadership.models import Assignment, Document, StudySession, Term
    from dangbo.members.models import MembershipEvent, MembershipSpan
    from dangbo.mobilization.models import MobilizationModel
    from dangbo.ratings.models import Rating
    from dangbo.targets.models import Target
    from dangbo.training.models import TrainingClass

    code = {o.pk: o.code for o in Organization.objects.all()}
    ids = {pk for pk, c in code.items() if c in codes}

    def path(text: str) -> tuple:
        return tuple(code[int(part)] for part in text.split("/") if part)

    def key(row) -> tuple:
        return tuple("" if v is None else str(v) for v in row)

    return {
        "tree": sorted((
            (code[s.organization_id], code.get(s.parent_id), code.get(s.merged_into_id), s.name, path(s.path),
             s.valid_from, s.valid_to)
            for s in OrgSpan.objects.filter(organization_id__in=ids)
        ), key=key),
        "events": sorted((
            (e.member.code, e.kind, e.date, code.get(e.organization_id), code.get(e.origin_id), e.status)
            for e in MembershipEvent.objects.filter(voided_at__isnull=True).select_related("member")
            .filter(member__spans__organization_id__in=ids).distinct()
        ), key=key),
        "spans": sorted(
            (s.member.code, code[s.organization_id], s.status, s.exempted, s.valid_from, s.valid_to)
            for s in MembershipSpan.objects.filter(organization_id__in=ids).select_related("member")
        ),
        "ratings": sorted((
            (r.year, r.member.code if r.member_id else code[r.organization_id], r.level, r.score, r.step)
            for r in Rating.objects.filter(round__organization_id__in=ids).select_related("member")
        ), key=key),
        "decisions": sorted(
            (d.date, d.kind, d.member.code, d.title, code[d.managed_by_id])
            for d in PersonnelDecision.objects.filter(managed_by_id__in=ids, voided_at__isnull=True)
            .select_related("member")
        ),
        "classes": sorted((
            (c.code, c.program, code[c.organizer_id], c.start, c.end,
             sorted((e.member.code if e.member_id else e.full_name, e.result) for e in c.enrollments.all()))
            for c in TrainingClass.objects.filter(organizer_id__in=ids).prefetch_related("enrollments__member")
        ), key=key),
        "targets": sorted((
            (code[t.organization_id], t.year, t.code, t.planned, t.actual, t.direction)
            for t in Target.objects.filter(organization_id__in=ids)
        ), key=key),
        "receptions": sorted((
            (s.date, code[s.organization_id], s.form, s.presided_by.code if s.presided_by_id else None, s.citizens,
             s.content)
            for s in ReceptionSession.objects.filter(organization_id__in=ids, voided_at__isnull=True)
            .select_related("presided_by")
        ), key=key),
        # The sender of a denunciation does not leave with an export made by the command line.
        "petitions": sorted((
            (p.code, p.received_on, code[p.organization_id], p.kind, p.content, "" if p.is_denunciation else p.sender,
             p.channel, p.member.code if p.member_id else None, p.complexity, p.remote, p.accepted_on, p.closed_on,
             p.result, p.accept_due, p.close_due, p.due_on)
            for p in Petition.objects.filter(organization_id__in=ids, voided_at__isnull=True).select_related("member")
        ), key=key),
        "mobilization": sorted((
            (e.code, e.year, e.name, e.type, e.field, code[e.organization_id], e.recognized_by, e.recognized_on)
            for e in MobilizationModel.objects.filter(organization_id__in=ids, voided_at__isnull=True)
        ), key=key),
        "items": sorted((
            (i.code, i.year, i.kind, i.body, code[i.organization_id], i.subject_member.code if i.subject_member_id
             else code[i.subject_organization_id], i.start, i.end, i.conclusion, i.strengths, i.shortcomings)
            for i in Item.objects.filter(organization_id__in=ids, voided_at__isnull=True)
            .select_related("subject_member")
        ), key=key),
        "remedies": sorted((
            (r.item.code, r.text, r.due, r.done_on)
            for r in Remedy.objects.filter(item__organization_id__in=ids, voided_at__isnull=True).select_related("item")
        ), key=key),
        "disciplines": sorted((
            (d.date, d.form, d.subject_member.code if d.subject_member_id else code[d.subject_organization_id],
             code[d.organization_id], d.body, d.violation_on, d.item.code if d.item_id else None,
             (d.event.kind, d.event.date) if d.event_id else None)
            for d in Discipline.objects.filter(organization_id__in=ids, voided_at__isnull=True)
            .select_related("subject_member", "item", "event")
        ), key=key),
        "candidates": sorted((
            (c.code, c.full_name, c.birth_date, c.birth_year, c.sex, code[c.organization_id], c.planned_on,
             c.certificate_on, c.member.code if c.member_id else None, c.admission.date if c.admission_id else None,
             c.stopped_on, c.stop_reason,
             sorted(h.member.code for h in c.helper_records.all() if h.voided_at is None),
             sorted((s.step, s.date) for s in c.checkpoints.all() if s.voided_at is None))
            for c in Candidate.objects.filter(organization_id__in=ids).select_related("member", "admission")
            .prefetch_related("helper_records__member", "checkpoints")
        ), key=key),
        "admission_targets": sorted(
            (code[t.organization_id], t.year, t.target) for t in AdmissionTarget.objects.filter(organization_id__in=ids)
        ),
        "terms": sorted((
            (code[t.organization_id], t.start, t.end, t.name)
            for t in Term.objects.filter(organization_id__in=ids, voided_at__isnull=True)
        ), key=key),
        "documents": sorted((
            (code[d.organization_id], d.kind, d.number, d.symbol, d.date, d.subject, d.term.start if d.term else None)
            for d in Document.objects.filter(organization_id__in=ids, voided_at__isnull=True).select_related("term")
        ), key=key),
        "study_sessions": sorted((
            (s.code, s.kind, code[s.organization_id], s.date, s.attendance,
             sorted(a.member.code for a in s.attendees.all() if a.voided_at is None))
            for s in StudySession.objects.filter(organization_id__in=ids).prefetch_related("attendees__member")
        ), key=key),
        "assignments": sorted((
            (a.member.code, code[a.organization_id], code[a.assigned_by_id], a.start, a.end)
            for a in Assignment.objects.filter(assigned_by_id__in=ids, voided_at__isnull=True).select_related("member")
        ), key=key),
    }


@pytest.fixture(scope="module")
def round_trip(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            assert import_file(data=build_workbook(SMALL), name="demo.xlsx").ok
            thanhha = Organization.objects.get(code="THANHHA")
            codes = set(
                Organization.objects.filter(pk__in=scope_of(thanhha).subtree).values_list("code", flat=True)
            )
            keys = sample(codes)
            before = (records(codes), reports(keys))
            outsiders = set(
                Member.objects.filter(personnel_decisions__managed_by=thanhha)
                .exclude(code__in=Member.objects.filter(spans__organization__code__in=codes).values("code"))
                .values_list("code", flat=True)
            )
            buffer = io.BytesIO()
            export_workbook(thanhha, buffer)
            empty_the_database()
            assert not Organization.objects.exists()
            report = import_file(data=buffer.getvalue(), name="thanhha.xlsx")
            yield report, before, (records(codes), reports(keys)), outsiders
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _db(db):
    return db


def test_the_export_of_thanhha_imports_into_an_empty_database(round_trip):
    report, _before, _after, _outsiders = round_trip
    assert report.ok, [str(p) for p in report.errors[:10]]
    assert report.written


def test_the_records_behind_every_figure_are_the_same(round_trip):
    _report, (before, _r), (after, _a), _outsiders = round_trip
    assert all(before[key] for key in before)
    for key in before:
        assert before[key] == after[key], key


def test_the_reports_are_the_same_every_year_2020_to_2026(round_trip):
    _report, (_b, before), (_a, after), _outsiders = round_trip
    assert {year for _code, year in before} == set(YEARS)
    assert set(after) == set(before)
    differing = [key for key in before if before[key] != after[key]]
    assert not differing, [(key, before[key], after[key]) for key in differing[:2]]


def test_a_cadre_and_a_learner_from_outside_the_subtree_come_as_members_of_record(tree, cast):
    """DIST's standing committee decides on someone of OTHER's cell; a DIST class has a
    learner from there; the export of DIST imports into an empty database (it crashed)."""
    from dangbo.cadres.tests.helpers import decide
    from dangbo.members.tests.helpers import opening, person
    from dangbo.training import services as training

    outsider = person(name="Ngô Văn Ngoài", code="NGOAI1")
    opening(outsider, tree.ocell, date=dt.date(2015, 1, 1))
    insider = person(name="Lý Thị Trong", code="TRONG1", sex="F")
    opening(insider, tree.cell1a, date=dt.date(2015, 1, 1))
    decide(outsider, tree.dist, kind="DESIGNATION", date=dt.date(2022, 3, 1), title="Phó Chủ tịch UBND huyện")
    klass = training.create_class(code="L1", name="Lớp cấp ủy", program="GRASSROOTS_COMMITTEE",
                                  organizer=tree.dist, start=dt.date(2022, 4, 1))
    training.enroll(klass=klass, member=outsider)
    training.enroll(klass=klass, member=insider)
    before = {year: annual_figures(tree.dist, year) for year in (2022, 2023)}
    buffer = io.BytesIO()
    export_workbook(tree.dist, buffer)
    empty_the_database()
    report = import_file(data=buffer.getvalue(), name="dist.xlsx")
    assert report.ok, [str(p) for p in report.errors]
    dist = Organization.objects.get(code="DIST")
    assert {year: annual_figures(dist, year) for year in (2022, 2023)} == before
    assert before[2022]["cadre_decisions"]["people"] == 1 and before[2022]["training"]
    of_record = Member.objects.get(code="NGOAI1")
    assert not of_record.spans.exists() and not Organization.objects.filter(code="OCELL").exists()
    assert any("NGOAI1" in str(p) or "Ngô Văn Ngoài" in str(p) for p in report.warnings)
