"""Personal data: every dossier opened and every download of personal data is logged
with who, what and when, and reviewed by administrators on one page."""

import io

from django.core.management import call_command
from django.urls import reverse

from dangbo.core.models import PersonalDataExport
from dangbo.members.models import DossierView
from dangbo.training import services as training

from .helpers import D, opening, person


def test_downloads_of_personal_data_are_logged_with_who_what_and_when(cast, tree, login, tmp_path):
    m = person(code="L1")
    opening(m, tree.cell1a)
    client = login(cast.alice)
    assert client.get(reverse("members:list_xlsx") + "?org=DIST").status_code == 200
    assert client.get(reverse("members:register", args=["CELL1A"]) + "?format=xlsx").status_code == 200
    assert client.get(reverse("interchange:export") + "?org=DIST").status_code == 200
    klass = training.create_class(organizer=tree.dist, code="L1", name="Lớp", program="NEW_MEMBER",
                                  start=D(2024, 3, 1), by=cast.alice)
    training.enroll(klass=klass, member=m, by=cast.alice)
    assert client.get(reverse("training:attendance_xlsx", args=[klass.pk])).status_code == 200
    call_command("export", "--org", "DIST", str(tmp_path / "x.xlsx"), stdout=io.StringIO())
    logged = list(PersonalDataExport.objects.order_by("pk").values_list("kind", "exported_by__username",
                                                                          "organization__code", "rows"))
    assert [row[:3] for row in logged] == [
        ("MEMBER_LIST", "alice", "DIST"), ("REGISTER", "alice", "CELL1A"), ("INTERCHANGE", "alice", "DIST"),
        ("ATTENDANCE", "alice", "DIST"), ("INTERCHANGE", None, "DIST"),
    ]
    assert logged[0][3] == 1 and logged[3][3] == 1
    assert all(e.exported_at for e in PersonalDataExport.objects.all())


def test_whole_dossiers_are_exported_only_by_the_roles_that_may_see_them(cast, tree, login):
    for user in (cast.vera, cast.bob):
        assert login(user).get(reverse("interchange:export") + "?org=CELL1A").status_code == 404
    assert not PersonalDataExport.objects.exists()


def test_the_administrator_reviews_the_log_and_nobody_else_can(cast, tree, login):
    m = person(code="L2", name="Trần Thị Xem")
    opening(m, tree.cell1a)
    login(cast.alice).get(reverse("members:detail", args=["L2"]))
    login(cast.bob).get(reverse("members:detail", args=["L2"]))
    login(cast.alice).get(reverse("members:list_xlsx") + "?org=DIST")
    assert DossierView.objects.count() == 2
    for user in (cast.alice, cast.bob, cast.vera, cast.eddie, cast.charlie):
        assert login(user).get(reverse("members:access_log")).status_code == 404
    client = login(cast.root)
    page = client.get(reverse("members:access_log"))
    html = page.content.decode()
    assert page.status_code == 200 and "Trần Thị Xem" in html and "(bob)" in html and "(alice)" in html
    assert len(page.context["exports"]) == 1
    only_bob = client.get(reverse("members:access_log"), {"who": "bob"})
    assert [v.viewed_by.username for v in only_bob.context["views"]] == ["bob"]
    assert len(only_bob.context["exports"]) == 0
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("members:access_log") in dashboard
