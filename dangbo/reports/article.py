"""The news article of the year, in the style of the seed (shared/seed/article.txt):
title, lead, paragraphs with the figures, the photo caption and the byline "PV".

Built from `annual_figures` only (plus the secretary's posts for the caption), so the
article, the Word report and the web page always state the same figures.
"""

import datetime as dt

from dangbo.organizations.models import Organization

from . import wording
from .figures import annual_figures
from .parts import PARTS
from .selectors import secretary_caption, settings_for


def compose_article(org: Organization, year: int, figures: dict | None = None) -> dict:
    """dict(title, lead, paragraphs: list[str], caption: str | None, byline)."""
    f = figures or annual_figures(org, year)
    names = wording.names_of(f["organization"]["name"])
    committee = settings_for(org, dt.date(year, 12, 31)).short_name or names.committee
    targets = f["targets"]
    good_year = targets["total"] == 0 or targets["met_or_exceeded"] * 2 > targets["total"]
    if good_year:
        title = f"{names.short} đoàn kết, sáng tạo thực hiện nhiệm vụ then chốt"
        result = "hoàn thành nhiều chỉ tiêu đề ra" if targets["total"] else "thực hiện tốt các nhiệm vụ đề ra"
    else:
        title = f"{names.short} tiếp tục nâng cao chất lượng công tác xây dựng Đảng"
        result = "nỗ lực thực hiện các chỉ tiêu đề ra"
    lead = (
        "Xác định phát triển kinh tế là nhiệm vụ trung tâm, xây dựng Đảng là nhiệm vụ then chốt, "
        f"năm {year}, {names.short} đã đoàn kết, tích cực sáng tạo, đổi mới, {result}."
    )
    # (order, paragraph) in the seed's order (reports.parts); other apps' parts between.
    ordered = [
        (20, f"{committee} thường xuyên quan tâm củng cố, kiện toàn cấp ủy và đội ngũ cán bộ {_reach(names)}. "
             f"{wording.cadre_clause(f, committee)}; {wording.training_clause(f)}."),
        (30, f"{names.level} coi trọng công tác phát triển đảng viên, gắn với rà soát đưa ra khỏi Đảng những "
             f"đảng viên không còn đủ tư cách đảng viên. {wording.membership_sentence(f, names.level)} "
             f"{wording.headcount_sentence(f, names.level)}"),
    ]
    for part in PARTS:
        sentences = part.sentences(f, names)
        if sentences:
            ordered.append((part.order, " ".join(sentences)))
    ratings = [s for s in (wording.grassroots_ratings_sentence(f), wording.member_ratings_sentence(f)) if s]
    if ratings:
        ordered.append((80, " ".join(ratings)))
    # Texts of the same place in the seed's order make one paragraph (the membership
    # figures and member development; assignments and documents).
    by_order: dict[int, list[str]] = {}
    for order, text in ordered:
        by_order.setdefault(order, []).append(text)
    paragraphs = [" ".join(texts) for _order, texts in sorted(by_order.items())]
    clause = wording.targets_clause(f)
    closing = (
        f"Kết quả trên đã góp phần quan trọng xây dựng {names.level} vững mạnh, năng lực lãnh đạo, "
        "sức chiến đấu của đảng bộ được nâng lên."
    )
    if clause:
        closing += (
            f" Năm {year}, mặc dù còn gặp nhiều khó khăn, song Đảng bộ đã lãnh đạo, chỉ đạo triển khai "
            f"thực hiện các mục tiêu nhiệm vụ đề ra, {clause}."
        )
    paragraphs.append(closing)
    return {
        "title": title,
        "lead": lead,
        "paragraphs": paragraphs,
        "caption": secretary_caption(org, year),
        "byline": "PV",
    }


def _reach(names: wording.Names) -> str:
    """ "từ huyện đến cơ sở" for a district; "ở cơ sở" for a grassroots committee."""
    level = names.level.removeprefix("Đảng bộ").strip()
    return f"từ {level} đến cơ sở" if level and level not in ("xã", "phường", "thị trấn") else "ở cơ sở"


def article_text(article: dict) -> str:
    """The article as plain text, as the command prints it."""
    parts = [article["title"], "", article["lead"], ""]
    if article["caption"]:
        parts += [article["caption"], ""]
    for paragraph in article["paragraphs"]:
        parts += [paragraph, ""]
    parts.append(article["byline"])
    return "\n".join(parts) + "\n"


def article_html(article: dict) -> str:
    """The body of a news draft: the secretary's caption (the seed puts it under a
    portrait, after the lead), then the paragraphs; everything escaped."""
    from django.utils.html import escape

    parts = [f"<p><em>{escape(article['caption'])}</em></p>"] if article["caption"] else []
    parts += [f"<p>{escape(p)}</p>" for p in article["paragraphs"]]
    return "\n".join(parts)
