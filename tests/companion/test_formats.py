"""Dates, times and numbers as people in Sibolga write them: 28 November 2026, 14.30 WIB, 1.234,5."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone, translation

from companion_service.formats.display import format_number, format_percent, format_wib, to_wib

# 07.30 UTC is 14.30 in Jakarta (UTC+7, no daylight saving).
MOMENT = datetime(2026, 11, 28, 7, 30, tzinfo=UTC)


def render(source: str, **context) -> str:
    return Template("{% load bina_formats l10n %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "28 November 2026, 14.30 WIB | 28/11/2026 14.30 WIB | 28 November 2026 | 14.30 WIB"),
        ("en", "28 November 2026, 14:30 WIB | 28/11/2026 14:30 WIB | 28 November 2026 | 14:30 WIB"),
    ],
)
def test_wib_filter(language, expected):
    with translation.override(language):
        assert (
            render('{{ t|wib }} | {{ t|wib:"short" }} | {{ t|wib:"date" }} | {{ t|wib:"time" }}', t=MOMENT)
            == expected
        )


def test_indonesian_month_names():
    with translation.override("id"):
        assert format_wib(date(2026, 8, 17)) == "17 Agustus 2026"
        assert format_wib(datetime(2026, 1, 5, 2, 0, tzinfo=UTC)) == "5 Januari 2026, 09.00 WIB"


def test_wib_whatever_zone_is_active():
    """An export built while another zone is active still says WIB, and the WIB date."""
    late = datetime(2026, 12, 31, 18, 0, tzinfo=UTC)  # already 1 January 2027 in Sibolga
    with translation.override("id"), timezone.override("UTC"):
        assert format_wib(late) == "1 Januari 2027, 01.00 WIB"
        assert format_wib(late, "date") == "1 Januari 2027"


def test_naive_datetimes_are_taken_as_stored_utc():
    assert to_wib(datetime(2026, 11, 28, 7, 30)) == MOMENT


def test_empty_values_and_wrong_kinds():
    assert format_wib(None) == ""
    assert render("[{{ t|wib }}]", t=None) == "[]"
    with pytest.raises(ValueError, match="Unknown kind"):
        format_wib(MOMENT, "weekday")
    with pytest.raises(TypeError):
        format_wib("2026-11-28")


def test_plain_template_values_use_the_indonesian_formats():
    with translation.override("id"):
        assert (
            render("{{ t }} · {{ d }}", t=MOMENT, d=date(2026, 11, 28))
            == "28 November 2026, 14.30 WIB · 28 November 2026"
        )
        assert (
            render("{{ n }} · {{ f }} · {{ f|floatformat:2 }}", n=1234567, f=1234.5)
            == "1.234.567 · 1.234,5 · 1.234,50"
        )
        # Years and identifiers must not be grouped: unlocalize them.
        assert render("{{ y|unlocalize }}", y=2026) == "2026"


@pytest.mark.parametrize(
    ("language", "value", "decimals", "expected"),
    [
        ("id", 1234.5, None, "1.234,5"),
        ("id", 1234567, None, "1.234.567"),
        ("id", 3.456, 1, "3,5"),
        ("id", Decimal("2.25"), 1, "2,3"),  # half up, as people round
        ("id", 0.125, 2, "0,13"),
        ("id", 2, 1, "2,0"),
        ("en", 1234.5, None, "1,234.5"),
        ("id", None, None, ""),
    ],
)
def test_format_number(language, value, decimals, expected):
    with translation.override(language):
        assert format_number(value, decimals) == expected


def test_number_and_percent_filters():
    with translation.override("id"):
        assert render(
            "{{ v|number }} · {{ v|number:1 }} · {{ r|percent }} · {{ r|percent:0 }}", v=12345.678, r=0.875
        ) == ("12.345,678 · 12.345,7 · 87,5% · 88%")
        assert format_percent(None) == ""


@pytest.mark.parametrize("language", ["id", "en"])
def test_forms_read_day_first_dates_in_both_languages(language):
    class Period(forms.Form):
        start = forms.DateField()

    with translation.override(language):
        form = Period(data={"start": "03/04/2026"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["start"] == date(2026, 4, 3)
