"""Template filters for Indonesian formats: ``{% load bina_formats %}``.

``{{ attempt.submitted|wib }}`` -> 28 November 2026, 14.30 WIB (``|wib:"date"``, ``"time"``, ``"short"``);
``{{ total|number }}`` -> 1.234; ``{{ mean|number:1 }}`` -> 3,5; ``{{ share|percent }}`` -> 87,5%.
"""

from django import template

from companion_service.formats.display import format_number, format_percent, format_wib

register = template.Library()


@register.filter(is_safe=False)
def wib(value, kind="datetime"):
    """A stored time shown in WIB with its zone."""
    return format_wib(value, kind)


@register.filter(is_safe=False)
def number(value, decimals=None):
    """A number with the active language's separators, grouped."""
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter(is_safe=False)
def percent(value, decimals=1):
    """A ratio between 0 and 1 as a percentage."""
    return format_percent(value, int(decimals))
