"""Issue 15, finding 5: an LMS account named with someone's NIP is not that ASN by itself.

NIPs are printed on public documents (decrees, attendance lists), so a username that equals an ASN's
NIP links only when the LMS's email agrees with the roster, or after an administrator confirms; every
automatic link is listed for an administrator to check.
"""

import pytest

from companion_service.evaluation.models import LearningRecord
from companion_service.evaluation.refresh import refresh
from companion_service.openedx_sync.linking import link_learners
from companion_service.openedx_sync.models import Grade, Learner, LinkMethod

from .conftest import lms_data, sync

NIP = "196711101992031001"  # Dedi's NIP (the roster fixture), used by the attacker as a username
ADMIN = "/admin/openedx_sync/learner/"


@pytest.fixture
def administrator(make_user):
    user = make_user("operator", superuser=True)
    user.is_staff = True
    user.save()
    return user


def attacker_data(email="penyerang@gmail.com"):
    data = lms_data(extra=2)
    for rows in data.grades.values():
        for row in rows:
            if row["username"] == NIP:
                row["email"] = email
    return data


def test_a_learner_named_with_someone_elses_nip_and_another_email_is_not_linked_nor_credited(
    start_lms, connection_to, roster
):
    lms = start_lms(attacker_data())
    run = sync(connection_to(lms))
    assert run.status == "ok", run.errors
    impostor = Learner.objects.get(username=NIP)
    assert impostor.email == "penyerang@gmail.com"
    assert Grade.objects.filter(learner=impostor, passed=True).exists()  # the training the attacker did
    assert impostor.asn is None and impostor.link_method == ""
    refresh()
    assert not LearningRecord.objects.filter(asn=roster["dedi"]).exists()
    roster["dedi"].refresh_from_db()
    assert roster["dedi"].openedx_username == ""  # the roster does not learn the impostor's name either


def test_without_an_email_on_either_side_a_nip_username_waits_for_an_administrator(
    start_lms, connection_to, roster
):
    lms = start_lms(attacker_data(email=""))
    sync(connection_to(lms))
    assert Learner.objects.get(username=NIP).asn is None


def test_a_nip_username_whose_email_belongs_to_another_asn_is_not_linked_to_either(
    start_lms, connection_to, roster
):
    lms = start_lms(attacker_data(email="citra@contoh.sibolgakota.go.id"))
    sync(connection_to(lms))
    assert Learner.objects.get(username=NIP).asn is None  # conflicting evidence: an administrator decides


def test_a_nip_username_with_the_rosters_email_links_and_is_listed_for_review(
    start_lms, connection_to, roster, client, administrator
):
    lms = start_lms(lms_data(extra=2))
    sync(connection_to(lms))
    learner = Learner.objects.get(username=NIP)
    assert (learner.asn, learner.link_method, learner.reviewed_at) == (roster["dedi"], LinkMethod.NIP, None)
    admin = administrator
    client.force_login(admin)
    by_hand = Learner.objects.get(username="asn000")
    Learner.objects.filter(pk=by_hand.pk).update(asn=roster["budi"], link_method=LinkMethod.MANUAL)
    html = client.get(f"{ADMIN}?review=automatic", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Tautan otomatis, belum diperiksa" in html
    assert NIP in html and "citra_m" in html and "ani" in html  # every automatic link is listed
    assert ">asn000<" not in html  # an administrator's own link (even one made before the review) is not
    response = client.post(
        f"{ADMIN}?review=automatic",
        {"action": "mark_links_checked", "_selected_action": [learner.pk]},
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.reviewed_at is not None and learner.reviewed_by == admin
    assert learner.asn == roster["dedi"]
    html = client.get(f"{ADMIN}?review=automatic", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert f">{NIP}<" not in html


def test_an_administrator_confirms_a_nip_username_and_the_next_sync_keeps_it(
    start_lms, connection_to, roster, client, administrator
):
    lms = start_lms(attacker_data(email=""))
    connection = connection_to(lms)
    sync(connection)
    learner = Learner.objects.get(username=NIP)
    admin = administrator
    client.force_login(admin)
    html = client.get(f"{ADMIN}?review=nip_waiting", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Nama pengguna = NIP seorang ASN, menunggu konfirmasi" in html
    assert f">{NIP}<" in html and ">ani<" not in html
    page = client.get(f"{ADMIN}{learner.pk}/change/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Dedi Simatupang" in page  # the ASN whose NIP the username is, with both emails to compare
    client.post(
        ADMIN, {"action": "confirm_nip_links", "_selected_action": [learner.pk]}, HTTP_ACCEPT_LANGUAGE="id"
    )
    learner.refresh_from_db()
    assert (learner.asn, learner.link_method, learner.linked_by) == (roster["dedi"], LinkMethod.NIP, admin)
    assert learner.reviewed_by == admin
    sync(connection)
    learner.refresh_from_db()
    assert learner.asn == roster["dedi"]


@pytest.mark.django_db
def test_the_confirm_action_links_only_learners_whose_username_is_a_nip(roster, client, administrator):
    from companion_service.openedx_sync.models import LmsConnection

    connection = LmsConnection.objects.create(name="LMS", base_url="http://127.0.0.1:9")
    seen = "2026-01-01T00:00:00Z"
    other = Learner.objects.create(connection=connection, username="bukan_nip", first_seen=seen)
    nip = Learner.objects.create(connection=connection, username=NIP, email="x@contoh.id", first_seen=seen)
    assert link_learners(connection) == 0  # another email: not by itself
    client.force_login(administrator)
    client.post(ADMIN, {"action": "confirm_nip_links", "_selected_action": [other.pk, nip.pk]})
    other.refresh_from_db()
    nip.refresh_from_db()
    assert other.asn is None and nip.asn == roster["dedi"]
