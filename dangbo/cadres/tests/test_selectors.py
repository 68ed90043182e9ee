import datetime as dt

from django.template.loader import render_to_string

from dangbo.cadres import selectors

from .helpers import decide, member_of

D = dt.date
KEYS = {"transfer", "rotation", "appointment", "reappointment", "designation", "nomination"}


def test_cadre_figures_count_people_and_decisions_of_the_committee_itself(tree):
    an = member_of(tree.cell1a)
    binh = member_of(tree.cell1b, name="Trần Văn Bình")
    decide(an, tree.dist, kind="APPOINTMENT", date=D(2022, 2, 1))
    decide(an, tree.dist, kind="NOMINATION", title="Chủ tịch UBND xã", date=D(2022, 5, 1))
    decide(binh, tree.dist, kind="TRANSFER", date=D(2022, 12, 31))
    decide(binh, tree.dist, kind="TRANSFER", title="Phó Trưởng phòng", date=D(2023, 1, 1))  # another year
    decide(binh, tree.comm1, kind="DESIGNATION", title="Bí thư Chi bộ", date=D(2022, 6, 1))  # a lower committee
    figures = selectors.cadre_figures(tree.dist, 2022)
    assert figures == {
        "people": 2,
        "decisions": 3,
        "by_kind": {
            "transfer": 1,
            "rotation": 0,
            "appointment": 1,
            "reappointment": 0,
            "designation": 0,
            "nomination": 1,
        },
    }
    assert set(selectors.cadre_figures(tree.prov, 2022)["by_kind"]) == KEYS
    assert selectors.cadre_figures(tree.prov, 2022)["people"] == 0


def test_the_worklist_has_terms_ending_within_90_working_days(tree):
    an = member_of(tree.cell1a)
    binh = member_of(tree.cell1b, name="Trần Văn Bình")
    chi = member_of(tree.cell1b, name="Lê Thị Chi")
    soon, _w = decide(an, tree.dist, date=D(2021, 3, 1))  # term ends 01/03/2026
    decide(binh, tree.dist, date=D(2021, 9, 1))  # ends 01/09/2026: too far
    renewed, _w = decide(chi, tree.dist, title="Trưởng phòng Tư pháp", date=D(2021, 2, 1))
    decide(chi, tree.dist, kind="REAPPOINTMENT", title="Trưởng phòng Tư pháp", date=D(2026, 1, 5))
    today = D(2026, 1, 10)
    assert list(selectors.terms_ending(tree.dist, today)) == [soon]
    assert list(selectors.terms_ending(tree.dist, D(2026, 3, 2))) == []  # already ended
    assert renewed not in selectors.terms_ending(tree.dist, D(2026, 1, 2))


def test_the_member_positions_block(tree):
    an = member_of(tree.cell1a)
    decide(an, tree.dist, kind="DESIGNATION", title="Bí thư Huyện ủy", organization=tree.dist)
    context = selectors.member_positions(an, D(2022, 6, 1))
    html = render_to_string("cadres/_member_positions.html", context)
    assert "Đồng chí Nguyễn Văn An, Bí thư Huyện ủy" in html and "01/03/2022" in html
