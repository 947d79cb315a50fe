"""Template helpers of the evaluation pages: ``{% load evaluation_tags %}``.

``{% cell column value %}`` renders a table cell's value for people by the column's kind;
``{{ rate|rate_text }}`` gives ``40,0% (21,9–61,3%)`` (``40,0%`` for a share of everyone);
``{{ mean|mean_text:1 }}`` ``10,1 (5,2–15,0)``.
Suppressed values (fewer than 5 people) read "—" with an explanation for screen readers.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from companion_service.formats.display import format_number, format_percent, format_wib

from ..definitions import quarter_name, sync_status_name, trigger_name

register = template.Library()


def _suppressed():
    return format_html(
        '<span class="suppressed" title="{0}">—<span class="visually-hidden"> {0}</span></span>',
        _("suppressed: fewer than 5 people"),
    )


def _dash():
    return format_html('<span aria-label="{}">—</span>', _("no value"))


@register.filter
def rate_text(rate):
    if rate is None or rate.suppressed or rate.value is None:
        return _suppressed()
    if rate.low is None:  # a share of everyone: a count, no interval
        return format_percent(rate.value)
    return format_html(
        '{} <span class="ci">({}–{})</span>',
        format_percent(rate.value),
        format_percent(rate.low),
        format_percent(rate.high),
    )


@register.filter
def mean_text(mean, decimals=1):
    decimals = int(decimals)
    if mean is None or mean.suppressed or mean.value is None:
        return _suppressed()
    if mean.low is None or mean.low != mean.low:  # one value: no interval
        return format_number(mean.value, decimals)
    return format_html(
        '{} <span class="ci">({}–{})</span>',
        format_number(mean.value, decimals),
        format_number(mean.low, decimals),
        format_number(mean.high, decimals),
    )


@register.simple_tag
def cell(column, value):
    kind = column.kind
    if kind in ("rate", "share"):
        return rate_text(value)
    if kind in ("mean", "average"):
        return mean_text(value, column.decimals)
    if value is None or value == "":
        return _dash() if kind not in ("text", "grade") else ""
    if kind == "int":
        return format_number(value)
    if kind == "number":
        return format_number(value, column.decimals)
    if kind == "ikm":
        return format_number(value, 2)
    if kind == "percent":
        return format_percent(value)
    if kind == "grade":
        return format_html('<span class="grade grade-{0}">{0}</span>', value)
    if kind in ("flag", "warning"):  # "flag": yes is good; "warning": yes is a problem
        bad = not value if kind == "flag" else bool(value)
        return format_html(
            '<span class="flag{}">{}</span>', " short" if bad else "", _("yes") if value else _("no")
        )
    if kind == "date":
        return format_wib(value, "short")
    return value


@register.filter
def is_numeric(column) -> bool:
    return column.kind not in ("text", "grade", "flag", "warning", "date")


@register.filter
def percent_plain(value):
    return "" if value is None else format_percent(value)


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def has_chart(charts) -> bool:
    """True when a page has at least one chart to draw (the chart scripts are loaded only then)."""
    return any(chart for chart in charts or [])


@register.filter
def quarter(key):
    """``2026-Q3`` as people read it: ``Triwulan III 2026`` (the shared vocabulary)."""
    return quarter_name(key) if key else ""


@register.filter
def quarters(keys):
    """Several quarter keys as one list of names: ``Triwulan I 2026, Triwulan II 2026``."""
    return ", ".join(quarter_name(key) for key in keys or [])


@register.filter
def refresh_trigger(key):
    """What started a refresh, in words: ``the evaluate command``, never the key ``command``."""
    return trigger_name(key)


@register.filter
def sync_status(key):
    """How a sync from the LMS ended, in words (``OK``, ``Partial``, ...)."""
    return sync_status_name(key)
