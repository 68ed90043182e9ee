"""Counts kept per place in the dated tree, in step with every write, so that a yearly
report sums a few rows per organization instead of reading every event
(docs/architecture.md, "Report tallies").

A projection like `OrgSpan` and `MembershipSpan`: `services` derives every row from the
records (events, spans, ratings, the tree) and nothing else writes here. Each row is
keyed by a year and a **scope path**: the materialized path (`OrgSpan.path`) of the
organization that a record counts in on its date, with merged organizations resolved to
the organization they merged into. X's figures for a year are then the sums over the
rows whose path lies under X's path that year: a range scan, with no dates to compare.

Every count row is kept twice: as itself (`head` false) and added into the **head row**
of its path (`head` true), keyed by the path cut after `HEAD_DEPTH` organizations (the
root and its provinces). A report of an organization that high in the tree sums the
head rows under its path: about a hundred rows for the national root instead of every
cell's (docs/architecture.md, "Head rows").
"""

from django.db import models

from dangbo.core import fields as vn

# organizations.models.path_segment: eight digits and "/", so a path's first k
# organizations are its first 1 + SEGMENT * k characters.
SEGMENT = 9
HEAD_DEPTH = 2  # head rows are kept for the root and the level below it


def depth(path: str) -> int:
    """How many organizations the path names (the root's: 1)."""
    return (len(path) - 1) // SEGMENT


def head_of(path: str) -> str:
    """The path of the head row `path` counts in: itself when it is that high already."""
    return path[: 1 + SEGMENT * HEAD_DEPTH]


class EventTally(models.Model):
    """Membership events of one year counted at one scope path (REPORT.md's figures).

    An event counts at the scope of its organization (admissions, transfers in) or of its
    origin (exits, recognitions, transfers out), on the event's date. An internal
    transfer counts at both, and once more at the longest path the two share
    (`internal_within`): for X above that point it is neither in nor out.
    """

    year = models.PositiveSmallIntegerField()
    path = vn.CharField(max_length=255)
    head = models.BooleanField(default=False)  # a head row: see the module
    admitted = models.IntegerField(default=0)
    recognized = models.IntegerField(default=0)
    removed = models.IntegerField(default=0)  # expelled or left at their own request
    name_deleted = models.IntegerField(default=0)
    died = models.IntegerField(default=0)
    transferred_in = models.IntegerField(default=0)  # from outside the system
    transferred_out = models.IntegerField(default=0)  # to outside the system
    internal_in = models.IntegerField(default=0)  # internal transfers, at the destination
    internal_out = models.IntegerField(default=0)  # internal transfers, at the origin
    internal_within = models.IntegerField(default=0)  # at the longest path both share

    COUNTS = (
        "admitted", "recognized", "removed", "name_deleted", "died", "transferred_in", "transferred_out",
        "internal_in", "internal_out", "internal_within",
    )

    class Meta:
        constraints = [
            # the upsert's key, and the report's range scan (year and head, then the path range)
            models.UniqueConstraint(fields=["year", "head", "path"], name="eventtally_year_head_path"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.path}"


class YearEndTally(models.Model):
    """Members at the end of 31/12 of a year whose organization that day counts at `path`."""

    year = models.PositiveSmallIntegerField()
    path = vn.CharField(max_length=255)
    head = models.BooleanField(default=False)  # a head row: see the module
    members = models.IntegerField(default=0)
    official = models.IntegerField(default=0)
    probationary = models.IntegerField(default=0)

    COUNTS = ("members", "official", "probationary")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "head", "path"], name="yearendtally_year_head_path")]

    def __str__(self) -> str:
        return f"{self.year} {self.path}"


class MemberRatingTally(models.Model):
    """Decided ratings of a year of the members counted at `path` on 31/12, per rating
    round (the excellence cap is counted per round)."""

    year = models.PositiveSmallIntegerField()
    path = vn.CharField(max_length=255)
    head = models.BooleanField(default=False)  # a head row: see the module
    round_id = models.BigIntegerField()  # ratings.RatingRound, kept as a plain number: a projection
    excellent = models.IntegerField(default=0)
    good = models.IntegerField(default=0)
    completed = models.IntegerField(default=0)
    not_completed = models.IntegerField(default=0)
    # not completed this year and, decided, the year before (QĐ 24-QĐ/TW §8.1)
    not_completed_twice = models.IntegerField(default=0)

    COUNTS = ("excellent", "good", "completed", "not_completed", "not_completed_twice")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "head", "path", "round_id"], name="mratingtally_year_head_path_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.path} {self.round_id}"


class GrassrootsYear(models.Model):
    """A grassroots organization that exists on 31/12 of a year, where it stands that day,
    and its decided rating for the year (empty `level`: none)."""

    year = models.PositiveSmallIntegerField()
    organization_id = models.BigIntegerField()
    path = vn.CharField(max_length=255)
    level = vn.CharField(max_length=16, blank=True)
    round_id = models.BigIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "organization_id"], name="grassrootsyear_year_org"),
        ]
        indexes = [
            # the grassroots organizations under X at a year end
            models.Index(fields=["year", "path"], name="grassrootsyear_year_path"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.organization_id} {self.level}"


class TallyState(models.Model):
    """One row: the years whose year-end tallies are kept, `first_year` to `last_year`.
    Reports of other years are counted from the records (correct, slower) until
    `services.extend_years` adds them; without this row no tally is kept or read."""

    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return f"{self.first_year}–{self.last_year}"
