"""The numbers of every page as tables: shown beside each chart, downloaded as CSV or XLSX.

A ``Table`` has columns of a kind (``rate``, ``mean``, ``ikm``, ``int`` ...); the page renders the
values for people (``87,5% (80,1–92,3)``) and the export writes plain numbers, a rate or a mean
spread over its value and its 95% interval. Suppressed cells (fewer than 5 people) are empty in
both, with the table's note saying why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import tablib
from django.utils.translation import gettext as _

from .definitions import TARGET_JP
from .stats import Rate


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text, int, number, percent, rate, mean, ikm, grade, flag, warning, date
    decimals: int = 1


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    note: str = ""
    shown: int | None = None  # rows shown on the page (the download has them all); None: every row
    total: int | None = None  # rows there are, when ``rows`` holds only the first of them

    @property
    def wide(self) -> bool:
        """Too many columns to sit beside a chart: the page puts it under the chart."""
        return len(self.columns) > 6

    def display_rows(self) -> list[list[tuple[Column, object]]]:
        """Each row shown on the page as (column, value) pairs."""
        rows = self.rows if self.shown is None else self.rows[: self.shown]
        return [list(zip(self.columns, row, strict=True)) for row in rows]

    @property
    def row_count(self) -> int:
        return self.total if self.total is not None else len(self.rows)

    @property
    def cut(self) -> bool:
        """True when the page shows only the first rows (a national list); the download has all."""
        return len(self.display_rows()) < self.row_count

    def dataset(self) -> tablib.Dataset:
        """The table for a spreadsheet: one column per number (rates and means spread out)."""
        headers = []
        for column in self.columns:
            if column.kind == "rate":
                headers += [
                    f"{column.label} (%)",
                    f"{column.label}: {_('95% CI low')} (%)",
                    f"{column.label}: {_('95% CI high')} (%)",
                ]
            elif column.kind == "mean":
                headers += [
                    column.label,
                    f"{column.label}: {_('95% CI low')}",
                    f"{column.label}: {_('95% CI high')}",
                ]
            elif column.kind == "percent":
                headers.append(f"{column.label} (%)")
            else:
                headers.append(column.label)
        data = tablib.Dataset(headers=headers, title=self.title[:31])
        for row in self.rows:
            values = []
            for column, value in zip(self.columns, row, strict=True):
                values += export_values(column, value)
            data.append(values)
        return data


def _pct(value):
    return None if value is None else round(value * 100, 2)


def export_values(column: Column, value) -> list:
    if column.kind == "rate":
        value = value or Rate(0, 0, None, None, None, True)
        return [_pct(value.value), _pct(value.low), _pct(value.high)]
    if column.kind == "mean":
        if value is None or value.suppressed:
            return [None, None, None]
        places = column.decimals
        return [round(value.value, places), _round(value.low, places), _round(value.high, places)]
    if column.kind == "percent":
        return [_pct(value)]
    if column.kind in ("ikm", "number"):
        return [
            None if value is None else round(float(value), column.decimals if column.kind == "number" else 2)
        ]
    if column.kind in ("flag", "warning"):
        return ["" if value is None else (_("yes") if value else _("no"))]
    if column.kind == "date":
        return [value.isoformat() if value else None]
    return [value]


def _round(value, places):
    return None if value is None else round(value, places)


def note_suppressed() -> str:
    return _("Cells about fewer than 5 people (or respondents) are suppressed (—). Intervals are 95%.")


# --- scorecard ----------------------------------------------------------------------------------------


def coverage_table(figures, title: str) -> Table:
    """Enrolled, completed, passed and at-least-20-JP shares of a scorecard or an OPD's detail."""
    rows = [
        (_("Enrolled in the programme"), figures.enrolled),
        (_("Completed a programme course"), figures.completed),
        (_("Passed a programme course"), figures.passed),
        (_("At least %(jp)d JP") % {"jp": TARGET_JP}, figures.meets_target),
    ]
    return Table(
        "coverage",
        title,
        [
            Column(_("Measure")),
            Column(_("Share"), "rate"),
            Column(_("ASN counted"), "int"),
            Column(_("ASN"), "int"),
        ],
        [[label, rate, rate.k, rate.n] for label, rate in rows],
        note_suppressed(),
    )


