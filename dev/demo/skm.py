"""Demo step of the SKM survey: a few Sibolga service units (created only if missing, by code),
then a clearly synthetic spreadsheet of answers over eight quarters and the units' numbers of
service users, imported with the same commands an evaluator uses."""

from __future__ import annotations

from dev.demo import skm_data as demo_data


def skm_survey(ctx) -> None:
    """Units and kinds of service (``companion skm-unit``), answers (``companion import-skm``),
    service users (``companion skm-population --file``)."""
    commands = [
        [
            "skm-unit",
            unit.code,
            "--name",
            unit.name,
            "--opd",
            unit.opd_code,
            "--opd-name",
            unit.opd_name,
            "--opd-kind",
            unit.opd_kind,
            *(argument for kind in unit.kinds for argument in ("--layanan", kind)),
        ]
        for unit in demo_data.UNITS
    ]
    responses, users = demo_data.write_files(ctx.var_dir)
    commands += [["import-skm", str(responses)], ["skm-population", "--file", str(users)]]
    ctx.batch("companion", commands)
