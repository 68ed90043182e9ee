"""The demo's citizens records: they load through the importer with the rest of the
demo, the seed's figures do not move, and the petitions of December 2022 and January
2023 meet the due dates worked out by hand on the calendar (New Year, Tết Quý Mão)."""

import datetime as dt

import pytest
from django.db import transaction

from dangbo.citizens.models import Petition, ReceptionSession
from dangbo.demo.workbook import build_workbook
from dangbo.interchange.importer import import_file
from dangbo.organizations.models import Organization
from dangbo.reports.article import compose_article
from dangbo.reports.figures import annual_figures

D = dt.date
SMALL = 300


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            report = import_file(data=build_workbook(SMALL), name="demo.xlsx")
            assert report.ok, [str(e) for e in report.errors[:5]]
            org = Organization.objects.get(code="THANHHA")
            yield report, org, annual_figures(org, 2022)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _db(db):
    return db


def test_the_demo_loads_sessions_petitions_and_models(demo):
    report, _org, f = demo
    assert not [w for w in report.warnings if "Tiếp công dân" in str(w) or "Đơn thư" in str(w)]
    c = f["citizens"]
    # The district: 12 monthly days and 2 ad hoc; 25 communes: 2 a month, 4 months missed.
    assert c["reception_days"] == 12 + 2 + 25 * 24 - 4
    assert c["dialogues"] == 2 + 5
    p = c["petitions"]
    assert p["received"] == 12 + 6 + 26 + 14 + 3  # three of the late ones are received in 2022
    assert p["by_kind"] == {"complaint": 14, "denunciation": 6, "recommendation": 27, "feedback": 14}
    assert p["resolved"] + p["open"] == p["received"]
    assert 0 < p["on_time"] < p["resolved"] and p["open"] > 0 and p["overdue"] >= 1
    m = f["mass_mobilization"]
    assert (m["models"], m["exemplars"]) == (10, 4)
    assert m["recognized"] == 8  # 8 by the district in December 2022; the province's came in 2023
    assert all(m["by_field"].values())


def test_the_seed_figures_and_sentences_stay(demo):
    _report, org, f = demo
    assert f["admissions"] == 153 and f["cadre_decisions"]["people"] == 87
    text = " ".join(compose_article(org, 2022, f)["paragraphs"])
    assert "kết nạp 153 đảng viên mới" in text
    assert "Tổ chức tốt việc tiếp xúc, đối thoại trực tiếp với nhân dân: người đứng đầu cấp ủy các cấp" in text
    assert "“Dân vận khéo” trên các lĩnh vực kinh tế, văn hóa - xã hội, quốc phòng - an ninh và xây dựng hệ thống " \
           "chính trị: năm 2022 có 10 mô hình và 4 điển hình được đăng ký" in text


@pytest.mark.parametrize(("received", "accept_due", "close_due", "on_time"), [
    # Thu 20/10/2022 + 10 days = Sun 30/10 → Mon 31/10. Accepted 25/10; + 30 days = Thu 24/11.
    # Settled 10/01/2023: late.
    (D(2022, 10, 20), D(2022, 10, 31), D(2022, 11, 24), False),
    # 02/12/2022 + 10 days = Mon 12/12/2022. Accepted 09/12; + 30 days = Sun 08/01/2023 → Mon 09/01.
    (D(2022, 12, 2), D(2022, 12, 12), D(2023, 1, 9), True),
    # 26/12/2022 + 10 working days: 27–30/12 (4), 31/12–02/01 New Year (Sat, Sun, day in lieu),
    # 03–06/01 (8), 09/01 (9), 10/01 (10). A recommendation has no closing period.
    (D(2022, 12, 26), D(2023, 1, 10), None, True),
    # 12/01/2023 + 10 days = Sun 22/01, Tết until Thu 26/01 → Fri 27/01. Accepted 27/01;
    # + 30 days = Sun 26/02 → Mon 27/02.
    (D(2023, 1, 12), D(2023, 1, 27), D(2023, 2, 27), True),
    # 17/01/2023 + 7 working days: 18, 19, (20–26 Tết), 27, 30, 31/01, 01, 02/02 → Thu 02/02.
    # Accepted 01/02; + 30 days = Fri 03/03.
    (D(2023, 1, 17), D(2023, 2, 2), D(2023, 3, 3), True),
    # 18/01/2023 + 10 working days: 19, 27, 30, 31/01, 01, 02, 03, 06, 07, 08/02 → Wed 08/02.
    (D(2023, 1, 18), D(2023, 2, 8), None, True),
])
def test_the_petitions_across_new_year_and_tet_have_the_due_dates_worked_out_by_hand(demo, received, accept_due,
                                                                                       close_due, on_time):
    p = Petition.objects.get(received_on=received, organization__code="THANHHA", code__startswith="DT-")
    assert (p.accept_due, p.close_due) == (accept_due, close_due)
    due = p.close_due if p.accepted_on else p.accept_due
    assert (due is None or p.closed_on <= due) is on_time


def test_the_new_commune_has_open_petitions_in_2026(demo):
    assert ReceptionSession.objects.filter(organization__code="HP_XA_THANHHA", date__year=2026).count() == 6
    open_ = Petition.objects.filter(organization__code="HP_XA_THANHHA", closed_on__isnull=True)
    assert open_.count() == 5
    # 23/11/2026 (Mon) + 7 working days; Tue 24/11 is Vietnam's Culture Day, a public
    # holiday from 2026 (Nghị quyết 80-NQ/TW): 25, 26, 27, 30/11, 01, 02, 03/12 → Thu 03/12/2026.
    assert open_.get(kind="DENUNCIATION").due_on == D(2026, 12, 3)
