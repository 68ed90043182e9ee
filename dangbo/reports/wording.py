"""The Vietnamese wording of the report and the article, from the figures alone.

Documents and articles are Vietnamese by design, whatever the interface language, so the
text here is not translated. Zero reads "không có", numbers take dots between thousands.
No Django in here: a function of the figures dict (REPORT.md) and the names.
"""

import dataclasses
import re

from dangbo.lib.vntext import format_number

LEVELS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
_NAME = re.compile(r"^(Đảng bộ|Chi bộ)\s+(?:(" + "|".join(LEVELS) + r")\s+)?(.+)$", re.IGNORECASE)
# The committee of each level: (issuing body prefix, abbreviation, short name).
COMMITTEES = {
    "tỉnh": ("Tỉnh ủy", "TU"),
    "thành phố": ("Thành ủy", "TU"),
    "huyện": ("Huyện ủy", "HU"),
    "quận": ("Quận ủy", "QU"),
    "thị xã": ("Thị ủy", "TU"),
    "xã": ("Đảng ủy xã", "ĐU"),
    "phường": ("Đảng ủy phường", "ĐU"),
    "thị trấn": ("Đảng ủy thị trấn", "ĐU"),
}

# Training programs (REPORT.md keys): what a class is called, and what its learners are.
PROGRAMS = {
    "party_awareness": ("bồi dưỡng nhận thức về Đảng", "quần chúng ưu tú"),
    "new_member": ("bồi dưỡng lý luận chính trị dành cho đảng viên mới", "học viên"),
    "grassroots_committee": ("bồi dưỡng cấp ủy cấp xã", "đồng chí"),
    "basic_theory": ("sơ cấp lý luận chính trị", "học viên"),
    "intermediate_theory": ("trung cấp lý luận chính trị", "học viên"),
    "advanced_theory": ("cao cấp lý luận chính trị", "học viên"),
    "other": ("bồi dưỡng khác", "học viên"),
}
CADRE_KINDS = {
    "transfer": "Điều động",
    "rotation": "Luân chuyển",
    "appointment": "Bổ nhiệm",
    "reappointment": "Bổ nhiệm lại",
    "designation": "Chỉ định",
    "nomination": "Giới thiệu ứng cử",
}
RATING_LEVELS = {
    "excellent": "hoàn thành xuất sắc nhiệm vụ",
    "good": "hoàn thành tốt nhiệm vụ",
    "completed": "hoàn thành nhiệm vụ",
    "not_completed": "không hoàn thành nhiệm vụ",
}
TARGET_STATUSES = {
    "exceeded": "Vượt",
    "met": "Đạt",
    "not_met": "Không đạt",
    "no_data": "Chưa có số liệu",
}


@dataclasses.dataclass(frozen=True)
class Names:
    """How the organization is named in documents and articles.

    full: "Đảng bộ huyện Thanh Hà"; short: "Đảng bộ Thanh Hà" (the seed's title);
    level: "Đảng bộ huyện"; committee: "Huyện ủy"; place: "Thanh Hà".
    """

    full: str
    short: str
    level: str
    committee: str
    place: str
    abbreviation: str

    @property
    def issuing_body(self) -> str:
        return f"{self.committee} {self.place}".upper()


def names_of(full: str) -> Names:
    m = _NAME.match(full.strip())
    if not m:
        return Names(full, full, full, "Đảng ủy", full, "ĐU")
    kind, level, place = m.group(1), (m.group(2) or "").lower(), m.group(3)
    if kind.lower() == "chi bộ":
        return Names(full, full, "Chi bộ", "Chi bộ", place, "CB")
    committee, abbreviation = COMMITTEES.get(level, ("Đảng ủy", "ĐU"))
    return Names(
        full=full,
        short=f"Đảng bộ {place}",
        level=f"Đảng bộ {level}".strip(),
        committee=committee,
        place=place,
        abbreviation=abbreviation,
    )


def superior_body(parent_name: str | None) -> str:
    """ "TỈNH ỦY HẢI DƯƠNG" from "Đảng bộ tỉnh Hải Dương"."""
    if not parent_name:
        return ""
    return names_of(parent_name).issuing_body


def num(value: int) -> str:
    return format_number(value)


def join(items: list[str]) -> str:
    """ "a, b và c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def membership_sentence(f: dict, level: str) -> str:
    """ "Năm 2022, Đảng bộ huyện kết nạp 153 đảng viên mới; đồng thời đưa ra khỏi Đảng 10
    đảng viên, xóa tên trong danh sách đảng viên 10 trường hợp." """
    year = f["year"]
    admitted = (
        f"kết nạp {num(f['admissions'])} đảng viên mới" if f["admissions"] else "không có đảng viên mới được kết nạp"
    )
    removed = (
        f"đưa ra khỏi Đảng {num(f['removed_from_party'])} đảng viên"
        if f["removed_from_party"]
        else "không có đảng viên bị đưa ra khỏi Đảng"
    )
    deleted = (
        f"xóa tên trong danh sách đảng viên {num(f['name_deletions'])} trường hợp"
        if f["name_deletions"]
        else "không có trường hợp xóa tên trong danh sách đảng viên"
    )
    if f["admissions"]:
        return f"Năm {year}, {level} {admitted}; đồng thời {removed}, {deleted}."
    return f"Năm {year}, {level} {admitted}; {removed}, {deleted}."


