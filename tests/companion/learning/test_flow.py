"""An ASN records a training outside the LMS; their OPD head or BKPSDM decides; an approved record
counts in "JP saya", the ledger (its "below 20 JP" list) and the SIASN export; files are served to
the ASN and the verifiers only; every change is audited."""

from django.core.files.uploadedfile import SimpleUploadedFile

from companion_service.accounts.api import Scope
from companion_service.accounts.models import AuditEvent
from companion_service.evaluation import selectors as evaluation
from companion_service.evaluation.models import AsnYear, LearningRecord
from companion_service.learning.models import OutsideTraining

from .conftest import FORM, pdf_bytes


def login(client, user):
    client.force_login(user)
    return client


def submit(client, town, **changes):
    login(client, town.users.ani)
    data = {**FORM, **changes}
    data["certificate"] = SimpleUploadedFile("sertifikat.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post("/jp-saya/pelatihan-luar/baru/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    return OutsideTraining.objects.latest("id")


def test_recorded_training_waits_and_does_not_count_yet(client, town):
    training = submit(client, town)
    assert (training.status, training.jp, training.certificate_type) == ("submitted", 24, "application/pdf")
    page = client.get("/jp-saya/").content.decode()
    assert "Pelatihan Analis Kebijakan Digital" in page and "0 dari 20 JP" in page
    event = AuditEvent.objects.get(resource="learning:submit")
    assert (event.action, event.username, event.parameters["id"]) == ("change", "ani", str(training.pk))


def test_bad_input_changes_nothing_and_says_why(client, town):
    login(client, town.users.ani)
    data = {**FORM, "finished_on": "2026-03-01", "jp": ""}
    data["certificate"] = SimpleUploadedFile(
        "sertifikat.pdf", b"<html></html>", content_type="application/pdf"
    )
    response = client.post("/jp-saya/pelatihan-luar/baru/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "PDF, PNG atau JPEG" in page
    assert not OutsideTraining.objects.exists()


def test_only_the_right_verifiers_decide_and_approval_counts_everywhere(
    client, town, django_capture_on_commit_callbacks
):
    training = submit(client, town)
    # Another OPD's head and an evaluator do not even see it.
    for user in (town.users.head_b, town.users.evaluator, town.users.budi):
        login(client, user)
        assert client.get(f"/jp-saya/pelatihan-luar/{training.pk}/").status_code == 404
        assert (
            client.post(f"/jp-saya/pelatihan-luar/{training.pk}/", {"decision": "approve"}).status_code == 404
        )
    login(client, town.users.head_b)
    assert "Pelatihan Analis" not in client.get("/verifikasi/").content.decode()
    # The ASN's own OPD head approves.
    login(client, town.users.head_a)
    assert "Pelatihan Analis" in client.get("/verifikasi/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/jp-saya/pelatihan-luar/{training.pk}/", {"decision": "approve", "reason": ""}
        )
    assert response.status_code == 302
    training.refresh_from_db()
    assert (training.status, training.decided_by) == ("approved", town.users.head_a)
    # The refresh ran: the ledger, the "below 20 JP" list and the SIASN rows include it.
    record = LearningRecord.objects.get(kind="outside", source_id=training.pk)
    assert (record.jp, record.year, record.certificate_number) == (24, 2026, "LAN/2026/00123")
    assert AsnYear.objects.get(asn=town.ani, year=2026).meets_target
    short = evaluation.ledger(Scope.everything(), year=2026, short_only=True)
    assert "Ani Siregar" not in [row.name for row in short.rows]
    assert [r.title for r in evaluation.siasn_records(Scope.everything(), 2026)] == [training.title]
    login(client, town.users.ani)
    assert "24 dari 20 JP" in client.get("/jp-saya/").content.decode()


def test_rejection_needs_a_reason_the_asn_reads(client, town):
    training = submit(client, town)
    login(client, town.users.verifier)
    response = client.post(f"/jp-saya/pelatihan-luar/{training.pk}/", {"decision": "reject", "reason": " "})
    assert response.status_code == 200
    training.refresh_from_db()
    assert training.status == "submitted"
    client.post(
        f"/jp-saya/pelatihan-luar/{training.pk}/",
        {"decision": "reject", "reason": "Sertifikat tidak terbaca."},
    )
    training.refresh_from_db()
    assert (training.status, training.reason) == ("rejected", "Sertifikat tidak terbaca.")
    login(client, town.users.ani)
    assert (
        "Sertifikat tidak terbaca." in client.get(f"/jp-saya/pelatihan-luar/{training.pk}/").content.decode()
    )


def test_nobody_verifies_their_own_record(client, town):
    from django.contrib.auth.models import Group

    from companion_service.accounts.models import AccessLink

    town.users.ani.groups.add(Group.objects.get_or_create(name="opd_head")[0])
    AccessLink.objects.create(user=town.users.ani, opd=town.a)
    training = submit(client, town)
    response = client.post(f"/jp-saya/pelatihan-luar/{training.pk}/", {"decision": "approve"})
    assert response.status_code == 200  # the page, without a decision form
    training.refresh_from_db()
    assert training.status == "submitted"


def test_the_asn_withdraws_while_waiting(client, town):
    training = submit(client, town)
    client.post(f"/jp-saya/pelatihan-luar/{training.pk}/", {"action": "withdraw"})
    training.refresh_from_db()
    assert training.status == "withdrawn"


def test_the_certificate_goes_to_the_asn_and_the_verifiers_only(client, town):
    training = submit(client, town)
    url = f"/jp-saya/pelatihan-luar/{training.pk}/sertifikat"
    assert "/media/" not in training.certificate.path and "private" in training.certificate.path
    for user, status in [
        (town.users.ani, 200),
        (town.users.head_a, 200),
        (town.users.verifier, 200),
        (town.users.head_b, 404),
        (town.users.evaluator, 404),
        (town.users.budi, 404),
        (town.users.nobody, 404),
    ]:
        login(client, user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
            assert "sandbox" in response["Content-Security-Policy"]
    client.logout()
    assert client.get(url).status_code == 302
    assert AuditEvent.objects.filter(resource="learning:certificate").count() == 3


def test_pages_for_people_who_are_not_asn_or_verifiers(client, town):
    login(client, town.users.evaluator)
    assert client.get("/jp-saya/").status_code == 403
    assert client.get("/jp-saya/pelatihan-luar/baru/").status_code == 403
    assert client.get("/verifikasi/").status_code == 403


def test_an_asn_finds_jp_saya_in_the_menu_and_on_the_home_page(client, town):
    login(client, town.users.ani)
    page = client.get("/").content.decode()
    assert page.count('href="/jp-saya/"') == 2 and "belum memiliki peran" not in page
    assert 'href="/verifikasi/"' not in page
    login(client, town.users.head_a)
    assert 'href="/verifikasi/"' in client.get("/").content.decode()
