"""Every change to the register of members goes through one of these functions."""

import copy
import dataclasses
import datetime as dt
import uuid
from collections import defaultdict

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core import attachments as files
from dangbo.core.bulk import build, bulk_create_with_history, bulk_update_with_history, insert_rows
from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.core.versions import check_unchanged
from dangbo.lib.vntext import fold, match_key, name_sort_key, normalize, short_date, split_name
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.tallies import services as tallies
from dangbo.tallies.scopes import Scopes

from . import lifecycle, photos
from .models import EventAttachment, Member, MembershipEvent, MembershipSpan

PROFILE_FIELDS = (
    "ethnicity",
    "religion",
    "home_town",
    "residence",
    "occupation",
    "profession",
    "citizen_id",
    "card_number",
    "general_education",
    "theory_level",
    "birth_name",
    "aliases",
    "place_of_birth",
    "academic_title",
    "foreign_language",
    "armed_forces",
)
NAME_FIELDS = ("full_name", "family_name", "middle_name", "given_name")
# The events by which a person enters the register from the member screen.
ENTRY_KINDS = (MembershipEvent.Kind.ADMITTED, MembershipEvent.Kind.TRANSFERRED_IN, MembershipEvent.Kind.OPENING)


def _clean(text) -> str:
    return " ".join(normalize(text or "").split())


def _apply_fields(
    member: Member, *, full_name, family_name, middle_name, given_name, birth, sex, **profile
) -> None:
    full_name = _clean(full_name)
    parts = (_clean(family_name), _clean(middle_name), _clean(given_name))
    if not parts[2]:
        if not full_name:
            raise DomainError(_("The full name is required."), field="full_name")
        parts = split_name(full_name)
    if not full_name:
        full_name = " ".join(p for p in parts if p)
    member.full_name = full_name
    member.family_name, member.middle_name, member.given_name = parts
    if isinstance(birth, dt.date):
        member.birth_date, member.birth_year = birth, birth.year
    elif isinstance(birth, int):
        member.birth_date, member.birth_year = None, birth
    else:
        raise DomainError(_("The date or year of birth is required."), field="birth")
    if sex not in Member.Sex.values:
        raise DomainError(_("The sex must be male or female."), field="sex")
    member.sex = sex
    for name in PROFILE_FIELDS:
        if name in profile:  # absent: kept as it is (an import without that column)
            setattr(member, name, _clean(profile[name]))
    if member.citizen_id and not (member.citizen_id.isdigit() and len(member.citizen_id) == 12):
        raise DomainError(_("The citizen ID number has 12 digits."), field="citizen_id")
    if member.card_number and not (member.card_number.isdigit() and len(member.card_number) == 8):
        raise DomainError(_("The Party card number has 8 digits."), field="card_number")
    if member.theory_level and member.theory_level not in Member.TheoryLevel.values:
        raise DomainError(_("Unknown level of political theory."), field="theory_level")
    if member.armed_forces and member.armed_forces not in Member.ArmedForces.values:
        raise DomainError(_("Unknown value for army, police or retired."), field="armed_forces")
    member.name_fold = fold(full_name)
    member.name_key = match_key(full_name)
    member.sort_key = name_sort_key(*parts)


def _snapshot(member: Member) -> tuple:
    fields = NAME_FIELDS + ("birth_date", "birth_year", "sex") + PROFILE_FIELDS
    return tuple(getattr(member, f) for f in fields)


def check_member(*, code: str, birth: dt.date | int | None, sex: str, **fields) -> Member:
    """The member a dossier describes, checked and unsaved: it enters the register with
    `record_events` (imports check their rows with it before anything is written).
    `birth` is the date of birth, or the bare year when only the year is known."""
    code = (code or "").strip()
    if not code or len(code) > 32:
        raise DomainError(_("The member code is required, at most 32 characters."), field="code")
    member = build(Member, code=code)
    _apply_fields(member, birth=birth, sex=sex, **{"full_name": "", "family_name": "",
                  "middle_name": "", "given_name": "", **fields})
    return member


def would_change(member: Member, fields: dict) -> bool:
    """Would `update_members` change `member` with `fields`? Raises DomainError as it
    would; changes nothing (imports check their rows with it)."""
    copy_ = copy.copy(member)
    _apply_fields(copy_, **{"full_name": "", "family_name": "", "middle_name": "", "given_name": "", **fields})
    return _snapshot(copy_) != _snapshot(member)


