"""Every SKM message has its Indonesian translation, compiled."""

from pathlib import Path

import polib

import companion_service.skm

LOCALE = Path(companion_service.skm.__file__).parent / "locale"


def test_every_message_is_translated_into_indonesian():
    catalog = polib.pofile(str(LOCALE / "id" / "LC_MESSAGES" / "django.po"))
    assert len(catalog) > 50
    assert [entry.msgid for entry in catalog if not entry.translated() or entry.fuzzy] == []
    assert [entry.msgid for entry in catalog if entry.obsolete] == []


def test_compiled_catalogs_are_up_to_date():
    for language in ("id", "en"):
        folder = LOCALE / language / "LC_MESSAGES"
        source, compiled = polib.pofile(str(folder / "django.po")), polib.mofile(str(folder / "django.mo"))
        translated = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in source if entry.translated()}
        assert {(entry.msgctxt, entry.msgid): entry.msgstr for entry in compiled if entry.msgid} == translated
