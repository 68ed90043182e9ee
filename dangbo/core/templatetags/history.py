from django import template

register = template.Library()


@register.simple_tag
def history_changes(entry, hidden=()) -> list[tuple[str, object, object]]:
    """(field label, old value, new value) for one simple-history entry; the fields
    named in `hidden` (personal data the reader's role may not see) left out."""
    previous = entry.prev_record
    if previous is None:
        return []
    delta = entry.diff_against(previous, excluded_fields=list(hidden) or None)
    model = entry.instance_type
    changes = []
    for change in delta.changes:
        try:
            label = model._meta.get_field(change.field).verbose_name
        except Exception:  # a field that no longer exists on the model
            label = change.field
        changes.append((label, change.old, change.new))
    return changes
