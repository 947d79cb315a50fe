"""The block speaks Bahasa Indonesia first and English second, in Python and in JavaScript.

Catalog completeness (every message translated, compiled, JS bundles current) is checked for all
catalogs by tests/system/test_translations.py."""


def test_the_learner_view_is_indonesian_by_default_and_english_on_request(taker, learner):
    ani = taker(learner, language="id")
    state = ani.view_state()
    assert state["labels"]["pillars"]["aman"] == "Aman Digital"
    assert state["labels"]["bands"]["foundation"] == "Dasar"
    ani.client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = ani.view_state()
    assert english["labels"]["pillars"]["aman"] == "Digital safety (Aman Digital)"
    assert english["language"] == "en"


def test_the_page_loads_the_bundled_javascript_catalog(client, scenarios, learner):
    client.force_login(learner)
    page = client.get("/scenario/bina_digital_skills.0/").content.decode()
    assert "/resource/bina_digital_skills/static/js/translations/id/text.js" in page
    assert client.get("/resource/bina_digital_skills/static/js/translations/id/text.js").status_code == 200
    assert "Memuat asesmen..." in page


def test_handler_errors_speak_indonesian(taker, learner):
    response = taker(learner, language="id").call("save_progress", {"answers": {}})
    assert response.json()["error"] == "Mulai asesmen terlebih dahulu."
