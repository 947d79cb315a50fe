"""The block speaks Bahasa Indonesia first and English second, in Python and in JavaScript."""

import gettext
import re
from pathlib import Path

import polib
import pytest

import xblocks.digital_skills as package

BLOCK = Path(package.__file__).parent
PO = {locale: BLOCK / "translations" / locale / "LC_MESSAGES" / "text.po" for locale in ("id", "en")}
PLACEHOLDER = re.compile(r"\{\w*\}")
JS_CALL = re.compile(r"""\bn?t\(\s*"((?:[^"\\]|\\.)*)\"""")


def test_every_message_has_an_indonesian_translation_with_the_same_placeholders():
    catalog = polib.pofile(str(PO["id"]))
    assert catalog.percent_translated() == 100
    assert not [entry.msgid for entry in catalog if "fuzzy" in entry.flags and not entry.obsolete]
    for entry in catalog.translated_entries():
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid


@pytest.mark.parametrize("locale", ["id", "en"])
def test_compiled_catalogs_match_the_po_files(locale):
    catalog = polib.pofile(str(PO[locale]))
    compiled = gettext.translation("text", str(BLOCK / "translations"), [locale])
    for entry in catalog.translated_entries():
        if not entry.msgid_plural:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_the_javascript_catalogs_cover_every_message_the_scripts_use():
    used = set()
    for script in (BLOCK / "static" / "js").glob("*.js"):
        used |= {match.replace('\\"', '"') for match in JS_CALL.findall(script.read_text(encoding="utf-8"))}
    assert len(used) > 100
    bundled = (BLOCK / "static" / "js" / "translations" / "id" / "text.js").read_text(encoding="utf-8")
    missing = [message for message in sorted(used) if f'"{message}"' not in bundled.replace('\\"', '"')]
    assert missing == []


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
