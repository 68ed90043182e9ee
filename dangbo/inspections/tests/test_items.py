"""Programs, items, conclusions and remedies through their services."""

import datetime as dt

import pytest

from dangbo.core.errors import DomainError
from dangbo.core.models import HardDeleteError
from dangbo.inspections import services
from dangbo.inspections.models import Item, Program, Remedy

from .helpers import TODAY, conclude, member_of, plan, remedy

D = dt.date


def test_an_item_is_planned_in_the_program_of_its_body(tree, cast):
    item = plan("KT01", tree.dist, subject=tree.comm1, by=cast.alice)
    assert item.program.owner == Program.Owner.INSPECTION_COMMITTEE and item.program.organization == tree.dist
    standing = plan("GS01", tree.dist, subject=tree.comm2, body="STANDING_COMMITTEE", kind="THEMATIC_SUPERVISION")
    assert standing.program.owner == Program.Owner.COMMITTEE and standing.is_supervision
    assert Program.objects.count() == 2
    assert item.history.first().history_user == cast.alice and item.created_by == cast.alice


def test_the_same_item_again_changes_nothing_and_other_fields_are_an_update(tree):
    item = plan("KT01", tree.dist, subject=tree.comm1)
    fields = services.ItemFields(
        code="KT01",
        year=2022,
        kind="COMPLIANCE",
        body="INSPECTION_COMMITTEE",
        organization=tree.dist,
        start=D(2022, 3, 1),
        subject_organization=tree.comm1,
    )
    [(_i, outcome, _w)] = services.record_items(items=[fields])
    assert outcome == "unchanged" and item.history.count() == 1
    fields.kind = "FINANCE"
    [(changed, outcome, _w)] = services.record_items(items=[fields])
    assert outcome == "updated" and changed.kind == "FINANCE" and changed.history.count() == 2
    assert Item.objects.count() == 1


def test_the_organization_and_the_subject_must_exist_that_day(tree):
    with pytest.raises(DomainError) as exc:
        plan("KT01", tree.dist, subject=tree.comm1, start=D(1999, 5, 1))
    assert exc.value.field == "organization"
    member = member_of(tree.cell1a, since=D(2021, 1, 1))
    with pytest.raises(DomainError) as exc:
        plan("KT02", tree.dist, subject=member, start=D(2020, 5, 1))
    assert exc.value.field == "subject"
    assert plan("KT03", tree.dist, subject=member, start=D(2021, 5, 1)).subject == member


def test_a_conclusion_and_its_date_go_together(tree):
    item = plan("KT01", tree.dist, subject=tree.comm1)
    for end, conclusion, field in (
        (None, "VIOLATION", "end"),
        (D(2022, 5, 1), "", "conclusion"),
        (D(2022, 2, 1), "VIOLATION", "end"),
        (D(2023, 7, 1), "VIOLATION", "end"),
    ):
        with pytest.raises(DomainError) as exc:
            conclude(item, end=end, conclusion=conclusion)
        assert exc.value.field == field, (end, conclusion)
    item = conclude(item, conclusion="VIOLATION", strengths="Đoàn kết", shortcomings="Chậm báo cáo")
    assert item.concluded and item.conclusion == "VIOLATION" and item.shortcomings == "Chậm báo cáo"
    [(again, changed)] = services.conclude_items(items=[services.ItemConclusion(item=item, end=None)], today=TODAY)
    assert changed and not again.concluded and again.conclusion == ""


def test_remedies_are_known_by_item_and_text(tree, cast):
    item = plan("KT01", tree.dist, subject=tree.comm1)
    first = remedy(item, text="Kiện toàn  chi ủy", due=D(2022, 9, 30), by=cast.alice)
    [(same, outcome)] = services.record_remedies(
        items=[services.RemedyFields(item=item, text="Kiện toàn chi ủy", due=D(2022, 9, 30))], today=TODAY
    )
    assert outcome == "unchanged" and same.pk == first.pk
    [(moved, outcome)] = services.record_remedies(
        items=[services.RemedyFields(item=item, text="Kiện toàn chi ủy", due=D(2022, 10, 31))], today=TODAY
    )
    assert outcome == "updated" and moved.due == D(2022, 10, 31) and Remedy.objects.count() == 1
    with pytest.raises(DomainError) as exc:
        remedy(item, text="Sớm quá", due=D(2022, 2, 1))
    assert exc.value.field == "due"
    [(done, changed)] = services.complete_remedies(items=[services.RemedyDone(first, D(2022, 10, 5))], today=TODAY)
    assert changed and done.done_on == D(2022, 10, 5)
    with pytest.raises(DomainError):
        services.complete_remedies(items=[services.RemedyDone(first, D(2023, 8, 1))], today=TODAY)


def test_records_are_voided_never_deleted(tree):
    item = plan("KT01", tree.dist, subject=tree.comm1)
    r = remedy(item)
    with pytest.raises(HardDeleteError):
        item.delete()
    with pytest.raises(HardDeleteError):
        Remedy.objects.all().delete()
    services.void_remedy(remedy=r, reason="Nhập nhầm")
    services.void_item(item=item, reason="Nhập nhầm")
    item.refresh_from_db()
    assert item.voided_at and item.void_reason == "Nhập nhầm"
    with pytest.raises(DomainError):
        plan("KT01", tree.dist, subject=tree.comm1)  # a voided code is not used again
    with pytest.raises(DomainError):
        remedy(item, text="Khác")


def test_a_program_is_described_with_its_decision(tree, cast):
    item = plan("KT01", tree.dist, subject=tree.comm1)
    [program] = services.describe_programs(
        items=[services.ProgramFields(program=item.program, decision_number="05-CTr/UBKT", approved_on=D(2022, 1, 10))],
        by=cast.alice,
    )
    assert program.decision_number == "05-CTr/UBKT" and program.history.count() == 2
    with pytest.raises(DomainError):
        services.describe_programs(items=[services.ProgramFields(program=item.program, approved_on=D(2023, 1, 1))])
