"""PDF reports for the mayor's office: the scorecard and the impact analysis, each with its filters,
the method in a few lines, the tables of the page and simple charts drawn as SVG (WeasyPrint, as
the SKM report; in Bahasa Indonesia)."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

WIDTH, ROW, LABEL = 640, 26, 220


def _bar_svg(rows, maximum: float, unit: str = "%", title: str = "") -> str:
    """Horizontal bars with interval whiskers: rows = (label, value, low, high) on 0..maximum."""
    usable = [row for row in rows if row[1] is not None]
    height = ROW * len(usable) + 30
    scale = (WIDTH - LABEL - 60) / maximum if maximum else 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" role="img" '
        f'aria-label="{escape(title)}" font-family="DejaVu Sans, sans-serif" font-size="11">'
    ]
    for index, (label, value, low, high) in enumerate(usable):
        y = 10 + index * ROW
        parts.append(f'<text x="0" y="{y + 14}">{escape(str(label)[:38])}</text>')
        parts.append(
            f'<rect x="{LABEL}" y="{y + 3}" width="{max(value, 0) * scale:.1f}" height="14" fill="#0b5394"/>'
        )
        if low is not None and high is not None:
            parts.append(
                f'<line x1="{LABEL + low * scale:.1f}" x2="{LABEL + high * scale:.1f}" '
                f'y1="{y + 10}" y2="{y + 10}" stroke="#000" stroke-width="2"/>'
            )
        parts.append(
            f'<text x="{LABEL + max(value, 0) * scale + 6:.1f}" y="{y + 14}">{value:.1f}{unit}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _forest_svg(units, title: str) -> str:
    """Each unit's change with its interval around a zero line."""
    usable = [u for u in units if u.change is not None]
    if not usable:
        return ""
    values = [v for u in usable for v in (u.change, u.change_low, u.change_high) if v is not None]
    low, high = min(values + [0]) - 1, max(values + [0]) + 1
    scale = (WIDTH - LABEL - 20) / (high - low)

    def x(value):
        return LABEL + (value - low) * scale

    height = ROW * len(usable) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" role="img" '
        f'aria-label="{escape(title)}" font-family="DejaVu Sans, sans-serif" font-size="11">',
        f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="0" y2="{height - 20}" '
        'stroke="#4a5360" stroke-dasharray="3,3"/>',
    ]
    for index, unit in enumerate(usable):
        y = 10 + index * ROW + 10
        parts.append(f'<text x="0" y="{y + 4}">{escape(unit.name[:38])}</text>')
        if unit.change_low is not None:
            parts.append(
                f'<line x1="{x(unit.change_low):.1f}" x2="{x(unit.change_high):.1f}" y1="{y}" y2="{y}" '
                'stroke="#4a5360" stroke-width="2"/>'
            )
        parts.append(f'<circle cx="{x(unit.change):.1f}" cy="{y}" r="5" fill="#0b5394"/>')
        parts.append(f'<text x="{x(unit.change) + 8:.1f}" y="{y - 6}">{unit.change:+.2f}</text>')
    parts.append(f'<text x="{x(0) - 4:.1f}" y="{height - 6}">0</text></svg>')
    return "".join(parts)


def _pct(value):
    return None if value is None else value * 100


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def scorecard_pdf(context: dict) -> bytes:
    """``context``: the scorecard page's context (card, tables, filters)."""
    with translation.override("id"):
        card = context["card"]
        coverage = [
            (label, _pct(r.value), _pct(r.low), _pct(r.high))
            for label, r, _k, _n in context["tables"]["coverage"].rows
        ]
        context = {
            **context,
            "generated": timezone.localtime(),
            "coverage_svg": mark_safe(_bar_svg(coverage, 100, title="Cakupan pelatihan"))  # noqa: S308 (built from numbers, labels escaped)
            if any(row[1] is not None for row in coverage)
            else "",
            "card": card,
        }
        return _pdf("evaluation/documents/scorecard.html", context)


def impact_pdf(context: dict) -> bytes:
    with translation.override("id"):
        analysis = context["analysis"]
        context = {
            **context,
            "generated": timezone.localtime(),
            "forest_svg": mark_safe(_forest_svg(analysis.units, "Perubahan IKM per unit")),  # noqa: S308
        }
        return _pdf("evaluation/documents/impact.html", context)
