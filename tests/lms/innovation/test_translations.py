"""The block's catalogs: every message it says has natural Indonesian, and the compiled files match."""

import gettext
import re

import polib
import pytest

from xblocks.innovation import i18n

PLACEHOLDER = re.compile(r"%\(\w+\)s|%%")


def entries(locale):
    return {e.msgid: e for e in polib.pofile(str(i18n.po_path(locale))) if not e.obsolete}


def test_every_message_in_the_sources_is_in_both_catalogs():
    messages = i18n.source_messages()
    assert len(messages) > 300
    for locale in i18n.LOCALES:
        missing = sorted(set(messages) - set(entries(locale)))
        assert missing == [], f"run `python -m xblocks.innovation.i18n extract` ({locale}): {missing[:5]}"


def test_every_message_has_an_indonesian_translation_with_the_same_placeholders():
    for msgid, entry in entries("id").items():
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), msgid
            translated = entry.msgstr_plural[0]
        else:
            assert entry.msgstr, f"no Indonesian for {msgid!r}"
            translated = entry.msgstr
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(translated)), msgid


@pytest.mark.parametrize("locale", i18n.LOCALES)
def test_compiled_catalogs_are_up_to_date(locale):
    with open(i18n.po_path(locale).with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, entry in entries(locale).items():
        if not entry.msgid_plural and entry.msgstr:
            assert compiled.gettext(msgid) == entry.msgstr, "run `python -m xblocks.innovation.i18n compile`"
    assert i18n.js_catalog_path(locale).read_text(encoding="utf-8") == i18n.js_catalog_text(locale)


def test_the_javascript_catalog_holds_what_the_javascript_says():
    text = i18n.js_catalog_path("id").read_text(encoding="utf-8")
    for message in ("Dukung", "Halaman %(page)s dari %(pages)s", "%(n)s dukungan"):
        assert message in text
