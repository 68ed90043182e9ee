import json

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangbo.core.versions import VersionField

from . import diacritics, services
from .models import Comment


class _SuggestsDiacritics:
    """A text widget followed by the "Did you mean …?" box: filled on the server when
    the value lacks diacritics (after a refusal, on an edit page), and while typing
    through HTMX (debounced) with news/diacritics.js for the "use this text" button."""

    suggestion_template = "news/widgets/_with_suggestion.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        widget = context["widget"]
        box = f"{widget['attrs'].get('id') or 'id_' + name}-suggestion"
        widget["attrs"].update({
            "hx-get": reverse("news:suggest"),
            "hx-trigger": "input changed delay:700ms",
            "hx-target": f"#{box}",
            "hx-sync": "this:replace",
            "hx-vals": json.dumps({"field": name, "target": widget["attrs"].get("id", "")}),
            "aria-describedby": box,
        })
        context["suggestion"] = diacritics.suggestion(value) if isinstance(value, str) else None
        context["suggestion_box"] = box
        context["suggestion_target"] = widget["attrs"].get("id", "")
        return context


class SuggestingTextarea(_SuggestsDiacritics, forms.Textarea):
    template_name = "news/widgets/suggesting_textarea.html"


class SuggestingTextInput(_SuggestsDiacritics, forms.TextInput):
    template_name = "news/widgets/suggesting_input.html"


class CommentForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=services.NAME_MAX)
    contact = forms.CharField(
        label=_("Telephone or e-mail (optional, not published)"), max_length=services.CONTACT_MAX, required=False
    )
    text = forms.CharField(
        label=_("Comment"),
        widget=SuggestingTextarea(attrs={"rows": 5, "maxlength": services.TEXT_MAX, "lang": "vi"}),
        help_text=_("Please write in Vietnamese with diacritics. Comments are published after review."),
    )
    # The honeypot: hidden from people, filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class ArticleForm(forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("article", "Title"), max_length=services.TITLE_MAX,
        widget=SuggestingTextInput(attrs={"lang": "vi"}),
    )
    lead = forms.CharField(label=_("Lead"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    body_html = forms.CharField(
        label=_("Body"), required=False, widget=forms.Textarea(
            attrs={
                "rows": 14,
                "class": "news-body-source",
                "data-bold-title": _("Bold"),
                "data-italic-title": _("Italic"),
                "data-h2-title": _("Heading"),
                "data-para-title": _("Paragraph"),
                "data-list-title": _("List"),
                "data-link-title": _("Link"),
                "data-link-prompt": _("Link address (https://…)"),
            }
        ),
    )
    byline = forms.CharField(label=_("Byline"), max_length=100, initial="PV", required=False)


class ArticleEditForm(ArticleForm):
    """An article's text changed: with the version it started from (core.versions)."""

    version = VersionField()


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Picture (JPEG, PNG or WebP)"))
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=300,
        required=False,
        help_text=_("What the picture shows, for readers who cannot see it. The caption when empty."),
    )
    after_paragraph = forms.IntegerField(
        label=_("After paragraph"), min_value=0, initial=0, help_text=_("0 places it right after the lead.")
    )


class ModerateForm(forms.Form):
    status = forms.ChoiceField(choices=Comment.Status.choices)
    reason = forms.CharField(label=_("Reason"), max_length=services.REASON_MAX, required=False)
