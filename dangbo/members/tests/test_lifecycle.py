import pytest

from dangbo.core.errors import DomainError
from dangbo.core.models import HardDeleteError
from dangbo.members import selectors, services
from dangbo.members.models import Member, MembershipEvent, MembershipSpan
from dangbo.members.tests.helpers import create, record, update
from dangbo.organizations.tests.helpers import reorganize

from .helpers import D, admitted_member, event, opening, person

S = Member.Status


def spans(member):
    return list(
        MembershipSpan.objects.filter(member=member)
        .order_by("valid_from")
        .values_list("organization__code", "status", "exempted", "valid_from", "valid_to")
    )


# -- personal data ---------------------------------------------------------------------


def test_it_splits_the_full_name_and_keeps_search_keys(tree):
    m = person(name="  Hoàng  Phủ Ngọc Tường ", birth=1970)
    assert (m.family_name, m.middle_name, m.given_name) == ("Hoàng Phủ", "Ngọc", "Tường")
    assert m.full_name == "Hoàng Phủ Ngọc Tường"
    assert m.birth_date is None and m.birth_year == 1970
    assert m.name_fold and m.name_key and m.sort_key
    assert m.status == S.NOT_MEMBER


def test_given_parts_win_over_the_split(tree):
    m = person(name="Lê Văn Bình", family_name="Lê Văn", given_name="Bình")
    assert (m.family_name, m.middle_name, m.given_name) == ("Lê Văn", "", "Bình")


def test_it_rejects_a_duplicate_code_and_bad_numbers(tree):
    person(code="A1")
    with pytest.raises(DomainError):
        person(code="A1")
    with pytest.raises(DomainError) as exc:
        person(card_number="123")
    assert exc.value.field == "card_number"
    with pytest.raises(DomainError) as exc:
        person(citizen_id="12345")
    assert exc.value.field == "citizen_id"


def test_update_member_records_history_and_reports_no_change(tree, cast):
    m = person(name="Trần Thị Ân", sex="F", birth=D(1990, 1, 2))
    assert not update(
        member=m, full_name="Trần Thị Ân", birth=D(1990, 1, 2), sex="F"
    )
    assert update(
        member=m, full_name="Trần Thị Ánh", birth=D(1990, 1, 2), sex="F", by=cast.alice
    )
    m.refresh_from_db()
    assert m.given_name == "Ánh"
    assert m.history.first().history_user == cast.alice


def test_members_are_never_deleted(tree):
    m = person()
    with pytest.raises(HardDeleteError):
        m.delete()
    with pytest.raises(HardDeleteError):
        Member.objects.filter(pk=m.pk).update(full_name="x")


# -- admission and recognition ------------------------------------------------------------


def test_admission_makes_a_probationary_member_of_the_cell(tree):
    m = admitted_member(tree.cell1a, D(2022, 3, 5))
    assert (m.status, m.organization, m.admitted_on) == (S.PROBATIONARY, tree.cell1a, D(2022, 3, 5))
    assert spans(m) == [("CELL1A", "PROBATIONARY", False, D(2022, 3, 5), D(9999, 12, 31))]


def test_recognition_exactly_twelve_months_later_is_on_time(tree):
    m = admitted_member(tree.cell1a, D(2022, 3, 5))
    event(m, "RECOGNIZED_OFFICIAL", D(2023, 3, 5))
    m.refresh_from_db()
    assert (m.status, m.official_on) == (S.OFFICIAL, D(2023, 3, 5))
    assert [s[1] for s in spans(m)] == ["PROBATIONARY", "OFFICIAL"]
    assert spans(m)[0][4] == D(2023, 3, 4)


def test_it_rejects_recognition_before_twelve_months(tree):
    m = admitted_member(tree.cell1a, D(2022, 3, 5))
    with pytest.raises(DomainError):
        event(m, "RECOGNIZED_OFFICIAL", D(2023, 3, 4))


def test_an_admission_on_29_february_has_its_anniversary_on_1_march(tree):
    m = admitted_member(tree.cell1a, D(2024, 2, 29))
    with pytest.raises(DomainError):
        event(m, "RECOGNIZED_OFFICIAL", D(2025, 2, 28))
    event(m, "RECOGNIZED_OFFICIAL", D(2025, 3, 1))


def test_it_rejects_recognition_before_admission(tree):
    m = person()
    with pytest.raises(DomainError):
        event(m, "RECOGNIZED_OFFICIAL", D(2023, 3, 5))
    official = person()
    opening(official, tree.cell1a)
    with pytest.raises(DomainError):
        event(official, "RECOGNIZED_OFFICIAL", D(2023, 3, 5))