def scorecard_tables(card) -> dict[str, Table]:
    coverage = coverage_table(card, _("Training coverage of ASN, %(year)s") % {"year": card.year})
    return {
        "coverage": coverage,
        "skills": skills_table(card.skills, card.year),
        "ikm": ikm_table(
            card.ikm_quarters + ([card.ikm_year] if card.ikm_year else []), _("IKM per quarter")
        ),
        "opds": Table(
            "opds",
            _("OPDs, %(year)s") % {"year": card.year},
            [
                Column(_("OPD")),
                Column(_("Code")),
                Column(_("ASN"), "int"),
                Column(_("Completed"), "rate"),
                Column(_("At least 20 JP"), "rate"),
                Column(_("Trained (programme)"), "rate"),
                Column(_("IKM of the year"), "ikm"),
                Column(_("Grade"), "grade"),
                Column(_("Respondents"), "int"),
            ],
            [
                [
                    row.name,
                    row.code,
                    row.asn,
                    row.completed,
                    row.meets_target,
                    row.trained,
                    row.ikm.ikm if row.ikm else None,
                    row.ikm.grade if row.ikm else "",
                    row.ikm.respondents if row.ikm else 0,
                ]
                for row in card.opds
            ],
            note_suppressed(),
        ),
    }


def skills_table(skills, year) -> Table:
    return Table(
        "skills",
        _("Digital skills before and after training, %(year)s") % {"year": year},
        [
            Column(_("Pillar")),
            Column(_("Pairs"), "int"),
            Column(_("Pre-test (0-100)"), "mean"),
            Column(_("Post-test (0-100)"), "mean"),
            Column(_("Normalised gain"), "mean", 2),
            Column(_("Pre-test already 100"), "int"),
        ],
        [[item.name, item.pairs, item.pre, item.post, item.gain, item.at_max] for item in skills],
        note_suppressed()
        + " "
        + _("Normalised gain g = (post - pre) / (100 - pre), per ASN, then averaged."),
    )


def ikm_table(values, title, key="ikm") -> Table:
    return Table(
        key,
        title,
        [
            Column(_("Period")),
            Column(_("Respondents"), "int"),
            Column(_("IKM"), "ikm"),
            Column(_("Grade"), "grade"),
            *[Column(code, "number", 2) for code in UNSUR],
            Column(_("Units short of the minimum sample"), "int"),
        ],
        [
            [
                value.label,
                value.respondents,
                value.ikm,
                value.grade,
                *[(value.unsur.get(code) or [None, None])[1] for code in UNSUR],
                value.units_short,
            ]
            for value in values
        ],
        _("U1-U9: converted score of each unsur (NRR x 25). ") + note_suppressed(),
    )


UNSUR = [f"U{n}" for n in range(1, 10)]


# --- OPD ----------------------------------------------------------------------------------------------


def opd_tables(detail) -> dict[str, Table]:
    tables = {
        "coverage": coverage_table(
            detail, _("Training coverage of the OPD's ASN, %(year)s") % {"year": detail.year}
        ),
        "jp": Table(
            "jp",
            _("ASN by JP earned in %(year)s") % {"year": detail.year},
            [Column(_("JP")), Column(_("ASN"), "int")],
            [[label, count] for _key, label, count in detail.jp_buckets],
        ),
        "channels": Table(
            "channels",
            _("JP by learning channel, %(year)s") % {"year": detail.year},
            [Column(_("Channel")), Column(_("JP"), "int"), Column(_("ASN"), "int")],
            [[label, jp, asn] for _channel, label, jp, asn in detail.jp_channels],
        ),
        "skills": skills_table(detail.skills, detail.year),
        "ikm": ikm_table(detail.ikm_quarters, _("IKM of the OPD per quarter")),
        "trained": Table(
            "trained",
            _("ASN trained by the end of each quarter"),
            [
                Column(_("Quarter")),
                Column(_("Newly trained"), "int"),
                Column(_("Trained"), "int"),
                Column(_("ASN"), "int"),
                Column(_("Share trained"), "percent"),
            ],
            [[s.period, s.newly_trained, s.trained, s.asn, s.share] for s in detail.shares],
        ),
        "unsur": Table(
            "unsur",
            _("Each unsur before and after the OPD was trained"),
            [
                Column(_("Unsur")),
                Column(_("Name")),
                Column(_("Before"), "number", 2),
                Column(_("After"), "number", 2),
                Column(_("Change"), "number", 2),
            ],
            [
                [
                    row.code,
                    row.name,
                    row.before,
                    row.after,
                    None if row.before is None or row.after is None else round(row.after - row.before, 2),
                ]
                for row in detail.before_after
            ],
            _("Converted score (NRR x 25) of the OPD's units pooled; before: %(before)s, after: %(after)s.")
            % {
                "before": ", ".join(detail.before_periods) or "—",
                "after": ", ".join(detail.after_periods) or "—",
            },
        ),
    }
    for unit in detail.units:
        key = f"unit-{unit.code}".lower()
        tables[key] = ikm_table(
            unit.quarters, _("IKM of %(unit)s per quarter") % {"unit": unit.name}, key=key
        )
    return tables


