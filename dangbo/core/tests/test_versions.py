"""No lost update: two people open the same edit form; the first saves; the second's
save is refused with what changed, keeps what they typed, and goes through when they
save again having read it. Each form of the app that changes a record, with two
sessions (two test clients)."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from dangbo.core.versions import NEW, StaleEdit, check_unchanged, version_of
from dangbo.members.models import Member
from dangbo.members.tests.helpers import opening, person
from dangbo.news.models import Article
from dangbo.ratings.models import Rating
from dangbo.reports.models import ReportSettings
from dangbo.targets.models import Target
from dangbo.targets.tests.test_views import target
from dangbo.training import services as training
from dangbo.training.models import Enrollment

D = dt.date


def two(cast, user="alice"):
    first, second = Client(), Client()
    first.force_login(getattr(cast, user))
    second.force_login(cast.root)
    return first, second


def version_in(response) -> str:
    return re.search(r'name="version" value="(\d+)"', response.content.decode()).group(1)


def refusal(response) -> str:
    errors = response.context["form"].non_field_errors()
    assert errors, response.content.decode()[:500]
    return str(errors[0])


def test_an_article_saved_by_another_editor_is_not_overwritten(cast):
    a = Article.objects.create(title="Tin gốc", lead="", body_html="<p>x</p>", byline="PV")
    alice, root = two(cast, "eddie")
    url = reverse("news:edit", args=[a.pk])
    form_a, form_b = alice.get(url), root.get(url)
    assert version_in(form_a) == version_in(form_b) != NEW
    post = {"lead": "", "body_html": "<p>x</p>", "byline": "PV"}
    assert alice.post(url, {**post, "title": "Tin sửa bởi A", "version": version_in(form_a)}).status_code == 302
    with translation.override("vi"):
        answer = root.post(url, {**post, "title": "Tin sửa bởi B", "version": version_in(form_b)})
    message = refusal(answer)
    assert "eddie" in message and "“Tin gốc” → “Tin sửa bởi A”" in message
    assert 'value="Tin sửa bởi B"' in answer.content.decode()  # what B typed is still there
    assert Article.objects.get().title == "Tin sửa bởi A"
    again = root.post(url, {**post, "title": "Tin sửa bởi B", "version": version_in(answer)})
    assert again.status_code == 302 and Article.objects.get().title == "Tin sửa bởi B"


def test_a_target_and_its_actual_value(cast, tree):
    kt = target(tree.dist, code="KT01", planned="100", actual="90")
    alice, root = two(cast)
    edit = reverse("targets:edit", args=[kt.pk])
    base = {"name": "Tăng trưởng", "unit": "%", "direction": "UP", "term": ""}
    a, b = alice.get(edit), root.get(edit)
    assert alice.post(edit, {**base, "planned": "120", "version": version_in(a)}).status_code == 302
    answer = root.post(edit, {**base, "planned": "130", "version": version_in(b)})
    assert "120" in refusal(answer)
    assert Target.objects.get().planned == 120
    detail = reverse("targets:detail", args=[kt.pk])
    a, b = alice.get(detail), root.get(detail)
    assert alice.post(detail, {"actual": "95", "version": version_in(a)}).status_code == 302
    answer = root.post(detail, {"actual": "99", "version": version_in(b)})
    assert answer.status_code == 200 and "95" in refusal(answer)
    assert Target.objects.get().actual == 95


def test_report_settings_made_by_two_people_at_once(cast, tree):
    alice, root = two(cast)
    url = reverse("reports:settings", args=["DIST"])
    a, b = alice.get(url), root.get(url)
    assert version_in(a) == NEW
    fields = {"abbreviation": "HU", "issuing_body": "HUYỆN ỦY", "superior_body": "", "place": "Đông Hưng",
              "short_name": "Huyện ủy", "term_started_on": ""}
    assert alice.post(url, {**fields, "version": version_in(a)}).status_code == 302
    answer = root.post(url, {**fields, "place": "Hưng Hà", "version": version_in(b)})
    assert refusal(answer)
    assert ReportSettings.objects.get().place == "Đông Hưng"


def test_the_member_dossier_health_and_photo(cast, tree):
    m = person(code="M1")
    opening(m, tree.cell1a)
    alice, root = two(cast)
    page_a, page_b = alice.get(reverse("members:detail", args=["M1"])), root.get(reverse("members:detail", args=["M1"]))
    url = reverse("members:seriously_ill", args=["M1"])
    alice.post(url, {"seriously_ill_since": "05/03/2025", "version": version_in(page_a)})
    with translation.override("vi"):
        answer = root.post(url, {"seriously_ill_since": "01/01/2025", "version": version_in(page_b)}, follow=True)
    messages = [str(m) for m in answer.context["messages"]]
    assert any("05/03/2025" in m for m in messages), messages
    assert Member.objects.get().seriously_ill_since == D(2025, 3, 5)


def test_a_change_elsewhere_in_the_record_does_not_make_the_form_stale(cast, tree):
    m = person(code="M2")
    opening(m, tree.cell1a)
    version = version_of(m)
    page = Client()
    page.force_login(cast.alice)
    # an event changes the member's projection (history entries) but not the health date
    from dangbo.members.tests.helpers import event

    event(Member.objects.get(code="M2"), "TRANSFERRED_INTERNAL", D(2023, 1, 1), tree.cell1b)
    assert version_of(Member.objects.get(code="M2")) != version
    page.post(reverse("members:seriously_ill", args=["M2"]), {"seriously_ill_since": "05/03/2025", "version": version})
    assert Member.objects.get(code="M2").seriously_ill_since == D(2025, 3, 5)


def test_the_results_of_a_class(cast, tree):
    m = person(code="M3")
    opening(m, tree.cell1a)
    klass = training.create_class(organizer=tree.dist, code="L1", name="Lớp", program="NEW_MEMBER",
                                  start=D(2024, 3, 1), by=cast.alice)
    enrollment = training.enroll(klass=klass, member=Member.objects.get(code="M3"), by=cast.alice)
    alice, root = two(cast)
    detail = reverse("training:detail", args=[klass.pk])
    a, b = alice.get(detail), root.get(detail)
    url = reverse("training:results", args=[klass.pk])
    alice.post(url, {f"result-{enrollment.pk}": "COMPLETED", "version": version_in(a)})
    answer = root.post(url, {f"result-{enrollment.pk}": "NOT_COMPLETED", "version": version_in(b)}, follow=True)
    assert any("→" in str(m) for m in answer.context["messages"])
    assert Enrollment.objects.get().result == "COMPLETED"


def test_a_rating_given_by_two_people(cast, tree):
    from dangbo.ratings.tests.helpers import member_in

    an = member_in(tree.cell1a, name="Nguyễn Văn An")
    alice, root = two(cast)
    page = reverse("ratings:rate", args=["CELL1A", 2022])
    a, b = alice.get(page), root.get(page)
    url = reverse("ratings:rate_member", args=["CELL1A", 2022, an.code])
    assert version_in(a) == NEW
    alice.post(url, {"level": "GOOD", "version": version_in(a)}, HTTP_HX_REQUEST="true")
    answer = root.post(url, {"level": "EXCELLENT", "version": version_in(b)}, HTTP_HX_REQUEST="true")
    assert isinstance(answer.context["error"], StaleEdit)
    assert Rating.objects.get(member=an).level == "GOOD"


def test_no_version_is_no_check_for_the_command_line_and_imports(cast, tree):
    kt = target(tree.dist, code="KT02", planned="1")
    check_unchanged(None, kt)
    with pytest.raises(StaleEdit):
        check_unchanged(NEW, kt)