def test_an_opening_official_needs_twelve_months_of_probation(tree):
    m = person()
    with pytest.raises(DomainError):
        opening(m, tree.cell1a, admitted=D(2010, 1, 1), official=D(2010, 12, 31))
    with pytest.raises(DomainError):
        event(
            m, "OPENING", D(2020, 1, 1), tree.cell1a, status="OFFICIAL", admitted_on=D(2010, 1, 1)
        )


def test_it_rejects_admission_before_eighteen(tree):
    m = person(birth=D(2004, 3, 6))
    with pytest.raises(DomainError):
        event(m, "ADMITTED", D(2022, 3, 5), tree.cell1a)
    event(m, "ADMITTED", D(2022, 3, 6), tree.cell1a)


def test_with_only_the_birth_year_the_age_rule_takes_the_worst_case(tree):
    m = person(birth=2004)
    with pytest.raises(DomainError):
        event(m, "ADMITTED", D(2022, 12, 30), tree.cell1a)
    event(m, "ADMITTED", D(2022, 12, 31), tree.cell1a)


def test_admission_over_sixty_needs_a_recorded_higher_decision(tree):
    m = person(birth=D(1960, 1, 1))
    with pytest.raises(DomainError):
        event(m, "ADMITTED", D(2021, 1, 1), tree.cell1a)
    e = event(m, "ADMITTED", D(2021, 1, 1), tree.cell1a, admission_override="QĐ 12-QĐ/HU")
    assert e.admission_override == "QĐ 12-QĐ/HU"
    sixty = person(birth=D(1960, 1, 2))
    event(sixty, "ADMITTED", D(2021, 1, 1), tree.cell1a)


def test_it_rejects_admitting_someone_already_a_member(tree):
    m = admitted_member(tree.cell1a)
    with pytest.raises(DomainError):
        event(m, "ADMITTED", D(2023, 1, 1), tree.cell1b)
    with pytest.raises(DomainError):
        event(
            m,
            "TRANSFERRED_IN",
            D(2023, 1, 1),
            tree.cell1b,
            status="OFFICIAL",
            admitted_on=D(2010, 1, 1),
            official_on=D(2011, 1, 1),
        )


def test_it_rejects_the_same_event_twice(tree):
    m = admitted_member(tree.cell1a)
    event(m, "EXEMPTED", D(2023, 1, 1))
    event(m, "EXEMPTION_ENDED", D(2023, 6, 1))
    with pytest.raises(DomainError):
        event(m, "EXEMPTED", D(2023, 1, 1))


# -- organizations on the record -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["ADMITTED", "TRANSFERRED_INTERNAL", "TEMPORARY_TRANSFER"])
def test_it_rejects_events_needing_an_organization_without_one(tree, kind):
    m = person() if kind == "ADMITTED" else admitted_member(tree.cell1a)
    with pytest.raises(DomainError) as exc:
        event(m, kind, D(2023, 6, 1))
    assert exc.value.field == "organization"


def test_members_do_not_belong_to_an_above_grassroots_committee(tree):
    with pytest.raises(DomainError):
        event(person(), "ADMITTED", D(2022, 1, 1), tree.dist)
    # grassroots committees may hold members directly
    event(person(), "ADMITTED", D(2022, 1, 1), tree.comm1)


def test_it_rejects_an_organization_that_does_not_exist_on_the_date(tree):
    with pytest.raises(DomainError):
        event(person(), "ADMITTED", D(1999, 12, 31), tree.cell1a)  # founded 01/01/2000
    reorganize(
        kind="MERGE", organization=tree.cell1b, effective_on=D(2023, 1, 1), target=tree.cell1a
    )
    with pytest.raises(DomainError):
        event(person(), "ADMITTED", D(2023, 1, 1), tree.cell1b)  # merged: no longer itself
    event(person(), "ADMITTED", D(2022, 12, 31), tree.cell1b)


# -- transfers, exemption, exits ------------------------------------------------------------------


def test_internal_transfer_moves_the_member_and_records_the_origin(tree):
    m = admitted_member(tree.cell1a, D(2022, 3, 5))
    e = event(m, "TRANSFERRED_INTERNAL", D(2022, 8, 1), tree.cell2a)
    m.refresh_from_db()
    assert m.organization == tree.cell2a
    assert e.origin == tree.cell1a
    assert [(s[0], s[3], s[4]) for s in spans(m)] == [
        ("CELL1A", D(2022, 3, 5), D(2022, 7, 31)),
        ("CELL2A", D(2022, 8, 1), D(9999, 12, 31)),
    ]


