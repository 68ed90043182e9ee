import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dangbo.interchange.importer import import_file
from dangbo.members.tests.helpers import admitted_member, event, opening, person
from dangbo.organizations.models import Organization
from dangbo.organizations.tests.helpers import reorganize
from dangbo.reports.figures import membership_figures
from dangbo.reports.parts import PARTS

D = dt.date
KEYS = (
    "organization",
    "year",
    "members",
    "admissions",
    "recognized_official",
    "removed_from_party",
    "name_deletions",
    "deaths",
    "transfers_in",
    "transfers_out",
    "targets",
)


def test_year_end_and_event_counts_follow_the_subtree(tree):
    a = admitted_member(tree.cell1a, D(2022, 3, 5))
    event(a, "RECOGNIZED_OFFICIAL", D(2023, 3, 5))
    b = person()
    opening(b, tree.cell1b, D(2022, 1, 1))
    event(b, "EXEMPTED", D(2023, 2, 1))
    c = person()
    opening(c, tree.cell2a, D(2022, 1, 1))
    event(c, "TRANSFERRED_INTERNAL", D(2023, 4, 1), tree.cell1a)  # into COMM1, inside DIST
    d = person()
    opening(d, tree.cell1a, D(2022, 1, 1))
    event(d, "TRANSFERRED_INTERNAL", D(2023, 5, 1), tree.ocell)  # out of COMM1 and DIST
    e = person()
    opening(e, tree.cell1b, D(2022, 1, 1))
    event(e, "EXPELLED", D(2023, 6, 1), reason="x")
    f = person()
    opening(f, tree.cell1b, D(2022, 1, 1))
    event(f, "NAME_DELETED", D(2023, 6, 1), reason="x")
    g = person()
    opening(g, tree.cell1a, D(2022, 1, 1))
    event(g, "DIED", D(2023, 7, 1))
    h = person()
    event(
        h,
        "TRANSFERRED_IN",
        D(2023, 8, 1),
        tree.cell1b,
        status="PROBATIONARY",
        admitted_on=D(2023, 1, 2),
    )
    event(person(), "ADMITTED", D(2023, 9, 1), tree.cell1a)
    event(person(), "ADMITTED", D(2023, 9, 1), tree.ocell)  # elsewhere
    k = person()
    opening(k, tree.cell1a, D(2022, 1, 1))
    event(k, "TEMPORARY_TRANSFER", D(2023, 3, 1), tree.ocell)  # not a transfer
    event(k, "TRANSFERRED_OUT", D(2024, 1, 1))  # next year

    comm1 = membership_figures(tree.comm1, 2023)
    assert comm1 == {
        "members": {"at_year_end": 6, "official": 4, "probationary": 2},  # a b c h +new, k
        "admissions": 1,
        "recognized_official": 1,
        "removed_from_party": 1,
        "name_deletions": 1,
        "deaths": 1,
        "transfers_in": 2,  # c (internal, crossing) and h
        "transfers_out": 1,  # d
    }
    dist = membership_figures(tree.dist, 2023)
    assert dist["transfers_in"] == 1  # c moved inside DIST: not a transfer for it
    assert dist["transfers_out"] == 1
    assert dist["members"]["at_year_end"] == 6
    assert membership_figures(tree.comm2, 2023)["transfers_out"] == 1
    assert membership_figures(tree.other, 2023)["admissions"] == 1
    assert membership_figures(tree.other, 2023)["transfers_in"] == 1


def test_a_merge_carries_members_without_counting_transfers(tree):
    admitted_member(tree.cell2a, D(2022, 3, 5))
    direct = person()
    event(direct, "ADMITTED", D(2022, 3, 5), tree.comm2)
    reorganize(
        kind="MERGE", organization=tree.comm2, effective_on=D(2023, 7, 1), target=tree.comm1
    )
    event(direct, "DIED", D(2023, 9, 1))  # recorded in COMM2, which is COMM1's by then
    figures = membership_figures(tree.comm1, 2023)
    assert figures["members"]["at_year_end"] == 1
    assert figures["deaths"] == 1
    assert figures["transfers_in"] == 0
    assert membership_figures(tree.comm1, 2022)["members"]["at_year_end"] == 0
    assert membership_figures(tree.comm2, 2022)["members"]["at_year_end"] == 2


