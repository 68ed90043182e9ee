"""No lost update: an edit carries the version of the record it started from.

The version of a record is its latest history entry (django-simple-history writes one
at every save, and history ids only grow), so no model needs a column of its own, and
what changed meanwhile can be told from the history. A form sends the version back in a
hidden field (`VersionField`); the service, inside its transaction, locks the row and
compares (`check_unchanged`). When someone else saved in between, the save is refused
with `StaleEdit`: a message naming who, when and each value changed. The form keeps what
the person typed and now carries the new version, so saving again (after reading what
changed) is a deliberate choice, not an accident.

A version can cover several records (the results of a class): the latest entry of any.
"""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .errors import DomainError

NEW = "0"  # the version of a record that does not exist yet


class StaleEdit(DomainError):
    """Someone saved the record after this edit started. `current` is the version now."""

    def __init__(self, message: str, *, current: str):
        super().__init__(message, code="stale")
        self.current = current


def _latest(records) -> tuple[int, object | None]:
    """(history id, history entry) of the latest change among `records`."""
    best_id, best = 0, None
    for record in records:
        if record is None or record.pk is None:
            continue
        entry = record.history.order_by("-history_id").first()
        if entry is not None and entry.history_id > best_id:
            best_id, best = entry.history_id, entry
    return best_id, best


def version_of(*records) -> str:
    """The version to put in a form that edits `records` (None for one not yet made)."""
    return str(_latest(records)[0]) if any(r is not None and r.pk for r in records) else NEW


def versions_by_pk(model, pks) -> dict:
    """{pk: version} of many records of `model` in one query (a list page's rows)."""
    from django.db.models import Max

    latest = model.history.filter(id__in=list(pks)).values("id").annotate(latest=Max("history_id"))
    return {row["id"]: str(row["latest"]) for row in latest}


def check_unchanged(version: str | None, *records, fields: tuple[str, ...] | None = None) -> None:
    """Refuse (StaleEdit) when `records` changed since `version`. Called by services
    inside their transaction; locks the rows first, so that two saves cannot both
    pass the check. With `fields`, only a change of those fields counts (a member's
    status changes with every event; that does not make an edit of the photo stale).
    `version` None (the command line, an import) skips the check."""
    if version is None:
        return
    for record in records:
        if record is not None and record.pk is not None:
            type(record)._default_manager.select_for_update().filter(pk=record.pk).exists()
    current_id, entry = _latest(records)
    current = str(current_id) if any(r is not None and r.pk for r in records) else NEW
    if current == str(version).strip():
        return
    changes = _changes(records, _number(version), fields)
    if not changes:
        return
    who = str(entry.history_user) if entry is not None and entry.history_user else _("someone")
    when = date_format(timezone.localtime(entry.history_date), "H:i d/m/Y") if entry is not None else "—"
    message = _(
        "%(who)s saved this at %(when)s, after you opened the page: %(changes)s. Your changes were not saved; "
        "they are still in the form: check them against these and save again."
    ) % {"who": who, "when": when, "changes": "; ".join(changes)}
    raise StaleEdit(message, current=current)


def _changes(records, version: int, fields) -> list[str]:
    """What changed in `records` after history entry `version`, as sentences."""
    changes = []
    for record in records:
        if record is None or record.pk is None:
            continue
        after = record.history.order_by("-history_id").first()
        before = record.history.filter(history_id__lte=version).order_by("-history_id").first()
        if after is None or (before is not None and before.history_id == after.history_id):
            continue
        if before is None:
            changes.append(_("the record was created"))
            continue
        for change in after.diff_against(before, included_fields=fields).changes:
            field = record._meta.get_field(change.field)
            changes.append(_("%(field)s: “%(old)s” → “%(new)s”") % {
                "field": field.verbose_name, "old": _shown(field, change.old), "new": _shown(field, change.new),
            })
    return changes


def _number(version: str) -> int:
    try:
        return int(version)
    except (TypeError, ValueError):
        return 0


def _shown(field, value) -> str:
    if value in (None, ""):
        return "—"
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    elif hasattr(value, "strftime"):
        value = value.strftime("%d/%m/%Y")
    return Truncator(str(value)).chars(80)


class VersionField(forms.CharField):
    """The hidden field that carries the version of the record a form edits."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", True)
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)


def refuse_stale(form, exc: StaleEdit) -> None:
    """Show `exc` on `form` and give it the current version: the next save is the
    person's deliberate choice, made after reading what changed."""
    form.add_error(None, exc.message)
    data = form.data.copy()
    data[form.add_prefix("version")] = exc.current
    form.data = data
