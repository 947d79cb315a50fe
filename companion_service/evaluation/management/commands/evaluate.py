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

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companion_service.accounts.api import Scope
from companion_service.core.commands import LanguageCommand
from companion_service.formats.display import format_number, format_percent

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
            _("--threshold %(text)s is not a share; write e.g. 0.5 or 50%%.") % {"text": repr(text)},
            returncode=2,
        ) from None
    if value > 1:
        value /= 100
    if not 0.05 <= value <= 0.95:
        raise CommandError(_("--threshold must be between 0.05 (5%) and 0.95 (95%)."), returncode=2)
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


# The impact analysis's warning codes by name (the impact page's words).
WARNING_NAMES = {
    "pretrend": gettext_lazy("pre-trend"),
    "pretrend_untested": gettext_lazy("pre-trend not tested"),
    "few_clusters": gettext_lazy("few clusters"),
    "short_window": gettext_lazy("cut windows"),
    "sample_not_met": gettext_lazy("minimum sample not met"),
    "units_without_staff": gettext_lazy("units left out"),
}


def _percent(rate) -> str:
    if rate["suppressed"]:
        return _("n=%(n)s (suppressed)") % {"n": rate["n"]}
    # a count of everyone: no interval
    return _("%(percent)s of %(n)s") % {
        "percent": format_percent(rate["value"]),
        "n": format_number(rate["n"]),
    }


def _signed(value) -> str:
    return ("+" if value >= 0 else "") + format_number(value, 2)


class Command(LanguageCommand):
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
                raise CommandError(_("The refresh failed: %(error)s") % {"error": run.error})
            if not options["json"]:
                self.stdout.write(
                    _("Refreshed in %(seconds)s s: ") % {"seconds": format_number(run.seconds, 1)}
                    + json.dumps(run.counts)
                )
                return
        default_threshold, default_window = selectors.programme_defaults()
        window = options["window"] if options["window"] is not None else default_window
        if not 1 <= window <= 4:
            raise CommandError(_("--window must be 1, 2, 3 or 4 quarters."), returncode=2)
        threshold = threshold_value(options["threshold"]) if options["threshold"] else default_threshold
        weighting = options["weighting"] or selectors.choose_weighting(None)
        scope = Scope.everything()
        if options["opd"]:
            from companion_service.organization.models import Opd

            opd = Opd.objects.filter(code=options["opd"]).first()
            if opd is None:
                raise CommandError(
                    _("There is no OPD with code %(code)s; the codes are in the admin (Organisation, OPD).")
                    % {"code": options["opd"]},
                    returncode=2,
                )
            scope = Scope.for_opd_tree(opd)
        if selectors.latest_refresh() is None:
            raise CommandError(_("No figures yet: run `companion evaluate --refresh` first."))
        data = report(scope, options["year"], window, threshold, weighting, options["level"])
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
            return
        self.stdout.write("\n".join(summary_lines(data, window, threshold, weighting)))


def summary_lines(data: dict, window: int, threshold: float, weighting: str) -> list[str]:
    """The short summary, in the active language."""
    card, impact = data["scorecard"], data["impact"]
    lines = [
        _("Bina ASN evaluation %(year)s (%(scope)s; figures of %(computed)s)")
        % {"year": data["year"], "scope": data["scope"], "computed": data["computed_at"]},
        "  " + _("ASN: %(n)s") % {"n": format_number(card["asn_count"])},
        "  " + _("enrolled: %(rate)s") % {"rate": _percent(card["enrolled"])},
        "  " + _("completed: %(rate)s") % {"rate": _percent(card["completed"])},
        "  " + _("at least 20 JP: %(rate)s") % {"rate": _percent(card["meets_target"])},
    ]
    if card["ikm_year"]:
        ikm = card["ikm_year"]
        lines.append(
            "  "
            + _("IKM %(period)s: %(ikm)s %(grade)s")
            % {"period": ikm["period"], "ikm": format_number(ikm["ikm"], 2), "grade": ikm["grade"]}
        )
    estimate, ci = impact["estimate"], impact["ci95"]
    settings_text = _("%(level)s level, window %(window)s, threshold %(threshold)s, %(weighting)s") % {
        "level": _("unit") if impact["level"] == "unit" else _("OPD"),
        "window": window,
        "threshold": format_percent(threshold, 0),
        "weighting": _("weights 0.111 (regulation)")
        if weighting == "regulation"
        else _("weights 1/9 (exact)"),
    }
    if estimate is None:
        found = _("no estimate (no trained unit with comparison units)")
    else:
        found = _("%(estimate)s IKM points") % {"estimate": _signed(estimate)}
        if ci:
            found += " " + _("(95%% CI %(low)s to %(high)s)") % {
                "low": _signed(ci[0]),
                "high": _signed(ci[1]),
            }
        found += ", " + _("%(treated)s trained units vs %(control)s not yet trained") % {
            "treated": impact["treated_count"],
            "control": impact["control_count"],
        }
    lines.append("  " + _("impact (%(settings)s): %(found)s") % {"settings": settings_text, "found": found})
    if estimate is not None and impact["interval"]["reason"] == "few_clusters":
        clusters = impact["clusters"]
        lines.append(
            "  "
            + _(
                "no interval: %(treated)s trained and %(comparison)s comparison clusters; "
                "at least %(minimum)s of each are needed"
            )
            % clusters
        )
    mde = impact["minimum_detectable_effect"]
    if mde is not None:
        lines.append(
            "  "
            + _("minimum detectable effect (80%% power): %(mde)s IKM points") % {"mde": format_number(mde, 2)}
        )
    if impact["warnings"]:
        names = [str(WARNING_NAMES.get(code, code)) for code in impact["warnings"]]
        lines.append("  " + _("read with care: %(warnings)s") % {"warnings": "; ".join(names)})
    lines.append("  " + _("association, not proof of cause"))
    return lines
