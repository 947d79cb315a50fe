"""CSV exports for the course team: every idea with its scores and states, and implemented ideas in the
shape a city reports innovations for the regional innovation index (Indeks Inovasi Daerah).

Both go through the blocks' one spreadsheet writer (``xblocks.common.spreadsheet``): formulas
neutralised, identifiers kept as text, the layout Excel in Indonesian reads (``;``, decimal comma)
unless the course team asks for commas (ADR 0105).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from xblocks.bina_asn import api
from xblocks.common.spreadsheet import SEMICOLON, CsvLayout, write_csv

from .defaults import FORMS
from .messages import _, say

WIB = ZoneInfo("Asia/Jakarta")

IDEA_COLUMNS = [
    ("id", _("ID")),
    ("title", _("Title")),
    ("state", _("State")),
    ("opd_code", _("OPD code")),
    ("opd_name", _("OPD")),
    ("service_name", _("Service")),
    ("category", _("Category")),
    ("form", _("Form (PP 38/2017)")),
    ("type", _("Type")),
    ("author_username", _("Proposer (username)")),
    ("author_name", _("Proposer")),
    ("co_proposers", _("Co-proposers")),
    ("submitted_at", _("Submitted (WIB)")),
    ("state_changed_at", _("State changed (WIB)")),
    ("supports", _("Supports")),
    ("comments", _("Comments")),
    ("score_mean", _("Jury score, mean (0-100)")),
    ("score_stdev", _("Jury score, standard deviation")),
    ("score_count", _("Jury scores")),
    # rubric criteria means are inserted here
    ("target_minutes_saved", _("Target: minutes saved per service")),
    ("target_cost_saving", _("Target: rupiah saved per year")),
    ("target_citizens", _("Target: citizens served per year")),
    ("problem", _("Problem and the situation before")),
    ("solution", _("Proposed solution and the situation after")),
    ("novelty", _("Novelty")),
    ("significance", _("Significance")),
    ("transferability", _("Transferability")),
    ("resources", _("Resources and sustainability")),
    ("impact", _("Expected impact")),
    ("stakeholders", _("Stakeholders and partners")),
    ("partners", _("Private-sector partners")),
    ("evidence_links", _("Evidence links")),
    ("answer", _("Public answer")),
    ("answer_cost", _("Answer: cost (rupiah)")),
    ("answer_period", _("Answer: execution period")),
    ("program_opd", _("Program: responsible OPD")),
    ("program_start", _("Program: start date")),
    ("program_budget", _("Program: budget (rupiah)")),
    ("program_kpi", _("Program: KPI")),
    ("program_kpi_target", _("Program: KPI target")),
    ("program_stage", _("Program: stage")),
]

INDEX_COLUMNS = [
    _("Innovation name"),
    _("Initiator"),
    _("Initiator name"),
    _("OPD"),
    _("Innovation form"),
    _("Innovation type"),
    _("Stage"),
    _("Start date"),
    _("Evidence"),
    _("Service"),
    _("KPI"),
    _("KPI target"),
    _("Budget (rupiah)"),
]
INITIATOR_ASN = _("ASN")


def _wib(moment) -> str:
    return moment.astimezone(WIB).strftime("%Y-%m-%d %H:%M") if moment else ""


def ideas_csv(block, layout: CsvLayout = SEMICOLON) -> bytes:
    """All ideas but drafts: state, supports, jury aggregate and per-criterion means, answer, program."""
    i18n = block.i18n_service
    presenter = block.presenter()
    rules = block.rules()
    forms = {c["code"]: c.get("form", "") for c in block.categories}
    rubric = list(rules.rubric)
    header = []
    for key, label in IDEA_COLUMNS:
        header.append(say(i18n, label))
        if key == "score_count":
            header += [f"{say(i18n, _('Mean'))}: {c.label}" for c in rubric]

    def rows():
        for idea, co_proposers, means in api.export_ideas(rules):
            answer = getattr(idea, "answer", None)
            program = getattr(idea, "program", None)
            values = {
                "id": idea.id,
                "title": idea.title,
                "state": presenter.state(idea.state),
                "opd_code": idea.opd_code,
                "opd_name": idea.opd_name,
                "service_name": idea.service_name,
                "category": presenter.categories.get(idea.category, idea.category),
                "form": say(i18n, FORMS[forms[idea.category]]) if forms.get(idea.category) in FORMS else "",
                "type": presenter.digital(idea.is_digital),
                "author_username": idea.author.username,
                "author_name": idea.author_name,
                "co_proposers": ", ".join(co_proposers),
                "submitted_at": _wib(idea.submitted_at),
                "state_changed_at": _wib(idea.state_changed_at),
                "supports": idea.supports_count,
                "comments": idea.comments_count,
                "score_mean": idea.score_mean,
                "score_stdev": idea.score_stdev,
                "score_count": idea.score_count,
                "evidence_links": " ; ".join(idea.evidence_links),
                "answer": answer.text if answer else "",
                "answer_cost": answer.cost if answer else "",
                "answer_period": answer.execution_period if answer else "",
                "program_opd": program.responsible_opd_name or program.responsible_opd_code
                if program
                else "",
                "program_start": program.start_date.isoformat() if program else "",
                "program_budget": program.budget if program else "",
                "program_kpi": program.kpi if program else "",
                "program_kpi_target": program.kpi_target if program else "",
                "program_stage": presenter.stage(program.stage) if program else "",
            }
            row = []
            for key, _label in IDEA_COLUMNS:
                row.append(values[key] if key in values else getattr(idea, key))
                if key == "score_count":
                    row += [means.get(c.code, "") for c in rubric]
            yield row

    return write_csv(header, rows(), layout)


def index_csv(block, layout: CsvLayout = SEMICOLON) -> bytes:
    """Implemented ideas as the regional innovation index lists them: name, initiator, OPD, form, type,
    stage, start date, evidence (and the service, KPI, target and budget that go with them)."""
    i18n = block.i18n_service
    presenter = block.presenter()
    forms = {c["code"]: c.get("form", "") for c in block.categories}

    def rows():
        for idea in api.implemented_ideas(block.rules()):
            program = getattr(idea, "program", None)
            evidence = list(idea.evidence_links)
            if program and program.evidence_url:
                evidence.append(program.evidence_url)
            yield [
                idea.title,
                say(i18n, INITIATOR_ASN),
                idea.author_name,
                (program.responsible_opd_name or program.responsible_opd_code) if program else idea.opd_name,
                say(i18n, FORMS[forms[idea.category]]) if forms.get(idea.category) in FORMS else "",
                presenter.digital(idea.is_digital),
                presenter.stage(program.stage) if program else "",
                program.start_date.isoformat() if program else "",
                " ; ".join(evidence),
                idea.service_name,
                program.kpi if program else "",
                program.kpi_target if program else "",
                program.budget if program and program.budget is not None else "",
            ]

    return write_csv([say(i18n, column) for column in INDEX_COLUMNS], rows(), layout)