def update_members(*, changes: list[tuple[Member, dict]], by=None) -> list[Member]:
    """Replace the personal data of members: (member, the fields of `check_member` but the
    code) each; returns the members that changed. The birth date bears on the admission
    rule, so each changed member's events are replayed to check it still holds."""
    changed = []
    with transaction.atomic():
        for member, fields in changes:
            before = _snapshot(member)
            fields = {"full_name": "", "family_name": "", "middle_name": "", "given_name": "", **fields}
            _apply_fields(member, **fields)
            if _snapshot(member) != before:
                changed.append(member)
        events = _live_events_of([m.pk for m in changed])
        for member in changed:
            lifecycle.replay(member, events[member.pk], _existence(events[member.pk]))
            stamp_history(member, by)
            member.save()
            MembershipSpan.objects.filter(member=member).update(**lifecycle.register_line(member))
    return changed


def live_events(member: Member):
    return MembershipEvent.objects.filter(member=member, voided_at__isnull=True).select_related(
        "organization"
    )


def _live_events_of(member_ids: list[int]) -> dict[int, list[MembershipEvent]]:
    events: dict[int, list[MembershipEvent]] = defaultdict(list)
    for start in range(0, len(member_ids), 5000):
        chunk = member_ids[start : start + 5000]
        for event in MembershipEvent.objects.filter(member_id__in=chunk, voided_at__isnull=True).select_related(
            "organization"
        ):
            events[event.member_id].append(event)
    return events


def _existence(events, scopes: Scopes | None = None) -> lifecycle.OrgExists:
    """Whether an organization exists on a day, for the organizations `events` name: one
    query, not one per event. Their spans are read into `scopes`, which the report
    tallies then use as they are."""
    scopes = scopes or Scopes()
    scopes.load({e.organization_id for e in events if e.organization_id})
    return lambda org, day: scopes.exists(org.pk, day)


@dataclasses.dataclass
class NewEvent:
    """A membership event to record. `member` is saved, or new (from `check_member`) and
    entering the register with this event. `attachments`: uploaded files kept with it."""

    member: Member
    kind: str
    date: dt.date
    organization: Organization | None = None
    status: str = ""
    admitted_on: dt.date | None = None
    official_on: dt.date | None = None
    decision_number: str = ""
    reason: str = ""
    note: str = ""
    admission_override: str = ""
    attachments: tuple = ()


def record_events(*, items: list[NewEvent], new_members: list[Member] = (), by=None) -> list[MembershipEvent]:
    """Record membership events and keep the projection in step, in one transaction: the
    one way events enter the register, for the screens (a list of one) and imports (a
    chunk of thousands of members, written in bulk).

    Each member's events, saved and new, are replayed in date order (`lifecycle`); the
    first impossible one refuses the whole change (DomainError with the event as `obj`).
    `new_members` (from `check_member`, unsaved) are created here with the projection
    their events give: a person enters the register with the first event, or, without
    one, as a dossier only. Attachments are checked before anything is written.
    """
    checked = []
    for item in items:
        if item.kind not in MembershipEvent.Kind.values:
            raise DomainError(_("Unknown kind of event."), field="kind")
        checked.append([(f, files.check_upload(f, field="attachments")) for f in item.attachments])
    with transaction.atomic():
        new_members = list(new_members)
        if new_members:
            taken = set(Member.objects.filter(code__in=[m.code for m in new_members]).values_list("code", flat=True))
            if taken:
                raise DomainError(
                    _("A member with this code already exists: %(codes)s.") % {"codes": ", ".join(sorted(taken))},
                    field="code",
                )
        new_ids = {id(m) for m in new_members}
        # Saved members locked and read afresh: the projection is written from them.
        saved_ids = {item.member.pk for item in items if id(item.member) not in new_ids}
        fresh = ({m.pk: m for m in Member.objects.select_for_update().filter(pk__in=saved_ids).order_by("pk")}
                 if saved_ids else {})
        events = _live_events_of(list(fresh))
        added: list[MembershipEvent] = []
        by_member: dict[int, tuple[Member, list]] = {}
        for item in items:
            member = item.member if id(item.member) in new_ids else fresh[item.member.pk]
            _member, member_events = by_member.setdefault(id(member), (member, list(events.get(member.pk, []))))
            if any(e.kind == item.kind and e.date == item.date for e in member_events):
                raise DomainError(
                    _("This event is already recorded for %(member)s on %(date)s.")
                    % {"member": member.code, "date": short_date(item.date)},
                    field="kind",
                )
            event = build(
                MembershipEvent,
                member=member,
                kind=item.kind,
                date=item.date,
                organization=item.organization,
                status=item.status or "",
                admitted_on=item.admitted_on,
                official_on=item.official_on,
                decision_number=_clean(item.decision_number),
                reason=normalize(item.reason or "").strip(),
                note=normalize(item.note or "").strip(),
                admission_override=normalize(item.admission_override or "").strip(),
                created_by=by if getattr(by, "pk", None) else None,
            )
            member_events.append(event)
            added.append(event)
        scopes = Scopes()
        exists = _existence([e for _m, member_events in by_member.values() for e in member_events], scopes)
        replays = [
            (member, member_events, lifecycle.replay(member, member_events, exists))
            for member, member_events in by_member.values()
        ]
        for member in new_members:
            if id(member) not in by_member:
                replays.append((member, [], lifecycle.replay(member, [], exists)))
        # The report tallies follow (`tallies.services`): saved members around the
        # writes, new ones once written.
        # What the members' events counted before is read already.
        before = [(e.kind, e.date, e.organization_id, e.origin_id) for m in fresh for e in events.get(m, [])]
        with tallies.members_changing([m.pk for m in fresh.values()], changes=("events", "spans"), scopes=scopes,
                                      known={"events": before}, locked=True) as after:
            _write_projections(replays, new_members=new_members, by=by)
            saved = [(evs, outcome) for m, evs, outcome in replays if m.pk in fresh]
            after["events"] = [(e.kind, e.date, e.organization_id, e.origin_id) for evs, _o in saved for e in evs]
            after["spans"] = [(s.member_id, s.organization_id, s.status, s.valid_from, s.valid_to)
                              for _e, outcome in saved for s in outcome.spans]
        tallies.members_added([m.pk for m in new_members])
        for event, files_checked in zip(added, checked, strict=True):
            if files_checked:
                _store_attachments(event, files_checked, by)
    return added


