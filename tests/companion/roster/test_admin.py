"""Roster admin: search, correct, and import through upload -> preview -> apply."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from companion_service.core.roles import Role
from companion_service.roster.models import Asn
from companion_service.roster.services import import_roster

from .conftest import ANI, BUDI, csv

IMPORT_URL = "/admin/roster/asn/import/"


@pytest.fixture
def administrator(client, make_user, settings):
    settings.LANGUAGE_CODE = "en"
    user = make_user("bkpsdm", Role.ADMINISTRATOR)
    user.is_staff = True
    user.save()
    client.force_login(user)
    return user


def test_administrator_role_can_search_the_roster(client, city, administrator):
    import_roster(csv(ANI, BUDI))
    page = client.get("/admin/roster/asn/", {"q": "Hutagalung"}).content.decode()
    assert "Budi Hutagalung" in page
    assert "Ani Siregar" not in page
    page = client.get("/admin/roster/asn/", {"q": "196711101992031001"}).content.decode()
    assert "Ani Siregar" in page
    assert "Import the roster" in client.get("/admin/roster/asn/").content.decode()


def test_correcting_an_asn_checks_the_nip_and_the_rank(client, city, administrator):
    import_roster(csv(ANI))
    ani = Asn.objects.get()
    url = f"/admin/roster/asn/{ani.pk}/change/"
    page = client.get(url).content.decode()
    assert "born 1967-11-10" in page
    form = {
        "nip": "196711101992031009",
        "name": "Ani Siregar",
        "employment_type": "PPPK",
        "rank": "III/d",
        "opd": city["dukcapil"].pk,
        "service_unit": "",
        "position": ani.position_id,
        "email": "ani@contoh.go.id",
        "openedx_username": "ani",
        "is_active": "on",
    }
    page = client.post(url, form).content.decode()
    assert "This NIP belongs to a PNS, not a PPPK." in page
    form["employment_type"] = "PNS"
    form["nip"] = "19671110199203100"
    assert "A NIP has 18 digits" in client.post(url, form).content.decode()
    form["nip"] = "196711101992031009"
    form["rank"] = "4a"
    assert client.post(url, form).status_code == 302
    ani.refresh_from_db()
    assert (ani.nip, ani.rank) == ("196711101992031009", "IV/a")


def test_import_preview_then_apply(client, city, administrator):
    upload = SimpleUploadedFile("roster.csv", csv(ANI, BUDI), content_type="text/csv")
    page = client.post(IMPORT_URL, {"file": upload})
    assert page.status_code == 200
    assert page.context["report"].created == 2
    assert not Asn.objects.exists()
    staged = page.context["staged"]
    response = client.post(IMPORT_URL, {"apply": "1", "staged": staged})
    assert response.status_code == 302
    assert Asn.objects.count() == 2
    # The staged file is gone: the same preview cannot be applied twice.
    response = client.post(IMPORT_URL, {"apply": "1", "staged": staged}, follow=True)
    assert "expired" in response.content.decode()


def test_import_preview_lists_rejected_rows_and_offers_no_apply(client, city, administrator):
    upload = SimpleUploadedFile("roster.csv", csv(ANI, "123;Budi;DISKOMINFO;;;;;;;"))
    page = client.post(IMPORT_URL, {"file": upload})
    html = page.content.decode()
    assert "A NIP has 18 digits; 123 has 3." in html
    assert "Apply this import" not in html
    assert not Asn.objects.exists()


def test_an_unreadable_upload_says_why(client, city, administrator):
    upload = SimpleUploadedFile("roster.csv", b"nip\n1\n")
    html = client.post(IMPORT_URL, {"file": upload}).content.decode()
    assert "lacks the column(s): nama, kode_opd" in html


def test_a_tampered_or_foreign_preview_is_refused(client, city, administrator, make_user):
    upload = SimpleUploadedFile("roster.csv", csv(ANI))
    staged = client.post(IMPORT_URL, {"file": upload}).context["staged"]
    response = client.post(IMPORT_URL, {"apply": "1", "staged": staged + "x"}, follow=True)
    assert "expired" in response.content.decode()
    other = make_user("other", superuser=True)
    other.is_staff = True
    other.save()
    client.force_login(other)
    assert client.post(IMPORT_URL, {"apply": "1", "staged": staged}).status_code == 403
    assert not Asn.objects.exists()


def test_evaluators_cannot_open_the_roster_admin(client, city, make_user):
    client.force_login(make_user("eva", Role.EVALUATOR))
    assert client.get("/admin/roster/asn/").status_code == 302  # to the admin login
    assert client.get(IMPORT_URL).status_code == 302
