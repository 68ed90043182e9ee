"""Questions asked of the register. "On day D" means at the end of D."""

import dataclasses
import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window
from django.utils.translation import gettext as _

from dangbo.core.db import by_key
from dangbo.lib.vntext import add_working_days, check_citizen_id, fold, sort_key
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import members_subtree, subtree_ids

from .lifecycle import EXITS, add_months, full_years
from .models import Member, MembershipEvent, MembershipSpan


def members_on(org: Organization, day: dt.date) -> QuerySet[MembershipSpan]:
    """Spans of the members in `org`'s subtree on `day` (exempted members included)."""
    return _spans_on(day, members_subtree(org, day))


def _spans_on(day: dt.date, subtree: QuerySet | None) -> QuerySet[MembershipSpan]:
    spans = MembershipSpan.objects.filter(valid_from__lte=day, valid_to__gte=day)
    # None: all of them. Every member belongs to an organization that exists that day
    # (the tree's checks see to it), and asking which costs a third of a search of a
    # province's register.
    return spans if subtree is None else spans.filter(organization_id__in=subtree)


def headcount(org: Organization, day: dt.date) -> dict:
    """Đảng số of `org`'s subtree at the end of `day`: total, official, probationary."""
    return members_on(org, day).aggregate(
        total=Count("pk"),
        official=Count("pk", filter=Q(status=MembershipSpan.Status.OFFICIAL)),
        probationary=Count("pk", filter=Q(status=MembershipSpan.Status.PROBATIONARY)),
    )


def headcount_panel(request, org: Organization, day: dt.date) -> dict:
    return {"day": day, **headcount(org, day)}


def span_on(member: Member, day: dt.date) -> MembershipSpan | None:
    return MembershipSpan.objects.filter(
        member=member, valid_from__lte=day, valid_to__gte=day
    ).first()


def status_on(member: Member, day: dt.date) -> str:
    """A `Member.Status` value: the member's status at the end of `day`."""
    span = span_on(member, day)
    if span is not None:
        return span.status
    last_exit = (
        MembershipEvent.objects.filter(
            member=member, voided_at__isnull=True, date__lte=day, kind__in=list(EXITS)
        )
        .order_by("-date")
        .first()
    )
    return EXITS[last_exit.kind] if last_exit else Member.Status.NOT_MEMBER


def party_age(member: Member, day: dt.date) -> int | None:
    """Full years from the admission date (RULES.md: Party age counts from admission)."""
    if member.admitted_on is None or member.admitted_on > day:
        return None
    return full_years(member.admitted_on, day)


# -- The register ------------------------------------------------------------------------

BADGE_YEARS = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)  # HD 01-HD/TW 2021 §18


@dataclasses.dataclass
class RegisterFilter:
    """What the member list is asked for; every field optional but the place and day."""

    organization: Organization
    day: dt.date
    query: str = ""
    status: str = ""  # PROBATIONARY, OFFICIAL, EXEMPTED
    sex: str = ""
    ethnicity: str = ""
    theory_level: str = ""
    age_min: int | None = None
    age_max: int | None = None
    party_age_min: int | None = None
    party_age_max: int | None = None


def _conditions(f: RegisterFilter) -> tuple[Q, Q]:
    """What `f` asks of the member (a `Member` filter) and of the span on the day (a
    `MembershipSpan` filter), beside the place and the day. The search term is in
    neither: `_term`."""
    member, span = Q(), Q()
    if f.status == "EXEMPTED":
        span &= Q(exempted=True)
    elif f.status:
        span &= Q(status=f.status)
    if f.sex:
        member &= Q(sex=f.sex)
    if f.ethnicity:
        member &= Q(ethnicity=f.ethnicity)
    if f.theory_level == "NONE":
        member &= Q(theory_level="")
    elif f.theory_level:
        member &= Q(theory_level=f.theory_level)
    # Age by birth year: the bare year is all some records have.
    if f.age_min is not None:
        member &= Q(birth_year__lte=f.day.year - f.age_min)
    if f.age_max is not None:
        member &= Q(birth_year__gte=f.day.year - f.age_max)
    if f.party_age_min is not None:
        member &= Q(admitted_on__lte=_years_before(f.day, f.party_age_min))
    if f.party_age_max is not None:
        member &= Q(admitted_on__gt=_years_before(f.day, f.party_age_max + 1))
    return member, span


