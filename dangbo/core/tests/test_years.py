"""Pages that take a year in their address answer a year no record can have (0, 10000,
99999999999) with a 404 that says so, never an error 500."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from dangbo.core.converters import YearConverter


def year_patterns():
    """(name, the other arguments) of every URL with a <year:year> part."""
    found = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and isinstance(p.pattern.converters.get("year"), YearConverter):
                others = {k: {"code": "DIST", "member_code": "M1", "org_code": "CELL1A", "figure": "x"}.get(k, "1")
                          for k in p.pattern.converters if k != "year"}
                found.append((f"{namespace}:{p.name}", others))

    walk(get_resolver().url_patterns, None)
    return found


def test_every_view_with_a_year_uses_the_year_converter():
    assert len(year_patterns()) >= 14


@pytest.mark.parametrize("year", [0, 1899, 2101, 10000, 99999999999])
def test_an_impossible_year_is_a_404_with_a_message(client, cast, year):
    client.force_login(cast.alice)
    for name, others in year_patterns():
        url = reverse(name, kwargs={**others, "year": 2024}).replace("/2024/", f"/{year}/")
        with translation.override("vi"):
            response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)


def test_the_message_says_which_years_exist():
    with translation.override("vi"), pytest.raises(Exception) as refused:
        YearConverter().to_python("99999999999")
    assert "1900" in str(refused.value) and "2100" in str(refused.value)
    assert YearConverter().to_python("2024") == 2024


@pytest.mark.parametrize("year", [1900, 2100])
def test_the_first_and_last_years_are_pages_not_errors(client, cast, year):
    client.force_login(cast.alice)
    for name, others in year_patterns():
        url = reverse(name, kwargs={**others, "year": year})
        response = client.get(url)
        assert response.status_code in (200, 302, 404, 405), (url, response.status_code)


@pytest.mark.parametrize("asked", ["0", "-5", "10000", "99999999999999999999", "1e3"])
def test_the_year_asked_for_in_the_query_is_checked_too(client, cast, asked):
    client.force_login(cast.alice)
    for name in ("targets:organization", "reports:organization", "training:organization", "cadres:organization"):
        response = client.get(reverse(name, args=["DIST"]), {"year": asked})
        assert response.status_code == (302 if asked == "1e3" else 404), (name, asked)
