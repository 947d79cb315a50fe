"""The block's catalogs: complete in Indonesian, in step with the sources, compiled, and used."""

import io

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from xblocks.partner_workshop import i18n

from .helpers import SCENARIO, post, studio_form


def test_every_message_has_an_indonesian_translation():
    assert i18n.untranslated("id") == []


def test_catalogs_hold_every_message_of_the_sources():
    wanted = {m.id for m in i18n.extract_template() if m.id}
    for locale in i18n.LOCALES:
        with i18n._po_path(locale).open("rb") as handle:
            have = {m.id for m in read_po(handle) if m.id}
        assert wanted - have == set(), f"run `python -m xblocks.partner_workshop.i18n extract` ({locale})"


def _plain(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


def test_compiled_catalogs_match_the_po_files():
    for locale in i18n.LOCALES:
        with i18n._po_path(locale).open("rb") as handle:
            po = {_plain(m.id): _plain(m.string) for m in read_po(handle) if m.id}
        with i18n._po_path(locale).with_suffix(".mo").open("rb") as handle:
            mo = {_plain(m.id): _plain(m.string) for m in read_mo(io.BytesIO(handle.read())) if m.id}
        assert mo == po, f"run `python -m xblocks.partner_workshop.i18n compile` ({locale})"


def test_js_catalog_is_bundled_for_each_language():
    for locale in i18n.LOCALES:
        text = (i18n.HERE / "static" / "js" / "translations" / locale / "text.js").read_text()
        assert i18n.NAMESPACE in text
    assert "Menyimpan" in (i18n.HERE / "static/js/translations/id/text.js").read_text()


def test_the_page_speaks_indonesian_then_english(client, scenarios, course_staff, learner):
    post(client, course_staff, "studio_submit", studio_form())
    client.force_login(learner)
    html = client.get(f"/scenario/{SCENARIO}/").content.decode()
    assert ">Daftar<" in html and "Sisa 2 dari 2 kursi" in html and "pukul" in html
    assert "static/js/translations/id/text.js" in html
    client.post("/i18n/setlang/", {"language": "en"})
    html = client.get(f"/scenario/{SCENARIO}/").content.decode()
    assert ">Register<" in html and "2 of 2 seats left" in html
    assert "static/js/translations/en/text.js" in html