def _term(f: RegisterFilter) -> Q:
    """The search term, on the code and name a member and each of its spans both hold.
    Names hold no digits and codes always do: a term with a digit is a code prefix; any
    other a part of the name."""
    term = f.query.strip()
    if not term:
        return Q()
    if any(ch.isdigit() for ch in term):
        return Q(code__istartswith=term)
    return Q(name_fold__contains=fold(term))


def _matching_spans(f: RegisterFilter, member: Q, span: Q) -> tuple[QuerySet, QuerySet, bool]:
    """The spans on the day in the subtree that meet `span`, those of them whose member
    meets `member` and the term (unordered), and whether the subtree is the whole tree.

    In a subtree the term is read on the spans, which hold the code and name (a
    province's 40,000 members' rows are not read). For the whole tree the term chooses
    the members first, from their name index, and their spans then: SQLite would read
    every span for it. The other member filters choose the members first, too."""
    subtree = members_subtree(f.organization, f.day)
    whole = subtree is None
    on_day = _spans_on(f.day, subtree).filter(span)
    term = _term(f)
    if whole:
        member &= term
    else:
        on_day = on_day.filter(term)
    spans = on_day.filter(member_id__in=Member.objects.filter(member).values("pk")) if member else on_day
    return on_day, spans, whole


NAME_ORDER = (by_key("sort_key"), by_key("code"))  # the span's copy of its member's


def register(f: RegisterFilter) -> QuerySet[MembershipSpan]:
    """The members of a subtree on a day, filtered, in Vietnamese name order."""
    return _matching_spans(f, *_conditions(f))[1].order_by(*NAME_ORDER)


COUNTS = {
    "total": Q(),
    "official": Q(status=MembershipSpan.Status.OFFICIAL),
    "probationary": Q(status=MembershipSpan.Status.PROBATIONARY),
    "exempted": Q(exempted=True),
}

# Up to this many matches, a page is cut from all of them, read in one query.
SORTED_HERE = 1000


@dataclasses.dataclass
class RegisterPage:
    spans: list[MembershipSpan]  # with member and organization
    counts: dict  # COUNTS over every match
    number: int  # the page asked for, or the last one when past the end


def _windows() -> dict:
    return {
        f"n_{name}": Window(Count("pk", filter=condition) if condition else Count("pk"))
        for name, condition in COUNTS.items()
    }


def register_page(f: RegisterFilter, number: int, size: int) -> RegisterPage:
    """Page `number` (from 1) of `register(f)`, and the counts of the whole list.

    In a subtree, one query: the matching spans, which hold their members' sort keys,
    sorted by the database, with the counts of all matches beside each (window
    aggregates). For the tree's only root, one query reads up to `SORTED_HERE` matches,
    unordered, with the counts; when that is all of them (a name), they are sorted here;
    when there are more (a common name, or no name at all), the page comes from walking
    the members' name index and keeping those with a span that matches, which stops
    after the page instead of sorting every match (at 100,000 members "pham" matches
    one in thirteen: 7 ms instead of 58 ms on SQLite).
    """
    member, span = _conditions(f)
    on_day, spans, whole = _matching_spans(f, member, span)
    if not whole:
        return _sorted_page(spans, number, size)
    windows = _windows()
    rows = list(spans.annotate(**windows).values_list("pk", "sort_key", "code", *windows)[:SORTED_HERE])
    counts = dict(zip(COUNTS, rows[0][3:], strict=True)) if rows else dict.fromkeys(COUNTS, 0)
    number = _last_page_if_past(number, counts["total"], size)
    offset = (number - 1) * size
    if counts["total"] <= SORTED_HERE:
        rows.sort(key=lambda row: (row[1], row[2]))
        ids = [row[0] for row in rows[offset : offset + size]]
        by_id = _load(MembershipSpan.objects.filter(pk__in=ids)).in_bulk()
        return RegisterPage([by_id[pk] for pk in ids], counts, number)
    member_ids = list(
        Member.objects.filter(member, _term(f), Exists(on_day.filter(member=OuterRef("pk"))))
        .order_by(by_key("sort_key"), by_key("code"))
        .values_list("pk", flat=True)[offset : offset + size]
    )
    # A member has one span on a day. Read by member: with the subtree's ids, SQLite
    # reads every span of the subtree.
    page = MembershipSpan.objects.filter(span, member_id__in=member_ids, valid_from__lte=f.day, valid_to__gte=f.day)
    by_member = {s.member_id: s for s in _load(page)}
    return RegisterPage([by_member[pk] for pk in member_ids], counts, number)


