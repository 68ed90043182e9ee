import datetime as dt

import pytest

from dangbo.cadres.tests.helpers import member_of
from dangbo.core.errors import DomainError
from dangbo.members.models import Member
from dangbo.organizations.tests.helpers import reorganize
from dangbo.training import selectors, services
from dangbo.training.models import Enrollment, TrainingClass

from .helpers import klass

D = dt.date


def test_it_refuses_an_end_before_the_start(tree):
    with pytest.raises(DomainError) as exc:
        klass(tree.dist, start=D(2022, 3, 14), end=D(2022, 3, 13))
    assert exc.value.field == "end" and not TrainingClass.objects.exists()


def test_it_refuses_an_unknown_program(tree):
    with pytest.raises(DomainError) as exc:
        klass(tree.dist, program="COOKING")
    assert exc.value.field == "program"


def test_it_refuses_an_organizer_that_did_not_exist_at_the_start(tree):
    with pytest.raises(DomainError) as exc:
        klass(tree.dist, start=D(1999, 1, 1), end=None)
    assert exc.value.field == "organizer"


def test_it_refuses_a_code_used_twice(tree):
    klass(tree.dist, code="A1")
    with pytest.raises(DomainError) as exc:
        klass(tree.dist, code="A1")
    assert exc.value.field == "code"


def test_it_refuses_a_learner_twice_in_a_class(tree):
    c = klass(tree.dist)
    an = member_of(tree.cell1a)
    services.enroll(klass=c, member=an)
    with pytest.raises(DomainError):
        services.enroll(klass=c, member=an)
    services.enroll(klass=c, full_name="Lê Thị Hoa", birth=D(2000, 1, 2))
    with pytest.raises(DomainError):
        services.enroll(klass=c, full_name="Lê  Thị Hoa", birth=D(2000, 1, 2))
    services.enroll(klass=c, full_name="Lê Thị Hoa", birth=D(2001, 1, 2))  # another person
    assert Enrollment.objects.filter(klass=c).count() == 3


def test_an_applicant_needs_a_name_and_a_birth(tree):
    c = klass(tree.dist)
    with pytest.raises(DomainError) as exc:
        services.enroll(klass=c, full_name="Lê Thị Hoa")
    assert exc.value.field == "birth"
    with pytest.raises(DomainError) as exc:
        services.enroll(klass=c, birth=2000)
    assert exc.value.field == "full_name"


def test_completing_a_theory_class_raises_the_level_with_history(tree):
    an = member_of(tree.cell1a, theory_level="BASIC")
    c = klass(tree.dist, program="INTERMEDIATE_THEORY")
    e = services.enroll(klass=c, member=an)
    an.refresh_from_db()
    assert an.theory_level == "BASIC"
    entries = an.history.count()
    assert services.set_result(enrollment=e, result="COMPLETED")
    an.refresh_from_db()
    assert an.theory_level == "INTERMEDIATE" and an.history.count() == entries + 1


def test_the_level_never_goes_down(tree):
    an = member_of(tree.cell1a, theory_level="ADVANCED")
    services.enroll(klass=klass(tree.dist, program="BASIC_THEORY"), member=an, result="COMPLETED")
    assert Member.objects.get(pk=an.pk).theory_level == "ADVANCED"


def test_other_programs_and_other_results_leave_the_level(tree):
    an = member_of(tree.cell1a)
    services.enroll(klass=klass(tree.dist), member=an, result="COMPLETED")
    services.enroll(klass=klass(tree.dist, program="ADVANCED_THEORY"), member=an, result="NOT_COMPLETED")
    assert Member.objects.get(pk=an.pk).theory_level == ""


