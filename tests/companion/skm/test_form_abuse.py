"""The public form under abuse (issue 15, findings 1, 2 and 11): limits that live in a cache every
worker shares and that GETs of unknown units cannot evict, keyed so that one client cannot lock out
others; single-use form tokens; suspected duplicates kept and marked for review instead of dropped;
unusual volumes recorded for evaluators; the client read behind trusted proxies; a privacy notice."""

import re

from django.core.cache import cache

from companion_service.skm.ikm import UNSUR_CODES
from companion_service.skm.models import FormAnomaly, ResponseTally, SurveyResponse
from tests.companion.conftest import PASSWORD

URL = "/survei/DUKCAPIL-LOKET/"
OTHER = "/survei/RSUD-RAJAL/"


def token_of(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def answers(client, url=URL, **changes):
    """A complete answer on a freshly opened form (its own token)."""
    data = dict.fromkeys(UNSUR_CODES, "4")
    data.update(
        {
            "jenis_kelamin": "L",
            "usia": "40-49",
            "pendidikan": "d4-s1",
            "pekerjaan": "pns",
            "kritik_saran": "",
            "token": token_of(client.get(url).content.decode()),
            "website": "",
        }
    )
    data.update(changes)
    return data


def behind_proxy(address: str, spoofed: str = "") -> dict:
    """What the test client sends when one reverse proxy (Caddy) at 10.0.0.2 forwards a client."""
    forwarded = f"{spoofed}, {address}" if spoofed else address
    return {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": forwarded}


# --- shared limits --------------------------------------------------------------------------------


def test_the_limit_holds_when_a_workers_own_memory_is_lost(client, unit, settings):
    """Each gunicorn worker has its own memory; the count must not live there."""
    settings.COMPANION_SKM_RATE_LIMIT = 2
    for value in ("1", "2"):
        assert client.post(URL, answers(client, U1=value)).status_code == 302
    cache.clear()  # the default cache: per process (another worker's memory is empty)
    assert client.post(URL, answers(client, U1="3")).status_code == 429
    assert SurveyResponse.objects.count() == 2


def test_gets_of_unknown_units_cannot_evict_the_limits(client, unit, settings):
    settings.COMPANION_SKM_RATE_LIMIT = 2
    for value in ("1", "2"):
        assert client.post(URL, answers(client, U1=value)).status_code == 302
    for number in range(400):
        assert client.get(f"/survei/TIDAK-ADA-{number}/").status_code == 404
    assert client.post(URL, answers(client, U1="3")).status_code == 429
    assert SurveyResponse.objects.count() == 2


def test_one_client_over_its_limit_does_not_lock_out_others_behind_the_proxy(
    client, unit, other_unit, settings
):
    settings.COMPANION_TRUSTED_PROXIES = 1
    settings.COMPANION_SKM_RATE_LIMIT = 3
    for value in "1234":
        client.post(URL, answers(client, U1=value), **behind_proxy("36.70.1.1"))
    assert SurveyResponse.objects.count() == 3
    # Writing another address into X-Forwarded-For does not help: the proxy's entry is read.
    spoofed = client.post(URL, answers(client, U1="2", U2="1"), **behind_proxy("36.70.1.1", "1.2.3.4"))
    assert spoofed.status_code == 429
    # Citizens at other addresses behind the same proxy, and the same address at another unit, answer.
    for number in range(5):
        assert client.post(URL, answers(client), **behind_proxy(f"114.5.6.{number}")).status_code == 302
    assert client.post(OTHER, answers(client, OTHER), **behind_proxy("36.70.1.1")).status_code == 302
    assert SurveyResponse.objects.count() == 3 + 5 + 1
    # The refusals are recorded for evaluators, never the address.
    anomaly = FormAnomaly.objects.get(kind="client_limit")
    assert (anomaly.unit, anomaly.count) == (unit, 2)
    assert "36.70.1.1" not in repr(list(FormAnomaly.objects.values()))


def test_without_trusted_proxies_forwarded_addresses_are_ignored(client, unit, settings):
    settings.COMPANION_SKM_RATE_LIMIT = 1
    assert client.post(URL, answers(client), **behind_proxy("36.70.1.1")).status_code == 302
    assert client.post(URL, answers(client, U1="1"), **behind_proxy("36.70.9.9")).status_code == 429


def test_a_burst_at_one_unit_is_stored_flagged_and_past_the_ceiling_refused(client, unit, settings):
    settings.COMPANION_TRUSTED_PROXIES = 1
    settings.COMPANION_SKM_UNIT_ALERT = 3
    settings.COMPANION_SKM_UNIT_LIMIT = 5
    statuses = [
        client.post(URL, answers(client, U1=str(1 + n % 4)), **behind_proxy(f"114.5.6.{n}")).status_code
        for n in range(7)
    ]
    assert statuses == [302] * 5 + [429] * 2
    assert list(SurveyResponse.objects.order_by("id").values_list("review", flat=True)) == [
        "",
        "",
        "",
        "burst",
        "burst",
    ]
    assert {a.kind: a.count for a in FormAnomaly.objects.all()} == {"unit_burst": 2, "unit_ceiling": 2}
    refused = client.post(URL, answers(client), **behind_proxy("114.5.6.99"))
    assert "Terlalu banyak jawaban untuk unit layanan ini" in refused.content.decode()


# --- single-use tokens -----------------------------------------------------------------------------


def test_a_forms_token_is_used_once_and_a_replay_with_other_answers_is_refused(client, unit):
    data = answers(client, U1="2")
    assert client.post(URL, data).status_code == 302
    again = client.post(URL, data)  # a double tap: the same answers
    assert again.status_code == 302 and SurveyResponse.objects.count() == 1
    assert "sudah kami terima" in client.get(again.url).content.decode()
    replay = client.post(URL, {**data, "U1": "1", "U2": "1"})
    page = replay.content.decode()
    assert replay.status_code == 409
    assert "Formulir ini sudah dikirim" in page and f'href="{URL}"' in page
    assert SurveyResponse.objects.count() == 1 and SurveyResponse.objects.get().u1 == 2
    assert FormAnomaly.objects.get().kind == "token_replay"


# --- duplicates kept for review ----------------------------------------------------------------


def test_the_same_answers_from_the_same_address_are_kept_and_marked(client, unit):
    first = client.post(URL, answers(client))
    second = client.post(URL, answers(client))  # a second citizen on the counter's Wi-Fi
    assert first.status_code == second.status_code == 302
    rows = list(SurveyResponse.objects.order_by("id"))
    assert len(rows) == 2 and ResponseTally.objects.get().respondents == 2
    assert (rows[0].review, rows[1].review, rows[1].similar_to) == ("", "duplicate", rows[0])


def test_evaluators_review_flagged_answers(client, unit, make_user, settings):
    client.post(URL, answers(client))
    client.post(URL, answers(client))
    client.post(URL, answers(client))
    assert SurveyResponse.objects.filter(review="duplicate").count() == 2
    anonymous = client.get("/skm/tinjauan/")
    assert anonymous.status_code == 302
    client.force_login(make_user("ani", "asn"))
    assert client.get("/skm/tinjauan/").status_code == 403
    client.force_login(make_user("eva", "evaluator"))
    page = client.get("/skm/tinjauan/").content.decode()
    assert "Loket Pelayanan Dukcapil" in page and "Jawaban sama dari perangkat yang sama" in page
    keep, remove = SurveyResponse.objects.filter(review="duplicate").order_by("id")
    assert client.post("/skm/tinjauan/", {"response": keep.pk, "action": "keep"}).status_code == 302
    assert client.post("/skm/tinjauan/", {"response": remove.pk, "action": "remove"}).status_code == 302
    assert list(SurveyResponse.objects.values_list("review", flat=True)) == ["", ""]
    assert ResponseTally.objects.get().respondents == 2
    assert client.post("/skm/tinjauan/", {"response": remove.pk, "action": "remove"}).status_code == 404
    assert PASSWORD  # the evaluator signs in like any user


# --- privacy notice --------------------------------------------------------------------------------


def test_the_form_says_what_is_collected_why_how_long_and_whom_to_ask(client, unit, settings):
    settings.COMPANION_SKM_PRIVACY_CONTACT = "ppid@sibolgakota.go.id"
    page = client.get(URL).content.decode()
    notice = page[page.index('id="privasi"') :]
    for words in (
        "Undang-Undang Nomor 27 Tahun 2022",
        "Pelindungan Data Pribadi",
        "tidak menyimpan nama, nomor telepon, atau alamat IP",
        "Indeks Kepuasan Masyarakat",
        "ppid@sibolgakota.go.id",
        "Privacy notice",
    ):
        assert words in notice, words
    assert re.search(r"disimpan selama \d+ tahun", notice)


def test_retention_deletes_what_the_notice_says(client, unit, settings):
    import datetime as dt
    import io

    from django.core.management import call_command
    from django.utils import timezone

    settings.COMPANION_SKM_RETENTION_YEARS = 2
    client.post(URL, answers(client, kritik_saran="Ruang tunggu panas", petugas="Bu Rina"))
    client.post(URL, answers(client, U1="1", kritik_saran="Cepat"))
    old, new = SurveyResponse.objects.order_by("id")
    SurveyResponse.objects.filter(pk=old.pk).update(
        answered_on=timezone.localdate() - dt.timedelta(days=2 * 366),
        submitted_at=timezone.now() - dt.timedelta(days=2 * 366),
    )
    out = io.StringIO()
    call_command("skm-retention", stdout=out)
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.comment, old.officer, old.fingerprint, old.u1) == ("", "", "", 4)
    assert new.comment == "Cepat" and new.fingerprint  # still inside the duplicate window
    assert "1 " in out.getvalue()