def _sorted_page(spans: QuerySet[MembershipSpan], number: int, size: int) -> RegisterPage:
    """A page of a subtree's matching spans and their counts, in one query (a province of
    40,000 members: its spans are read once, from PostgreSQL's index alone); past the
    end, the last page, in two."""
    windows = _windows()
    counted = spans.annotate(**windows)
    rows = list(counted.order_by(*NAME_ORDER).values_list("pk", *windows)[(number - 1) * size : number * size])
    if not rows and number > 1:
        # The last page is the end of the last `size` matches, which say how many there are.
        tail = list(counted.order_by(*[o.copy().reverse_ordering() for o in NAME_ORDER])
                    .values_list("pk", *windows)[:size])
        total = tail[0][1] if tail else 0
        number = _last_page_if_past(number, total, size)
        rows = tail[: total - (number - 1) * size][::-1]
    counts = dict(zip(COUNTS, rows[0][1:], strict=True)) if rows else dict.fromkeys(COUNTS, 0)
    by_id = _load(MembershipSpan.objects.filter(pk__in=[row[0] for row in rows])).in_bulk()
    return RegisterPage([by_id[row[0]] for row in rows], counts, number)


def _last_page_if_past(number: int, total: int, size: int) -> int:
    return max(1, min(number, -(-total // size)))


def _load(spans: QuerySet[MembershipSpan]) -> QuerySet[MembershipSpan]:
    """The spans with what a line of the member list shows."""
    return spans.select_related("member", "organization").only(
        "status", "exempted", "member__code", "member__full_name", "member__birth_date",
        "member__birth_year", "member__sex", "member__admitted_on", "organization__name",
    )


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29/02
        return day.replace(year=day.year - years, day=28)


# -- Worklists (PRODUCT.md: "worklists that tell staff what is due") ---------------------


def due_for_recognition(org: Organization, today: dt.date, *, within_days: int = 30) -> list[dict]:
    """Probationary members whose 12 months end within `within_days`, or have ended."""
    rows = []
    for span in members_on(org, today).filter(status=MembershipSpan.Status.PROBATIONARY).select_related(
        "member", "organization"
    ).order_by("member__admitted_on"):
        due = add_months(span.member.admitted_on, 12)
        if due <= today + dt.timedelta(days=within_days):
            rows.append({"span": span, "member": span.member, "due": due, "overdue": due < today})
    return rows


# HD 01-HD/TW 2021 §18: how many months early a seriously ill member may receive a badge.
EARLY_MONTHS_IF_SERIOUSLY_ILL = {n: 12 if n <= 65 else 24 for n in BADGE_YEARS}


def badges_due(org: Organization, year: int) -> list[dict]:
    """Members whose Party age reaches a badge milestone in `year`, and seriously ill
    members who may receive a later badge early in `year` (HD 01-HD/TW 2021 §18: up to
    12 months early for the 30–65 year badges, 24 months for the 70–90 year badges).

    Each row: member, span, years, `on` (the anniversary), `early` (the row is there for
    the illness) and `from` (the first day the badge may be given: the anniversary, or
    for the seriously ill the later of the start of the early window and the illness).
    Ordered by that day. One query.
    """
    end = dt.date(year, 12, 31)
    regular = [year - n for n in BADGE_YEARS]
    # a badge of next year (or of the year after, for 70–90 years) may come early
    early = {year + 1 - n for n in BADGE_YEARS} | {year + 2 - n for n in BADGE_YEARS if n >= 70}
    spans = members_on(org, dt.date(year, 1, 1)).filter(
        Q(member__admitted_on__year__in=regular)
        | Q(member__admitted_on__year__in=sorted(early), member__seriously_ill_since__lte=end)
    ).select_related("member", "organization")
    rows = []
    for s in spans:
        admitted, ill = s.member.admitted_on, s.member.seriously_ill_since
        years = year - admitted.year
        if years in EARLY_MONTHS_IF_SERIOUSLY_ILL:
            on = _anniversary(admitted, year)
            rows.append({"member": s.member, "span": s, "years": years, "on": on, "from": on, "early": False})
            continue
        # The next milestone after this year, if its early window opens by the end of it.
        years = next((n for n in BADGE_YEARS if n > years), None)
        if years is None or ill is None:
            continue
        on = _anniversary(admitted, admitted.year + years)
        start = max(add_months(on, -EARLY_MONTHS_IF_SERIOUSLY_ILL[years]), ill)
        if start <= end:
            rows.append({"member": s.member, "span": s, "years": years, "on": on, "from": start, "early": True})
    return sorted(rows, key=lambda r: (r["from"], r["member"].sort_key))


def _anniversary(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:
        return dt.date(year, 3, 1)


def suspected_duplicates(org: Organization, day: dt.date) -> list[list[Member]]:
    """Groups of members in the subtree with the same citizen ID, or the same name
    (match_key) and birth date or year. The keys are read as plain values (a city's
    register is thousands of members) and only the members of a group are loaded."""
    keys = Member.objects.filter(pk__in=members_on(org, day).values("member_id")).values_list(
        "pk", "citizen_id", "name_key", "birth_date", "birth_year"
    )
    groups: dict[tuple, list[int]] = {}
    for pk, citizen_id, name_key, birth_date, birth_year in keys:
        if citizen_id:
            groups.setdefault(("id", citizen_id), []).append(pk)
        groups.setdefault(("name", name_key, birth_date or birth_year), []).append(pk)
    seen: set[frozenset[int]] = set()
    found = []
    for group in groups.values():
        key = frozenset(group)
        if len(group) > 1 and key not in seen:
            seen.add(key)
            found.append(group)
    members = Member.objects.in_bulk([pk for group in found for pk in group])
    return [sorted((members[pk] for pk in group), key=lambda m: m.code) for group in found]


@dataclasses.dataclass
class CitizenIdProblems:
    count: int  # members with a missing or implausible citizen ID
    rows: list[dict]  # the first of them in name order: member, span, problems


def citizen_id_problems(org: Organization, day: dt.date, *, limit: int | None = None) -> CitizenIdProblems:
    """Members with no citizen ID, or one that does not fit their sex and birth year:
    how many, and the first `limit` of them (all when None) in name order. Checked on
    plain values; only the rows shown are loaded (a province whose register came without
    ID numbers has 40,000 to count and 200 to show)."""
    spans = members_on(org, day)
    problems = {}
    keys = {}
    missing = [_("No citizen ID number.")]
    for member_id, name_key, citizen_id, sex, birth_date, birth_year in spans.values_list(
        "member_id", "sort_key", "member__citizen_id", "member__sex", "member__birth_date", "member__birth_year"
    ):
        found = check_citizen_id(citizen_id, sex, birth_date or birth_year) if citizen_id else missing
        if found:
            problems[member_id] = found
            keys[member_id] = name_key
    shown = sorted(problems, key=lambda pk: (keys[pk], pk))[:limit]
    by_member = {span.member_id: span for span in spans.filter(member_id__in=shown).select_related(
        "member", "organization")} if shown else {}
    return CitizenIdProblems(len(problems), [
        {"member": by_member[pk].member, "span": by_member[pk], "problems": problems[pk]} for pk in shown
    ])


def recent_transfers_out(org: Organization, today: dt.date, *, working_days: int = 60) -> list[MembershipEvent]:
    """Transfers out of the subtree still inside the 60 working days that QĐ 294 allows
    for completing an official transfer."""
    since = today - dt.timedelta(days=working_days * 7 // 5 + 20)
    events = (
        MembershipEvent.objects.filter(
            kind=MembershipEvent.Kind.TRANSFERRED_OUT, voided_at__isnull=True, date__gte=since, date__lte=today,
            origin_id__in=subtree_ids(org, today),
        )
        .select_related("member", "origin")
        .order_by("-date")
    )
    return [e for e in events if add_working_days(e.date, working_days) >= today]


def quality_by_organization(org: Organization, day: dt.date) -> list[dict]:
    """The "đúng – đủ – sạch – sống" counts per organization of the subtree, counted on
    plain values (one row per member, no model instances)."""
    stats: dict[int, dict] = {}
    duplicates = {m.pk for group in suspected_duplicates(org, day) for m in group}
    values = members_on(org, day).values_list(
        "organization_id", "member_id", "member__citizen_id", "member__sex", "member__birth_date",
        "member__birth_year", "member__card_number",
    )
    for org_id, member_id, citizen_id, sex, birth_date, birth_year, card_number in values:
        row = stats.setdefault(org_id, {
            "members": 0, "no_citizen_id": 0, "bad_citizen_id": 0, "no_card": 0, "year_only": 0, "duplicates": 0,
        })
        row["members"] += 1
        if not citizen_id:
            row["no_citizen_id"] += 1
        elif check_citizen_id(citizen_id, sex, birth_date or birth_year):
            row["bad_citizen_id"] += 1
        row["no_card"] += not card_number
        row["year_only"] += birth_date is None
        row["duplicates"] += member_id in duplicates
    organizations = Organization.objects.in_bulk(list(stats))
    rows = [{"organization": organizations[org_id], **counts} for org_id, counts in stats.items()]
    return sorted(rows, key=lambda r: sort_key(r["organization"].name))


# -- The register of members (Mẫu 7-HSĐV) -------------------------------------------------

EXIT_KINDS = (MembershipEvent.Kind.EXPELLED, MembershipEvent.Kind.LEFT, MembershipEvent.Kind.NAME_DELETED)


class RegisterBook:
    """The register of members (Mẫu 7-HSĐV) of `org`: everyone who ever belonged to it
    (or to an organization under it), in name order, with the dates the register asks
    for. `members` is a queryset to page through; `rows(members)` reads the events of
    those members only (one query)."""

    def __init__(self, org: Organization):
        from dangbo.organizations.models import OrgSpan
        from dangbo.organizations.selectors import ever_under_q

        self.org = org
        self.org_ids = set(OrgSpan.objects.filter(ever_under_q(org)).values_list("organization_id", flat=True))
        self.org_ids.add(org.pk)
        member_ids = MembershipSpan.objects.filter(organization_id__in=self.org_ids).values("member_id")
        self.members = Member.objects.filter(pk__in=member_ids).order_by(by_key("sort_key"), "code")

    def rows(self, members) -> list[dict]:
        members = list(members)
        events: dict[int, list[MembershipEvent]] = {}
        for e in MembershipEvent.objects.filter(member__in=members, voided_at__isnull=True).order_by("date", "pk"):
            events.setdefault(e.member_id, []).append(e)
        return [self._row(m, events.get(m.pk, [])) for m in members]

    def all_rows(self, chunk: int = 2000):
        """Every row, `chunk` members at a time (for the Excel file)."""
        ids = list(self.members.values_list("pk", flat=True))
        for start in range(0, len(ids), chunk):
            part = Member.objects.in_bulk(ids[start:start + chunk])
            yield from self.rows(part[pk] for pk in ids[start:start + chunk])

    def _row(self, m: Member, events: list[MembershipEvent]) -> dict:
        Kind = MembershipEvent.Kind
        row: dict = {"member": m, "transferred_in": None, "transferred_out": None, "died": None, "left": None}
        for e in events:
            inside, came_from_inside = e.organization_id in self.org_ids, e.origin_id in self.org_ids
            if e.kind in (Kind.TRANSFERRED_IN, Kind.TRANSFERRED_INTERNAL) and inside and not came_from_inside:
                row["transferred_in"] = e.date
            elif came_from_inside and (
                e.kind == Kind.TRANSFERRED_OUT or (e.kind == Kind.TRANSFERRED_INTERNAL and not inside)
            ):
                row["transferred_out"] = e.date
            elif e.kind == Kind.DIED and came_from_inside:
                row["died"] = e.date
            elif e.kind in EXIT_KINDS and came_from_inside:
                row["left"] = (e.date, e.get_kind_display())
        return row


def labels_of(choices) -> dict[str, str]:
    """A TextChoices' labels in the active language, looked up once for a whole file."""
    return {value: str(label) for value, label in choices.choices}


def register_book_sheet(workbook, book: RegisterBook, *, religion: bool = True) -> None:
    """The register as a sheet of a write-only workbook (core.xlsx); the religion column
    left empty for a role that may not see it (accounts.access.SENSITIVE)."""
    from dangbo.core import xlsx

    ws = workbook.create_sheet(_("Register of members")[:31])
    xlsx.append(ws, [_("Register of Party members (form 7-HSĐV)") + " — " + book.org.name], header=True)
    xlsx.append(ws, [
        _("No."), _("Full name"), _("Sex"), _("Ethnicity"), _("Religion"), _("Home town"),
        _("General education"), _("Political theory"), _("Profession"), _("Foreign language"), _("Occupation"),
        _("Admitted on"), _("Official since"), _("Party card number"), _("Life-history number"),
        _("Army, police or retired"), _("Transferred out"), _("Transferred in"), _("Died"),
        _("Left the Party (date, form)"), _("Note"),
    ], header=True)
    # The choices' labels once, not a translation lookup per row (a third of the time).
    sex, theory, armed = (labels_of(Member.Sex), labels_of(Member.TheoryLevel), labels_of(Member.ArmedForces))
    for n, r in enumerate(book.all_rows(), start=1):
        m = r["member"]
        left = f"{r['left'][0]:%d/%m/%Y}, {r['left'][1]}" if r["left"] else None
        xlsx.append(ws, [
            n, m.full_name, sex.get(m.sex, ""), m.ethnicity, m.religion if religion else None, m.home_town,
            m.general_education, theory.get(m.theory_level, ""), m.profession, m.foreign_language, m.occupation,
            m.admitted_on, m.official_on, m.card_number, m.code, armed.get(m.armed_forces, ""),
            r["transferred_out"], r["transferred_in"], r["died"], left, None,
        ])


def access_log(*, who: str = "", member: str = "", since=None, until=None):
    """(dossier views, exports of personal data), newest first, filtered; for the
    administrators' review page. Exports are not per member: the member filter leaves
    them out."""
    from django.utils import timezone

    from dangbo.core.models import PersonalDataExport

    from .models import DossierView

    views = DossierView.objects.select_related("member", "viewed_by").order_by("-viewed_at", "-pk")
    exports = PersonalDataExport.objects.select_related("exported_by", "organization").order_by("-exported_at", "-pk")
    if who:
        views = views.filter(viewed_by__username=who)
        exports = exports.filter(exported_by__username=who)
    if member:
        views = views.filter(member__code=member)
        exports = exports.none()
    if since:
        start = timezone.make_aware(dt.datetime.combine(since, dt.time()))
        views, exports = views.filter(viewed_at__gte=start), exports.filter(exported_at__gte=start)
    if until:
        end = timezone.make_aware(dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
        views, exports = views.filter(viewed_at__lt=end), exports.filter(exported_at__lt=end)
    return views, exports
