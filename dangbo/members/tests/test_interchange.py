import io

from dangbo.interchange.exporter import export_workbook, write_workbook
from dangbo.interchange.importer import import_file
from dangbo.members.models import Member, MembershipEvent, MembershipSpan

from .helpers import D


def workbook(**sheets) -> bytes:
    buffer = io.BytesIO()
    write_workbook(sheets, buffer)
    return buffer.getvalue()


def load(**sheets):
    return import_file(data=workbook(**sheets), name="x.xlsx")


def member_row(code, name="Nguyễn Văn An", birth="01/05/1990", sex="Nam", **extra):
    row = [
        code,
        name,
        None,
        None,
        None,
        birth,
        sex,
        "Kinh",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ]
    for index, value in extra.items():
        row[int(index[1:])] = value
    return row


def event_row(code, kind, date, org=None, status=None, admitted=None, official=None, reason=None):
    return [code, kind, date, org, status, admitted, official, None, reason, None]


MEMBERS = [
    member_row("M1"),
    member_row("M2", "Trần Thị Bình", "1985", "Nữ"),
    member_row("M3", "Lê Văn Cường"),
]
EVENTS = [
    # out of order on purpose: rows apply in date order, then `Loại` order
    event_row("M1", "Công nhận chính thức", "05/03/2023"),
    event_row("M1", "Kết nạp", "05/03/2022", "CELL1A"),
    event_row("M2", "Đầu kỳ", "01/01/2022", "CELL1B", "Chính thức", "19/05/2015", "19/05/2016"),
    event_row("M2", "Chuyển sinh hoạt nội bộ", "01/04/2023", "CELL2A"),
    event_row("M3", "Từ trần", "07/07/2023"),
    event_row("M3", "Đầu kỳ", "01/01/2022", "CELL2A", "Dự bị", "01/09/2021"),
]


def test_it_imports_members_and_events_and_builds_the_projection(tree):
    report = load(members=MEMBERS, events=EVENTS)
    assert report.ok, [str(p) for p in report.errors]
    assert report.total("created") == 9
    m1, m2, m3 = (Member.objects.get(code=c) for c in ("M1", "M2", "M3"))
    assert (m1.status, m1.organization, m1.official_on) == ("OFFICIAL", tree.cell1a, D(2023, 3, 5))
    assert (m2.status, m2.organization, m2.birth_year, m2.birth_date) == (
        "OFFICIAL",
        tree.cell2a,
        1985,
        None,
    )
    assert (m3.status, m3.organization) == ("DIED", None)
    assert MembershipEvent.objects.get(member=m3, kind="DIED").origin == tree.cell2a
    assert MembershipSpan.objects.count() == 5


def test_a_second_import_changes_nothing(tree):
    data = workbook(members=MEMBERS, events=EVENTS)
    assert import_file(data=data, name="x.xlsx").ok
    spans = list(
        MembershipSpan.objects.values_list(
            "member_id", "organization_id", "status", "valid_from", "valid_to"
        )
    )
    history = Member.history.count() + MembershipEvent.history.count()
    second = import_file(data=data, name="x.xlsx")
    assert second.ok
    assert second.total("created") == 0 and second.total("updated") == 0
    assert second.total("unchanged") == 9
    assert Member.history.count() + MembershipEvent.history.count() == history
    again = list(
        MembershipSpan.objects.values_list(
            "member_id", "organization_id", "status", "valid_from", "valid_to"
        )
    )
    assert sorted(again) == sorted(spans)


def test_a_changed_member_row_is_an_update(tree):
    assert load(members=[member_row("M1")]).ok
    report = load(members=[member_row("M1", "Nguyễn Văn Ân")])
    assert report.ok and report.total("updated") == 1
    assert Member.objects.get(code="M1").given_name == "Ân"


