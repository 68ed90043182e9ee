from django import template

from ..models import Document

register = template.Library()


@register.filter
def document_kind(key: str) -> str:
    """The label of a document type from its report key ("resolution" → "Nghị quyết")."""
    return Document.Kind(key.upper()).label