def test_it_rejects_a_transfer_to_the_organization_the_member_is_in(tree):
    m = admitted_member(tree.cell1a)
    with pytest.raises(DomainError):
        event(m, "TRANSFERRED_INTERNAL", D(2023, 1, 1), tree.cell1a)


def test_it_rejects_transfers_exemptions_and_exits_of_a_non_member(tree):
    m = person()
    for kind, org in [
        ("TRANSFERRED_INTERNAL", tree.cell1a),
        ("TRANSFERRED_OUT", None),
        ("EXEMPTED", None),
        ("EXPELLED", None),
        ("NAME_DELETED", None),
        ("LEFT", None),
        ("DIED", None),
        ("TEMPORARY_TRANSFER", tree.cell1a),
    ]:
        with pytest.raises(DomainError):
            event(m, kind, D(2023, 1, 1), org)


def test_a_temporary_transfer_keeps_the_member_at_home(tree):
    m = admitted_member(tree.cell1a)
    event(m, "TEMPORARY_TRANSFER", D(2022, 9, 1), tree.ocell)
    m.refresh_from_db()
    assert m.organization == tree.cell1a
    assert [s[0] for s in spans(m)] == ["CELL1A"]


def test_exempted_members_stay_members(tree):
    m = admitted_member(tree.cell1a)
    event(m, "EXEMPTED", D(2022, 9, 1))
    with pytest.raises(DomainError):
        event(m, "EXEMPTED", D(2022, 10, 1))
    assert selectors.members_on(tree.comm1, D(2022, 12, 31)).get().exempted
    event(m, "EXEMPTION_ENDED", D(2023, 1, 1))
    with pytest.raises(DomainError):
        event(m, "EXEMPTION_ENDED", D(2023, 2, 1))
    assert [s[2] for s in spans(m)] == [False, True, False]


@pytest.mark.parametrize(
    "exit_kind,status",
    [("DIED", S.DIED), ("EXPELLED", S.LEFT), ("LEFT", S.LEFT), ("NAME_DELETED", S.LEFT)],
)
def test_nothing_follows_death_or_leaving_the_party(tree, exit_kind, status):
    m = admitted_member(tree.cell1a, D(2022, 3, 5))
    event(m, exit_kind, D(2023, 1, 10))
    m.refresh_from_db()
    assert (m.status, m.organization) == (status, None)
    assert spans(m)[-1][4] == D(2023, 1, 9)
    for kind, org in [
        ("TRANSFERRED_INTERNAL", tree.cell1b),
        ("RECOGNIZED_OFFICIAL", None),
        ("DIED", None),
        ("ADMITTED", tree.cell1b),
    ]:
        if kind == exit_kind:
            continue
        with pytest.raises(DomainError):
            event(m, kind, D(2023, 6, 1), org)
    with pytest.raises(DomainError):
        event(
            m,
            "TRANSFERRED_IN",
            D(2023, 6, 1),
            tree.cell1b,
            status="PROBATIONARY",
            admitted_on=D(2022, 3, 5),
        )


def test_after_a_transfer_out_only_a_transfer_in_may_follow(tree):
    m = admitted_member(tree.cell1a, D(2022, 3, 5))
    event(m, "TRANSFERRED_OUT", D(2022, 6, 1))
    with pytest.raises(DomainError):
        event(m, "DIED", D(2022, 7, 1))
    with pytest.raises(DomainError):
        event(m, "TRANSFERRED_INTERNAL", D(2022, 7, 1), tree.cell1b)
    event(
        m,
        "TRANSFERRED_IN",
        D(2023, 6, 1),
        tree.cell1b,
        status="OFFICIAL",
        admitted_on=D(2022, 3, 5),
        official_on=D(2023, 3, 5),
    )
    m.refresh_from_db()
    assert (m.status, m.organization) == (S.OFFICIAL, tree.cell1b)
    assert selectors.status_on(m, D(2022, 12, 31)) == S.TRANSFERRED_OUT


# -- the projection follows the events -----------------------------------------------------------


def test_an_earlier_event_recorded_later_is_replayed_in_date_order(tree):
    m = admitted_member(tree.cell1a, D(2022, 3, 5))
    died = event(m, "DIED", D(2024, 1, 1))
    event(m, "TRANSFERRED_INTERNAL", D(2023, 1, 1), tree.cell2a)
    died.refresh_from_db()
    assert died.origin == tree.cell2a
    with pytest.raises(DomainError):
        event(m, "TRANSFERRED_INTERNAL", D(2024, 2, 1), tree.cell1b)  # after death


