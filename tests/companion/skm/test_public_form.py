"""The public survey page: no login, Bahasa Indonesia, within the page-weight budget, answers kept
on a validation error, honeypot, per-client rate limit and duplicates marked for review
(more abuse cases in test_form_abuse.py)."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.utils import timezone

from companion_service.skm import services
from companion_service.skm.ikm import UNSUR_CODES
from companion_service.skm.models import ResponseTally, SurveyResponse

from .test_questionnaire import QUESTIONS

URL = "/survei/DUKCAPIL-LOKET/"
PAGE_BUDGET = 100 * 1024


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kinds(unit):
    return [services.add_service_kind(unit, "KTP-el"), services.add_service_kind(unit, "Kartu Keluarga")]


def token_of(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def answers(client, **changes):
    page = client.get(URL).content.decode()
    data = dict.fromkeys(UNSUR_CODES, "4")
    data.update(
        {
            "layanan": "ktp-el",
            "jenis_kelamin": "P",
            "usia": "30-39",
            "pendidikan": "sma",
            "pekerjaan": "wirausaha",
            "petugas": "Bu Rina",
            "kritik_saran": "Antrean cepat, ruang tunggu panas.",
            "token": token_of(page),
            "website": "",
        }
    )
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_page_needs_no_login_and_is_in_indonesian(client, kinds):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Language"] == "id"
    assert '<html lang="id">' in page
    for code, question in QUESTIONS.items():
        assert question in page, code
    assert "Dikelola dengan baik" in page and "Sangat baik" in page
    assert page.index("Tidak ada") < page.index("Dikelola dengan baik") < page.index("Buruk")
    assert "KTP-el" in page and "Kirim jawaban" in page


def test_the_page_weight_is_within_budget(client, kinds):
    response = client.get(URL)
    page = response.content.decode()
    total = len(response.content)
    linked = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    for url in linked:
        path = finders.find(url.removeprefix("/static/"))
        assert path, url
        with open(path, "rb") as file:
            total += len(file.read())
    assert "<img" not in page
    assert total < PAGE_BUDGET, f"{total} bytes"
    print(f"survey page: {total} bytes with {len(linked)} linked files")


def test_a_complete_answer_is_stored_and_thanked(client, kinds):
    response = client.post(URL, answers(client, U8="1", U9="3"))
    assert response.status_code == 302 and response.url == "/survei/DUKCAPIL-LOKET/terima-kasih/#terima-kasih"
    stored = SurveyResponse.objects.get()
    assert stored.answers() == {**dict.fromkeys(UNSUR_CODES, 4), "U8": 1, "U9": 3}
    assert (stored.source, stored.service_kind, stored.sex, stored.officer) == (
        "form",
        kinds[0],
        "P",
        "Bu Rina",
    )
    assert stored.answered_on == timezone.localdate()
    assert ResponseTally.objects.get().respondents == 1
    thanks = client.get(response.url).content.decode()
    assert "Terima kasih!" in thanks and "Loket Pelayanan Dukcapil" in thanks


def test_a_validation_error_keeps_every_answer(client, kinds):
    data = answers(client, U3=None, usia="", U7="2", kritik_saran="Petugas <b>ramah</b>")
    response = client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 jawaban belum diisi" in page
    assert 'href="#q-U3"' in page and 'href="#q-usia"' in page
    assert 'id="kesalahan"' in page and 'role="alert"' in page
    assert re.search(r'name="U7" value="2" id="[^"]+" checked', page)
    assert re.search(r'name="U1" value="4" id="[^"]+" checked', page)
    assert not re.search(r'name="U3" value="\d" id="[^"]+" checked', page)
    assert "Petugas &lt;b&gt;ramah&lt;/b&gt;" in page
    assert 'value="Bu Rina"' in page
    assert re.search(r'<option value="sma" selected>', page)
    assert SurveyResponse.objects.count() == 0
    # The second attempt, complete, goes through with the same form token.
    assert client.post(URL, {**data, "U3": "3", "usia": "40-49"}).status_code == 302
    assert SurveyResponse.objects.get().u3 == 3


def test_the_same_form_sent_twice_counts_once(client, kinds):
    data = answers(client)
    assert client.post(URL, data).status_code == 302
    assert client.post(URL, data).status_code == 302
    assert SurveyResponse.objects.count() == 1


def test_the_same_answers_again_from_the_same_client_are_kept_for_review(client, kinds):
    assert client.post(URL, answers(client)).status_code == 302
    assert client.post(URL, answers(client)).status_code == 302  # a new form, identical content
    assert list(SurveyResponse.objects.order_by("id").values_list("review", flat=True)) == ["", "duplicate"]
    assert client.post(URL, answers(client, U1="3")).status_code == 302  # a different visit
    assert SurveyResponse.objects.count() == 3 and SurveyResponse.objects.filter(review="").count() == 2


def test_the_honeypot_is_thanked_and_ignored(client, kinds):
    response = client.post(URL, answers(client, website="http://spam.example"))
    assert response.status_code == 302
    assert SurveyResponse.objects.count() == 0


def test_rate_limit_per_client_keeps_the_answers(client, kinds, settings):
    settings.COMPANION_SKM_RATE_LIMIT = 2
    assert client.post(URL, answers(client, U1="1")).status_code == 302
    assert client.post(URL, answers(client, U1="2")).status_code == 302
    response = client.post(URL, answers(client, U1="3", kritik_saran="Tolong cepat"))
    page = response.content.decode()
    assert response.status_code == 429
    assert "Terlalu banyak jawaban" in page and "Tolong cepat" in page
    assert re.search(r'name="U1" value="3" id="[^"]+" checked', page)
    assert SurveyResponse.objects.count() == 2
    # Another client is not affected.
    other = client.post(URL, answers(client, U1="4"), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302 and SurveyResponse.objects.count() == 3


def test_a_forged_or_foreign_token_is_asked_again_without_losing_answers(client, kinds, other_unit):
    page = client.get(f"/survei/{other_unit.code}/").content.decode()
    data = answers(client, token=token_of(page))
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "dibuka terlalu lama" in response.content.decode()
    assert SurveyResponse.objects.count() == 0
    assert client.post(URL, {**data, "token": token_of(response.content.decode())}).status_code == 302


def test_kind_of_service_is_asked_only_when_the_unit_has_some(client, unit):
    page = client.get(URL).content.decode()
    assert 'name="layanan"' not in page
    data = answers(client, layanan=None)
    assert client.post(URL, data).status_code == 302
    assert SurveyResponse.objects.get().service_kind is None


def test_adapted_wording_and_officer_question(client, unit):
    services.save_wording(
        unit, "U9", "Bagaimana kenyamanan ruang tunggu kami?", ["Panas", "Biasa", "Nyaman", "Sangat nyaman"]
    )
    services.update_survey(unit, is_open=True, ask_officer=False, intro="Survei loket KTP")
    page = client.get(URL).content.decode()
    assert "Bagaimana kenyamanan ruang tunggu kami?" in page and "Sangat nyaman" in page
    assert "Survei loket KTP" in page
    assert 'name="petugas"' not in page


def test_closed_inactive_and_unknown_units(client, unit):
    services.update_survey(unit, is_open=False, ask_officer=True, intro="")
    assert "sedang ditutup" in client.get(URL).content.decode()
    assert client.post(URL, {}).status_code == 200 and not SurveyResponse.objects.exists()
    unit.is_active = False
    unit.save()  # outside the SKM services (the roster's loader): the page follows within a minute
    assert client.get(URL).status_code == 200
    cache.clear()
    assert client.get(URL).status_code == 404
    missing = client.get("/survei/TIDAK-ADA/")
    assert missing.status_code == 404 and "Survei tidak ditemukan" in missing.content.decode()


def test_index_lists_open_units(client, unit, other_unit):
    services.update_survey(other_unit, is_open=False, ask_officer=True, intro="")
    page = client.get("/survei/").content.decode()
    assert "Loket Pelayanan Dukcapil" in page and "Instalasi Rawat Jalan" not in page


def test_an_empty_form_gets_a_short_summary_not_every_question(client, kinds):
    """Sent empty, the form does not list all 14 questions before the first one (issue 17): the
    summary gives the count and a link to the first question; each question says it on its own."""
    page = client.get(URL).content.decode()
    response = client.post(URL, {"token": token_of(page), "website": ""})
    html = response.content.decode()
    summary = html[html.index('id="kesalahan"') : html.index("</div>", html.index('id="kesalahan"'))]
    missing = html.count('class="err"')
    assert missing >= 13  # nine unsur, kind of service, sex, age, education, occupation
    assert f"{missing} jawaban belum diisi" in summary
    assert summary.count("<li>") == 0 and summary.count('href="#q-') == 1
    assert 'href="#q-layanan"' in summary or 'href="#q-U1"' in summary
    assert "Mulai dari pertanyaan pertama yang belum dijawab" in summary
    assert SurveyResponse.objects.count() == 0
