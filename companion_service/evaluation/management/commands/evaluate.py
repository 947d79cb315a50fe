"""``companion evaluate [--refresh [--full|--incremental]] [--json] [--year Y] [--window N]
[--threshold T] [--weighting regulation|exact] [--opd CODE] [--level unit|opd]``

``--refresh`` recomputes the dashboard's aggregates: all of them (``--full``, the default), or only
what the changes noted since the last refresh reach (``--incremental``; the worker does this by
itself after each change, ADR 0131). ``--json`` prints the scorecard and the impact analysis as one
object: ``{"scorecard": ..., "units": [...], "impact": {"estimate", "ci95", "warnings",
"minimum_detectable_effect", ...}}``. ``--level unit|opd`` says where training is assigned (a
service unit's own staff, the default, or its OPD's). Without
``--json`` a short summary is printed. ``--opd`` limits everything to one OPD, as its head reads it.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from companion_service.accounts.api import Scope

from ... import selectors
from ...refresh import refresh
from ...rest_api.v1.serializers import ImpactAnalysisSerializer, ScorecardSerializer


def threshold_value(text: str) -> float:
    """0.5, 50 or 50% -> 0.5; anything outside 5%-95% is refused."""
    cleaned = str(text).strip().rstrip("%").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise CommandError(
            f"--threshold {text!r} is not a share; write e.g. 0.5 or 50%.", returncode=2
        ) from None
    if value > 1:
        value /= 100
    if not 0.05 <= value <= 0.95:
        raise CommandError("--threshold must be between 0.05 (5%) and 0.95 (95%).", returncode=2)
    return value


def report(scope: Scope, year, window, threshold, weighting, level="unit") -> dict:
    """The scorecard and the impact analysis as one object (what ``--json`` prints)."""
    card = selectors.scorecard(scope, year, weighting)
    analysis = selectors.impact(scope, window, threshold, weighting, level=level)
    impact = ImpactAnalysisSerializer(analysis).data
    return {
        "generated": timezone.now().isoformat(),
        "computed_at": card.computed_at,
        "scope": scope.label,
        "year": card.year,
        "weighting": weighting,
        "window": window,
        "threshold": threshold,
        "level": level,
        "scorecard": ScorecardSerializer(card).data,
        "units": impact["units"],
        "impact": {**impact["impact"], "quarters": impact["quarters"], "opds": impact["opds"]},
    }


def _percent(rate) -> str:
    if rate["suppressed"]:
        return f"n={rate['n']} (suppressed)"
    return f"{rate['value']:.1%} of {rate['n']} (95% CI {rate['low']:.1%}-{rate['high']:.1%})"


class Command(BaseCommand):
    help = "Refresh the evaluation's aggregates and/or print the scorecard and impact analysis."

    def add_arguments(self, parser):
        parser.add_argument("--refresh", action="store_true", help="Recompute the aggregates first.")
        how = parser.add_mutually_exclusive_group()
        how.add_argument(
            "--full", action="store_true", help="With --refresh: recompute everything (the default)."
        )
        how.add_argument(
            "--incremental",
            action="store_true",
            help="With --refresh: recompute only what the changes noted since the last refresh reach.",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument("--year", type=int, help="Scorecard year (default: this year).")
        parser.add_argument("--window", type=int, help="Quarters before and after (1-4; default 2).")
        parser.add_argument("--threshold", help="Share of an OPD's ASN trained (default 0.5).")
        parser.add_argument("--weighting", choices=["regulation", "exact"], help="Unsur weight 0.111 or 1/9.")
        parser.add_argument("--opd", help="Only this OPD (its code), as its head reads it.")
        parser.add_argument(
            "--level",
            choices=["unit", "opd"],
            default="unit",
            help="Where training is assigned: a service unit's own staff (default) or its OPD's.",
        )

    def handle(self, *args, **options):
        if options["refresh"]:
            run = refresh("command", full=not options["incremental"])
            if run.status != "ok":
                raise CommandError(f"The refresh failed: {run.error}")
            if not options["json"]:
                self.stdout.write(f"Refreshed in {run.seconds:.1f} s: " + json.dumps(run.counts))
                return
        default_threshold, default_window = selectors.programme_defaults()
        window = options["window"] if options["window"] is not None else default_window
        if not 1 <= window <= 4:
            raise CommandError("--window must be 1, 2, 3 or 4 quarters.", returncode=2)
        threshold = threshold_value(options["threshold"]) if options["threshold"] else default_threshold
        weighting = options["weighting"] or selectors.choose_weighting(None)
        scope = Scope.everything()
        if options["opd"]:
            from companion_service.organization.models import Opd

            opd = Opd.objects.filter(code=options["opd"]).first()
            if opd is None:
                raise CommandError(f"There is no OPD with code {options['opd']}.", returncode=2)
            scope = Scope.for_opd_tree(opd)
        if selectors.latest_refresh() is None:
            raise CommandError("No figures yet: run `companion evaluate --refresh` first.")
        data = report(scope, options["year"], window, threshold, weighting, options["level"])
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
            return
        card, impact = data["scorecard"], data["impact"]
        lines = [
            f"Bina ASN evaluation {data['year']} ({data['scope']}; figures of {data['computed_at']})",
            f"  ASN: {card['asn_count']}",
            f"  enrolled: {_percent(card['enrolled'])}",
            f"  completed: {_percent(card['completed'])}",
            f"  at least 20 JP: {_percent(card['meets_target'])}",
        ]
        if card["ikm_year"]:
            lines.append(
                f"  IKM {card['ikm_year']['period']}: {card['ikm_year']['ikm']} {card['ikm_year']['grade']}"
            )
        estimate = impact["estimate"]
        ci = impact["ci95"]
        lines.append(
            f"  impact ({impact['level']} level, window {window}, threshold {threshold:.0%}, {weighting}): "
            + (
                f"{estimate:+.2f} IKM points"
                + (f" (95% CI {ci[0]:+.2f} to {ci[1]:+.2f})" if ci else "")
                + f", {impact['treated_count']} trained units vs {impact['control_count']} not yet trained"
                if estimate is not None
                else "no estimate (no trained unit with comparison units)"
            )
        )
        if estimate is not None and impact["interval"]["reason"] == "few_clusters":
            clusters = impact["clusters"]
            lines.append(
                f"  no interval: {clusters['treated']} trained and {clusters['comparison']} comparison "
                f"clusters; at least {clusters['minimum']} of each are needed"
            )
        mde = impact["minimum_detectable_effect"]
        if mde is not None:
            lines.append(f"  minimum detectable effect (80% power): {mde:.2f} IKM points")
        if impact["warnings"]:
            lines.append("  warnings: " + ", ".join(impact["warnings"]))
        lines.append("  association, not proof of cause")
        self.stdout.write("\n".join(lines))
