"""The small national set of the tests: made by bench/generate_national.py, into the
database or as a workbook, and what to compare of a database that holds it."""

import datetime as dt
import random
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT / "bench") not in sys.path:
    sys.path.insert(0, str(ROOT / "bench"))

import generate_national  # noqa: E402

from dangbo.cadres.models import PersonnelDecision  # noqa: E402
from dangbo.members.models import Member, MembershipEvent, MembershipSpan  # noqa: E402
from dangbo.organizations.models import Organization, OrgSpan  # noqa: E402
from dangbo.ratings.models import Rating  # noqa: E402
from dangbo.ratings.selectors import rating_figures, rating_figures_from_records  # noqa: E402
from dangbo.reports.figures import annual_figures, membership_figures, membership_figures_from_records  # noqa: E402
from dangbo.tallies.models import EventTally, GrassrootsYear, MemberRatingTally, YearEndTally  # noqa: E402
from dangbo.training.models import Enrollment  # noqa: E402

MEMBERS, PROVINCES, SEED = 1500, 4, 1
YEARS = (2011, 2016, 2022, 2023, 2024, 2025, 2026)


def generate() -> None:
    """The set written into the tables as the generator does (the caller's transaction)."""
    from dangbo.tallies import services as tallies

    sink = generate_national.Sink()
    generate_national.generate(MEMBERS, PROVINCES, SEED, sink)
    sink.close()
    tallies.rebuild()


def workbook(path: Path) -> Path:
    generate_national.workbook(MEMBERS, PROVINCES, SEED, path)
    return path


def sample_organizations(count: int, seed: int = 5) -> list[Organization]:
    """The root, every province, and a sample of districts and of the rest."""
    orgs = list(Organization.objects.order_by("code"))
    rng = random.Random(seed)
    top = [o for o in orgs if len(o.code) <= 3]
    districts = [o for o in orgs if o.kind == Organization.Kind.ABOVE_GRASSROOTS and len(o.code) > 3]
    rest = [o for o in orgs if o.kind != Organization.Kind.ABOVE_GRASSROOTS]
    return top + rng.sample(districts, min(3, len(districts))) + rng.sample(rest, min(count, len(rest)))


def ordered(rows) -> list:
    """Rows in a fixed order, whatever their values (None among dates and texts)."""
    return sorted(rows, key=repr)


def code_path(path: str, codes: dict[int, str]) -> str:
    return "/".join(codes[int(part)] for part in path.strip("/").split("/"))


def snapshot(orgs: list[str], years=YEARS) -> dict:
    """What the database holds, by codes (keys differ between two loads): the records,
    the projections, the history counts, the tallies, and the reports."""
    codes = dict(Organization.objects.values_list("pk", "code"))
    members = dict(Member.objects.values_list("pk", "code"))

    def org(pk):
        return codes.get(pk)

    out = {
        "members": ordered(
            (m.code, m.full_name, m.family_name, m.given_name, m.birth_date, m.sex, m.status, org(m.organization_id),
             m.admitted_on, m.official_on, m.name_fold, m.name_key, m.sort_key, m.theory_level, m.ethnicity)
            for m in Member.objects.all()
        ),
        "events": ordered(
            (members[e.member_id], e.kind, e.date, org(e.organization_id), org(e.origin_id), e.status,
             e.admitted_on, e.official_on, e.reason, e.voided_at is None)
            for e in MembershipEvent.objects.all()
        ),
        "member_spans": ordered(
            (members[s.member_id], org(s.organization_id), s.status, s.exempted, s.valid_from, s.valid_to)
            for s in MembershipSpan.objects.all()
        ),
        "tree": ordered(
            (org(s.organization_id), org(s.parent_id), org(s.merged_into_id), s.name, code_path(s.path, codes),
             s.depth, s.valid_from, s.valid_to)
            for s in OrgSpan.objects.all()
        ),
        "organizations": ordered(
            Organization.objects.values_list("code", "name", "kind", "group", "founding_parent__code", "founded_on")
        ),
        "ratings": ordered(
            (r.year, members.get(r.member_id), org(r.organization_id), r.level, r.score, r.reason,
             r.override_reason, r.step, r.round.organization.code, r.round.rule_set)
            for r in Rating.objects.select_related("round__organization")
        ),
        "decisions": ordered(
            (d.date, d.kind, members[d.member_id], d.title, org(d.organization_id), d.unit_name,
             org(d.managed_by_id), d.term_end, d.warnings, d.position.title if d.position else None,
             d.position.start if d.position else None)
            for d in PersonnelDecision.objects.select_related("position")
        ),
        "learners": ordered(
            (e.klass.code, e.klass.program, org(e.klass.organizer_id), e.klass.start, members.get(e.member_id),
             e.full_name, e.birth_date, e.birth_year, e.name_key, e.sort_key, e.result)
            for e in Enrollment.objects.select_related("klass")
        ),
        "history": history_counts(),
        "tallies": tallies_by_code(codes),
    }
    reports = {}
    for code in orgs:
        organization = Organization.objects.get(code=code)
        for year in years:
            if OrgSpan.objects.filter(organization=organization, merged_into__isnull=True,
                                      valid_from__lte=dt.date(year, 12, 31),
                                      valid_to__gte=dt.date(year, 1, 1)).exists():
                reports[(code, year)] = annual_figures(organization, year)
    out["reports"] = reports
    return out