def headcount_sentence(f: dict, level: str) -> str:
    m = f["members"]
    if not m["at_year_end"]:
        return f"Đến ngày 31/12/{f['year']}, {level} không có đảng viên."
    return (
        f"Đến ngày 31/12/{f['year']}, toàn {level} có {num(m['at_year_end'])} đảng viên, trong đó "
        f"{num(m['official'])} đảng viên chính thức, {num(m['probationary'])} đảng viên dự bị."
    )


def movement_sentence(f: dict) -> str:
    parts = []
    parts.append(
        f"công nhận đảng viên chính thức cho {num(f['recognized_official'])} đồng chí"
        if f["recognized_official"]
        else "không có trường hợp công nhận đảng viên chính thức"
    )
    parts.append(f"{num(f['deaths'])} đảng viên từ trần" if f["deaths"] else "không có đảng viên từ trần")
    parts.append(
        f"chuyển đến {num(f['transfers_in'])} đảng viên" if f["transfers_in"] else "không có đảng viên chuyển đến"
    )
    parts.append(
        f"chuyển đi {num(f['transfers_out'])} đảng viên" if f["transfers_out"] else "không có đảng viên chuyển đi"
    )
    return _capital("Trong năm, " + ", ".join(parts) + ".")


def cadre_clause(f: dict, committee: str) -> str:
    """ "Thực hiện quy trình điều động, luân chuyển, bổ nhiệm, chỉ định, giới thiệu ứng cử
    các chức danh diện Ban Thường vụ Huyện ủy quản lý cho 87 đồng chí" (no full stop)."""
    c = f["cadre_decisions"]
    by_kind = c["by_kind"]
    kinds = []
    for keys, word in (
        (("transfer",), "điều động"),
        (("rotation",), "luân chuyển"),
        (("appointment", "reappointment"), "bổ nhiệm"),
        (("designation",), "chỉ định"),
        (("nomination",), "giới thiệu ứng cử"),
    ):
        if any(by_kind.get(k) for k in keys):
            kinds.append(word)
    if not c["people"]:
        return f"Trong năm, không có quyết định về cán bộ diện Ban Thường vụ {committee} quản lý"
    managed = f"các chức danh diện Ban Thường vụ {committee} quản lý"
    return f"Thực hiện quy trình {', '.join(kinds)} {managed} cho {num(c['people'])} đồng chí"


def training_clause(f: dict) -> str:
    """ "mở 2 lớp bồi dưỡng cấp ủy cấp xã cho 288 đồng chí, 1 lớp trung cấp lý luận chính
    trị cho 59 học viên" (no full stop)."""
    items = []
    for key, (name, learners) in PROGRAMS.items():
        t = f["training"].get(key)
        if t and t["classes"]:
            items.append(f"{num(t['classes'])} lớp {name} cho {num(t['learners'])} {learners}")
    if not items:
        return "không mở lớp đào tạo, bồi dưỡng nào"
    return "mở " + ", ".join(items)


def grassroots_ratings_sentence(f: dict) -> str | None:
    """ "Qua đánh giá, xếp loại, có 8 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, …,
    không có tổ chức cơ sở đảng không hoàn thành nhiệm vụ." None when nothing was rated."""
    g = f["grassroots_ratings"]
    if not any(g[k] for k in RATING_LEVELS):
        return None
    items = []
    for key, words in RATING_LEVELS.items():
        items.append(f"{num(g[key])} tổ chức cơ sở đảng {words}" if g[key] else f"không có tổ chức cơ sở đảng {words}")
    if g["excellent"]:
        items[0] = "có " + items[0]
    text = "Qua đánh giá, xếp loại, " + ", ".join(items)
    if g.get("not_rated"):
        text += f"; {num(g['not_rated'])} tổ chức cơ sở đảng chưa được xếp loại"
    return text + "."


def member_ratings_sentence(f: dict) -> str | None:
    m = f["member_ratings"]
    if not any(m[k] for k in RATING_LEVELS):
        return None
    items = [f"{num(m[k])} đảng viên {w}" if m[k] else f"không có đảng viên {w}" for k, w in RATING_LEVELS.items()]
    text = "Về đảng viên, " + ("có " if m["excellent"] else "") + ", ".join(items)
    if m.get("not_rated"):
        text += f"; {num(m['not_rated'])} đảng viên không xếp loại hoặc chưa được xếp loại"
    return text + "."


def targets_clause(f: dict) -> str | None:
    """ "với 21 trong tổng số 22 chỉ tiêu về kinh tế - xã hội đạt và vượt" (no full stop)."""
    t = f["targets"]
    if not t["total"]:
        return None
    if t["met_or_exceeded"] == t["total"]:
        return f"với toàn bộ {num(t['total'])} chỉ tiêu về kinh tế - xã hội đạt và vượt"
    if not t["met_or_exceeded"]:
        return f"song chưa có chỉ tiêu nào trong tổng số {num(t['total'])} chỉ tiêu về kinh tế - xã hội đạt kế hoạch"
    return f"với {num(t['met_or_exceeded'])} trong tổng số {num(t['total'])} chỉ tiêu về kinh tế - xã hội đạt và vượt"
