"""JP rules: 1 JP = 45 minutes, capped at LAN's full-day values (seminar 4, workshop 5), or explicit."""

import pytest

from xblocks.bina_asn.workshop import jp


@pytest.mark.parametrize(
    ("kind", "minutes", "international", "expected"),
    [
        ("workshop", 45, False, 1),
        ("workshop", 90, False, 2),
        ("workshop", 100, False, 3),  # a started 45-minute unit counts (ceil, as for e-learning)
        ("workshop", 30, False, 1),
        ("workshop", 225, False, 5),
        ("workshop", 480, False, 5),  # a full workshop day is 5 JP, not 480/45
        ("seminar", 120, False, 3),
        ("seminar", 180, False, 4),
        ("seminar", 420, False, 4),  # a full seminar day is 4 JP
        ("seminar", 420, True, 6),  # international seminar day
        ("workshop", 480, True, 7),  # international workshop day
        ("workshop", 0, False, 0),
    ],
)
def test_derived_jp(kind, minutes, international, expected):
    assert jp.derived_jp(kind, minutes, international) == expected


def test_explicit_jp_wins_even_when_zero():
    assert jp.session_jp("workshop", 480, explicit=8) == 8
    assert jp.session_jp("seminar", 60, explicit=0) == 0
    assert jp.session_jp("seminar", 60) == 2


def test_full_day_values_follow_lan():
    assert jp.full_day_jp("seminar") == 4
    assert jp.full_day_jp("workshop") == 5
    assert jp.MINUTES_PER_JP == 45
