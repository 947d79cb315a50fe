"""BKPSDM's bulk import of outside trainings: row-level errors, nothing partial, undo, audit."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from companion_service.accounts.models import AuditEvent
from companion_service.core.models import Job
from companion_service.learning import importing
from companion_service.learning.models import ImportBatch, OutsideTraining

HEADER = "nip;nama_pelatihan;penyelenggara;jalur;tanggal_mulai;tanggal_selesai;jp;jam;nomor_sertifikat\n"
GOOD = (
    HEADER
    + "196711101992031001;Pelatihan Dasar SPBE;BPSDM Provinsi Sumatera Utara;pelatihan;"
    + "2026-03-02;2026-03-06;24;;SU/1\n"
    + "198503152010011003;Government Transformation Academy;Komdigi;E-learning;"
    + "01-04-2026;30/04/2026;;16;GTA/2\n"
)


def test_a_clean_file_is_imported_approved(town, make_user):
    admin = make_user("admin", "administrator")
    report = importing.run_import(GOOD.encode(), "lulusan.csv", dry_run=False, user=admin)
    assert report.ok and report.created == 2
    rows = {r.asn.nip: r for r in OutsideTraining.objects.all()}
    assert rows["196711101992031001"].jp == 24 and rows["196711101992031001"].status == "approved"
    gta = rows["198503152010011003"]
    assert (gta.channel, gta.jp, gta.jp_from_hours, gta.decided_by) == ("e_learning", 22, True, admin)
    assert AuditEvent.objects.filter(resource="learning:import", action="change").count() == 2


def test_one_bad_row_and_nothing_is_written(town):
    bad = GOOD + "19671110199203100;X;Y;rapat;2026-13-01;2026-03-06;;;\n"
    report = importing.run_import(bad.encode(), "lulusan.csv", dry_run=False)
    assert not report.ok and report.created == 0
    assert [(e.line, e.column) for e in report.errors] == [(4, "nip")]
    assert not OutsideTraining.objects.exists() and not ImportBatch.objects.exists()
    wrong_channel = HEADER + "196711101992031001;X;Y;rapat;2026-03-02;2026-03-06;8;;\n"
    errors = importing.run_import(wrong_channel.encode(), "x.csv", dry_run=False).errors
    assert [(e.line, e.column) for e in errors] == [(2, "jalur")]
    unknown = HEADER + "199001012015011001;X;Y;kursus;2026-03-02;2026-03-06;8;;\n"
    assert (
        "Tidak ada ASN aktif"
        in importing.run_import(unknown.encode(), "x.csv", dry_run=False).errors[0].message
    )


def test_the_same_file_twice_is_refused_as_duplicates(town):
    assert importing.run_import(GOOD.encode(), "a.csv", dry_run=False).ok
    again = importing.run_import(GOOD.encode(), "a.csv", dry_run=False)
    assert len(again.errors) == 2 and OutsideTraining.objects.count() == 2


def test_undo_takes_the_records_out(town, make_user):
    admin = make_user("admin", "administrator")
    importing.run_import(GOOD.encode(), "a.csv", dry_run=False, user=admin)
    batch = ImportBatch.objects.get()
    assert importing.undo(batch, admin) == 2
    assert not OutsideTraining.objects.exists()
    batch.refresh_from_db()
    assert batch.undone_by == admin and batch.undone_at is not None
    with pytest.raises(ValueError):
        importing.undo(batch, admin)


def test_the_command_reports_and_exits_like_the_other_imports(town, tmp_path, capsys):
    path = tmp_path / "lulusan.csv"
    path.write_text(GOOD + "bukan-nip;X;Y;kursus;2026-03-02;2026-03-06;8;;\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import-outside-training", str(path))
    assert caught.value.returncode == 1 and not OutsideTraining.objects.exists()
    path.write_text(GOOD, encoding="utf-8")
    call_command("import-outside-training", str(path), "--dry-run")
    assert not OutsideTraining.objects.exists()
    call_command("import-outside-training", str(path))
    assert OutsideTraining.objects.count() == 2


def test_the_admin_import_page_previews_then_applies(town, client, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = make_user("admin", "administrator", superuser=True)
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    url = "/admin/learning/outsidetraining/import/"
    preview = client.post(url, {"file": SimpleUploadedFile("lulusan.csv", GOOD.encode())})
    assert preview.status_code == 200 and not OutsideTraining.objects.exists()
    staged = preview.context["staged"]
    applied = client.post(url, {"apply": "1", "staged": staged})
    # A worker applies it (ADR 0130): the administrator waits on the job's page, audited as themself.
    job = Job.objects.get()
    assert applied.status_code == 302 and applied["Location"] == f"/tugas/{job.pk}/"
    assert (job.kind, job.status, job.user) == ("learning.import_outside", "done", admin)
    assert job.next_url == "/admin/learning/outsidetraining/"
    assert OutsideTraining.objects.count() == 2
    assert set(OutsideTraining.objects.values_list("decided_by", flat=True)) == {admin.pk}
