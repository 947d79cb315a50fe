"""JP (jam pelajaran) credit of a workshop or seminar session, as LAN counts classroom learning.

* 1 JP = 45 minutes of learning; a session earns ``ceil(minutes / 45)`` JP (the same rounding the
  project uses for e-learning, so a 30-minute talk earns 1 JP rather than none);
* capped at the JP of a full day of its kind: a seminar day is 4 JP and a workshop day 5 JP
  (international: 6 and 7), per LAN's conversion guideline;
* an author may set the JP explicitly instead (e.g. what the partner's certificate states).
"""

from __future__ import annotations

import math

MINUTES_PER_JP = 45
# JP of a full day, by (kind, international).
FULL_DAY_JP = {
    ("seminar", False): 4,
    ("seminar", True): 6,
    ("workshop", False): 5,
    ("workshop", True): 7,
}
# The longest session the block accepts: one day of learning. Longer events are several sessions.
MAX_SESSION_MINUTES = 12 * 60
MAX_EXPLICIT_JP = 40


def full_day_jp(kind: str, international: bool = False) -> int:
    """The JP LAN counts for a full day of this kind of event."""
    return FULL_DAY_JP[(kind, bool(international))]


def derived_jp(kind: str, duration_minutes: int, international: bool = False) -> int:
    """JP earned by attending ``duration_minutes`` of a ``kind`` session (no explicit value)."""
    if duration_minutes <= 0:
        return 0
    return min(math.ceil(duration_minutes / MINUTES_PER_JP), full_day_jp(kind, international))


def session_jp(
    kind: str, duration_minutes: int, international: bool = False, explicit: int | None = None
) -> int:
    """The JP a session credits: the author's explicit value when set, else the derived one."""
    if explicit is not None:
        return int(explicit)
    return derived_jp(kind, duration_minutes, international)
