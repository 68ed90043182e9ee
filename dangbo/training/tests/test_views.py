import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangbo.cadres.tests.helpers import member_of
from dangbo.core.versions import version_of
from dangbo.training import services
from dangbo.training.models import Enrollment, TrainingClass

from .helpers import klass

D = dt.date


@pytest.fixture
def lop(tree):
    c = klass(tree.comm1, code="L1")
    services.enroll(klass=c, member=member_of(tree.cell1a, name="Trần Văn Bình"))
    services.enroll(klass=c, full_name="Lê Thị Ân", birth=2001)
    return c


def urls(c):
    return [
        reverse("training:organization", args=["DIST"]),
        reverse("training:year", args=["DIST", 2022]),
        reverse("training:create", args=["DIST"]),
        reverse("training:detail", args=[c.pk]),
        reverse("training:attendance", args=[c.pk]),
        reverse("training:attendance_xlsx", args=[c.pk]),
    ]


def test_an_outsider_gets_404_everywhere(cast, login, lop):
    client = login(cast.charlie)
    for url in urls(lop):
        assert client.get(url).status_code == 404, url
    enrollment = Enrollment.objects.first()
    assert (
        client.post(reverse("training:results", args=[lop.pk]),
                {f"result-{enrollment.pk}": "COMPLETED", "version": version_of(enrollment)}).status_code
        == 404
    )


def test_anonymous_is_sent_to_log_in(client, lop):
    for url in urls(lop):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_readers_cannot_write(cast, login, lop):
    client = login(cast.vera)
    assert client.get(reverse("training:create", args=["DIST"])).status_code == 404
    assert (
        client.post(reverse("training:detail", args=[lop.pk]), {"full_name": "X", "birth": "2000"}).status_code == 404
    )
    enrollment = Enrollment.objects.first()
    client.post(reverse("training:results", args=[lop.pk]),
                {f"result-{enrollment.pk}": "COMPLETED", "version": version_of(enrollment)})
    assert not Enrollment.objects.filter(result="COMPLETED").exists()


def test_the_year_page_counts_per_program(cast, login, lop):
    page = login(cast.vera).get(reverse("training:year", args=["DIST", 2022]))
    assert page.status_code == 200 and "L1" in page.content.decode()
    assert [n for _label, n in page.context["programs"]] == [{"classes": 1, "learners": 2}]


def test_the_class_page_lists_learners_in_name_order(cast, login, lop):
    page = login(cast.vera).get(reverse("training:detail", args=[lop.pk]))
    assert [e.full_name for e in page.context["learners"]] == ["Lê Thị Ân", "Trần Văn Bình"]
    printable = login(cast.vera).get(reverse("training:attendance", args=[lop.pk])).content.decode()
    assert printable.index("Lê Thị Ân") < printable.index("Trần Văn Bình")


def test_the_attendance_list_in_excel(cast, login, lop):
    response = login(cast.vera).get(reverse("training:attendance_xlsx", args=[lop.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [sheet.cell(row=r, column=2).value for r in (5, 6)] == ["Lê Thị Ân", "Trần Văn Bình"]
    assert sheet.cell(row=5, column=3).value == 2001


def test_staff_create_a_class_and_enroll(cast, login, tree):
    client = login(cast.alice)
    response = client.post(
        reverse("training:create", args=["DIST"]),
        {"code": "TC-2022", "name": "Trung cấp", "program": "INTERMEDIATE_THEORY", "start": "05/09/2022", "end": ""},
    )
    c = TrainingClass.objects.get(code="TC-2022")
    assert response["Location"] == reverse("training:detail", args=[c.pk]) and c.organizer == tree.dist
    an = member_of(tree.cell1a)
    assert client.post(reverse("training:detail", args=[c.pk]), {"member": an.code}).status_code == 302
    page = client.post(reverse("training:detail", args=[c.pk]), {"member": an.code})
    assert page.status_code == 200 and page.context["form"].errors  # twice in the class
    outsider = member_of(tree.ocell, name="Phạm Văn Ngoài")
    page = client.post(reverse("training:detail", args=[c.pk]), {"member": outsider.code})
    assert page.context["form"].errors["member"]
    enrollment = Enrollment.objects.get(klass=c)
    client.post(reverse("training:results", args=[c.pk]),
                {f"result-{enrollment.pk}": "COMPLETED", "version": version_of(enrollment)})
    an.refresh_from_db()
    assert an.theory_level == "INTERMEDIATE"


def test_a_refused_class_shows_the_error(cast, login):
    page = login(cast.alice).post(
        reverse("training:create", args=["DIST"]),
        {"code": "X", "name": "X", "program": "OTHER", "start": "05/09/2022", "end": "04/09/2022"},
    )
    assert page.status_code == 200 and page.context["form"].errors["end"]