def _write_projections(
    replays: list[tuple[Member, list[MembershipEvent], lifecycle.Outcome]], *, new_members=(), by=None
) -> None:
    """Save what replays gave: new members (with their projection, one history entry
    each), new events with their origin, origins of earlier events that a late-recorded
    one changed, each member's spans, and the projection of saved members that changed."""
    new_ids = {id(m) for m in new_members}
    new_events, spans, changed = [], [], []
    for member, events, outcome in replays:
        for event in events:
            if event.pk is None:
                event.origin_id = outcome.origins.get(id(event))
                new_events.append(event)
        spans.extend(outcome.spans)
        st = outcome.state
        wanted = (st.status, st.organization_id, st.admitted_on, st.official_on)
        if (member.status, member.organization_id, member.admitted_on, member.official_on) != wanted:
            member.status, member.organization_id, member.admitted_on, member.official_on = wanted
            if id(member) not in new_ids:
                changed.append(member)
    if new_members:
        bulk_create_with_history(list(new_members), Member, by=by)
    # Origins of earlier events follow a late-recorded (or voided) one: rare, one by one.
    for _member, events, outcome in replays:
        for event in events:
            origin = outcome.origins.get(id(event))
            if event.pk is not None and event.origin_id != origin:
                event.origin_id = origin
                stamp_history(event, by)
                event.save(update_fields=["origin"])
    bulk_create_with_history(new_events, MembershipEvent, by=by)
    saved = [m.pk for m, _e, _o in replays if id(m) not in new_ids]
    if saved:
        MembershipSpan.objects.filter(member__in=saved).delete()
    if spans:
        insert_rows(MembershipSpan, spans)
    if changed:
        bulk_update_with_history(changed, Member, ["status", "organization", "admitted_on", "official_on"], by=by)


