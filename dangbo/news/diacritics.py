"""The "Did you mean …?" suggestion: the text with its diacritics restored.

The model is the one `make setup` builds (dangbo.lib.vntext.restore_diacritics, see
docs/vntext.md) plus the counts of the site's published articles (DiacriticsCounts).
Each process keeps the combined model and rebuilds it when the counts' version changes:
one small query per suggestion, and about 0.1 s after each publication.
"""

import html
import re
import threading
from pathlib import Path

from django.conf import settings

from dangbo.lib.vntext import DiacriticsModel, count_running_text, load_model, restore_diacritics
from dangbo.lib.vntext.restore import DEFAULT_PATH

from .models import Article, DiacriticsCounts

# The site's own articles weigh three times the running text of the packages: they are
# the register citizens answer in (tuned on bench/data/diacritics_dev.txt).
SITE_WEIGHT = 3.0
# Longest text a suggestion is made for (the comment limit; a title is shorter).
MAX_CHARS = 2000

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|h\d|li|div|blockquote)>|<br\s*/?>", re.IGNORECASE)
_lock = threading.Lock()
_state: dict = {"path": None, "base": None, "version": None, "model": None}


def reset() -> None:
    """Forget the loaded models (tests; a new model file is picked up by its path)."""
    with _lock:
        _state.update(path=None, base=None, version=None, model=None)


def article_text(article: Article) -> list[str]:
    """The article's title, lead and paragraphs as plain text."""
    body = html.unescape(_TAG.sub(" ", _BLOCK_END.sub("\n", article.body_html or "")))
    return [article.title, article.lead, *body.splitlines()]


def article_pairs(article: Article) -> dict[str, float]:
    """count_running_text of the article, keyed for JSON ("a<TAB>b")."""
    return {f"{a}\t{b}": n for (a, b), n in count_running_text(article_text(article)).items()}


def _base_model() -> DiacriticsModel | None:
    path = Path(getattr(settings, "DIACRITICS_MODEL", DEFAULT_PATH))
    if _state["path"] != path:
        try:
            _state["base"] = load_model(path)
        except (OSError, ValueError):
            _state["base"] = None
        _state.update(path=path, version=None, model=None)
    return _state["base"]


def site_model() -> DiacriticsModel | None:
    """The base model with the site's article counts; None when no model is built."""
    with _lock:
        base = _base_model()
        if base is None:
            return None
        row = DiacriticsCounts.objects.filter(pk=1).values_list("version", flat=True).first()
        if row is None:
            return base
        if _state["version"] != row:
            counts = DiacriticsCounts.objects.get(pk=1)
            pairs = {}
            for key, n in counts.pairs.items():
                a, _, b = key.partition("\t")
                pairs[a, b] = float(n)
            _state.update(version=counts.version, model=base.with_text_counts(pairs, weight=SITE_WEIGHT))
        return _state["model"]


def suggestion(text: str | None) -> str | None:
    """The text with its diacritics restored, or None when there is nothing to suggest
    (the text has diacritics already, reads as English, is empty or too long, or no
    model is built). About 2 ms for a 30-word comment."""
    if not text or len(text) > MAX_CHARS:
        return None
    model = site_model()
    if model is None:
        return None
    restored = restore_diacritics(text, model)
    return restored if restored != text else None