# --- impact -------------------------------------------------------------------------------------------


def impact_tables(analysis) -> dict[str, Table]:
    return {
        "units": Table(
            "units",
            _("IKM before and after training, per service unit"),
            [
                Column(_("Service unit")),
                Column(_("Code")),
                Column(_("OPD")),
                Column(_("Trained from")),
                Column(_("IKM before"), "number", 2),
                Column(_("IKM after"), "number", 2),
                Column(_("Change"), "number", 2),
                Column(_("95% CI low"), "number", 2),
                Column(_("95% CI high"), "number", 2),
                Column(_("Respondents before"), "int"),
                Column(_("Respondents after"), "int"),
                Column(_("Minimum sample met"), "flag"),
                Column(_("Window cut at the data's edge"), "warning"),
                Column(_("Change of comparison units"), "number", 2),
                Column(_("Difference"), "number", 2),
            ],
            [
                [
                    unit.name,
                    unit.code,
                    unit.opd,
                    unit.trained_from or "—",
                    unit.ikm_before,
                    unit.ikm_after,
                    unit.change,
                    unit.change_low,
                    unit.change_high,
                    unit.n_before,
                    unit.n_after,
                    unit.sample_met,
                    unit.short_window if unit.trained_from else None,
                    unit.control_change,
                    unit.did,
                ]
                for unit in analysis.units
            ],
            _("Association, not proof of cause.") + " " + note_suppressed(),
        ),
        "event": Table(
            "event",
            _("Pre-trend: IKM around the quarter of training"),
            [
                Column(_("Quarters from training")),
                Column(_("Trained units"), "number", 2),
                Column(_("Respondents"), "int"),
                Column(_("Units not yet trained"), "number", 2),
                Column(_("Respondents"), "int"),
            ],
            [
                [p["offset"], p["treated"], p["treated_n"], p["control"], p["control_n"]]
                for p in analysis.event
            ],
        ),
        "dose": Table(
            "dose",
            _("Dose-response: staff trained and change in IKM"),
            [
                Column(_("Service unit")),
                Column(_("OPD")),
                Column(_("Change in share trained"), "percent"),
                Column(_("Change in IKM"), "number", 2),
                Column(_("Respondents before"), "int"),
                Column(_("Respondents after"), "int"),
            ],
            [
                [p["name"], p["opd"], p["share_change"], p["ikm_change"], p["n_before"], p["n_after"]]
                for p in analysis.dose
            ],
        ),
        "unsur": Table(
            "unsur",
            _("Each unsur: trained units and comparison units"),
            [
                Column(_("Unsur")),
                Column(_("Trained: before"), "number", 2),
                Column(_("Trained: after"), "number", 2),
                Column(_("Comparison: before"), "number", 2),
                Column(_("Comparison: after"), "number", 2),
                Column(_("Difference of changes"), "number", 2),
            ],
            [
                [
                    r["code"],
                    r["treated_before"],
                    r["treated_after"],
                    r["control_before"],
                    r["control_after"],
                    r["difference"],
                ]
                for r in analysis.unsur
            ],
        ),
    }