def test_learners_are_in_vietnamese_name_order(tree):
    c = klass(tree.dist)
    services.enroll(klass=c, member=member_of(tree.cell1a, name="Trần Văn Bình"))
    services.enroll(klass=c, full_name="Lê Thị Ân", birth=2001)
    services.enroll(klass=c, member=member_of(tree.cell1b, name="Nguyễn Văn An"))
    services.enroll(klass=c, full_name="Phạm Đức Anh", birth=2000)
    assert [e.full_name for e in selectors.learners(c)] == [
        "Nguyễn Văn An",
        "Phạm Đức Anh",
        "Lê Thị Ân",
        "Trần Văn Bình",
    ]


def test_training_figures_count_classes_of_the_subtree_by_program(tree):
    a = klass(tree.comm1)
    b = klass(tree.cell2a, start=D(2022, 12, 31), end=D(2023, 1, 5))
    theory = klass(tree.dist, program="INTERMEDIATE_THEORY")
    klass(tree.dist, start=D(2021, 12, 31), end=D(2022, 1, 3))  # starts in another year
    klass(tree.ocomm)  # outside the subtree
    an = member_of(tree.cell1a)
    for c in (a, b, theory):
        services.enroll(klass=c, member=an)
    services.enroll(klass=a, full_name="Lê Thị Hoa", birth=2000, result="NOT_COMPLETED")
    assert selectors.training_figures(tree.dist, 2022) == {
        "grassroots_committee": {"classes": 2, "learners": 3},
        "intermediate_theory": {"classes": 1, "learners": 1},
    }
    assert selectors.training_figures(tree.comm1, 2022) == {"grassroots_committee": {"classes": 1, "learners": 2}}
    assert selectors.training_figures(tree.dist, 2020) == {}


def test_training_figures_follow_the_tree_of_the_start_date(tree):
    klass(tree.comm2, start=D(2022, 3, 1), end=None)
    reorganize(
        kind="MOVE", organization=tree.comm2, target=tree.other, effective_on=D(2022, 6, 1)
    )
    klass(tree.comm2, start=D(2022, 7, 1), end=None)
    assert selectors.training_figures(tree.dist, 2022)["grassroots_committee"]["classes"] == 1
    assert selectors.training_figures(tree.other, 2022)["grassroots_committee"]["classes"] == 1


def test_an_old_party_awareness_certificate_warns(tree):
    old = klass(tree.dist, program="PARTY_AWARENESS", start=D(2016, 5, 2), end=D(2016, 5, 6))
    services.enroll(klass=old, full_name="Lê Thị Hoa", birth=D(2000, 1, 2), result="COMPLETED")
    assert selectors.party_awareness_warning("Lê Thị Hoa", D(2021, 5, 6)) is None  # exactly 5 years
    warning = selectors.party_awareness_warning("Lê Thị Hoa", D(2021, 5, 7), birth=D(2000, 1, 2))
    assert warning and "06/05/2016" in warning
    assert selectors.party_awareness_warning("Lê Thị Hoa", D(2021, 5, 7), birth=D(2001, 1, 2)) is None
    assert selectors.party_awareness_warning("Trần Văn Bình", D(2021, 5, 7)) is None  # no course on record


def test_the_latest_certificate_counts_and_members_are_matched(tree):
    hoa = member_of(tree.cell1a, name="Lê Thị Hoa", birth=D(2000, 1, 2), sex="F")
    old = klass(tree.dist, program="PARTY_AWARENESS", start=D(2014, 5, 2), end=D(2014, 5, 6))
    services.enroll(klass=old, full_name="Lê Thị Hoa", birth=D(2000, 1, 2), result="COMPLETED")
    assert selectors.party_awareness_warning(hoa, D(2022, 1, 1))
    recent = klass(tree.dist, program="PARTY_AWARENESS", start=D(2021, 5, 2), end=D(2021, 5, 6))
    e = services.enroll(klass=recent, member=hoa)
    assert selectors.party_awareness_warning(hoa, D(2022, 1, 1))  # not completed yet
    services.set_result(enrollment=e, result="COMPLETED")
    assert selectors.party_awareness_warning(hoa, D(2022, 1, 1)) is None
