"""What a template may link to for the user: `{% load access %}`, then
`{% if request.user|reads_tree %}<a href="…">…</a>{% else %}…{% endif %}`."""

from django import template

from dangbo.accounts import access

register = template.Library()


@register.filter
def reads_tree(user) -> bool:
    """Does the user read the tree and the register (organization and member pages)? The
    citizens office does not: names are shown to it without a link."""
    return access._role(user) in access.TREE_READERS
