"""Issue 15, finding 8: importers stream rows, refuse a file too large once unpacked (an XLSX is a zip:
0.15 MB can hold 500,000 rows) or with too many rows, before changing anything; staged files are
deleted on apply, cancel and expiry."""

import io
import os
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from companion_service.core import admin_import
from companion_service.core.roles import Role
from companion_service.core.tabular import TableError, read_table
from companion_service.roster.models import Asn

from .conftest import ANI, BUDI, csv

IMPORT_URL = "/admin/roster/asn/import/"


def xlsx_rows(count, columns=("nip", "nama", "kode_opd")):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(columns))
    for i in range(count):
        sheet.append([f"1967111019920310{i % 100:02d}", f"ASN {i}", "DISDUKCAPIL"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb(unpacked_mb=3):
    """A valid XLSX whose sheet unpacks to ``unpacked_mb`` MB of repeated rows (a few kB packed)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_rows(1)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"</sheetData>")
                filler = b"<!--" + b"x" * (unpacked_mb * 1024 * 1024) + b"-->"
                data = head + filler + b"</sheetData>" + tail
            out.writestr(info.filename, data)
    return buffer.getvalue()


@pytest.fixture
def limits(settings):
    settings.COMPANION_IMPORT_MAX_ROWS = 50
    settings.COMPANION_IMPORT_MAX_UNPACKED_MB = 2
    settings.LANGUAGE_CODE = "id"
    return settings


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused_before_it_is_opened(limits, monkeypatch):
    data = zip_bomb(3)
    assert len(data) < 100 * 1024
    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened a zip bomb"))
    with pytest.raises(TableError) as refused:
        read_table(data, filename="bom.xlsx")
    assert "Berkas XLSX ini jika dibuka berukuran" in str(refused.value)
    assert "2 MB" in str(refused.value)


def test_a_file_with_more_rows_than_the_limit_is_refused(limits):
    with pytest.raises(TableError) as refused:
        read_table(xlsx_rows(51), filename="roster.xlsx")
    assert "lebih dari 50 baris" in str(refused.value)
    rows = "".join(f"{i};x\n" for i in range(51))
    with pytest.raises(TableError):
        read_table(f"a;b\n{rows}".encode())
    assert len(read_table(xlsx_rows(50), filename="roster.xlsx").rows) == 50


def test_rows_are_streamed_from_the_file_and_can_be_read_again(limits):
    table = read_table(xlsx_rows(40), filename="roster.xlsx")
    assert not isinstance(table.rows, list)
    first = [row.cells["nama"] for row in table.rows]
    assert first == [f"ASN {i}" for i in range(40)] == [row.cells["nama"] for row in table.rows]
    assert [row.line for row in table.rows[:2]] == [2, 3] and table.rows[0].line == 2


@pytest.fixture
def administrator(client, make_user, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    user = make_user("bkpsdm", Role.ADMINISTRATOR)
    user.is_staff = True
    user.save()
    client.force_login(user)
    return user


def staged_files(settings):
    folder = settings.PRIVATE_MEDIA_ROOT / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_roster_import_page_refuses_a_bomb_and_changes_nothing(client, city, administrator, limits):
    upload = SimpleUploadedFile("roster.xlsx", zip_bomb(3))
    html = client.post(IMPORT_URL, {"file": upload}, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Berkas XLSX ini jika dibuka berukuran" in html
    assert not Asn.objects.exists() and staged_files(limits) == []


def test_a_staged_file_is_deleted_on_apply_on_cancel_and_on_expiry(client, city, administrator, settings):
    def preview():
        upload = SimpleUploadedFile("roster.csv", csv(ANI, BUDI), content_type="text/csv")
        return client.post(IMPORT_URL, {"file": upload}).context["staged"]

    staged = preview()
    assert len(staged_files(settings)) == 1
    client.post(IMPORT_URL, {"apply": "1", "staged": staged})
    assert Asn.objects.count() == 2 and staged_files(settings) == []

    staged = preview()
    assert len(staged_files(settings)) == 1
    client.post(IMPORT_URL, {"cancel": "1", "staged": staged})
    assert staged_files(settings) == []

    preview()
    (old,) = staged_files(settings)
    an_hour_ago = time.time() - admin_import.MAX_AGE - 60
    os.utime(old, (an_hour_ago, an_hour_ago))
    fresh = preview()
    assert old not in staged_files(settings) and len(staged_files(settings)) == 1  # swept on upload
    call_command("purge-staged-imports", stdout=io.StringIO())
    assert len(staged_files(settings)) == 1  # a preview younger than an hour stays
    (young,) = staged_files(settings)
    os.utime(young, (an_hour_ago, an_hour_ago))
    out = io.StringIO()
    call_command("purge-staged-imports", stdout=out)
    assert staged_files(settings) == [] and "1" in out.getvalue()
    response = client.post(IMPORT_URL, {"apply": "1", "staged": fresh}, follow=True)
    assert "expired" in response.content.decode() or "kedaluwarsa" in response.content.decode()


def test_a_failed_apply_deletes_the_staged_file(client, city, administrator, settings):
    upload = SimpleUploadedFile("roster.csv", csv(ANI), content_type="text/csv")
    staged = client.post(IMPORT_URL, {"file": upload}).context["staged"]
    (path,) = staged_files(settings)
    path.write_bytes(b"nip\n1\n")  # the file no longer passes: the apply reports it and forgets it
    client.post(IMPORT_URL, {"apply": "1", "staged": staged})
    assert staged_files(settings) == [] and not Asn.objects.exists()


def test_the_worker_deletes_expired_previews_every_hour(client, city, administrator, settings):
    """Expiry without anyone uploading again: beat sends the sweep hourly, and it deletes a preview
    older than an hour (the file holds NIPs) and keeps a younger one."""
    entry = settings.CELERY_BEAT_SCHEDULE["purge-expired-imports"]
    assert entry["task"] == "core.purge_expired_imports" and entry["schedule"] <= 3600
    from companion_service.core.tasks import purge_expired_import_files

    def preview():
        upload = SimpleUploadedFile("roster.csv", csv(ANI, BUDI), content_type="text/csv")
        client.post(IMPORT_URL, {"file": upload})

    preview()
    (old,) = staged_files(settings)
    an_hour_ago = time.time() - admin_import.MAX_AGE - 60
    os.utime(old, (an_hour_ago, an_hour_ago))
    # A second preview would sweep the first one itself; it is written straight to the folder.
    young = old.with_name("young-" + old.name)
    young.write_bytes(b"nip\n")
    assert purge_expired_import_files.apply().get() == 1
    assert staged_files(settings) == [young]
