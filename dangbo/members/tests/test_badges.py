"""Party badges (HD 01-HD/TW 2021 §18): at 30, 40, 45, …, 90 years of Party age;
seriously ill members up to 12 months early for 30–65 years, 24 months for 70–90."""

import datetime as dt
import itertools

import pytest
from django.urls import reverse

from dangbo.core.errors import DomainError
from dangbo.core.versions import version_of
from dangbo.members import selectors, services
from dangbo.members.lifecycle import add_months
from dangbo.members.models import Member
from dangbo.members.tests.helpers import register

from .helpers import vi

D = dt.date
pytestmark = pytest.mark.usefixtures("vietnamese")
YEAR = 2025
_codes = itertools.count(1)


@pytest.fixture
def today(monkeypatch):
    """Frozen on 15/06/2025."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: D(YEAR, 6, 15))
    return D(YEAR, 6, 15)


@pytest.fixture
def add(tree):
    def add(admitted: dt.date, *, ill: dt.date | None = None, cell=None, name="Nguyễn Văn Lão") -> Member:
        m = register(
            code=f"B{next(_codes):03d}", full_name=name, birth=D(admitted.year - 20, 1, 1), sex="M",
            event_kind="OPENING", event_date=D(2020, 1, 1), organization=cell or tree.cell1a, status="OFFICIAL",
            admitted_on=admitted, official_on=add_months(admitted, 12),
        )
        if ill:
            services.set_seriously_ill(member=m, since=ill, today=D(YEAR, 6, 15))
        return m

    return add


def rows(tree):
    return {r["member"].code: r for r in selectors.badges_due(tree.dist, YEAR)}


def test_the_regular_badges_of_the_year(tree, add):
    thirty = add(D(1995, 12, 31))
    ninety = add(D(1935, 1, 1))
    add(D(1996, 1, 1))  # 30 years only in 2026, and not ill
    add(D(1985, 6, 1))  # 40 years on 01/06/2025
    found = rows(tree)
    assert found[thirty.code]["years"] == 30 and found[thirty.code]["on"] == D(2025, 12, 31)
    assert found[ninety.code]["years"] == 90 and not found[ninety.code]["early"]
    assert len(found) == 3


@pytest.mark.parametrize("admitted,years,listed", [
    # 30–65 years: up to 12 months early
    (D(1996, 1, 1), 30, True),    # 30 years on 01/01/2026: may be given from 01/01/2025
    (D(1996, 12, 31), 30, True),  # on 31/12/2026: from 31/12/2025, the last day of the year
    (D(1997, 1, 1), 30, False),   # on 01/01/2027: from 01/01/2026, next year
    (D(1961, 12, 31), 65, True),  # 65 years on 31/12/2026
    (D(1962, 1, 1), 65, False),   # 65 years on 01/01/2027: from 01/01/2026
    (D(1962, 6, 30), 65, False),  # 65 years on 30/06/2027: 24 months early is for 70 and more
    # 70–90 years: up to 24 months early
    (D(1957, 6, 30), 70, True),   # 70 years on 30/06/2027: from 30/06/2025
    (D(1957, 12, 31), 70, True),  # on 31/12/2027: from 31/12/2025
    (D(1958, 1, 1), 70, False),   # on 01/01/2028: from 01/01/2026
    (D(1937, 12, 31), 90, True),  # 90 years on 31/12/2027
    (D(1938, 1, 1), 90, False),
])
def test_seriously_ill_members_are_listed_early_to_the_edge_of_each_band(tree, add, admitted, years, listed):
    ill = add(admitted, ill=D(2024, 1, 1))
    well = add(admitted)
    found = rows(tree)
    assert well.code not in found
    assert (ill.code in found) is listed
    if listed:
        row = found[ill.code]
        assert row["early"] and row["years"] == years
        assert row["on"] == D(admitted.year + years, admitted.month, admitted.day)
        months = 12 if years <= 65 else 24
        assert row["from"] == D(row["on"].year - months // 12, row["on"].month, row["on"].day)


def test_the_early_badge_waits_for_the_illness(tree, add):
    since_june = add(D(1996, 3, 1), ill=D(2025, 6, 1))
    assert rows(tree)[since_june.code]["from"] == D(2025, 6, 1)  # not 01/03/2025
    assert since_june.code not in {r["member"].code for r in selectors.badges_due(tree.dist, 2024)}


def test_a_member_no_longer_ill_is_not_listed_early(tree, add, cast):
    m = add(D(1996, 3, 1), ill=D(2024, 1, 1))
    services.set_seriously_ill(member=m, since=None, by=cast.alice)
    assert m.code not in rows(tree)
    m.refresh_from_db()
    assert [h.seriously_ill_since for h in m.history.order_by("history_date", "history_id")][-2:] == [
        D(2024, 1, 1), None]


def test_a_seriously_ill_member_with_a_regular_badge_is_listed_once(tree, add):
    m = add(D(1985, 9, 2), ill=D(2024, 1, 1))
    [row] = [r for r in selectors.badges_due(tree.dist, YEAR) if r["member"] == m]
    assert (row["years"], row["early"], row["from"]) == (40, False, D(2025, 9, 2))


def test_the_date_of_the_illness_is_checked(tree, add, today):
    m = add(D(1996, 3, 1))
    with pytest.raises(DomainError) as refused:
        services.set_seriously_ill(member=m, since=D(2025, 6, 16))
    assert refused.value.message == vi("The date of the illness cannot be in the future.")
    with pytest.raises(DomainError):
        services.set_seriously_ill(member=m, since=D(1975, 12, 31))  # born 01/01/1976
    assert services.set_seriously_ill(member=m, since=D(2025, 6, 15)) is True
    assert services.set_seriously_ill(member=m, since=D(2025, 6, 15)) is False


def test_the_worklist_page_marks_early_badges(tree, add, cast, login, today):
    add(D(1957, 6, 30), ill=D(2024, 1, 1), name="Trần Văn Ốm")
    add(D(1995, 8, 19), name="Lê Văn Khỏe")
    html = login(cast.alice).get(reverse("members:worklists"), {"org": "DIST"}).content.decode()
    assert "Trần Văn Ốm" in html and "Lê Văn Khỏe" in html
    assert vi("early (seriously ill)") in html and "30/06/2027" in html and "30/06/2025" in html
    panel = login(cast.alice).get(reverse("core:panel", args=["due"])).context["panel"]
    assert panel["badges"] == 2


def test_recording_the_illness_on_the_member_page(tree, add, cast, login, today):
    m = add(D(1996, 3, 1))
    client = login(cast.alice)
    client.post(reverse("members:seriously_ill", args=[m.code]),
                {"seriously_ill_since": "05/03/2025", "version": version_of(m)})
    m.refresh_from_db()
    assert m.seriously_ill_since == D(2025, 3, 5)  # day first
    html = client.get(reverse("members:detail", args=[m.code])).content.decode()
    assert "05/03/2025" in html and vi("Seriously ill") in html
    client.post(reverse("members:seriously_ill", args=[m.code]), {"seriously_ill_since": "", "version": version_of(m)})
    m.refresh_from_db()
    assert m.seriously_ill_since is None
    assert m.history.latest("history_date").history_user == cast.alice


def test_outsiders_and_readers_cannot_record_the_illness(tree, add, cast, login, today):
    m = add(D(1996, 3, 1))
    for user in (cast.charlie, cast.vera, cast.bob):
        response = login(user).post(reverse("members:seriously_ill", args=[m.code]),
                                    {"seriously_ill_since": "05/03/2025", "version": version_of(m)})
        assert response.status_code == 404
    m.refresh_from_db()
    assert m.seriously_ill_since is None
