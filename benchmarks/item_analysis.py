"""Item analysis of 100,000 attempts of a 40-item form: numpy against a straightforward Python loop.

Goal (issue 16): the statistics (difficulty, corrected point-biserial, upper-lower index, option
shares overall and in the top and bottom groups, flags, KR-20 and SEM) under 2 s for 100,000
attempts of a 40-item form. The baseline computes the same figures one item at a time with plain
Python loops over the learners, as a first implementation would; the two must agree, and the script
prints both times and their ratio. It also times building the arrays from attempt rows (the item ids,
item scores and answers the plugin's table holds), which the LMS does before analysing.

Run: ``.venv/bin/python -m benchmarks.item_analysis [--attempts N] [--items K]``.
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

from xblocks.bina_asn.assessment.analysis import GROUP_SHARE, ItemKey, Responses, analyse, responses

OPTIONS = ("a", "b", "c", "d")


def simulate(n: int, k: int, seed: int = 16):
    rng = np.random.default_rng(seed)
    ability = rng.normal(size=n)
    difficulty = rng.uniform(-2, 2, k)
    scores = (rng.random((n, k)) < 1 / (1 + np.exp(-(ability[:, None] - difficulty)))).astype(float)
    keys = [ItemKey(f"item-{i:02d}", OPTIONS, frozenset(OPTIONS[i % 4])) for i in range(k)]
    chosen = np.zeros((n, k, 6), dtype=bool)
    for i in range(k):
        key = i % 4
        wrong = rng.choice([j for j in range(4) if j != key], size=n, p=[0.5, 0.3, 0.2])
        chosen[np.arange(n), i, np.where(scores[:, i] == 1, key, wrong)] = True
    return scores, chosen, keys


def rows_from(scores, chosen, keys):
    """The attempts as the table stores them: item ids, item scores and answers per attempt."""
    ids = [key.id for key in keys]
    rows = []
    for learner in range(scores.shape[0]):
        item_scores = dict(zip(ids, scores[learner].tolist(), strict=True))
        picks = chosen[learner].argmax(axis=1).tolist()
        answers = {item_id: [OPTIONS[pick]] for item_id, pick in zip(ids, picks, strict=True)}
        rows.append((ids, item_scores, answers))
    return rows


def baseline(rows, keys):
    """The same statistics, item by item, with plain Python loops over the learners."""
    n, k = len(rows), len(keys)
    totals = [sum(item_scores.values()) for _ids, item_scores, _answers in rows]
    order = sorted(range(n), key=lambda learner: totals[learner])
    group = max(round(GROUP_SHARE * n), 1)
    bottom, top = set(order[:group]), set(order[n - group :])
    result = []
    variances = 0.0
    for key in keys:
        xs = [item_scores[key.id] for _ids, item_scores, _answers in rows]
        rest = [total - x for total, x in zip(totals, xs, strict=True)]
        p = sum(xs) / n
        variances += p * (1 - p)
        mean_rest = sum(rest) / n
        cov = sum((x - p) * (r - mean_rest) for x, r in zip(xs, rest, strict=True))
        var_x = sum((x - p) ** 2 for x in xs)
        var_r = sum((r - mean_rest) ** 2 for r in rest)
        r = cov / math.sqrt(var_x * var_r) if var_x and var_r else float("nan")
        p_top = sum(xs[learner] for learner in top) / len(top)
        p_bottom = sum(xs[learner] for learner in bottom) / len(bottom)
        shares, top_shares = dict.fromkeys(key.options, 0), dict.fromkeys(key.options, 0)
        bottom_shares = dict.fromkeys(key.options, 0)
        for learner, (_ids, _scores, answers) in enumerate(rows):
            for option in answers.get(key.id, ()):
                shares[option] += 1
                if learner in top:
                    top_shares[option] += 1
                if learner in bottom:
                    bottom_shares[option] += 1
        shares = {o: c / n for o, c in shares.items()}
        top_shares = {o: c / len(top) for o, c in top_shares.items()}
        bottom_shares = {o: c / len(bottom) for o, c in bottom_shares.items()}
        result.append((key.id, p, r, p_top - p_bottom, shares, top_shares, bottom_shares))
    mean_total = sum(totals) / n
    var_total = sum((t - mean_total) ** 2 for t in totals) / n
    kr20 = k / (k - 1) * (1 - variances / var_total)
    sem = math.sqrt(var_total) * math.sqrt(1 - kr20)
    return result, kr20, sem


def timed(function, *args, repeat=3):
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function(*args)
        best = min(best, time.perf_counter() - start)
    return best, value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=40)
    args = parser.parse_args()
    scores, chosen, keys = simulate(args.attempts, args.items)
    rows = rows_from(scores, chosen, keys)

    build_time, data = timed(responses, keys, rows)
    numpy_time, result = timed(analyse, Responses(scores, chosen, keys))
    loop_time, (expected, kr20, sem) = timed(baseline, rows, keys, repeat=1)

    assert np.allclose(data.scores, scores)
    for stats, (item_id, p, r, d, shares, _top, _bottom) in zip(
        result.item_statistics, expected, strict=True
    ):
        assert stats.id == item_id
        assert abs(stats.p - p) < 1e-3 and abs(stats.r - r) < 1e-3 and abs(stats.d - d) < 1e-3, item_id
        assert all(abs(stats.shares[o] - share) < 1e-3 for o, share in shares.items())
    assert abs(result.reliability - kr20) < 1e-3 and abs(result.sem - sem) < 0.01

    print(f"{args.attempts:,} attempts x {args.items} items (KR-20 {result.reliability}, SEM {result.sem})")
    print(f"analysis, numpy:              {numpy_time:7.3f} s   (goal < 2 s)")
    print(f"analysis, Python loop:        {loop_time:7.3f} s")
    print(f"ratio loop / numpy:           {loop_time / numpy_time:7.1f} x")
    print(f"arrays from attempt rows:     {build_time:7.3f} s")
    print(f"rows -> statistics, numpy:    {build_time + numpy_time:7.3f} s")


if __name__ == "__main__":
    main()
