"""``companion skm-report --input FILE.csv [--weighting regulation|exact] [--population N] --json``

The IKM of a file of responses, without the database: one row per respondent, columns ``U1`` ...
``U9`` (1-4; the answer labels are read too), other columns ignored. ``--json`` prints one object
(see ``ikm.as_json``); without it, a readable table. A bad file exits 1 naming each row and reason.
"""

import json

from django.core.management.base import CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from companion_service.core.commands import LanguageCommand
from companion_service.core.tabular import TableError, read_table
from companion_service.skm import ikm
from companion_service.skm.answers import AnswerError, parse_answer
from companion_service.skm.ikm import UNSUR_CODES, Tally, Weighting
from companion_service.skm.questionnaire import GRADE_LABELS, unsur


def positive(value):
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(LanguageCommand):
    help = "Compute the IKM of a CSV/XLSX file of responses (columns U1-U9) without touching the database."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="CSV or XLSX file, one row per respondent")
        parser.add_argument(
            "--weighting", choices=[w.value for w in Weighting], default=Weighting.REGULATION.value
        )
        parser.add_argument("--population", type=positive, default=None, help="service users in the period")
        parser.add_argument("--json", action="store_true", help="print the report as one JSON object")

    def handle(self, *args, input, weighting, population, json: bool, **options):  # noqa: A002
        tally = self.read(input)
        result = ikm.compute(tally, weighting, population)
        if result.missing:
            raise CommandError(
                _("%(file)s: nobody answered %(codes)s; the IKM needs all nine unsur.")
                % {"file": input, "codes": ", ".join(result.missing)}
            )
        if json:
            self.stdout.write(_json_dumps(ikm.as_json(result)))
        else:
            self.stdout.write(self.table(result))

    def read(self, path) -> Tally:
        try:
            table = read_table(path)
        except (OSError, TableError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        missing = [code for code in UNSUR_CODES if code.lower() not in table.columns]
        if missing:
            raise CommandError(
                _("%(file)s: the columns %(codes)s are missing (one column per unsur, U1 to U9).")
                % {"file": path, "codes": ", ".join(missing)}
            )
        tally, errors = Tally(), []
        for row in table.rows:
            answers, row_errors = {}, []
            for code in UNSUR_CODES:
                raw = row.get(code.lower())
                try:
                    answers[code] = parse_answer(code, raw)
                except AnswerError:
                    row_errors.append(
                        _("line %(line)d: %(code)s '%(value)s' is not an answer from 1 to 4")
                        % {"line": row.line, "code": code, "value": raw}
                    )
            if not row_errors and all(value is None for value in answers.values()):
                row_errors.append(_("line %(line)d: no unsur is answered") % {"line": row.line})
            if row_errors:
                errors.extend(row_errors)
            else:
                tally.add(answers)
        if errors:
            raise CommandError("\n".join([_("%(file)s is not usable:") % {"file": path}, *errors]))
        if not tally.respondents:
            raise CommandError(_("%(file)s has no respondents.") % {"file": path})
        return tally

    def table(self, result) -> str:
        weighting = _("regulation (0.111)") if result.weighting is Weighting.REGULATION else _("exact (1/9)")
        lines = [
            _("Respondents: %(count)d; weighting: %(weighting)s")
            % {"count": result.respondents, "weighting": weighting},
            "{:4}{:>8}{:>9}  {}".format("", "NRR", "NRR x 25", _("Grade")),
        ]
        for score in result.unsur:
            lines.append(
                f"{score.code:4}{number_format(score.nrr_display, 3):>8}"
                f"{number_format(score.converted_display, 2):>9}  {score.grade.letter}"
                f"  {unsur(score.code).name}"
            )
        grade = result.grade
        lines.append(
            _("IKM %(ikm)s, grade %(grade)s (%(label)s)")
            % {
                "ikm": number_format(result.ikm_display, 2),
                "grade": grade.letter,
                "label": GRADE_LABELS[grade.letter],
            }
        )
        sample = result.minimum_sample
        if sample.population is not None:
            lines.append(
                _("Minimum sample for %(population)d service users: %(required)d (%(verdict)s)")
                % {
                    "population": sample.population,
                    "required": sample.required,
                    "verdict": _("met") if sample.met else _("NOT met"),
                }
            )
        return "\n".join(lines)


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
