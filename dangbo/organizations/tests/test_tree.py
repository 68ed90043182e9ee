import datetime as dt

import pytest

from dangbo.core.errors import DomainError
from dangbo.core.models import HardDeleteError
from dangbo.organizations import selectors, services
from dangbo.organizations.models import Organization, OrgSpan, Reorganization
from dangbo.organizations.tests.helpers import correct, found, reorganize

D = dt.date
Kind = Organization.Kind
R = Reorganization.Kind


def codes(spans):
    return {s.organization.code for s in spans}


def test_subtree_on_a_date_follows_a_move(tree):
    reorganize(kind=R.MOVE, organization=tree.comm2, effective_on=D(2025, 7, 1), target=tree.other)
    before = codes(selectors.subtree_spans(tree.dist, D(2025, 6, 30)).select_related("organization"))
    after = codes(selectors.subtree_spans(tree.dist, D(2025, 7, 1)).select_related("organization"))
    assert before == {"DIST", "COMM1", "CELL1A", "CELL1B", "COMM2", "CELL2A"}
    assert after == {"DIST", "COMM1", "CELL1A", "CELL1B"}
    # the whole subtree moved with it
    assert {"COMM2", "CELL2A"} <= codes(
        selectors.subtree_spans(tree.other, D(2025, 7, 1)).select_related("organization")
    )


def test_merge_carries_units_and_members_place_to_the_target(tree):
    reorganize(kind=R.MERGE, organization=tree.comm2, effective_on=D(2024, 1, 1), target=tree.comm1)
    day = D(2024, 1, 1)
    assert {c.organization.code for c in selectors.children_on(tree.comm1, day)} == {
        "CELL1A", "CELL1B", "CELL2A"
    }
    # members recorded in COMM2 count in COMM1's subtree from the merge on
    assert tree.comm2.pk in set(selectors.subtree_ids(tree.comm1, day).values_list("organization_id", flat=True))
    assert not selectors.existed_on(tree.comm2, day)
    assert selectors.last_day(tree.comm2) == D(2023, 12, 31)


def test_the_forest_top_is_the_forest_cut_at_a_level(tree):
    day = D(2026, 1, 1)
    for roots, below in (([tree.prov], 1), ([tree.prov], 2), ([tree.dist, tree.other], 1), (None, 0)):
        spans, parents = selectors.forest_top(day, roots, below=below)
        whole = selectors.forest_on(day, roots)
        tops = [s for s in whole if s.parent_id is None or s.organization in (roots or [])]

        def below_top(span, tops=tops):  # levels under the root it hangs from
            return span.depth - next(t.depth for t in tops if span.path.startswith(t.path))

        assert [s.pk for s in spans] == [s.pk for s in whole if below_top(s) <= below]
        assert parents == {s.parent_id for s in whole if below_top(s) == below + 1}
    spans, parents = selectors.forest_top(day, [tree.comm1], below=1)
    assert codes(spans) == {"COMM1", "CELL1A", "CELL1B"} and parents == set()


def test_the_forest_search_finds_what_the_names_and_codes_hold(tree):
    from dangbo.lib.vntext import fold

    reorganize(kind=R.RENAME, organization=tree.cell1b, effective_on=D(2024, 1, 1), new_name="Chi bộ Thôn Đoài")
    for day in (D(2023, 6, 1), D(2026, 1, 1)):
        for roots, term in (([tree.dist], "thon"), ([tree.dist], "ĐOÀI"), (None, "đông"), ([tree.comm2], "cell"),
                            (None, "xa"), ([tree.other], "an binh"), ([tree.dist], "zzz")):
            whole = selectors.forest_on(day, roots)
            matches = [s for s in whole if fold(term) in fold(s.name) or fold(term) in s.organization.code.lower()]
            ancestors = {s.organization_id for m in matches for s in whole if m.path.startswith(s.path)}
            spans, matched, more = selectors.forest_search(day, roots, term, limit=50)
            assert matched == {s.organization_id for s in matches}
            assert [s.pk for s in spans] == [s.pk for s in whole if s.organization_id in ancestors], (day, term)
            assert not more
    # The old name is found on a day before the rename, the new one after
    assert codes(selectors.forest_search(D(2023, 6, 1), None, "doai", limit=50)[0]) == set()
    assert "CELL1B" in codes(selectors.forest_search(D(2026, 1, 1), None, "doai", limit=50)[0])
    spans, _matched, more = selectors.forest_search(D(2026, 1, 1), None, "chi bo", limit=2)
    assert more and codes(spans) == {"PROV", "DIST", "COMM1", "CELL1A", "CELL1B"}  # two cells, their ancestors


def test_rename_changes_the_name_from_its_date_only(tree):
    reorganize(
        kind=R.RENAME, organization=tree.comm1, effective_on=D(2023, 8, 1), new_name="Đảng bộ xã An Bình Mới"
    )
    assert selectors.span_on(tree.comm1, D(2023, 7, 31)).name == "Đảng bộ xã An Bình"
    assert selectors.span_on(tree.comm1, D(2023, 8, 1)).name == "Đảng bộ xã An Bình Mới"
    assert selectors.name_on(tree.comm1, D(2023, 12, 31)) == "Đảng bộ xã An Bình Mới"


def test_dissolution_ends_the_organization_after_its_last_day(tree):
    reorganize(kind=R.MOVE, organization=tree.cell2a, effective_on=D(2025, 7, 1), target=tree.comm1)
    reorganize(kind=R.DISSOLVE, organization=tree.comm2, effective_on=D(2025, 6, 30))
    assert selectors.existed_on(tree.comm2, D(2025, 6, 30))
    assert not selectors.existed_on(tree.comm2, D(2025, 7, 1))


