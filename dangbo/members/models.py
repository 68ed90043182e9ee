"""The register of Party members. Membership events are the records; a member's
current status and organization, and `MembershipSpan`, are a projection that
`services` rebuilds from the events (STYLE.md: "state derived from dated events").
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from dangbo.core import fields as vn
from dangbo.core.models import AttachmentBase, DomainModel, VoidableRecord
from dangbo.core.storage import private_storage
from dangbo.organizations.models import FAR_FUTURE, Organization


class PartyStatus(models.TextChoices):
    """The two statuses of a Party member, on events and on spans."""

    PROBATIONARY = "PROBATIONARY", _("Probationary member")
    OFFICIAL = "OFFICIAL", _("Official member")


class Member(DomainModel):
    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    class TheoryLevel(models.TextChoices):
        BASIC = "BASIC", _("Basic political theory")
        INTERMEDIATE = "INTERMEDIATE", _("Intermediate political theory")
        ADVANCED = "ADVANCED", _("Advanced political theory")
        BACHELOR = "BACHELOR", _("Bachelor of political theory")

    class Status(models.TextChoices):
        # Projection of the events: kept by services only.
        NOT_MEMBER = "NOT_MEMBER", _("Not a member")
        PROBATIONARY = "PROBATIONARY", _("Probationary member")
        OFFICIAL = "OFFICIAL", _("Official member")
        TRANSFERRED_OUT = "TRANSFERRED_OUT", _("Transferred out")
        LEFT = "LEFT", _("No longer a member")
        DIED = "DIED", _("Deceased")

    class ArmedForces(models.TextChoices):
        ARMY = "ARMY", _("Army")
        POLICE = "POLICE", _("Police")
        RETIRED = "RETIRED", _("Retired")

    MEMBER_STATUSES = (Status.PROBATIONARY, Status.OFFICIAL)

    code = vn.CharField(_("member code"), max_length=32, unique=True)
    family_name = vn.CharField(_("family name"), max_length=100, blank=True)
    middle_name = vn.CharField(_("middle name"), max_length=100, blank=True)
    given_name = vn.CharField(_("given name"), max_length=100)
    full_name = vn.CharField(_("full name"), max_length=255)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    # Always set: from `birth_date`, or the bare year when only the year is known.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    sex = vn.CharField(_("sex"), max_length=1, choices=Sex.choices)
    ethnicity = vn.CharField(_("ethnicity"), max_length=100, blank=True)
    religion = vn.CharField(_("religion"), max_length=100, blank=True)
    home_town = vn.CharField(_("home town"), max_length=255, blank=True)
    residence = vn.CharField(_("permanent residence"), max_length=255, blank=True)
    occupation = vn.CharField(_("occupation"), max_length=255, blank=True)
    profession = vn.CharField(_("profession"), max_length=255, blank=True)
    citizen_id = vn.CharField(_("citizen ID number"), max_length=12, blank=True)
    card_number = vn.CharField(_("Party card number"), max_length=8, blank=True)
    general_education = vn.CharField(_("general education"), max_length=20, blank=True)
    theory_level = vn.CharField(
        _("political theory"), max_length=12, choices=TheoryLevel.choices, blank=True
    )
    birth_name = vn.CharField(_("birth name"), max_length=255, blank=True)
    aliases = vn.CharField(_("other names"), max_length=255, blank=True)
    place_of_birth = vn.CharField(_("place of birth"), max_length=255, blank=True)
    academic_title = vn.CharField(_("academic title and degree"), max_length=100, blank=True)
    foreign_language = vn.CharField(_("foreign language"), max_length=100, blank=True)
    armed_forces = vn.CharField(
        _("army, police or retired"), max_length=8, choices=ArmedForces.choices, blank=True
    )
    # Served only by views.member_photo, which checks access: never link its .url.
    # Personal data: kept where no /media/ URL reaches, served by views.photo.
    photo = models.ImageField(_("photo (3×4)"), upload_to="members/photos/", blank=True, storage=private_storage)
    # The day a serious illness was recorded (HD 01-HD/TW 2021 §18: badges may come early);
    # empty when not ill. Set by services.set_seriously_ill; see there why it is a field.
    seriously_ill_since = models.DateField(_("seriously ill since"), null=True, blank=True, default=None)
    # Search and sort keys, derived from the names by the services.
    name_fold = vn.CharField(max_length=255, db_index=True, editable=False)  # search box
    name_key = vn.CharField(max_length=255, db_index=True, editable=False)  # duplicates
    sort_key = vn.CharField(max_length=800, db_index=True, editable=False)  # name lists

    # Projection of the events, written only by services.record_events and void_event.
    status = vn.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.NOT_MEMBER,
        editable=False,
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        editable=False,
    )
    admitted_on = models.DateField(_("admitted on"), null=True, blank=True, editable=False)
    official_on = models.DateField(_("official since"), null=True, blank=True, editable=False)
    # History rows are read by record id only: the search and sort indexes of the
    # register are not copied to them (each costs a B-tree insert per change).
    history = HistoricalRecords(no_db_index=["code", "name_fold", "name_key", "sort_key", "organization"])

    class Meta:
        verbose_name = _("Party member")
        verbose_name_plural = _("Party members")
        constraints = [
            models.CheckConstraint(name="member_sex_valid", condition=models.Q(sex__in=["M", "F"])),
            models.CheckConstraint(
                name="member_birth_year_plausible",
                condition=models.Q(birth_year__gte=1880, birth_year__lte=2100),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"


class MembershipEvent(VoidableRecord):
    """One dated fact of a member's Party life. Immutable once saved, except voiding."""

    class Kind(models.TextChoices):
        # In the order of the `Loại` list of INTERCHANGE.md: same-day events apply in it.
        OPENING = "OPENING", _("Opening balance")
        ADMITTED = "ADMITTED", _("Admitted")
        RECOGNIZED_OFFICIAL = "RECOGNIZED_OFFICIAL", _("Recognized as official member")
        TRANSFERRED_IN = "TRANSFERRED_IN", _("Transferred in")
        TRANSFERRED_OUT = "TRANSFERRED_OUT", _("Transferred out")
        TRANSFERRED_INTERNAL = "TRANSFERRED_INTERNAL", _("Internal transfer")
        TEMPORARY_TRANSFER = "TEMPORARY_TRANSFER", _("Temporary transfer")
        EXEMPTED = "EXEMPTED", _("Exempted from Party activities")
        EXEMPTION_ENDED = "EXEMPTION_ENDED", _("Exemption ended")
        EXPELLED = "EXPELLED", _("Expelled")
        LEFT = "LEFT", _("Left the Party")
        NAME_DELETED = "NAME_DELETED", _("Name deleted")
        DIED = "DIED", _("Died")

    Status = PartyStatus

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="events"
    )
    kind = vn.CharField(pgettext_lazy("membership event", "kind"), max_length=24, choices=Kind.choices)
    date = models.DateField(_("date"))
    # Destination for OPENING, ADMITTED, TRANSFERRED_IN, TRANSFERRED_INTERNAL and
    # TEMPORARY_TRANSFER; empty for the others.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="membership_events",
    )
    # Where the member belonged just before the event; derived by the services.
    origin = models.ForeignKey(
        Organization,
        verbose_name=_("previous organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    status = vn.CharField(_("status"), max_length=12, choices=Status.choices, blank=True)
    admitted_on = models.DateField(_("admitted on"), null=True, blank=True)
    official_on = models.DateField(_("official since"), null=True, blank=True)
    decision_number = vn.CharField(_("decision number"), max_length=100, blank=True)
    reason = vn.TextField(_("reason"), blank=True)
    note = vn.TextField(_("note"), blank=True)
    # The higher decision that allows admitting someone over 60.
    admission_override = vn.TextField(_("decision allowing admission over 60"), blank=True)
    history = HistoricalRecords(no_db_index=["organization", "origin", "created_by"])

    class Meta:
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
        indexes = [
            # the year's events for the report figures
            models.Index(fields=["kind", "date"], name="event_kind_date"),
        ]
        constraints = [
            models.CheckConstraint(
                name="event_status_valid",
                condition=models.Q(status__in=["", "PROBATIONARY", "OFFICIAL"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.member.code} {self.date:%d/%m/%Y}"


class EventAttachment(AttachmentBase):
    """A file kept with a membership event: the scanned decision, the transfer letter.

    Served only through views.attachment_download, which checks access to the member.
    """

    event = models.ForeignKey(
        MembershipEvent, verbose_name=_("membership event"), on_delete=models.PROTECT, related_name="attachments"
    )
    history = HistoricalRecords()

    class Meta(AttachmentBase.Meta):
        verbose_name = _("event attachment")
        verbose_name_plural = _("event attachments")

    def __str__(self) -> str:
        return self.name


class MembershipSpan(models.Model):
    """Where a member belonged, with which status, over a run of days (both ends included).

    A projection: `services.record_events` and `void_event` derive the rows of a member from the
    events; nothing else writes here.
    """

    Status = PartyStatus

    # Indexed by the composite indexes below, which start with these columns.
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="spans", db_index=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", db_index=False)
    status = vn.CharField(max_length=12, choices=Status.choices)
    exempted = models.BooleanField(default=False)
    valid_from = models.DateField()
    valid_to = models.DateField(default=FAR_FUTURE)
    # The member's code and name keys, copied (lifecycle.register_line; services.update_members
    # keeps them): the member list filters, counts and orders a province's spans without
    # reading its 40,000 members' rows (docs/benchmarks.md, the national set).
    code = vn.CharField(max_length=32, editable=False)
    name_fold = vn.CharField(max_length=255, editable=False)
    sort_key = vn.CharField(max_length=800, editable=False)

    class Meta:
        indexes = [
            # members of an organization set on day D (selectors.members_on, year-end figures)
            models.Index(fields=["organization", "valid_from", "valid_to"], name="mspan_org_dates"),
            # the same for "today": valid_to first reads the open spans only (SQLite's
            # member list at 100,000 members). On PostgreSQL it also holds what the member
            # list reads, so a province's list is read from the index alone.
            models.Index(
                fields=["organization", "valid_to", "valid_from"],
                include=["id", "member", "status", "exempted", "code", "name_fold", "sort_key"],
                name="mspan_org_to_from",
            ),
            # a member's status on day D. Not (member, valid_to, valid_from), which reads
            # fewer past spans: PostgreSQL with stale statistics used it for the dates
            # alone, once per rating (the test suite went from 2 to 8 minutes).
            models.Index(fields=["member", "valid_from"], name="mspan_member_from"),
        ]
        constraints = [
            models.CheckConstraint(
                name="mspan_dates_ordered", condition=models.Q(valid_to__gte=models.F("valid_from"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.organization_id} {self.valid_from}..{self.valid_to}"


class DossierView(models.Model):
    """Who opened whose dossier, and when: these are sensitive personal data.

    An access log, append-only; not a domain record with a history of its own.
    """

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="views")
    viewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dossier view")
        verbose_name_plural = _("dossier views")
        indexes = [models.Index(fields=["member", "-viewed_at"], name="dossierview_member")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.viewed_by_id} {self.viewed_at:%d/%m/%Y %H:%M}"
