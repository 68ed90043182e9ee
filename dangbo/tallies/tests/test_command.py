import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from dangbo.members.models import MembershipEvent
from dangbo.members.tests.helpers import register
from dangbo.reports.figures import membership_figures, membership_figures_from_records
from dangbo.tallies import services
from dangbo.tallies.models import EventTally, TallyState
from dangbo.tallies.selectors import YearFigures


def admit(cell, day):
    return register(event_kind=MembershipEvent.Kind.ADMITTED, event_date=day, organization=cell,
                    code=f"M{day:%Y%m%d}", full_name="Nguyễn Văn An", birth=dt.date(1990, 1, 1), sex="M")


def test_rebuild_and_extend_set_the_years_and_count_them(tree, capsys):
    call_command("tallies", "rebuild", "--first", "2020", "--last", "2026")
    admit(tree.cell1a, dt.date(2018, 5, 2))
    assert YearFigures.for_year(tree.dist, 2018) is None  # not kept: counted from the records
    assert membership_figures(tree.dist, 2018) == membership_figures_from_records(tree.dist, 2018)
    call_command("tallies", "extend", "--first", "2015")
    assert "2015–2026" in capsys.readouterr().out
    tallied = YearFigures.for_year(tree.dist, 2018)
    assert tallied.membership() == membership_figures_from_records(tree.dist, 2018)
    assert tallied.membership()["members"]["at_year_end"] == 1


def test_without_the_state_nothing_is_kept_and_extend_says_why(tree):
    TallyState.objects.all().delete()
    admit(tree.cell1a, dt.date(2022, 5, 2))
    assert not EventTally.objects.exists()
    with pytest.raises(CommandError):
        call_command("tallies", "extend", "--last", "2030")
    call_command("tallies", "rebuild")
    assert services.kept_years() is not None and EventTally.objects.filter(year=2022, admitted=1).exists()
