"""A page of the member list is the same slice of `register`, with the same counts,
whichever way `register_page` reads it (all matches sorted here; for many matches, the
subtree's spans sorted by the database, or for the only root a walk of the name index)."""

import datetime as dt

import pytest
from django.db.models import Count

from dangbo.members import selectors
from dangbo.members.tests.helpers import event, opening, person
from dangbo.organizations.tests.helpers import reorganize

D = dt.date
DAY = D(2024, 6, 1)
NAMES = ["Phạm Văn An", "Phạm Thị Bình", "Nguyễn Phạm Cường", "Lê Văn Dũng", "Phạm Ánh", "Trần Văn Phạm",
         "Đỗ Thị Phương", "Phạm Văn An", "Hoàng Phạm Đức", "Vũ Thị Em", "Phạm Hùng"]


@pytest.fixture
def register(tree):
    """Eleven members in DIST's cells, one exempted, one transferred out of the district,
    one outside it, with a homonym ("Phạm Văn An" twice)."""
    members = []
    for n, name in enumerate(NAMES):
        m = person(name=name, code=f"R{n:02d}", sex="F" if "Thị" in name else "M")
        opening(m, tree.cell1a if n % 2 else tree.cell1b, status="OFFICIAL" if n % 3 else "PROBATIONARY")
        members.append(m)
    event(members[3], "EXEMPTED", D(2023, 5, 1))
    event(members[4], "TRANSFERRED_OUT", D(2023, 5, 1))
    outsider = person(name="Phạm Văn Ngoài", code="R99")
    opening(outsider, tree.ocell)
    return members


def _filter(tree, **kwargs):
    return selectors.RegisterFilter(organization=tree.dist, day=DAY, **kwargs)


def _counts(spans):
    """The list's counts, asked of the database directly."""
    return spans.aggregate(**{
        name: Count("pk", filter=condition) if condition else Count("pk")
        for name, condition in selectors.COUNTS.items()
    })


def _pages(f, size):
    pages, number = [], 1
    while True:
        page = selectors.register_page(f, number, size)
        if page.number != number:
            return pages, page
        pages.append(page)
        number += 1


ASKED = [{}, {"query": "pham"}, {"query": "R0"}, {"status": "PROBATIONARY"}, {"status": "EXEMPTED"},
         {"sex": "F", "query": "thi"}, {"query": "zzz"}]


@pytest.mark.parametrize("sorted_here", [1000, 3], ids=["sorted-here", "cut-by-the-database"])
@pytest.mark.parametrize("where", ["dist", "only-root"])
def test_every_page_is_a_slice_of_the_register(tree, register, monkeypatch, sorted_here, where):
    from dangbo.organizations.models import Reorganization

    monkeypatch.setattr(selectors, "SORTED_HERE", sorted_here)
    org = tree.dist
    if where == "only-root":  # the walk of the name index
        reorganize(kind=Reorganization.Kind.MERGE, organization=tree.other, effective_on=D(2024, 1, 1),
                   target=tree.prov)
        org = tree.prov
    for asked in ASKED:
        f = selectors.RegisterFilter(organization=org, day=DAY, **asked)
        expected = list(selectors.register(f))
        pages, past_the_end = _pages(f, size=2)
        assert [s.pk for p in pages for s in p.spans] == [s.pk for s in expected], asked
        counts = _counts(selectors.register(f))
        assert all(p.counts == counts for p in pages) and past_the_end.counts == counts, asked
        # past the end: the last page (or the first of an empty list) again
        assert past_the_end.number == max(1, len(pages)), asked
        assert [s.pk for s in past_the_end.spans] == ([s.pk for s in pages[-1].spans] if pages else []), asked


def test_the_lines_carry_what_the_list_shows(tree, register, django_assert_num_queries, monkeypatch):
    f = _filter(tree, query="pham")
    expected = [(s.member.full_name, s.member.code, s.organization.name) for s in list(selectors.register(f))[:3]]
    for sorted_here in (1000, 3):
        monkeypatch.setattr(selectors, "SORTED_HERE", sorted_here)
        page = selectors.register_page(f, 1, 3)
        with django_assert_num_queries(0):
            shown = [(s.member.full_name, s.member.code, s.organization.name) for s in page.spans]
        assert shown == expected
    # homonyms in code order
    assert [line[:2] for line in expected] == [("Phạm Văn An", "R00"), ("Phạm Văn An", "R07"), ("Phạm Thị Bình", "R01")]


def test_a_search_with_many_matches_reads_a_page(tree, register, monkeypatch, django_assert_max_num_queries):
    """More matches than are sorted here: the counts in one query, the page in two."""
    monkeypatch.setattr(selectors, "SORTED_HERE", 3)
    f = _filter(tree, query="pham")
    with django_assert_max_num_queries(6):
        page = selectors.register_page(f, 2, 2)
    assert page.counts["total"] == len(list(selectors.register(f))) > 3


def test_the_only_root_holds_every_member_the_same_as_asking_its_subtree(tree, register, monkeypatch):
    """`members_on` skips the subtree's ids for the only root of the tree: the same
    members, merged organizations' included."""
    from dangbo.organizations import selectors as org_selectors
    from dangbo.organizations.models import Reorganization

    before, after = D(2024, 12, 31), D(2025, 1, 1)
    assert org_selectors.members_subtree(tree.prov, after) is not None  # OTHER is a root too
    reorganize(kind=Reorganization.Kind.MERGE, organization=tree.other, effective_on=after, target=tree.prov)
    assert org_selectors.members_subtree(tree.prov, after) is None
    assert org_selectors.members_subtree(tree.prov, before) is not None
    assert org_selectors.members_subtree(tree.dist, after) is not None
    shortcut = set(selectors.members_on(tree.prov, after).values_list("pk", flat=True))
    monkeypatch.setattr(selectors, "members_subtree", org_selectors.subtree_ids)
    asked = set(selectors.members_on(tree.prov, after).values_list("pk", flat=True))
    assert shortcut == asked and len(asked) == 11  # OCELL's member (merged in) counted


def test_a_new_name_is_found_and_sorted_by(tree, register):
    """The spans carry their member's name keys: a corrected name is searched and
    sorted by at once."""
    from dangbo.members import services

    member = register[9]  # Vũ Thị Em
    services.update_members(changes=[(member, {"full_name": "Âu Thị A", "birth": 1980, "sex": "F"})])
    f = _filter(tree, query="au thi")
    assert [s.member.code for s in selectors.register_page(f, 1, 5).spans] == [member.code]
    assert not selectors.register_page(_filter(tree, query="vu thi"), 1, 5).spans
    first = selectors.register_page(_filter(tree), 1, 1).spans[0]
    assert first.member == member  # by the given name: "A" before "An"