def void_event(*, event: MembershipEvent, reason: str, by=None) -> None:
    reason = normalize(reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for voiding."), field="void_reason")
    if event.voided_at is not None:
        raise DomainError(_("This event is already voided."))
    with transaction.atomic(), tallies.members_changing([event.member_id], changes=("events", "spans")):
        member = Member.objects.select_for_update().get(pk=event.member_id)
        events = [e for e in live_events(member) if e.pk != event.pk]
        outcome = lifecycle.replay(member, events, _existence(events))
        event.voided_at = timezone.now()
        event.void_reason = reason
        stamp_history(event, by)
        event.save(update_fields=["voided_at", "void_reason"])
        _write_projections([(member, events, outcome)], by=by)


def check_members_in_existing_organizations() -> None:
    """A tree check: no member span lies in an organization outside its life.

    Merged organizations live on as aliases of their target, so their members are fine.
    One query: each span against its organization's first and last day in the tree.
    """
    spans = OrgSpan.objects.filter(organization=OuterRef("organization_id"))
    bad = (
        MembershipSpan.objects.annotate(
            first=Subquery(spans.order_by("valid_from").values("valid_from")[:1]),
            last=Subquery(spans.order_by("-valid_to").values("valid_to")[:1]),
        )
        .filter(Q(last__isnull=True) | Q(valid_to__gt=F("last")) | Q(valid_from__lt=F("first")))
        .select_related("organization", "member")
        .first()
    )
    if bad is None:
        return
    if bad.last is not None and bad.valid_to > bad.last:
        raise DomainError(
            _(
                "%(org)s no longer exists after %(date)s but member %(member)s "
                "still belongs to it: "
                "transfer its members first."
            )
            % {
                "org": bad.organization.code,
                "date": short_date(bad.last),
                "member": bad.member.code,
            },
            obj=bad.organization,
        )
    raise DomainError(
        _("%(org)s does not exist yet on %(date)s but member %(member)s belongs to it then.")
        % {
            "org": bad.organization.code,
            "date": short_date(bad.valid_from),
            "member": bad.member.code,
        },
        obj=bad.organization,
    )


def log_dossier_view(*, member: Member, by) -> None:
    from .models import DossierView

    DossierView.objects.create(member=member, viewed_by=by)


# -- Photo, illness and attachments ------------------------------------------------------


def set_member_photo(*, member: Member, upload, version: str | None = None, by=None) -> None:
    """Replace the member's 3×4 photo with the uploaded picture, made safe and cut to
    300×400 (`photos.prepare_portrait`).

    The previous file stays on disk and its name in the member's history, so an earlier
    photo can still be found; a new file name each time, so no cache shows the old one.
    `version` (core.versions): refused when someone changed the photo after it.
    """
    content = photos.prepare_portrait(photos.read_upload(upload))
    with transaction.atomic():
        check_unchanged(version, member, fields=("photo",))
        fresh = Member.objects.select_for_update().get(pk=member.pk)
        fresh.photo.save(f"{uuid.uuid4().hex}.jpg", ContentFile(content), save=False)
        stamp_history(fresh, by)
        fresh.save(update_fields=["photo"])
    member.photo = fresh.photo


def set_seriously_ill(*, member: Member, since: dt.date | None, version: str | None = None, by=None,
                      today: dt.date | None = None) -> bool:
    """Record that the member has been seriously ill since `since`, or (None) is no
    longer; True when something changed.

    A date on the member rather than a table of illnesses: the one rule that needs it
    (Party badges up to 12 or 24 months early, HD 01-HD/TW 2021 §18) asks only whether
    the member is seriously ill and since when, and the worklist reads it with the member
    without another query. The member's history keeps every earlier value, who recorded
    it and when, so a recovery (the date cleared) loses nothing. `version`
    (core.versions): refused when someone changed the date after it.
    """
    today = today or timezone.localdate()
    if since is not None:
        if since > today:
            raise DomainError(_("The date of the illness cannot be in the future."), field="seriously_ill_since")
        born = member.birth_date or dt.date(member.birth_year, 1, 1)
        if since < born:
            raise DomainError(_("The date of the illness is before the date of birth."),
                              field="seriously_ill_since")
    with transaction.atomic():
        check_unchanged(version, member, fields=("seriously_ill_since",))
        fresh = Member.objects.select_for_update().get(pk=member.pk)
        if fresh.seriously_ill_since == since:
            return False
        fresh.seriously_ill_since = since
        stamp_history(fresh, by)
        fresh.save(update_fields=["seriously_ill_since"])
    member.seriously_ill_since = since
    return True


def _store_attachments(event: MembershipEvent, checked: list, by) -> list[EventAttachment]:
    kept = set(event.attachments.filter(voided_at__isnull=True).values_list("sha256", flat=True))
    stored = []
    for upload, facts in checked:
        if facts.sha256 in kept:
            raise DomainError(_("%(name)s is already attached to this event.") % {"name": facts.name},
                              field="attachments")
        kept.add(facts.sha256)
        attachment = EventAttachment(event=event, created_by=by if getattr(by, "pk", None) else None)
        files.store_file(attachment, upload, facts)
        stamp_history(attachment, by)
        attachment.save()
        stored.append(attachment)
    return stored


def attach_to_event(*, event: MembershipEvent, uploads, by=None) -> list[EventAttachment]:
    """Keep uploaded files with an event recorded earlier: all of them or none.

    Up to 20 MB each, PDF, JPEG, PNG, Word or Excel (`core.attachments`); the same file
    twice on one event is refused.
    """
    checked = [(f, files.check_upload(f, field="attachments")) for f in uploads]
    if not checked:
        raise DomainError(_("Choose the files to attach."), field="attachments")
    with transaction.atomic():
        event = MembershipEvent.objects.select_for_update().get(pk=event.pk)
        if event.voided_at is not None:
            raise DomainError(_("This event is voided: attach the files to the right event."),
                              field="attachments")
        return _store_attachments(event, checked, by)


def void_attachment(*, attachment: EventAttachment, reason: str, by=None) -> None:
    """Mark a file attached by mistake as void, with the reason; the file is kept."""
    reason = normalize(reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for voiding."), field="void_reason")
    with transaction.atomic():
        attachment = EventAttachment.objects.select_for_update().get(pk=attachment.pk)
        if attachment.voided_at is not None:
            raise DomainError(_("This attachment is already voided."))
        attachment.voided_at = timezone.now()
        attachment.void_reason = reason
        stamp_history(attachment, by)
        attachment.save(update_fields=["voided_at", "void_reason"])