def test_voiding_restores_the_projection(tree, cast):
    m = admitted_member(tree.cell1a, D(2022, 3, 5))
    before = spans(m)
    moved = event(m, "TRANSFERRED_INTERNAL", D(2022, 8, 1), tree.cell2a)
    services.void_event(event=moved, reason="Nhập nhầm", by=cast.alice)
    m.refresh_from_db()
    assert m.organization == tree.cell1a
    assert spans(m) == before
    moved.refresh_from_db()
    assert moved.voided_at is not None
    with pytest.raises(DomainError):
        services.void_event(event=moved, reason="again")


def test_voiding_is_refused_when_later_events_would_become_impossible(tree):
    m = person()
    admission = event(m, "ADMITTED", D(2022, 3, 5), tree.cell1a)
    event(m, "RECOGNIZED_OFFICIAL", D(2023, 3, 5))
    with pytest.raises(DomainError):
        services.void_event(event=admission, reason="x")
    with pytest.raises(DomainError):
        services.void_event(event=admission, reason="")
    assert MembershipEvent.objects.get(pk=admission.pk).voided_at is None


def test_status_and_party_age_on_a_date(tree):
    m = admitted_member(tree.cell1a, D(2022, 3, 5))
    event(m, "RECOGNIZED_OFFICIAL", D(2023, 3, 5))
    assert selectors.status_on(m, D(2022, 3, 4)) == S.NOT_MEMBER
    assert selectors.status_on(m, D(2022, 3, 5)) == S.PROBATIONARY
    assert selectors.status_on(m, D(2023, 3, 5)) == S.OFFICIAL
    assert selectors.party_age(m, D(2032, 3, 4)) == 9
    assert selectors.party_age(m, D(2032, 3, 5)) == 10
    assert selectors.party_age(m, D(2020, 1, 1)) is None


def test_members_on_follows_the_subtree_on_the_day(tree):
    a = admitted_member(tree.cell1a, D(2022, 3, 5))
    admitted_member(tree.cell2a, D(2022, 3, 5))
    assert selectors.members_on(tree.comm1, D(2022, 12, 31)).get().member == a
    assert selectors.members_on(tree.dist, D(2022, 12, 31)).count() == 2
    assert selectors.members_on(tree.dist, D(2022, 3, 4)).count() == 0
    reorganize(
        kind="MOVE", organization=tree.comm2, effective_on=D(2023, 1, 1), target=tree.other
    )
    assert selectors.members_on(tree.dist, D(2023, 1, 1)).count() == 1
    assert selectors.members_on(tree.other, D(2023, 1, 1)).count() == 1


# -- the tree check ---------------------------------------------------------------------------


def test_an_organization_with_members_cannot_be_dissolved(tree):
    m = admitted_member(tree.cell1b, D(2022, 3, 5))
    with pytest.raises(DomainError):
        reorganize(
            kind="DISSOLVE", organization=tree.cell1b, effective_on=D(2023, 6, 30)
        )
    event(m, "TRANSFERRED_INTERNAL", D(2023, 7, 1), tree.cell1a)
    reorganize(
        kind="DISSOLVE", organization=tree.cell1b, effective_on=D(2023, 6, 30)
    )


def test_a_merge_carries_the_members_to_the_target(tree):
    m = admitted_member(tree.cell2a, D(2022, 3, 5))
    reorganize(
        kind="MERGE", organization=tree.comm2, effective_on=D(2023, 1, 1), target=tree.comm1
    )
    assert selectors.members_on(tree.comm1, D(2023, 1, 1)).get().member == m
    cell = person()
    event(cell, "ADMITTED", D(2022, 3, 5), tree.comm2)
    reorganize(
        kind="MERGE", organization=tree.cell1b, effective_on=D(2024, 1, 1), target=tree.cell1a
    )
    assert selectors.members_on(tree.comm1, D(2024, 1, 1)).count() == 2


def test_the_organization_page_shows_the_headcount_on_its_date(cast, login, tree):
    from django.urls import reverse

    member = create(code="HC1", full_name="Nguyễn Văn An", birth=D(1980, 1, 1), sex="M")
    record(
        member=member, kind="OPENING", date=D(2020, 1, 1), organization=tree.cell1a,
        status="OFFICIAL", admitted_on=D(2005, 1, 1), official_on=D(2006, 1, 1),
    )
    client = login(cast.alice)
    html = client.get(reverse("organizations:detail", args=["COMM1"]), {"day": "31/12/2022"}).content.decode()
    assert '<div class="stat">1</div>' in html
    html = client.get(reverse("organizations:detail", args=["COMM1"]), {"day": "31/12/2019"}).content.decode()
    assert '<div class="stat">0</div>' in html