def test_it_refuses_dissolving_an_organization_that_still_has_units(tree):
    with pytest.raises(DomainError, match="CELL2A"):
        reorganize(kind=R.DISSOLVE, organization=tree.comm2, effective_on=D(2025, 6, 30))
    assert not Reorganization.objects.exists()


def test_it_refuses_a_move_into_its_own_subtree_and_changes_nothing(tree):
    spans_before = OrgSpan.objects.count()
    with pytest.raises(DomainError, match="cycle|vòng"):
        reorganize(
            kind=R.MOVE, organization=tree.dist, effective_on=D(2024, 1, 1), target=tree.comm1
        )
    assert not Reorganization.objects.exists()
    assert OrgSpan.objects.count() == spans_before


def test_it_refuses_acting_before_founding_or_after_dissolution(tree):
    with pytest.raises(DomainError):
        reorganize(kind=R.RENAME, organization=tree.comm1, effective_on=D(1999, 1, 1), new_name="X")
    reorganize(kind=R.MOVE, organization=tree.cell2a, effective_on=D(2025, 1, 1), target=tree.comm1)
    reorganize(kind=R.DISSOLVE, organization=tree.comm2, effective_on=D(2025, 6, 30))
    with pytest.raises(DomainError):
        reorganize(kind=R.RENAME, organization=tree.comm2, effective_on=D(2025, 8, 1), new_name="Y")
    with pytest.raises(DomainError):
        reorganize(
            kind=R.MOVE, organization=tree.cell1a, effective_on=D(2025, 8, 1), target=tree.comm2
        )


def test_kind_rules_are_enforced(tree):
    with pytest.raises(DomainError):
        found(code="BAD", name="Chi bộ sai", kind=Kind.CELL, parent=tree.dist)
    with pytest.raises(DomainError):
        reorganize(
            kind=R.MOVE, organization=tree.cell1a, effective_on=D(2024, 1, 1), target=tree.dist
        )
    grassroots_cell = found(
        code="GC", name="Chi bộ cơ sở", kind=Kind.GRASSROOTS_CELL, parent=tree.dist
    )
    with pytest.raises(DomainError):
        found(code="UNDER", name="Không được", kind=Kind.CELL, parent=grassroots_cell)


def test_voiding_a_reorganization_restores_the_tree(tree, cast):
    reorg = reorganize(
        kind=R.MOVE, organization=tree.comm2, effective_on=D(2024, 1, 1), target=tree.other
    )
    services.void_reorganization(reorganization=reorg, reason="Nhập nhầm", by=cast.alice)
    assert selectors.span_on(tree.comm2, D(2025, 1, 1)).parent_id == tree.dist.pk
    reorg.refresh_from_db()
    assert reorg.voided_at and reorg.history.first().history_user == cast.alice


def test_records_are_never_hard_deleted(tree):
    with pytest.raises(HardDeleteError):
        tree.comm1.delete()
    with pytest.raises(HardDeleteError):
        Organization.objects.filter(pk=tree.comm1.pk).delete()
    with pytest.raises(HardDeleteError):
        Organization.objects.filter(pk=tree.comm1.pk).update(name="x")


def test_changes_are_in_the_history_with_who(tree, cast):
    correct(organization=tree.comm1, group="Cơ quan", by=cast.alice)
    latest = tree.comm1.history.first()
    assert latest.history_user == cast.alice and latest.group == "Cơ quan"
    assert latest.prev_record.group == "Xã, thị trấn"


def test_code_format_is_checked(db):
    with pytest.raises(DomainError):
        found(code="có dấu", name="X", kind=Kind.ABOVE_GRASSROOTS)


def test_several_roots_and_any_depth(tree):
    roots = [s for s in selectors.forest_on(D(2024, 1, 1)) if s.parent_id is None]
    assert {s.organization.code for s in roots} == {"PROV", "OTHER"}
    assert selectors.roots_on(D(2024, 1, 1)) == roots
    assert selectors.span_on(tree.cell1a, D(2024, 1, 1)).depth == 4


def test_the_forest_is_counted_as_listed(tree):
    day = D(2024, 1, 1)
    for roots in ([tree.prov], [tree.dist], [tree.cell1a], [tree.dist, tree.other]):
        spans = selectors.forest_on(day, roots)
        assert selectors.forest_counts(day, roots) == {
            "organizations": len(spans), "grassroots": sum(s.organization.is_grassroots for s in spans)
        }
    assert selectors.forest_counts(day, [tree.prov]) == {"organizations": 7, "grassroots": 2}  # two communes
    assert selectors.forest_counts(D(1999, 1, 1), [tree.prov]) == {"organizations": 0, "grassroots": 0}


def test_text_is_normalized_on_the_way_in_whatever_the_path(db):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Đảng bộ xã Hòa Bình")
    org = found(
        code="NFD", name="\u00d0" + decomposed[1:] + "\u200b", kind=Kind.ABOVE_GRASSROOTS
    )
    org.refresh_from_db()
    assert org.name == "Đảng bộ xã Hòa Bình"
    # a write that bypasses the services still stores NFC
    org.group = unicodedata.normalize("NFD", "Xã, thị trấn")
    org.save()
    org.refresh_from_db()
    assert org.group == "Xã, thị trấn"