# --- ledger, innovation, partners, coverage -------------------------------------------------------------


def ledger_tables(result) -> dict[str, Table]:
    channels = result.channels
    return {
        "opds": Table(
            "opds",
            _("The 20 JP per OPD, %(year)s") % {"year": result.year},
            [
                Column(_("OPD")),
                Column(_("Code")),
                Column(_("ASN"), "int"),
                Column(_("At least 20 JP"), "rate"),
                Column(_("Mean JP"), "mean"),
                *[Column(label, "int") for _c, label in channels],
            ],
            [
                [
                    opd.name,
                    opd.code,
                    opd.asn,
                    opd.meets_target,
                    opd.jp_mean,
                    *[opd.channels.get(c, 0) for c, _l in channels],
                ]
                for opd in result.opds
            ],
            note_suppressed(),
        ),
        "asn": ledger_asn_table(result.rows, channels, result.year),
    }


def ledger_asn_table(rows, channels, year) -> Table:
    return Table(
        "asn",
        _("JP per ASN, %(year)s") % {"year": year},
        [
            Column(_("NIP")),
            Column(_("Name")),
            Column(_("OPD")),
            Column(_("Position")),
            *[Column(label, "int") for _c, label in channels],
            Column(_("JP total"), "int"),
            Column(_("Of which estimated"), "int"),
            Column(_("JP short of 20"), "int"),
        ],
        [
            [
                row.nip,
                row.name,
                row.opd_code,
                row.position,
                *[row.channels.get(c, 0) for c, _l in channels],
                row.jp_total,
                row.jp_estimated,
                row.shortfall,
            ]
            for row in rows
        ],
        _(
            "Estimated JP: the course's effort per week (from the LMS) x the weeks from its start to its "
            "end, until BKPSDM sets the course's JP."
        ),
    )


def innovation_tables(result) -> dict[str, Table]:
    def idea_rows(ideas):
        return [
            [
                i.title,
                i.opd_name or "—",
                i.state_name,
                i.score_mean,
                i.score_count,
                i.supports,
                (i.program or {}).get("kpi", ""),
                (i.program or {}).get("kpi_target", ""),
            ]
            for i in ideas
        ]

    idea_columns = [
        Column(_("Idea")),
        Column(_("OPD")),
        Column(_("State")),
        Column(_("Jury score (mean)"), "number", 1),
        Column(_("Jurors"), "int"),
        Column(_("Supports"), "int"),
        Column(_("KPI")),
        Column(_("KPI target")),
    ]
    return {
        "funnel": Table(
            "funnel",
            _("Idea funnel, %(year)s") % {"year": result.year},
            [Column(_("Stage")), Column(_("Ideas"), "int")],
            [[step.name, step.count] for step in result.funnel]
            + [[step.name, step.count] for step in result.side],
            _(
                "Each stage counts the ideas that reached it or went further; rejected, "
                "returned and withdrawn ideas left the funnel."
            ),
        ),
        "opds": Table(
            "opds",
            _("Ideas per OPD, %(year)s") % {"year": result.year},
            [
                Column(_("OPD")),
                Column(_("Submitted"), "int"),
                Column(_("Accepted"), "int"),
                Column(_("Implemented"), "int"),
            ],
            [[name or _("(no OPD)"), s, a, i] for _code, name, s, a, i in result.per_opd],
        ),
        "top": Table("top", _("Top-scored ideas"), idea_columns, idea_rows(result.top)),
        "programs": Table(
            "programs", _("Implemented programs and their KPIs"), idea_columns, idea_rows(result.programs)
        ),
    }


