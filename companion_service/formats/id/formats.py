"""Bahasa Indonesia: 28 November 2026, 14.30 WIB; 1.234,5.

Times carry the zone (``T``), which is WIB because the companion shows times in Asia/Jakarta.
Input formats not listed here come from Django's ``id`` locale (day first).
"""

DATE_FORMAT = "j F Y"  # 28 November 2026
TIME_FORMAT = "H.i"  # 14.30
DATETIME_FORMAT = "j F Y, H.i T"  # 28 November 2026, 14.30 WIB
YEAR_MONTH_FORMAT = "F Y"  # November 2026
MONTH_DAY_FORMAT = "j F"  # 28 November
SHORT_DATE_FORMAT = "d/m/Y"  # 28/11/2026
SHORT_DATETIME_FORMAT = "d/m/Y H.i T"  # 28/11/2026 14.30 WIB
FIRST_DAY_OF_WEEK = 1  # Senin

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
