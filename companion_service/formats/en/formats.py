"""English, as written in Indonesia: day before month, 24-hour clock in WIB; 1,234.5.

Django's ``en`` locale is American (month first, "p.m."), which would misread 03/04/2026 typed by
an evaluator; these formats keep the order people in Sibolga use in either language.
"""

DATE_FORMAT = "j F Y"  # 28 November 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i T"  # 28 November 2026, 14:30 WIB
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i T"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 28/11/2026
    "%d-%m-%Y",  # 28-11-2026
    "%Y-%m-%d",  # 2026-11-28
    "%d %B %Y",  # 28 November 2026
    "%d %b %Y",  # 28 Nov 2026
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M", "%H.%M"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H.%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
