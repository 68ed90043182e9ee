"""The sheets and columns of the interchange workbook (INTERCHANGE.md, a contract)."""

import dataclasses
import datetime as dt
import functools
import re
from decimal import Decimal

from django.utils.translation import gettext as _

from dangbo.lib.vntext import fold, parse_date, parse_number

_SEPARATORS = re.compile(r"[\s_\-]+")


@functools.lru_cache(maxsize=4096)  # enum cells repeat a few spellings
def _key(text: str) -> str:
    return _SEPARATORS.sub("", fold(text))


def header_key(text) -> str:
    """Headers, sheet names and enum values match after folding, ignoring spaces, "_"
    and "-"."""
    return _key(str(text or ""))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # long texts keep line breaks and tabs
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Dates any record may carry; events in the past, plans within these years.
FIRST_YEAR, LAST_YEAR = 1900, 2100
LONG_TEXT = 5000  # notes, reasons, contents: a page of text


@dataclasses.dataclass(frozen=True)
class Column:
    header: str  # canonical spelling, as exported
    key: str  # name used in code
    kind: str = "text"  # text | code | date | year_or_date | number | int | enum
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (canonical spelling, value in code)
    guidance: str = ""
    max_length: int | None = None  # text and codes: what the record's field holds (default 255, codes 32)
    past: bool = False  # a date or year of something that has happened: not after today
    year: bool = False  # an int column holding a year: FIRST_YEAR to LAST_YEAR

    def check(self, value, today: dt.date) -> None:
        """Bounds of a parsed value; raise ValueError with a Vietnamese message."""
        kind = self.kind
        if kind in ("text", "code"):
            limit = self.max_length or (32 if kind == "code" else 255)
            if len(value) > limit:
                raise ValueError(
                    _("The text has %(n)d characters; this column holds at most %(max)d. Shorten it.")
                    % {"n": len(value), "max": limit}
                )
            if not value.isprintable():
                bad = (_CONTROL if limit > 255 else _CONTROL_OR_BREAK).search(value)
                if bad:
                    raise ValueError(
                        _("The text holds a control character (code %(code)d), which cannot be stored: "
                          "retype the cell.") % {"code": ord(bad.group())}
                    )
        elif kind in ("date", "year_or_date"):
            year = value if isinstance(value, int) else value.year
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise ValueError(_("The year %(year)s is not plausible.") % {"year": year})
            if self.past and (value > today.year if isinstance(value, int) else value > today):
                raise ValueError(
                    _("The date is after today (%(today)s): record what has happened.")
                    % {"today": today.strftime("%d/%m/%Y")}
                )
        elif kind == "int" and self.year:
            if not FIRST_YEAR <= value <= LAST_YEAR:
                raise ValueError(
                    _("The year %(year)s is not plausible: between %(first)d and %(last)d.")
                    % {"year": value, "first": FIRST_YEAR, "last": LAST_YEAR}
                )
            if self.past and value > today.year:
                raise ValueError(_("The year %(year)s has not come yet.") % {"year": value})

    @functools.cached_property
    def checks_needed(self) -> bool:
        """Whether `check` can refuse anything of this column's kind."""
        return self.kind in ("text", "code", "date", "year_or_date") or (self.kind == "int" and self.year)

    @functools.cached_property
    def _codes(self) -> dict[str, str]:
        return {header_key(canonical): code for canonical, code in self.choices}

    @functools.cached_property
    def parser(self):
        """`parse`, with the commonest cells of the column's kind (text, a date cell, an
        enum's usual spellings) taken without its checks: an import of a province's
        register parses millions of cells."""
        parse = self.parse
        if self.kind in ("text", "code"):
            def text(value):
                if value.__class__ is str:
                    return value.strip() or None
                return parse(value)

            return text
        if self.kind in ("date", "year_or_date"):
            def date(value):
                if value.__class__ is dt.datetime:
                    return value.date()
                if value.__class__ is dt.date:
                    return value
                return parse(value)

            return date
        if self.kind == "enum":
            seen: dict[str, str] = {}  # a cell as written → its value in code

            def enum(value):
                code = seen.get(value) if value.__class__ is str else None
                if code is None:
                    code = parse(value)
                    if value.__class__ is str and code is not None:
                        seen[value] = code
                return code

            return enum
        return parse

    def parse(self, value):
        """Parse one cell; raise ValueError with a Vietnamese message."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        kind = self.kind
        if kind in ("text", "code"):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, (dt.datetime, dt.date)):
                value = value.strftime("%d/%m/%Y")
            return str(value).strip()
        if kind in ("date", "year_or_date"):
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            if kind == "year_or_date":
                text = str(int(value)) if isinstance(value, (int, float)) else str(value).strip()
                if re.fullmatch(r"\d{4}", text):
                    year = int(text)
                    if not 1900 <= year <= 2100:
                        raise ValueError(_("The year %(year)s is not plausible.") % {"year": text})
                    return year
            if isinstance(value, (int, float)):
                raise ValueError(_("Expected a date (day/month/year), e.g. 05/03/2023."))
            return parse_date(str(value))
        if kind in ("number", "int"):
            if isinstance(value, bool):
                raise ValueError(_("Expected a number."))
            if isinstance(value, int):
                number = Decimal(value)
            elif isinstance(value, float):
                number = Decimal(repr(value))
            else:
                number = parse_number(str(value))
            if kind == "int":
                if number != number.to_integral_value():
                    raise ValueError(_("Expected a whole number."))
                return int(number)
            return number
        if kind == "enum":
            code = self._codes.get(header_key(value))
            if code is not None:
                return code
            raise ValueError(
                _("Unknown value. Allowed values: %(values)s.")
                % {"values": "; ".join(c for c, _code in self.choices)}
            )
        raise AssertionError(kind)


@dataclasses.dataclass(frozen=True)
class SheetSpec:
    name: str  # canonical sheet name
    key: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


ORG_KINDS = (
    ("Đảng bộ cấp trên cơ sở", "ABOVE_GRASSROOTS"),
    ("Đảng bộ cơ sở", "GRASSROOTS_COMMITTEE"),
    ("Chi bộ cơ sở", "GRASSROOTS_CELL"),
    ("Đảng bộ bộ phận", "SUB_COMMITTEE"),
    ("Chi bộ trực thuộc", "CELL"),
)
REORG_KINDS = (
    ("Chuyển cấp trên", "MOVE"),
    ("Sáp nhập", "MERGE"),
    ("Đổi tên", "RENAME"),
    ("Giải thể", "DISSOLVE"),
)
EVENT_KINDS = (
    ("Đầu kỳ", "OPENING"),
    ("Kết nạp", "ADMITTED"),
    ("Công nhận chính thức", "RECOGNIZED_OFFICIAL"),
    ("Chuyển đến", "TRANSFERRED_IN"),
    ("Chuyển đi", "TRANSFERRED_OUT"),
    ("Chuyển sinh hoạt nội bộ", "TRANSFERRED_INTERNAL"),
    ("Chuyển sinh hoạt tạm thời", "TEMPORARY_TRANSFER"),
    ("Miễn sinh hoạt", "EXEMPTED"),
    ("Thôi miễn sinh hoạt", "EXEMPTION_ENDED"),
    ("Khai trừ", "EXPELLED"),
    ("Xin ra khỏi Đảng", "LEFT"),
    ("Xóa tên", "NAME_DELETED"),
    ("Từ trần", "DIED"),
)
STATUSES = (("Chính thức", "OFFICIAL"), ("Dự bị", "PROBATIONARY"))
SEXES = (("Nam", "M"), ("Nữ", "F"))
THEORY_LEVELS = (
    ("Sơ cấp", "BASIC"),
    ("Trung cấp", "INTERMEDIATE"),
    ("Cao cấp", "ADVANCED"),
    ("Cử nhân", "BACHELOR"),
)
RATING_LEVELS = (
    ("Hoàn thành xuất sắc nhiệm vụ", "EXCELLENT"),
    ("Hoàn thành tốt nhiệm vụ", "GOOD"),
    ("Hoàn thành nhiệm vụ", "COMPLETED"),
    ("Không hoàn thành nhiệm vụ", "NOT_COMPLETED"),
    ("Không xếp loại", "NOT_RATED"),
)
CADRE_KINDS = (
    ("Điều động", "TRANSFER"),
    ("Luân chuyển", "ROTATION"),
    ("Bổ nhiệm", "APPOINTMENT"),
    ("Bổ nhiệm lại", "REAPPOINTMENT"),
    ("Chỉ định", "DESIGNATION"),
    ("Giới thiệu ứng cử", "NOMINATION"),
)
PROGRAMS = (
    ("Bồi dưỡng nhận thức về Đảng", "PARTY_AWARENESS"),
    ("Bồi dưỡng đảng viên mới", "NEW_MEMBER"),
    ("Bồi dưỡng cấp ủy cơ sở", "GRASSROOTS_COMMITTEE"),
    ("Sơ cấp lý luận chính trị", "BASIC_THEORY"),
    ("Trung cấp lý luận chính trị", "INTERMEDIATE_THEORY"),
    ("Cao cấp lý luận chính trị", "ADVANCED_THEORY"),
    ("Khác", "OTHER"),
)

# Inspection, discipline (INTERCHANGE.md, "Sheets for inspection, citizens, …")
SUBJECTS = (("Tổ chức", "ORGANIZATION"), ("Đảng viên", "MEMBER"))
INSPECTION_KINDS = (
    ("Kiểm tra khi có dấu hiệu vi phạm", "SUSPECTED_VIOLATION"),
    ("Kiểm tra chấp hành", "COMPLIANCE"),
    ("Kiểm tra thực hiện nhiệm vụ kiểm tra, giám sát", "INSPECTION_WORK"),
    ("Kiểm tra tài chính", "FINANCE"),
    ("Giám sát chuyên đề", "THEMATIC_SUPERVISION"),
    ("Giám sát thường xuyên", "REGULAR_SUPERVISION"),
)
BODIES = (
    ("Cấp ủy", "COMMITTEE"),
    ("Ban Thường vụ", "STANDING_COMMITTEE"),
    ("Ủy ban Kiểm tra", "INSPECTION_COMMITTEE"),
    ("Chi bộ", "CELL"),
)
CONCLUSIONS = (
    ("Không có vi phạm", "NO_VIOLATION"),
    ("Có khuyết điểm", "SHORTCOMINGS"),
    ("Có vi phạm", "VIOLATION"),
    ("Có vi phạm đến mức phải xử lý kỷ luật", "DISCIPLINE_NEEDED"),
)
DISCIPLINE_FORMS = (
    ("Khiển trách", "REPRIMAND"),
    ("Cảnh cáo", "WARNING"),
    ("Cách chức", "REMOVAL"),
    ("Khai trừ", "EXPULSION"),
    ("Giải tán", "DISSOLUTION"),
)
# Citizens, Dân vận khéo
RECEPTION_FORMS = (("Tiếp định kỳ", "REGULAR"), ("Tiếp đột xuất", "AD_HOC"), ("Đối thoại", "DIALOGUE"))
PETITION_KINDS = (
    ("Khiếu nại", "COMPLAINT"),
    ("Tố cáo", "DENUNCIATION"),
    ("Kiến nghị", "RECOMMENDATION"),
    ("Phản ánh", "FEEDBACK"),
)
CHANNELS = (("Trực tiếp", "IN_PERSON"), ("Bưu chính", "POST"), ("Điện tử", "ELECTRONIC"), ("Chuyển đến", "FORWARDED"))
COMPLEXITIES = (("Thông thường", "NORMAL"), ("Phức tạp", "COMPLEX"), ("Đặc biệt phức tạp", "VERY_COMPLEX"))
YES_NO = (("Có", "YES"), ("Không", "NO"))
PETITION_RESULTS = (
    ("Đúng", "CORRECT"),
    ("Đúng một phần", "PARTLY_CORRECT"),
    ("Sai", "INCORRECT"),
    ("Trả lời, hướng dẫn", "ANSWERED"),
    ("Chuyển cơ quan có thẩm quyền", "FORWARDED"),
    ("Lưu đơn", "FILED"),
)
MOBILIZATION_TYPES = (("Mô hình", "MODEL"), ("Điển hình", "EXEMPLAR"))
MOBILIZATION_FIELDS = (
    ("Kinh tế", "ECONOMY"),
    ("Văn hóa - xã hội", "CULTURE_SOCIETY"),
    ("Quốc phòng - an ninh", "DEFENSE_SECURITY"),
    ("Xây dựng hệ thống chính trị", "POLITICAL_SYSTEM"),
)
# Member development and leadership work
DOCUMENT_KINDS = (
    ("Nghị quyết", "RESOLUTION"),
    ("Quyết định", "DECISION"),
    ("Chỉ thị", "DIRECTIVE"),
    ("Kết luận", "CONCLUSION"),
    ("Quy định", "REGULATION"),
    ("Quy chế", "RULES"),
    ("Hướng dẫn", "GUIDANCE"),
    ("Kế hoạch", "PLAN"),
    ("Chương trình", "PROGRAM"),
    ("Báo cáo", "REPORT"),
    ("Thông báo", "NOTICE"),
    ("Công văn", "LETTER"),
    ("Tờ trình", "SUBMISSION"),
)
# The steps of an admission dossier (optional sheet `Hồ sơ kết nạp`, docs/contracts.md).
DOSSIER_STEPS = (
    ("Đơn xin vào Đảng", "APPLICATION"),
    ("Lý lịch người xin vào Đảng", "LIFE_HISTORY"),
    ("Thẩm tra lý lịch", "VERIFIED"),
    ("Giới thiệu của đảng viên và đoàn thể", "INTRODUCED"),
    ("Nhận xét của nơi cư trú", "RESIDENCE_OPINION"),
    ("Nghị quyết của chi bộ", "CELL_RESOLUTION"),
    ("Nghị quyết của đảng ủy cơ sở", "COMMITTEE_RESOLUTION"),
    ("Quyết định kết nạp", "DECISION"),
)
STUDY_KINDS = (
    ("Nghị quyết, chỉ thị", "RESOLUTION"),
    ("Chuyên đề tư tưởng, đạo đức, phong cách Hồ Chí Minh", "HO_CHI_MINH"),
    ("Khác", "OTHER"),
)

C = Column
L = LONG_TEXT
SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("Tổ chức", "organizations", (
        C("Mã", "code", "code", True, guidance="THANHHA"),
        C("Tên", "name", "text", True, guidance="Đảng bộ huyện Thanh Hà"),
        C("Loại", "kind", "enum", True, ORG_KINDS, guidance="Đảng bộ cơ sở"),
        C("Mã cấp trên", "parent", "code", guidance="Mã tổ chức cấp trên khi thành lập"),
        C("Nhóm", "group", guidance="Xã, thị trấn", max_length=100),
        C("Ngày thành lập", "founded_on", "date", guidance="dd/mm/yyyy"),
        C("Ngày giải thể", "dissolved_on", "date", guidance="ngày cuối cùng còn tồn tại"),
    )),
    SheetSpec("Sắp xếp tổ chức", "reorganizations", (
        C("Ngày", "effective_on", "date", True, guidance="dd/mm/yyyy"),
        C("Loại", "kind", "enum", True, REORG_KINDS, guidance="Chuyển cấp trên"),
        C("Mã tổ chức", "organization", "code", True),
        C("Mã đích", "target", "code", guidance="cấp trên mới / tổ chức sáp nhập vào"),
        C("Tên mới", "new_name", guidance="khi Đổi tên"),
        C("Số quyết định", "decision_number", max_length=100),
    )),
    SheetSpec("Đảng viên", "members", (
        C("Mã đảng viên", "code", "code", True),
        C("Họ và tên", "full_name"),
        C("Họ", "family_name", max_length=100),
        C("Tên đệm", "middle_name", max_length=100),
        C("Tên", "given_name", max_length=100),
        C("Ngày sinh", "birth", "year_or_date", True, guidance="dd/mm/yyyy hoặc năm", past=True),
        C("Giới tính", "sex", "enum", True, SEXES, guidance="Nam / Nữ"),
        C("Dân tộc", "ethnicity", max_length=100),
        C("Tôn giáo", "religion", max_length=100),
        C("Quê quán", "home_town"),
        C("Nơi thường trú", "residence"),
        C("Nghề nghiệp", "occupation"),
        C("Chuyên môn", "profession"),
        C("Số CCCD", "citizen_id", "code", guidance="12 chữ số"),
        C("Số thẻ đảng viên", "card_number", "code", guidance="8 chữ số"),
        C("Trình độ giáo dục phổ thông", "general_education", guidance="12/12", max_length=20),
        C("Lý luận chính trị", "theory_level", "enum", False, THEORY_LEVELS),
    )),
    SheetSpec("Biến động", "events", (
        C("Mã đảng viên", "member", "code", True),
        C("Loại", "kind", "enum", True, EVENT_KINDS, guidance="Kết nạp"),
        C("Ngày", "date", "date", True, guidance="dd/mm/yyyy", past=True),
        C("Mã tổ chức", "organization", "code"),
        C("Tình trạng", "status", "enum", False, STATUSES),
        C("Ngày vào Đảng", "admitted_on", "date", past=True),
        C("Ngày chính thức", "official_on", "date", past=True),
        C("Số quyết định", "decision_number", max_length=100),
        C("Lý do", "reason", max_length=L),
        C("Ghi chú", "note", max_length=L),
    )),
    SheetSpec("Xếp loại", "ratings", (
        C("Năm", "year", "int", True, year=True, past=True),
        C("Đối tượng", "subject", "enum", True, (("Tổ chức", "ORGANIZATION"), ("Đảng viên", "MEMBER"))),
        C("Mã", "code", "code", True),
        C("Mức", "level", "enum", True, RATING_LEVELS),
        C("Điểm", "score", "number"),
        C("Lý do", "reason", max_length=L),
    )),
    SheetSpec("Cán bộ", "cadres", (
        C("Ngày", "date", "date", True, past=True),
        C("Loại", "kind", "enum", True, CADRE_KINDS),
        C("Mã đảng viên", "member", "code", True),
        C("Chức danh", "title", "text", True),
        C("Đơn vị", "unit"),
        C("Diện quản lý", "managed_by", "code", True),
        C("Số quyết định", "decision_number", max_length=100),
        C("Ghi chú", "note", max_length=L),
    )),
    SheetSpec("Lớp học", "classes", (
        C("Mã lớp", "code", "code", True),
        C("Tên lớp", "name", "text", True),
        C("Chương trình", "program", "enum", True, PROGRAMS),
        C("Đơn vị tổ chức", "organizer", "code", True),
        C("Từ ngày", "start", "date", True),
        C("Đến ngày", "end", "date"),
    )),
    SheetSpec("Học viên", "learners", (
        C("Mã lớp", "klass", "code", True),
        C("Mã đảng viên", "member", "code"),
        C("Họ và tên", "full_name"),
        C("Ngày sinh", "birth", "year_or_date", past=True),
        C("Kết quả", "result", "enum", False,
          (("Hoàn thành", "COMPLETED"), ("Không hoàn thành", "NOT_COMPLETED"), ("Đang học", "IN_PROGRESS"))),
    )),
    SheetSpec("Chỉ tiêu", "targets", (
        C("Năm", "year", "int", True, year=True),
        C("Mã tổ chức", "organization", "code", True),
        C("Mã chỉ tiêu", "code", "code", True),
        C("Tên chỉ tiêu", "name", "text", True, max_length=500),
        C("Đơn vị tính", "unit", max_length=100),
        C("Kế hoạch", "planned", "number", True),
        C("Thực hiện", "actual", "number"),
        C("Chiều", "direction", "enum", True, (("Tăng", "UP"), ("Giảm", "DOWN"))),
        C("Ghi chú", "note", max_length=L),
    )),
    # The sheets of the inspection, citizens and member development apps, in this order.
    SheetSpec("Kiểm tra, giám sát", "inspections", (
        C("Mã cuộc", "code", "code", True),
        C("Năm", "year", "int", True, year=True),
        C("Loại", "kind", "enum", True, INSPECTION_KINDS),
        C("Cơ quan thực hiện", "body", "enum", True, BODIES),
        C("Mã tổ chức", "organization", "code", True),
        C("Đối tượng", "subject", "enum", True, SUBJECTS),
        C("Mã đối tượng", "subject_code", "code", True),
        C("Từ ngày", "start", "date", True),
        C("Đến ngày", "end", "date", past=True),
        C("Kết luận", "conclusion", "enum", False, CONCLUSIONS),
        C("Ưu điểm", "strengths", max_length=L),
        C("Khuyết điểm", "shortcomings", max_length=L),
        C("Số quyết định", "decision_number", max_length=100),
        C("Ghi chú", "note", max_length=L),
    )),
    SheetSpec("Biện pháp khắc phục", "remedies", (
        C("Mã cuộc", "inspection", "code", True),
        C("Nội dung", "text", "text", True, max_length=L),
        C("Hạn", "due", "date", True),
        C("Ngày hoàn thành", "done_on", "date", past=True),
    )),
    SheetSpec("Kỷ luật", "disciplines", (
        C("Ngày", "date", "date", True, past=True),
        C("Đối tượng", "subject", "enum", True, SUBJECTS),
        C("Mã đối tượng", "subject_code", "code", True),
        C("Hình thức", "form", "enum", True, DISCIPLINE_FORMS),
        C("Mã tổ chức quyết định", "organization", "code", True),
        C("Cơ quan quyết định", "body", "enum", True, BODIES),
        C("Ngày vi phạm", "violation_on", "date", past=True),
        C("Mã cuộc", "inspection", "code"),
        C("Số quyết định", "decision_number", max_length=100),
        C("Lý do", "reason", max_length=L),
    )),
    SheetSpec("Tiếp công dân", "receptions", (
        C("Ngày", "date", "date", True, past=True),
        C("Mã tổ chức", "organization", "code", True),
        C("Hình thức", "form", "enum", True, RECEPTION_FORMS),
        C("Người chủ trì", "presided_by", "code"),
        C("Số lượt công dân", "citizens", "int"),
        C("Nội dung", "content", max_length=L),
        C("Ghi chú", "note", max_length=L),
    )),
    SheetSpec("Đơn thư", "petitions", (
        C("Mã đơn", "code", "code", True),
        C("Ngày nhận", "received_on", "date", True, past=True),
        C("Mã tổ chức", "organization", "code", True),
        C("Loại", "kind", "enum", True, PETITION_KINDS),
        C("Nội dung", "content", "text", True, max_length=L),
        C("Người gửi", "sender", max_length=500),
        C("Kênh", "channel", "enum", False, CHANNELS),
        C("Mã đảng viên liên quan", "member", "code"),
        C("Mức độ", "complexity", "enum", False, COMPLEXITIES),
        C("Vùng khó khăn", "remote", "enum", False, YES_NO),
        C("Ngày thụ lý", "accepted_on", "date", past=True),
        C("Ngày giải quyết", "closed_on", "date", past=True),
        C("Kết quả", "result", "enum", False, PETITION_RESULTS),
        C("Số văn bản", "document_number", max_length=100),
        C("Ghi chú", "note", max_length=L),
    )),
    SheetSpec("Dân vận khéo", "mobilization", (
        C("Mã", "code", "code", True),
        C("Năm", "year", "int", True, year=True),
        C("Tên", "name", "text", True, max_length=500),
        C("Loại", "type", "enum", True, MOBILIZATION_TYPES),
        C("Lĩnh vực", "field", "enum", True, MOBILIZATION_FIELDS),
        C("Mã tổ chức", "organization", "code", True),
        C("Cấp công nhận", "recognized_by"),
        C("Ngày công nhận", "recognized_on", "date", past=True),
        C("Ghi chú", "note", max_length=L),
    )),
    SheetSpec("Quần chúng ưu tú", "candidates", (
        C("Mã hồ sơ", "code", "code", True),
        C("Họ và tên", "full_name", "text", True),
        C("Ngày sinh", "birth", "year_or_date", True, past=True),
        C("Giới tính", "sex", "enum", True, SEXES),
        C("Số CCCD", "citizen_id", "code"),
        C("Mã tổ chức", "organization", "code", True),
        C("Ngày đưa vào diện", "planned_on", "date", True, past=True),
        C("Người giúp đỡ", "helpers", max_length=500),
        C("Ngày cấp giấy chứng nhận", "certificate_on", "date", past=True),
        C("Mã đảng viên", "member", "code"),
        C("Ngày dừng", "stopped_on", "date", past=True),
        C("Lý do dừng", "stop_reason", max_length=L),
    )),
    # Optional, beyond INTERCHANGE.md (docs/contracts.md): the dated steps of the dossiers.
    SheetSpec("Hồ sơ kết nạp", "dossier_steps", (
        C("Mã hồ sơ", "candidate", "code", True),
        C("Bước", "step", "enum", True, DOSSIER_STEPS),
        C("Ngày", "date", "date", True, past=True),
        C("Ghi chú", "note", max_length=L),
    )),
    SheetSpec("Kế hoạch kết nạp", "admission_targets", (
        C("Năm", "year", "int", True, year=True),
        C("Mã tổ chức", "organization", "code", True),
        C("Chỉ tiêu", "target", "int", True),
    )),
    # Optional, beyond INTERCHANGE.md (docs/contracts.md): the committee terms that the
    # numbers of `Văn bản` run through, so that an export stands alone.
    SheetSpec("Nhiệm kỳ", "terms", (
        C("Mã tổ chức", "organization", "code", True),
        C("Từ ngày", "start", "date", True),
        C("Đến ngày", "end", "date"),
        C("Tên", "name", guidance="Nhiệm kỳ 2020 - 2025"),
    )),
    SheetSpec("Văn bản", "documents", (
        C("Mã tổ chức", "organization", "code", True),
        C("Loại", "kind", "enum", True, DOCUMENT_KINDS),
        C("Số", "number", "int", True),
        C("Ngày", "date", "date", True, past=True),
        C("Trích yếu", "subject", "text", True, max_length=1000),
        C("Ký hiệu", "symbol", "code"),
        C("Ghi chú", "note", max_length=L),
    )),
    SheetSpec("Học tập", "study_sessions", (
        C("Mã", "code", "code", True),
        C("Tên", "name", "text", True, max_length=500),
        C("Loại", "kind", "enum", True, STUDY_KINDS),
        C("Mã tổ chức", "organization", "code", True),
        C("Ngày", "date", "date", True, past=True),
        C("Số người dự", "attendance", "int", True),
        # Optional, beyond INTERCHANGE.md: the members who attended, when recorded.
        C("Mã đảng viên dự", "attendees", guidance="mã đảng viên, cách nhau bởi ;", max_length=L),
    )),
    SheetSpec("Phân công phụ trách", "assignments", (
        C("Mã đảng viên", "member", "code", True),
        C("Mã tổ chức", "organization", "code", True),
        C("Mã tổ chức phân công", "assigned_by", "code", True),
        C("Từ ngày", "start", "date", True),
        C("Đến ngày", "end", "date"),
    )),
)
SHEETS_BY_KEY = {s.key: s for s in SHEETS}
SHEETS_BY_HEADER = {header_key(s.name): s for s in SHEETS}


def canonical(choices: tuple[tuple[str, str], ...], code: str) -> str:
    """The canonical spelling of an enumerated value, for exports."""
    return next(c for c, v in choices if v == code)