def partner_tables(result) -> dict[str, Table]:
    questions = sorted({r.question for p in result.partners for r in p.reactions})
    return {
        "partners": Table(
            "partners",
            _("Partners, %(year)s") % {"year": result.year},
            [
                Column(_("Partner")),
                Column(_("Sessions"), "int"),
                Column(_("Seats taken"), "int"),
                Column(_("Attended"), "int"),
                Column(_("Attendance rate"), "rate"),
                Column(_("JP delivered"), "int"),
                Column(_("Reaction, all questions (1-5)"), "mean", 2),
                *[Column(question, "mean", 2) for question in questions],
            ],
            [
                [
                    p.name,
                    p.sessions,
                    p.registered,
                    p.attended,
                    p.attendance,
                    p.jp_delivered,
                    p.overall,
                    *[next((r.mean for r in p.reactions if r.question == q), None) for q in questions],
                ]
                for p in result.partners
            ],
            note_suppressed(),
        ),
        "sessions": Table(
            "sessions",
            _("Sessions, %(year)s") % {"year": result.year},
            [
                Column(_("Session")),
                Column(_("Partner")),
                Column(_("Kind")),
                Column(_("Starts"), "date"),
                Column(_("JP"), "int"),
                Column(_("Capacity"), "int"),
                Column(_("Seats taken"), "int"),
                Column(_("Attended"), "int"),
                Column(_("No-show"), "int"),
                Column(_("Attendance rate"), "rate"),
                Column(_("JP delivered"), "int"),
                Column(_("Reactions"), "int"),
            ],
            [
                [
                    s.title,
                    s.partner,
                    s.kind,
                    s.starts_at,
                    s.jp_credit,
                    s.capacity,
                    s.registered,
                    s.attended,
                    s.no_show,
                    s.attendance,
                    s.jp_delivered,
                    s.reactions,
                ]
                for s in result.sessions
            ],
            note_suppressed(),
        ),
    }


def coverage_tables(result) -> dict[str, Table]:
    return {
        "samples": Table(
            "samples",
            _("Respondents against the minimum sample, per unit and quarter"),
            [
                Column(_("Service unit")),
                Column(_("OPD")),
                Column(_("Quarter")),
                Column(_("Respondents"), "int"),
                Column(_("Service users"), "int"),
                Column(_("Minimum sample"), "int"),
                Column(_("Met"), "flag"),
            ],
            [
                [s.unit_name, s.opd_code, s.period, s.respondents, s.population, s.required, s.met]
                for s in result.samples
            ],
            _("Krejcie and Morgan's table; empty when the number of service users was not entered."),
            total=result.samples_total,
        ),
        "courses": course_jp_table(result.courses),
        "exclusions": Table(
            "exclusions",
            _("Records left out, and why"),
            [Column(_("Source")), Column(_("Reason")), Column(_("Records"), "int")],
            [[source, text, count] for source, _reason, text, count in result.exclusions],
        ),
    }


def jp_source_label(source: str) -> str:
    from companion_service.openedx_sync.api import JpSource

    return str(JpSource(source).label) if source in JpSource.values else source


def course_jp_table(courses) -> Table:
    """Every course's JP and where they come from (set by BKPSDM, estimated, missing and why)."""
    return Table(
        "courses",
        _("Courses: JP and where they come from"),
        [
            Column(_("Course")),
            Column(_("JP"), "int"),
            Column(_("Source of the JP")),
            Column(_("Why no estimate")),
            Column(_("Effort per week (LMS)")),
            Column(_("Weeks (start to end)"), "int"),
            Column(_("Course key")),
        ],
        [
            [
                course.name,
                course.jp,
                jp_source_label(course.source),
                course.reason_text,
                course.effort,
                course.weeks,
                course.course_key,
            ]
            for course in courses
        ],
        _(
            "Open edX's effort is hours per week. Estimated JP = ceil(effort minutes x weeks / 45), only for "
            "a course with a start and an end date that is not self-paced; otherwise the course has no JP "
            "until BKPSDM sets them (admin, or companion course-credit). JP set by BKPSDM are kept by "
            "every sync."
        ),
    )


# --- assessment items ---------------------------------------------------------------------------------

FLAG_LABELS = {
    "too_easy": _("too easy"),
    "too_hard": _("too hard"),
    "low_discrimination": _("low discrimination"),
    "negative_discrimination": _("negative discrimination"),
    "rare_distractor": _("distractor under 5%"),
    "distractor_beats_key": _("top group prefers a distractor"),
}


