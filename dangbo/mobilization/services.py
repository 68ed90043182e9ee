"""Every change to the Dân vận khéo register and its recognition levels goes through one
of these functions (keyword-only, one transaction, history naming the user)."""

import dataclasses
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.bulk import bulk_create_with_history, bulk_update_with_history
from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.lib.vntext import fold, normalize
from dangbo.organizations.models import Organization
from dangbo.organizations.services import validate_code

from . import selectors
from .models import MobilizationModel, RecognitionLevel

FIELDS = ("year", "name", "type", "field", "organization", "recognized_by", "recognized_on", "note")


def _text(value, field: str, *, required: bool = False, max_length: int | None = 5000) -> str:
    text = normalize(value or "").strip()
    if max_length and max_length <= 500:  # names and levels: one line
        text = " ".join(text.split())
    if required and not text:
        raise DomainError(_("This field is required."), field=field)
    if max_length and len(text) > max_length:
        raise DomainError(_("At most %(n)d characters.") % {"n": max_length}, field=field)
    return text


@dataclasses.dataclass
class EntryData:
    code: str
    year: int
    name: str
    type: str
    field: str
    organization: Organization
    recognized_by: str = ""
    recognized_on: dt.date | None = None
    note: str = ""


def _level_key(text: str) -> str:
    """Levels match as enumerated values do (INTERCHANGE.md): case, diacritics and spaces aside."""
    return "".join(fold(text).split())


def level_name(text: str, levels: list[RecognitionLevel] | None = None) -> tuple[str, bool]:
    """(the level as the list spells it, or as written; whether the list has it)."""
    text = _text(text, "recognized_by", max_length=255)
    if not text:
        return "", True
    levels = RecognitionLevel.objects.all() if levels is None else levels
    key = _level_key(text)
    found = next((level.name for level in levels if _level_key(level.name) == key), None)
    return (found, True) if found else (text, False)


def check_entry(item: EntryData, levels: list[RecognitionLevel] | None = None) -> EntryData:
    """`item` with its texts normalized and its fields checked (reading only the levels)."""
    code = validate_code(item.code)
    if not isinstance(item.year, int) or not 1900 <= item.year <= 2100:
        raise DomainError(_("The year is not plausible."), field="year")
    if item.type not in MobilizationModel.Type.values:
        raise DomainError(_("Unknown type: a model or an exemplar."), field="type")
    if item.field not in MobilizationModel.Field.values:
        raise DomainError(_("Unknown field."), field="field")
    if item.recognized_on is not None and item.recognized_on > timezone.localdate():
        raise DomainError(_("The date is after today: record what has happened."), field="recognized_on")
    recognized_by, _known = level_name(item.recognized_by, levels)
    return dataclasses.replace(item, code=code, name=_text(item.name, "name", required=True, max_length=500),
                               recognized_by=recognized_by, note=_text(item.note, "note"))


def _values(item: EntryData) -> dict:
    return {f: getattr(item, f) for f in FIELDS}


def record_entries(*, items: list[EntryData], by=None) -> list[MobilizationModel]:
    """Register models and exemplars; the code is unique, and the organization existed in
    the year it registers them for."""
    levels = list(RecognitionLevel.objects.all())
    checked = [check_entry(item, levels) for item in items]
    codes = [i.code for i in checked]
    if len(set(codes)) != len(codes):
        raise DomainError(_("The same code is listed twice."), field="code")
    entries = []
    with transaction.atomic():
        taken = set(MobilizationModel.objects.filter(code__in=codes).values_list("code", flat=True))
        for item in checked:
            if item.code in taken:
                raise DomainError(_("The code %(code)s is already used.") % {"code": item.code}, field="code", obj=item)
            if not selectors.existed_in_year(item.organization, item.year):
                raise DomainError(_("The organization %(code)s did not exist in %(year)d.")
                                  % {"code": item.organization.code, "year": item.year}, field="organization", obj=item)
            entries.append(MobilizationModel(code=item.code, created_by=by if getattr(by, "pk", None) else None,
                                             **_values(item)))
        bulk_create_with_history(entries, MobilizationModel, by=by)
    return entries


def update_entries(*, changes: list[tuple[MobilizationModel, EntryData]], by=None) -> int:
    """Correct entries (the code stays); recognition is recorded this way too."""
    levels = list(RecognitionLevel.objects.all())
    changed = []
    with transaction.atomic():
        for entry, item in changes:
            item = check_entry(item, levels)
            if item.code != entry.code:
                raise DomainError(_("The code cannot change."), field="code", obj=item)
            values = _values(item)
            if all(getattr(entry, k) == v for k, v in values.items()):
                continue
            if (item.organization != entry.organization or item.year != entry.year) and not selectors.existed_in_year(
                item.organization, item.year
            ):
                raise DomainError(_("The organization %(code)s did not exist in %(year)d.")
                                  % {"code": item.organization.code, "year": item.year}, field="organization", obj=item)
            for key, value in values.items():
                setattr(entry, key, value)
            changed.append(entry)
        if changed:
            bulk_update_with_history(changed, MobilizationModel, list(FIELDS), by=by)
    return len(changed)


def void_entry(*, entry: MobilizationModel, reason: str, by=None) -> None:
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        entry.voided_at = timezone.now()
        entry.void_reason = reason
        stamp_history(entry, by)
        entry.save()


def save_level(*, name: str, order: int, active: bool = True, level: RecognitionLevel | None = None,
               by=None) -> RecognitionLevel:
    """Add a recognition level to the list, or rename, reorder, withdraw one (entries keep
    the name they were recorded with)."""
    name = _text(name, "name", required=True, max_length=255)
    if not isinstance(order, int) or not 0 <= order <= 1000:
        raise DomainError(_("An order from 0 to 1000."), field="order")
    with transaction.atomic():
        clash = RecognitionLevel.objects.filter(name__iexact=name)
        if level is not None:
            clash = clash.exclude(pk=level.pk)
        if clash.exists() or any(_level_key(o.name) == _level_key(name) for o in RecognitionLevel.objects.exclude(
                pk=getattr(level, "pk", None))):
            raise DomainError(_("This level is in the list already."), field="name")
        level = level or RecognitionLevel()
        level.name, level.order, level.active = name, order, active
        stamp_history(level, by)
        level.save()
    return level


# The levels offered at first; each province keeps its own list (RULES.md: "recognition
# levels vary by province — make them configurable").
DEFAULT_LEVELS = (("Cấp xã", 10), ("Cấp huyện", 20), ("Cấp tỉnh", 30), ("Trung ương", 40))


def ensure_levels() -> int:
    """Fill an empty list of recognition levels with DEFAULT_LEVELS; returns how many."""
    with transaction.atomic():
        if RecognitionLevel.objects.exists():
            return 0
        for name, order in DEFAULT_LEVELS:
            RecognitionLevel(name=name, order=order).save()
    return len(DEFAULT_LEVELS)