def test_an_impossible_event_is_named_by_sheet_row_and_column_and_nothing_is_written(tree):
    events = EVENTS[:2] + [event_row("M2", "Chuyển sinh hoạt nội bộ", "01/04/2023", "CELL2A")]
    report = load(members=MEMBERS, events=events)
    assert not report.ok
    (problem,) = report.errors
    assert (problem.sheet, problem.row) == ("Biến động", 4)
    assert problem.column == "Loại"
    assert not Member.objects.exists() and not MembershipEvent.objects.exists()


def test_a_recognition_too_early_is_an_error_on_the_date(tree):
    events = [
        event_row("M1", "Kết nạp", "05/03/2022", "CELL1A"),
        event_row("M1", "Công nhận chính thức", "04/03/2023"),
    ]
    (problem,) = load(members=MEMBERS[:1], events=events).errors
    assert (problem.row, problem.column) == (3, "Ngày")


def test_unknown_codes_are_errors_naming_the_column(tree):
    events = [
        event_row("NOPE", "Kết nạp", "05/03/2022", "CELL1A"),
        event_row("M1", "Kết nạp", "05/03/2022", "XX"),
    ]
    report = load(members=MEMBERS[:1], events=events)
    assert {(p.row, p.column) for p in report.errors} == {(2, "Mã đảng viên"), (3, "Mã tổ chức")}


def test_an_organization_above_grassroots_is_refused(tree):
    report = load(members=MEMBERS[:1], events=[event_row("M1", "Kết nạp", "05/03/2022", "DIST")])
    assert [(p.row, p.column) for p in report.errors] == [(2, "Mã tổ chức")]


def test_the_same_member_code_twice_with_other_content_is_an_error(tree):
    report = load(members=[member_row("M1"), member_row("M1", "Khác Tên")])
    assert [(p.row, p.column) for p in report.errors] == [(3, "Mã đảng viên")]
    assert load(members=[member_row("M1"), member_row("M1")]).ok


def test_a_name_is_required(tree):
    report = load(members=[member_row("M1", None)])
    assert [p.column for p in report.errors] == ["Họ và tên"]
    row = member_row("M2", None)
    row[2], row[4] = "Phạm", "Dũng"
    assert load(members=[row]).ok
    assert Member.objects.get(code="M2").full_name == "Phạm Dũng"


def test_citizen_id_mismatch_is_a_warning_and_bad_numbers_are_errors(tree):
    # 0301… is a woman born in 19xx: the row says man
    report = load(members=[member_row("M1", c13="030189054372")])
    assert report.ok
    assert report.warnings and {p.column for p in report.warnings} == {"Số CCCD"}
    report = load(members=[member_row("M2", c13="03018905437"), member_row("M3", c14="1234")])
    assert {(p.row, p.column) for p in report.errors} == {(2, "Số CCCD"), (3, "Số thẻ đảng viên")}


def test_export_then_import_into_an_empty_register_gives_the_same_events(tree, tmp_path):
    assert load(members=MEMBERS, events=EVENTS).ok
    path = tmp_path / "out.xlsx"
    export_workbook(tree.prov, path)
    before = sorted(
        MembershipEvent.objects.values_list(
            "member__code", "kind", "date", "organization__code", "origin__code"
        )
    )
    # the same file imported again is recognized event by event
    report = import_file(path)
    assert report.ok, [str(p) for p in report.errors]
    assert report.total("created") == 0
    assert (
        sorted(
            MembershipEvent.objects.values_list(
                "member__code", "kind", "date", "organization__code", "origin__code"
            )
        )
        == before
    )


def test_an_import_that_dissolves_an_organization_with_members_is_refused(tree):
    assert load(members=MEMBERS, events=EVENTS).ok
    row = [
        "CELL1A",
        "Chi bộ thôn Đông",
        "Chi bộ trực thuộc",
        "COMM1",
        None,
        D(2000, 1, 1),
        D(2023, 6, 30),
    ]
    report = load(organizations=[row])
    assert not report.ok
    assert [(p.sheet, p.row) for p in report.errors] == [("Tổ chức", 2)]
    tree.cell1a.refresh_from_db()
    assert tree.cell1a.dissolved_on is None