def _mode_label(mode: str) -> str:
    return {"pre": _("Pre-test"), "post": _("Post-test"), "standalone": _("Standalone test")}.get(mode, mode)


def _part_label(part: str) -> str:
    from .definitions import PILLAR_NAMES

    return str(PILLAR_NAMES[part]) if part in PILLAR_NAMES else _("All pillars")


def item_tables(result) -> dict[str, Table]:
    return {
        "forms": Table(
            "forms",
            _("Assessment forms"),
            [
                Column(_("Course")),
                Column(_("Assessment")),
                Column(_("Mode")),
                Column(_("Form")),
                Column(_("First attempts"), "int"),
                Column(_("Reliability (KR-20 / alpha)"), "number", 2),
                Column(_("Coefficient")),
                Column(_("SEM (points)"), "number", 2),
                Column(_("Mean score"), "number", 1),
                Column(_("SD"), "number", 1),
                Column(_("Items"), "int"),
                Column(_("Items flagged"), "int"),
            ],
            [
                [
                    row.course,
                    row.block,
                    _mode_label(row.mode),
                    row.form,
                    row.attempts,
                    row.reliability,
                    "KR-20" if row.reliability_kind == "kr20" else _("alpha"),
                    row.sem,
                    row.mean,
                    row.sd,
                    row.item_count,
                    None if row.items_withheld else row.flagged,
                ]
                for row in result.forms
            ],
            _(
                "Each learner's first attempt. Reliability: KR-20 when every item scores 0 or 1, else "
                "Cronbach's alpha; SEM = SD x sqrt(1 - reliability), on the total of the form's items. "
                "Items of a form taken by fewer than 5 learners stay in the LMS."
            ),
        ),
        "items": Table(
            "items",
            _("Items"),
            [
                Column(_("Item")),
                Column(_("Course")),
                Column(_("Assessment")),
                Column(_("Form")),
                Column(_("Pillar")),
                Column(_("Competence")),
                Column(_("Level"), "int"),
                Column(_("Answered"), "int"),
                Column(_("Difficulty p"), "number", 2),
                Column(_("Discrimination r"), "number", 2),
                Column(_("Index D"), "number", 2),
                Column(_("Options chosen (* key)")),
                Column(_("Flags")),
                Column(_("Question")),
            ],
            [
                [
                    row.item,
                    row.course,
                    row.block,
                    row.form,
                    row.pillar,
                    row.competence,
                    row.level,
                    row.answered,
                    row.p,
                    row.r,
                    row.d,
                    row.shares,
                    ", ".join(str(FLAG_LABELS.get(flag, flag)) for flag in row.flags),
                    row.stem,
                ]
                for row in result.items
            ],
            _(
                "p: share of learners right; r: corrected point-biserial (item against the rest of the "
                "form); D: p in the top 27% minus p in the bottom 27%. Flags: p above 0.90 or below "
                "0.20, r below 0.20 or below 0, a distractor chosen by under 5%, a distractor the top "
                "group chose more than the key."
            ),
        ),
        "gains": Table(
            "gains",
            _("Cohort gains"),
            [
                Column(_("Scores")),
                Column(_("Course")),
                Column(_("Pairing key")),
                Column(_("Learners (pairs)"), "int"),
                Column(_("Pre-test"), "number", 1),
                Column(_("Post-test"), "number", 1),
                Column(_("Gain (points)"), "number", 1),
                Column(_("Normalised gain g"), "mean", 3),
                Column(_("Form A minus form B (points)"), "number", 1),
                Column(_("Took form A first"), "int"),
                Column(_("Took form B first"), "int"),
            ],
            [
                [
                    _part_label(row.part),
                    row.course,
                    row.pairing_key,
                    row.pairs,
                    row.pre,
                    row.post,
                    row.gain,
                    row.g,
                    row.form_difference,
                    row.first_a,
                    row.first_b,
                ]
                for row in result.gains
            ],
            _(
                "Each learner's latest post-test against the latest pre-test before it, on the common "
                "scale of the two forms (their difference estimated from the counterbalanced halves). "
                "g = (post - pre) / (100 - pre) from the cohort means, with a 95% bootstrap interval. "
            )
            + note_suppressed(),
        ),
    }
