"""Item analysis of an assessment form from its attempts (classical test theory, vectorised with numpy).

The statistics Moodle's quiz statistics report gives authors, with the formulas of
``/work/shared/domain/digital-competence.md``:

* **difficulty** (facility) ``p``: the mean item score (0-1; a multiple-response item's score may be a
  fraction);
* **discrimination**: the corrected point-biserial ``r = corr(x_i, T - x_i)`` (the item against the
  rest of the test), and the upper-lower index ``D = p(top 27%) - p(bottom 27%)`` by total score;
* **option shares**: the share of learners who chose each option, overall and in the top and bottom
  27%;
* **flags**: too easy (``p > 0.90``) or too hard (``p < 0.20``), low (``r < 0.20``) or negative
  (``r < 0``) discrimination, a distractor chosen by under 5%, and a distractor chosen more than the
  key by the top group;
* per form, **reliability**: KR-20 when every item scores 0 or 1, else Cronbach's alpha (KR-20 is
  alpha for 0/1 items), ``k/(k-1) * (1 - sum var(x_i) / var(T))``, and the **standard error of
  measurement** ``SEM = sd(T) * sqrt(1 - reliability)``, on the 0-k total score. Variances are
  population variances (``p(1-p)`` for a 0/1 item, as KR-20 writes it).

Learners who were not given an item (a random draw rather than a whole form) are left out of that
item's statistics; the rest score is then the mean of the other items given, scaled to the same
0-(k-1) range. Reliability needs everyone to have answered the same items, so it is computed over the
learners who were given every item of the form (``complete``) and left out when they are fewer than
``MIN_FOR_RELIABILITY``. Pure numpy, no Django: the plugin app, the block's staff view and the
benchmark share it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

TOO_EASY = 0.90
TOO_HARD = 0.20
LOW_DISCRIMINATION = 0.20
RARE_DISTRACTOR = 0.05
GROUP_SHARE = 0.27
MIN_FOR_RELIABILITY = 3
MAX_OPTIONS = 6

FLAGS = (
    "too_easy",
    "too_hard",
    "low_discrimination",
    "negative_discrimination",
    "rare_distractor",
    "distractor_beats_key",
)


@dataclass(frozen=True)
class ItemKey:
    """What the analysis needs of an item: its id, option ids in bank order, the keys, its type."""

    id: str
    options: tuple[str, ...]
    keys: frozenset[str]
    type: str = "single"

    @classmethod
    def from_item(cls, item: Mapping) -> ItemKey:
        options = tuple(option["id"] for option in item["options"])
        keys = frozenset(option["id"] for option in item["options"] if option.get("correct"))
        return cls(item["id"], options, keys, item.get("type", "single"))


@dataclass
class ItemStatistics:
    id: str
    answered: int  # learners given the item
    p: float | None
    r: float | None  # corrected point-biserial
    d: float | None  # upper-lower index
    shares: dict[str, float] = field(default_factory=dict)  # option id -> share of learners given the item
    top_shares: dict[str, float] = field(default_factory=dict)
    bottom_shares: dict[str, float] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


@dataclass
class FormStatistics:
    attempts: int
    complete: int  # learners given every item (the base of the reliability)
    items: int
    reliability: float | None
    reliability_kind: str  # "kr20" or "alpha"
    sem: float | None
    mean: float | None  # total score 0-k over complete attempts
    sd: float | None
    item_statistics: list[ItemStatistics] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Responses:
    """The attempts of one form as arrays: ``scores`` n x k (NaN: not given), ``chosen`` n x k x m."""

    scores: np.ndarray
    chosen: np.ndarray
    keys: Sequence[ItemKey]


def responses(
    keys: Sequence[ItemKey], attempts: Iterable[tuple[Sequence[str], Mapping, Mapping]]
) -> Responses:
    """Arrays from attempts given as ``(item ids given, item scores, answers)`` (the attempt row's fields).

    Attempts of one form share their list of item ids, so its columns are looked up once per list;
    values and chosen options are gathered by comprehensions into flat lists and written into the
    arrays in one step. Items not in ``keys`` and options an item does not have are ignored.
    """
    k, m = len(keys), MAX_OPTIONS
    column = {key.id: index for index, key in enumerate(keys)}
    offsets = {key.id: {o: column[key.id] * m + j for j, o in enumerate(key.options)} for key in keys}
    layouts: dict[tuple, tuple[list, list, list]] = {}
    values: list[float] = []
    columns: list[int] = []
    counts: list[int] = []
    flat_choices: list[int] = []
    for row, (item_ids, item_scores, answers) in enumerate(attempts):
        layout = layouts.get(tuple(item_ids))
        if layout is None:
            kept = [item_id for item_id in item_ids if item_id in column]
            layout = (kept, [column[i] for i in kept], [(i, offsets[i]) for i in kept])
            layouts[tuple(item_ids)] = layout
        kept, cols, item_offsets = layout
        values.extend([item_scores.get(item_id) or 0.0 for item_id in kept])
        columns.extend(cols)
        counts.append(len(kept))
        base = row * k * m
        flat_choices.extend(
            [base + off[o] for item_id, off in item_offsets for o in answers.get(item_id, ()) if o in off]
        )
    n = len(counts)
    scores = np.full((n, k), np.nan)
    scores[np.repeat(np.arange(n), counts), np.array(columns, dtype=np.intp)] = np.array(values, dtype=float)
    chosen = np.zeros(n * k * m, dtype=bool)
    chosen[np.array(flat_choices, dtype=np.intp)] = True
    return Responses(scores, chosen.reshape(n, k, m), list(keys))


def _round(value, digits=3):
    return None if value is None or not np.isfinite(value) else round(float(value), digits)


def _weighted_corr(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Column-wise Pearson correlation of x and y over the rows where w is 1 (NaN when undefined)."""
    count = w.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mx = (w * x).sum(axis=0) / count
        my = (w * y).sum(axis=0) / count
        dx, dy = (x - mx) * w, (y - my) * w
        return (dx * dy).sum(axis=0) / np.sqrt((dx * dx).sum(axis=0) * (dy * dy).sum(axis=0))


def analyse(data: Responses) -> FormStatistics:
    """Item and form statistics of one form's attempts."""
    scores, chosen, keys = data.scores, data.chosen, data.keys
    n, k = scores.shape
    given = ~np.isnan(scores)
    x = np.where(given, scores, 0.0)
    w = given.astype(float)
    answered = given.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x.sum(axis=0) / answered
        # Rest score: the other items given, as a mean scaled to 0..k-1 (= T - x_i for a whole form).
        count = given.sum(axis=1, keepdims=True)
        rest = (x.sum(axis=1, keepdims=True) - x) / np.maximum(count - 1, 1) * (k - 1)
        proportion = x.sum(axis=1) / np.maximum(given.sum(axis=1), 1)
    r = _weighted_corr(x, rest, w)

    # Top and bottom 27% by total score (the proportion of the items given), ties broken by order.
    group = max(int(round(GROUP_SHARE * n)), 1) if n else 0
    order = np.argsort(proportion, kind="stable")
    bottom, top = order[:group], order[n - group :]
    with np.errstate(invalid="ignore", divide="ignore"):
        p_top = x[top].sum(axis=0) / given[top].sum(axis=0)
        p_bottom = x[bottom].sum(axis=0) / given[bottom].sum(axis=0)
        shares = chosen.sum(axis=0) / answered[:, None]
        top_shares = chosen[top].sum(axis=0) / given[top].sum(axis=0)[:, None]
        bottom_shares = chosen[bottom].sum(axis=0) / given[bottom].sum(axis=0)[:, None]
    d = p_top - p_bottom

    items = []
    for i, key in enumerate(keys):
        options = key.options
        stats = ItemStatistics(
            id=key.id,
            answered=int(answered[i]),
            p=_round(p[i]),
            r=_round(r[i]),
            d=_round(d[i]),
            shares={o: _round(shares[i, j]) for j, o in enumerate(options)} if answered[i] else {},
            top_shares={o: _round(top_shares[i, j]) for j, o in enumerate(options)} if group else {},
            bottom_shares={o: _round(bottom_shares[i, j]) for j, o in enumerate(options)} if group else {},
        )
        stats.flags = _flags(stats, key)
        items.append(stats)

    complete = given.all(axis=1)
    total = x[complete].sum(axis=1)
    reliability = kind = sem = mean = sd = None
    dichotomous = bool(np.isin(x[complete], (0.0, 1.0)).all())
    kind = "kr20" if dichotomous else "alpha"
    if complete.sum() >= MIN_FOR_RELIABILITY and k >= 2:
        reliability = cronbach_alpha(x[complete])
        mean, sd = float(total.mean()), float(total.std())
        if reliability is not None:
            sem = sd * np.sqrt(max(1.0 - reliability, 0.0))
    return FormStatistics(
        attempts=n,
        complete=int(complete.sum()),
        items=k,
        reliability=_round(reliability),
        reliability_kind=kind,
        sem=_round(sem, 2),
        mean=_round(mean, 2),
        sd=_round(sd, 2),
        item_statistics=items,
    )


def cronbach_alpha(x: np.ndarray) -> float | None:
    """``k/(k-1) * (1 - sum var(x_i) / var(T))`` with population variances; KR-20 for 0/1 items."""
    k = x.shape[1]
    total_variance = x.sum(axis=1).var()
    if total_variance <= 0:
        return None
    return float(k / (k - 1) * (1 - x.var(axis=0).sum() / total_variance))


def _flags(stats: ItemStatistics, key: ItemKey) -> list[str]:
    flags = []
    if stats.p is not None:
        if stats.p > TOO_EASY:
            flags.append("too_easy")
        elif stats.p < TOO_HARD:
            flags.append("too_hard")
    if stats.r is not None:
        if stats.r < 0:
            flags.append("negative_discrimination")
        elif stats.r < LOW_DISCRIMINATION:
            flags.append("low_discrimination")
    distractors = [option for option in key.options if option not in key.keys]
    if stats.shares and any(
        stats.shares[o] is not None and stats.shares[o] < RARE_DISTRACTOR for o in distractors
    ):
        flags.append("rare_distractor")
    if key.type != "multiple" and len(key.keys) == 1 and stats.top_shares:
        (answer,) = key.keys
        key_share = stats.top_shares.get(answer) or 0.0
        if any((stats.top_shares[o] or 0.0) > key_share for o in distractors):
            flags.append("distractor_beats_key")
    return flags
