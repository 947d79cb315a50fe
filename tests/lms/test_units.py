"""The LMS's list of OPDs and units, imported from the units file the companion imports, and the
innovation block offering its OPDs (no list of its own)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from xblock.validation import Validation

from dev.demo.city import OPDS, UNITS, units_csv
from dev.lms.runtime import DevLmsRuntime
from xblocks.bina_asn import api
from xblocks.bina_asn.models.organization import OrganizationUnit

HEADER = "kode;nama;kode_induk;jenis;aktif\n"


def load(text: str, **options):
    """Import ``text``; messages in English, their ids (the Indonesian is checked by the catalogs)."""
    with translation.override("en"):
        return api.import_units(text.encode("utf-8"), **options)


def test_the_demo_city_file_loads_opds_and_units(db):
    report = load(units_csv())
    assert report.errors == []
    assert report.created == OrganizationUnit.objects.count()
    codes = {choice.code for choice in api.active_opds()}
    assert {code for code, *_ in OPDS} <= codes
    assert not codes & {code for code, *_ in UNITS}  # service units are not OPDs
    names = {choice.code: choice.name for choice in api.active_opds()}
    assert names["DISDUKCAPIL"] == "Dinas Kependudukan dan Pencatatan Sipil"
    again = load(units_csv())
    assert (again.created, again.updated, again.unchanged) == (0, 0, report.created)


def test_english_headers_commas_and_inactive_rows(db):
    report = load(
        "code,name,parent_code,kind,active\nDLH,Dinas Lingkungan Hidup,,dinas,no\nSETDA,Setda,,setda,yes\n"
    )
    assert report.errors == []
    assert [choice.code for choice in api.active_opds()] == ["SETDA"]
    assert OrganizationUnit.objects.get(code="DLH").is_active is False


@pytest.mark.parametrize(
    ("rows", "line", "column", "fragment"),
    [
        ("DIN KES;Dinas Kesehatan;;dinas;\n", 2, "kode", "must be 1-32 letters"),
        ("DINKES;Dinas Kesehatan;;rumah makan;\n", 2, "jenis", "is not a kind"),
        ("PKM;Puskesmas;;unit;\n", 2, "kode_induk", "needs the code of its OPD"),
        ("PKM;Puskesmas;DINKES;unit;\n", 2, "kode_induk", "neither a known OPD nor a service unit"),
        ("DINKES;Dinas Kesehatan;;dinas;kadang\n", 2, "aktif", "Write ya or tidak"),
        ("A;Satu;B;dinas;\nB;Dua;A;dinas;\n", 2, "kode_induk", "go round in a circle"),
        ("DINKES;Dinas Kesehatan;;dinas;\nDINKES;Lagi;;dinas;\n", 3, "kode", "already on line 3"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_written(db, rows, line, column, fragment):
    report = load(HEADER + "SETDA;Sekretariat Daerah;;sekretariat;\n" + rows)
    line += 1  # the good first row
    assert any(
        (error_line, error_column) == (line, column) and fragment in message
        for error_line, error_column, message in report.errors
    ), report.errors
    assert not OrganizationUnit.objects.exists()


def test_an_opd_cannot_become_a_unit(db):
    load(HEADER + "DINKES;Dinas Kesehatan;;dinas;\nSETDA;Setda;;sekretariat;\n")
    report = load(HEADER + "DINKES;Dinas Kesehatan;SETDA;unit;\n")
    assert report.errors and "cannot become a service unit" in report.errors[0][2]


def test_the_command_reports_and_exits_like_the_companions(db, tmp_path):
    good = tmp_path / "unit.csv"
    good.write_text(units_csv(), encoding="utf-8")
    out = io.StringIO()
    call_command("import-units", str(good), "--dry-run", stdout=out)
    assert "Preview" in out.getvalue() or "Pratinjau" in out.getvalue()
    assert not OrganizationUnit.objects.exists()
    bad = tmp_path / "salah.csv"
    bad.write_text(HEADER + "PKM;Puskesmas;;unit;\n", encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("import-units", str(bad), stdout=io.StringIO())
    assert refused.value.returncode == 1
    with pytest.raises(CommandError) as unreadable:
        call_command("import-units", str(tmp_path / "tidak-ada.csv"))
    assert unreadable.value.returncode == 2
    spreadsheet = tmp_path / "unit.xlsx"
    spreadsheet.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(CommandError, match="CSV"):
        call_command("import-units", str(spreadsheet))


# --- the innovation block reads the list -----------------------------------------------------------


def innovation_block(user, scenario_id="bina_innovation.0"):
    from workbench.scenarios import get_scenarios

    return DevLmsRuntime(user).get_block(get_scenarios()[scenario_id].usage_id)


def test_the_innovation_block_offers_the_units_lists_opds(scenarios, learner):
    assert innovation_block(learner).opd_choices() == {}
    load(units_csv())
    offered = innovation_block(learner).opd_choices()
    assert offered == {choice.code: choice.name for choice in api.active_opds()}
    assert "DISDUKCAPIL" in offered and "DUKCAPIL-KTP" not in offered


def test_an_authors_selection_is_named_by_the_list_and_unknown_codes_are_flagged(scenarios, learner):
    load(units_csv())
    block = innovation_block(learner)
    block.opds = [{"code": "DINKES"}, {"code": "DINAS-X", "name": "Dinas X"}]
    assert block.opd_choices() == {"DINKES": "Dinas Kesehatan", "DINAS-X": "Dinas X"}
    validation = Validation(block.scope_ids.usage_id)
    block.validate_field_data(validation, block)
    warnings = [m.text for m in validation.messages if m.type == "warning"]
    assert any("DINAS-X" in text for text in warnings)
    assert not any("DINKES" in text for text in warnings)