def history_counts() -> dict[str, int]:
    from django.apps import apps

    counts = {}
    for label in ("organizations", "members", "ratings", "cadres", "training"):
        for model in apps.get_app_config(label).get_models():
            if model._meta.db_table.split("_", 1)[1].startswith("historical"):
                counts[model._meta.db_table] = model.objects.count()
    return counts


def tallies_by_code(codes: dict[int, str]) -> dict:
    """The tally rows with paths in codes, zero rows left out."""
    from dangbo.ratings.models import RatingRound

    rounds = dict(RatingRound.objects.values_list("pk", "organization__code"))
    out = {}
    for model, keys in ((EventTally, ("year", "head", "path")), (YearEndTally, ("year", "head", "path")),
                        (MemberRatingTally, ("year", "head", "path", "round_id"))):
        rows = {}
        for row in model.objects.values(*keys, *model.COUNTS):
            counts = tuple(row[c] for c in model.COUNTS)
            if any(counts):
                key = (row["year"], row["head"], code_path(row["path"], codes)) + (
                    (rounds[row["round_id"]],) if "round_id" in row else ())
                rows[key] = counts
        out[model.__name__] = rows
    out["GrassrootsYear"] = ordered(
        (g.year, codes[g.organization_id], code_path(g.path, codes), g.level, rounds.get(g.round_id))
        for g in GrassrootsYear.objects.all()
    )
    return out


def tally_rows() -> dict:
    """The tallies as stored (ids), zero rows left out, to compare with a rebuild."""
    out = {}
    for model, keys in ((EventTally, ("year", "head", "path")), (YearEndTally, ("year", "head", "path")),
                        (MemberRatingTally, ("year", "head", "path", "round_id"))):
        out[model.__name__] = {
            tuple(r[k] for k in keys): tuple(r[c] for c in model.COUNTS)
            for r in model.objects.values(*keys, *model.COUNTS)
            if any(r[c] for c in model.COUNTS)
        }
    out["GrassrootsYear"] = ordered(GrassrootsYear.objects.values_list("year", "organization_id", "path", "level",
                                                                      "round_id"))
    return out


def heads_apart() -> list:
    """Head rows that are not the sums of the other rows under them (models.head_of)."""
    from dangbo.tallies.models import head_of

    out = []
    for name, rows in tally_rows().items():
        if name == "GrassrootsYear":
            continue
        summed: dict[tuple, list[int]] = {}
        for (year, head, path, *rest), counts in rows.items():
            if not head:
                total = summed.setdefault((year, True, head_of(path), *rest), [0] * len(counts))
                total[:] = [a + b for a, b in zip(total, counts, strict=True)]
        heads = {key: counts for key, counts in rows.items() if key[1]}
        wanted = {key: tuple(counts) for key, counts in summed.items() if any(counts)}
        if heads != wanted:
            out.append((name, set(heads.items()) ^ set(wanted.items())))
    return out


def disagreements(orgs: list[Organization], years) -> list:
    """(code, year, from the tallies, from the records) wherever they differ."""
    out = []
    for org in orgs:
        for year in years:
            tallied = (membership_figures(org, year), rating_figures(org, year))
            counted = (membership_figures_from_records(org, year), rating_figures_from_records(org, year))
            if tallied != counted:
                out.append((org.code, year, tallied, counted))
    return out


def vendor() -> str:
    return connection.vendor
