"""Template helpers of the SKM pages: grade badges, sample flags, dictionary lookups."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import permissions
from ..questionnaire import GRADE_LABELS

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` (empty when missing), for cells of a row read from a file."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.simple_tag
def grade_badge(letter):
    """The grade letter in its colour with its label for screen readers and a tooltip."""
    if not letter:
        return format_html('<span class="muted">—</span>')
    label = GRADE_LABELS[letter]
    return format_html(
        '<span class="grade grade-{0}" title="{1}">{0}<span class="visually-hidden"> ({1})</span></span>',
        letter,
        label,
    )


@register.simple_tag
def sample_flag(minimum_sample):
    """Met, short (flagged) or unknown (no number of service users entered)."""
    if minimum_sample.met is None:
        return format_html('<span class="flag">{}</span>', _("service users unknown"))
    if minimum_sample.met:
        return format_html(
            '<span class="flag ok">{}</span>',
            _("sample met (min. %(required)s)") % {"required": minimum_sample.required},
        )
    return format_html(
        '<span class="flag">⚠ {}</span>',
        _("sample short (min. %(required)s)") % {"required": minimum_sample.required},
    )


@register.filter
def percent_width(value):
    """A share 0-100 as a CSS width for the bar charts."""
    try:
        return f"{max(0.0, min(100.0, float(value))):.1f}%"
    except (TypeError, ValueError):
        return "0%"


@register.filter
def can_set_up(user) -> bool:
    """Whether ``user`` may change units' surveys (administrators)."""
    return permissions.can_set_up(user)