def test_a_later_move_does_not_change_an_earlier_year(tree):
    admitted_member(tree.cell2a, D(2022, 3, 5))
    reorganize(
        kind="MOVE", organization=tree.comm2, effective_on=D(2024, 1, 1), target=tree.other
    )
    assert membership_figures(tree.dist, 2022)["admissions"] == 1
    assert membership_figures(tree.other, 2022)["admissions"] == 0
    assert membership_figures(tree.other, 2024)["members"]["at_year_end"] == 1


def run(*args) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("report", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_command_prints_the_figures_as_json(tree, tmp_path):
    admitted_member(tree.cell1a, D(2022, 3, 5))
    reorganize(
        kind="RENAME",
        organization=tree.comm1,
        effective_on=D(2022, 12, 31),
        new_name="Đảng bộ xã An Bình Mới",
    )
    data = run("annual", "--org", "COMM1", "--year", "2022", "--format", "json")
    assert data["organization"] == {"code": "COMM1", "name": "Đảng bộ xã An Bình Mới"}
    assert data["year"] == 2022 and data["admissions"] == 1
    target = tmp_path / "r.json"
    call_command(
        "report",
        "annual",
        "--org",
        "COMM1",
        "--year",
        "2022",
        "--format",
        "json",
        "-o",
        str(target),
    )
    assert json.loads(target.read_text(encoding="utf-8")) == data
    assert "Mới" in target.read_text(encoding="utf-8")  # not \u escaped


@pytest.mark.parametrize(
    "args",
    [
        ("--org", "NOPE", "--year", "2022"),
        ("--org", "COMM1", "--year", str(dt.date.today().year + 1)),
        ("--org", "COMM1", "--year", "1999"),
        ("--org", "COMM1", "--year", "2022", "--format", "docx"),
    ],
)
def test_the_command_refuses_clearly(tree, args):
    with pytest.raises(CommandError):
        call_command("report", "annual", *args)


def _sample() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "samples" / "mau.xlsx"
        if candidate.exists():
            return candidate
    return None


@pytest.mark.skipif(
    _sample() is None, reason="shared/samples/mau.xlsx is not beside the repository"
)
def test_the_sample_workbook_gives_the_expected_figures(db):
    sample = _sample()
    report = import_file(sample)
    assert report.ok, [str(p) for p in report.errors]
    expected = json.loads(sample.with_name("mau.expected.json").read_text(encoding="utf-8"))
    data = run("annual", "--org", "MAU", "--year", "2023", "--format", "json")
    assert {k: data[k] for k in KEYS} == {k: expected[k] for k in KEYS}
    # every figure of the contract, exactly (warnings are not in the sample's file)
    assert {k: v for k, v in data.items() if k in expected} == expected
    # The figures of the parts (REPORT.md: always present) are 0 for a file without their
    # sheets, but for what other sheets give them (admissions, the grassroots to assign).
    assert data["member_development"] == {
        "target": 0, "admissions": expected["admissions"], "candidates_at_year_end": 0, "certificates": 0,
    }
    assert data["political_education"] == {"sessions": 0, "attendance": 0}
    assert data["documents"]["issued"] == 0 and set(data["documents"]["by_kind"].values()) == {0}
    assert data["assignments"] == {
        "cadres": 0, "organizations": 0, "grassroots_total": sum(expected["grassroots_ratings"].values()),
    }

    def zeros(value) -> bool:
        return all(zeros(v) for v in value.values()) if isinstance(value, dict) else value == 0

    given = {"member_development", "assignments"}
    assert all(part.key in data and zeros(data[part.key]) for part in PARTS if part.key not in given)
    assert Organization.objects.get(code="MAU")


def test_the_figures_take_a_fixed_number_of_queries(tree, django_assert_max_num_queries):
    for cell in (tree.cell1a, tree.cell1b, tree.cell2a):
        for _ in range(3):
            admitted_member(cell, D(2022, 3, 5))
    with django_assert_max_num_queries(4):
        figures = membership_figures(tree.dist, 2022)
    assert figures["members"]["at_year_end"] == 9 and figures["admissions"] == 9
