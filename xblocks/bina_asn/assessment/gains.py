"""A course cohort's gain between pre- and post-test, on the common scale of two parallel forms.

Each learner is paired as the block and the companion pair them: the latest post-test and the latest
pre-test submitted before it, same course and pairing key. Scores are 0-100 (the knowledge score or a
pillar's).

**Common scale.** Forms A and B follow one blueprint, so their scores share the 0-100 metric, but one
form may still be a little easier. The counterbalanced design (half the learners take A first)
makes the two halves randomly equivalent, so the difference between the forms can be estimated from
the data (random-groups mean equating, Kolen and Brennan, *Test Equating*, ch. 2): at the pre-test
``d_pre = mean(A) - mean(B)`` over the learners who took A and B there, at the post-test
``d_post`` likewise; ``d`` is their mean. Scores are then moved onto the scale midway between the
forms: ``A - d/2`` and ``B + d/2`` (kept within 0-100). With too few learners on a form
(``MIN_PER_FORM``) no equating is done and ``d`` is reported as ``None``.

**Normalised gain** (Hake 1998) of the cohort: ``g = (post - pre) / (100 - pre)`` from the cohort's
mean scores. Its 95% interval is a percentile bootstrap over learners (``RESAMPLES`` resamples,
fixed seed, so that the figure is reproducible), re-estimating ``d`` in each resample so that the
interval carries the equating's uncertainty too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

FORMS = ("A", "B")
MAX_SCORE = 100.0
MIN_PER_FORM = 5  # learners on each form, at a test, before the forms' difference is estimated
MIN_PAIRS = 2
RESAMPLES = 2000
SEED = 20261207
LEVEL = 0.95


@dataclass(frozen=True)
class Pair:
    """One learner's pre-test and post-test score (0-100) and the form of each ("" without forms)."""

    pre: float
    post: float
    pre_form: str = ""
    post_form: str = ""


@dataclass(frozen=True)
class CohortGain:
    pairs: int
    pre_mean: float | None  # on the common scale
    post_mean: float | None
    gain: float | None  # points
    g: float | None  # Hake's normalised gain from the cohort means
    g_low: float | None  # 95% bootstrap interval
    g_high: float | None
    form_difference: float | None  # d = mean(A) - mean(B), points; None when not estimated
    raw_gain: float | None  # before equating
    first_form_counts: dict  # learners who took A first, B first

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _form_difference(scores: np.ndarray, is_a: np.ndarray, is_b: np.ndarray) -> np.ndarray:
    """mean(A) - mean(B) per row of ``scores`` (resamples x learners); NaN where a form has too few."""
    n_a, n_b = is_a.sum(axis=-1), is_b.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        diff = (scores * is_a).sum(axis=-1) / n_a - (scores * is_b).sum(axis=-1) / n_b
    return np.where((n_a >= MIN_PER_FORM) & (n_b >= MIN_PER_FORM), diff, np.nan)


def _statistics(pre, post, pre_a, pre_b, post_a, post_b):
    """(pre mean, post mean, d) per row, on the common scale; arrays are resamples x learners."""
    both = np.stack([_form_difference(pre, pre_a, pre_b), _form_difference(post, post_a, post_b)])
    known = ~np.isnan(both)
    counts = known.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(counts > 0, np.where(known, both, 0.0).sum(axis=0) / counts, np.nan)
    shift = np.where(np.isnan(d), 0.0, d / 2)[..., None]
    pre_common = np.clip(pre - shift * pre_a + shift * pre_b, 0, MAX_SCORE)
    post_common = np.clip(post - shift * post_a + shift * post_b, 0, MAX_SCORE)
    return pre_common.mean(axis=-1), post_common.mean(axis=-1), d


def _hake(pre_mean, post_mean):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pre_mean < MAX_SCORE, (post_mean - pre_mean) / (MAX_SCORE - pre_mean), np.nan)


def cohort_gain(pairs: Sequence[Pair]) -> CohortGain:
    """The cohort's gain, normalised gain and its interval, on the forms' common scale."""
    n = len(pairs)
    first = {form: sum(1 for pair in pairs if pair.pre_form == form) for form in FORMS}
    if n == 0:
        return CohortGain(0, None, None, None, None, None, None, None, None, first)
    pre = np.array([pair.pre for pair in pairs], dtype=float)
    post = np.array([pair.post for pair in pairs], dtype=float)
    masks = [
        np.array([getattr(pair, name) == form for pair in pairs])
        for name in ("pre_form", "post_form")
        for form in FORMS
    ]
    pre_mean, post_mean, d = (float(value) for value in _statistics(pre, post, *masks))
    g = float(_hake(np.array(pre_mean), np.array(post_mean)))
    low = high = None
    if n >= MIN_PAIRS:
        rng = np.random.default_rng(SEED)
        index = rng.integers(0, n, size=(RESAMPLES, n))
        boot_pre, boot_post, _d = _statistics(pre[index], post[index], *(mask[index] for mask in masks))
        boot_g = _hake(boot_pre, boot_post)
        boot_g = boot_g[~np.isnan(boot_g)]
        if boot_g.size:
            tail = (1 - LEVEL) / 2 * 100
            low, high = (float(value) for value in np.percentile(boot_g, [tail, 100 - tail]))
    return CohortGain(
        pairs=n,
        pre_mean=round(pre_mean, 2),
        post_mean=round(post_mean, 2),
        gain=round(post_mean - pre_mean, 2),
        g=None if np.isnan(g) else round(g, 3),
        g_low=None if low is None else round(low, 3),
        g_high=None if high is None else round(high, 3),
        form_difference=None if np.isnan(d) else round(d, 2),
        raw_gain=round(float(post.mean() - pre.mean()), 2),
        first_form_counts=first,
    )
