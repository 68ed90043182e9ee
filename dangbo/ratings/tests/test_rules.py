import pytest

from dangbo.ratings import rules


@pytest.mark.parametrize(
    ("year", "code"),
    [(2019, "QD132"), (2022, "QD132"), (2023, "QD124"), (2024, "QD124"), (2025, "QD366"), (2030, "QD366")],
)
def test_the_rule_set_follows_the_year(year, code):
    assert rules.rule_set_for(year).code == code


def test_only_qd366_uses_scores_with_its_bands():
    assert not rules.rule_set_for(2022).uses_scores and not rules.rule_set_for(2024).uses_scores
    qd366 = rules.rule_set_for(2025)
    assert qd366.uses_scores and qd366.discipline_check
    assert qd366.band("EXCELLENT").contains(90) and not qd366.band("EXCELLENT").contains(89.99)
    assert qd366.band("GOOD").contains(70) and not qd366.band("GOOD").contains(90)
    assert qd366.band("COMPLETED").contains(50) and not qd366.band("COMPLETED").contains(70)
    assert qd366.band("NOT_COMPLETED").contains(0) and not qd366.band("NOT_COMPLETED").contains(50)


def test_every_rule_set_has_its_sources_and_caps():
    for ruleset in rules.RULE_SETS:
        assert ruleset.sources and ruleset.name
        assert ruleset.cap(rules.MEMBER).scope == rules.PER_GRASSROOTS
        assert ruleset.cap(rules.ORGANIZATION).scope == rules.PER_GROUP
    assert rules.rule_set_for(2022).cap(rules.MEMBER).source == "HD 21-HD/BTCTW"
    assert rules.rule_set_for(2023).cap(rules.ORGANIZATION).source == "QĐ 124-QĐ/TW"


def test_the_cap_is_written_the_vietnamese_way():
    from decimal import Decimal

    from dangbo.ratings.checks import _percent

    def cap(ratio):
        return rules.Cap(subject=rules.MEMBER, scope=rules.PER_GRASSROOTS, ratio=Decimal(ratio), source="HD")

    assert _percent(cap("0.2")) == "20" and _percent(cap("0.205")) == "20,5"
