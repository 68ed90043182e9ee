import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dangbo.members.tests.helpers import admitted_member
from dangbo.organizations.tests.helpers import reorganize
from dangbo.reports.figures import ReportError, validate
from dangbo.reports.management.commands.report import Command

D = dt.date


@pytest.fixture
def data(tree):
    admitted_member(tree.cell1a, D(2022, 3, 5))
    admitted_member(tree.cell1b, D(2023, 3, 5))
    reorganize(
        kind="MERGE", organization=tree.comm2, effective_on=D(2023, 1, 1), target=tree.comm1
    )
    return tree


@pytest.mark.parametrize(
    ("org", "year", "code"),
    [
        ("NOPE", 2022, "unknown_org"),
        ("COMM1", dt.date.today().year + 1, "future"),
        ("COMM1", 2021, "no_data"),
        ("COMM2", 2023, "not_existing"),
    ],
)
def test_it_refuses_with_a_reason(data, org, year, code):
    with pytest.raises(ReportError) as refused:
        validate(org, year)
    assert refused.value.code == code and refused.value.message


def test_it_accepts_a_year_with_data_and_an_organization_of_that_year(data):
    assert validate("COMM2", 2022) == data.comm2
    assert validate(data.dist, 2023) == data.dist


def test_without_any_record_every_year_is_before_the_data(tree):
    with pytest.raises(ReportError) as refused:
        validate("DIST", 2022)
    assert refused.value.code == "no_data"


@pytest.mark.parametrize(
    "args",
    [
        ("--org", "NOPE", "--year", "2022"),
        ("--org", "COMM1", "--year", str(dt.date.today().year + 1)),
        ("--org", "COMM1", "--year", "2021"),
        ("--org", "COMM2", "--year", "2023"),
        ("--org", "COMM1", "--year", "2022", "--format", "docx"),  # binary: needs -o
        ("--org", "COMM1", "--year", "2022", "--format", "docx", "--date", "31/02/2023"),
    ],
)
def test_the_command_exits_non_zero_with_a_message_never_a_traceback(data, args, capsys):
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["dangbo", "report", "annual", *args])
    assert exited.value.code != 0
    err = capsys.readouterr().err
    assert err.startswith("CommandError:") and "Traceback" not in err


def test_the_command_writes_every_format(data, tmp_path):
    out = StringIO()
    call_command("report", "annual", "--org", "DIST", "--year", "2022", "--format", "article", stdout=out)
    assert "kết nạp 1 đảng viên mới" in out.getvalue() and out.getvalue().rstrip().endswith("PV")
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("html", b"<!doctype html>")):
        target = tmp_path / f"r.{fmt}"
        call_command("report", "annual", "--org", "DIST", "--year", "2022", "--format", fmt, "-o", str(target))
        assert target.read_bytes().startswith(magic), fmt
    with pytest.raises(CommandError):
        call_command("report", "annual", "--org", "DIST", "--year", "2022", "--format", "xlsx")
