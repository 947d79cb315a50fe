"""Every message people see exists in Bahasa Indonesia; catalogs are current and compiled.

The first tests check this repository (every catalog ``dev/catalogs.py`` finds by
globbing). The rest build small repositories in a temporary folder and show that the check fails
for each kind of mistake and that ``make messages`` (``catalogs.update``) repairs what it can.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import polib
import pytest

from dev import catalogs

REPO = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------------------- this repository


def test_the_catalogs_are_found_by_globbing():
    found = {catalog.label() for catalog in catalogs.discover()}
    assert {"xblocks/bina_asn/locale", "dev/lms/locale", "companion_service/locale"} <= found
    for block in REPO.glob("xblocks/*/translations"):
        assert str(block.relative_to(REPO)) in found


def test_every_block_ships_an_indonesian_catalog():
    assert catalogs.blocks_without_catalog() == []


@pytest.mark.parametrize("catalog", catalogs.discover(), ids=lambda catalog: catalog.label())
def test_catalog_is_translated_current_and_compiled(catalog):
    problems = catalogs.catalog_problems(catalog)
    assert not problems, "\n".join(["Run `make messages`, translate, and commit .po and .mo:", *problems])


def test_templates_have_no_text_outside_trans():
    problems = catalogs.template_problems()
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------ the check itself, on fakes


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def translate(po_path: Path, translations: dict) -> None:
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgid in translations:
            value = translations[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save(str(po_path))
    catalogs.compile_po(po_path)


@pytest.fixture
def fake_repo(tmp_path) -> Path:
    """A repository shaped like ours: a block, the plugin app, the companion with one app catalog."""
    repo = tmp_path / "repo"
    write(
        repo / "xblocks" / "bina_quiz" / "block.py",
        """
        class QuizBlock:
            i18n_js_namespace = "BinaQuizI18N"

            def view(self, _):
                return _("Start the quiz")
        """,
    )
    write(
        repo / "xblocks" / "bina_quiz" / "static" / "js" / "quiz.js",
        """
        function QuizView(runtime, element) {
            var i18n = window.BinaQuizI18N;
            alert(i18n.gettext("Answer saved"));
            var n = 3;
            i18n.ngettext("%s question left", "%s questions left", n);
        }
        """,
    )
    write(repo / "xblocks" / "bina_quiz" / "static" / "js" / "vendor" / "lib.js", 'gettext("Vendor text");\n')
    write(
        repo / "xblocks" / "bina_quiz" / "templates" / "quiz.html",
        '{% load i18n %}<h2>{% trans "Quiz" %}</h2>\n',
    )
    write(
        repo / "xblocks" / "bina_asn" / "apps.py",
        'from django.utils.translation import gettext_lazy as _\nNAME = _("Bina ASN")\n',
    )
    write(
        repo / "companion_service" / "core" / "views.py",
        'from django.utils.translation import gettext as _\nTITLE = _("Home")\n',
    )
    write(
        repo / "companion_service" / "skm" / "views.py",
        'from django.utils.translation import gettext as _\nQUESTION = _("How easy was it?")\n',
    )
    for folder in (
        repo / "xblocks" / "conf" / "locale",
        repo / "xblocks" / "bina_quiz" / "translations",
        repo / "companion_service" / "locale",
        repo / "companion_service" / "skm" / "locale",
    ):
        (folder / "id" / "LC_MESSAGES").mkdir(parents=True)
    return repo


def all_translated(repo: Path) -> None:
    """``make messages``, then a translator fills in every message."""
    catalogs.update(repo, out=open("/dev/null", "w"))  # noqa: SIM115
    translate(repo / "xblocks/conf/locale/id/LC_MESSAGES/django.po", {"Bina ASN": "Bina ASN"})
    translate(repo / "companion_service/locale/id/LC_MESSAGES/django.po", {"Home": "Beranda"})
    translate(
        repo / "companion_service/skm/locale/id/LC_MESSAGES/django.po",
        {"How easy was it?": "Seberapa mudah prosesnya?"},
    )
    translate(
        repo / "xblocks/bina_quiz/translations/id/LC_MESSAGES/text.po",
        {
            "Start the quiz": "Mulai kuis",
            "Quiz": "Kuis",
            "Answer saved": "Jawaban tersimpan",
            "%s question left": "%s soal lagi",
        },
    )
    catalogs.update(repo, out=open("/dev/null", "w"))  # noqa: SIM115  (rebuilds the JS bundle)


def test_update_puts_each_message_in_its_own_catalog(fake_repo):
    catalogs.update(fake_repo, out=open("/dev/null", "w"))  # noqa: SIM115

    def msgids(relative):
        return {entry.msgid for entry in polib.pofile(str(fake_repo / relative))}

    assert msgids("xblocks/conf/locale/id/LC_MESSAGES/django.po") == {"Bina ASN"}
    assert msgids("xblocks/bina_quiz/translations/id/LC_MESSAGES/text.po") == {
        "Start the quiz",
        "Quiz",
        "Answer saved",
        "%s question left",
    }
    assert msgids("companion_service/locale/id/LC_MESSAGES/django.po") == {"Home"}
    assert msgids("companion_service/skm/locale/id/LC_MESSAGES/django.po") == {"How easy was it?"}


def test_a_fully_translated_repository_passes(fake_repo):
    all_translated(fake_repo)
    assert catalogs.all_problems(fake_repo) == []


def test_untranslated_and_fuzzy_messages_fail(fake_repo):
    all_translated(fake_repo)
    po_path = fake_repo / "companion_service/skm/locale/id/LC_MESSAGES/django.po"
    po = polib.pofile(str(po_path))
    po[0].msgstr = ""
    po.save(str(po_path))
    catalogs.compile_po(po_path)
    text_path = fake_repo / "xblocks/bina_quiz/translations/id/LC_MESSAGES/text.po"
    po = polib.pofile(str(text_path))
    next(e for e in po if e.msgid == "Quiz").flags.append("fuzzy")
    po.save(str(text_path))
    catalogs.compile_po(text_path)
    problems = "\n".join(catalogs.all_problems(fake_repo))
    assert "skm/locale/id/LC_MESSAGES/django.po: no Indonesian translation: 'How easy was it?'" in problems
    assert "text.po: fuzzy (check the translation, then remove the flag): 'Quiz'" in problems


def test_a_new_or_removed_message_makes_the_catalog_stale(fake_repo):
    all_translated(fake_repo)
    write(
        fake_repo / "companion_service" / "core" / "views.py",
        'from django.utils.translation import gettext as _\nTITLE = _("Dashboard")\n',
    )
    problems = "\n".join(catalogs.all_problems(fake_repo))
    assert "missing 'Dashboard' (new in the sources; run make messages)" in problems
    assert "'Home' is no longer in the sources" in problems


def test_a_missing_or_outdated_mo_fails(fake_repo):
    all_translated(fake_repo)
    mo = fake_repo / "companion_service/locale/id/LC_MESSAGES/django.mo"
    mo.unlink()
    assert any("not compiled" in p for p in catalogs.all_problems(fake_repo))
    po_path = mo.with_suffix(".po")
    catalogs.compile_po(po_path)
    po = polib.pofile(str(po_path))
    po[0].msgstr = "Halaman utama"  # edited after compiling
    po.save(str(po_path))
    assert any("does not match the .po" in p for p in catalogs.all_problems(fake_repo))


def test_a_broken_placeholder_fails(fake_repo):
    write(
        fake_repo / "companion_service" / "core" / "views.py",
        'from django.utils.translation import gettext as _\nTITLE = _("Hello %(name)s")\n',
    )
    catalogs.update(fake_repo, out=open("/dev/null", "w"))  # noqa: SIM115
    po_path = fake_repo / "companion_service/locale/id/LC_MESSAGES/django.po"
    po = polib.pofile(str(po_path))
    po[0].msgstr = "Halo %(nama)s"
    po.save(str(po_path))
    catalog = next(
        c for c in catalogs.discover(fake_repo) if c.label(fake_repo) == "companion_service/locale"
    )
    assert any("msgfmt refuses it" in p for p in catalogs.catalog_problems(catalog, fake_repo))


def test_a_block_without_catalog_fails(fake_repo):
    write(fake_repo / "xblocks" / "bina_new" / "block.py", "class NewBlock:\n    pass\n")
    assert "xblocks/bina_new: an XBlock without translations/id/LC_MESSAGES/text.po" in catalogs.all_problems(
        fake_repo
    )


def test_javascript_messages_need_the_bundled_indonesian_catalog(fake_repo):
    all_translated(fake_repo)
    bundle = catalogs.bundle_path(fake_repo / "xblocks" / "bina_quiz", "id")
    assert catalogs.read_js_bundle(bundle) == {
        "Answer saved": "Jawaban tersimpan",
        "%s question left": ["%s soal lagi"],
    }
    assert not catalogs.bundle_path(fake_repo / "xblocks" / "bina_quiz", "en").exists()
    # Vendored libraries are not ours to translate.
    assert "Vendor text" not in bundle.read_text()
    bundle.write_text(bundle.read_text().replace('"Jawaban tersimpan"', '""'))
    problems = catalogs.all_problems(fake_repo)
    assert any("no Indonesian translation for the JavaScript message 'Answer saved'" in p for p in problems)
    bundle.unlink()
    problems = catalogs.all_problems(fake_repo)
    assert any("its JavaScript has 2 messages but no bundled Indonesian catalog" in p for p in problems)


@pytest.mark.browser
def test_the_bundle_translates_in_a_browser(fake_repo):
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch

    all_translated(fake_repo)
    bundle = catalogs.bundle_path(fake_repo / "xblocks" / "bina_quiz", "id").read_text()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            page.set_content("<!DOCTYPE html><title>t</title>")
            page.add_script_tag(content=bundle)
            result = page.evaluate(
                """() => [
                    BinaQuizI18N.gettext('Answer saved'),
                    BinaQuizI18N.gettext('Not translated'),
                    BinaQuizI18N.interpolate(
                        BinaQuizI18N.ngettext('%s question left', '%s questions left', 4), [4]
                    ),
                ]"""
            )
        finally:
            browser.close()
    assert result == ["Jawaban tersimpan", "Not translated", "4 soal lagi"]


# ------------------------------------------------------------------------- the template heuristic

TEMPLATE_CASES = [
    ('{% load i18n %}<h1>{% trans "Welcome" %}</h1>', []),
    ("<h1>Welcome</h1>", [(1, "Welcome")]),
    ("{% load i18n %}<p>{% blocktrans %}Hello {{ name }}, welcome{% endblocktrans %}</p>", []),
    ("<p>{{ count }} · {{ total }} (2026) — 87,5%</p>", []),
    ("<p>ASN, OPD, NIP, IKM, SKM, CSV, WIB</p>", []),
    ('<button aria-label="Close">×</button>', [(1, "Close")]),
    ('<img alt="{% trans \'Logo\' %}" src="x.png">', []),
    ('<input type="submit" value="Save">', [(1, "Save")]),
    ('<input type="text" name="username" value="{{ v }}" autocomplete="username">', []),
    ("<script>var label = 'not checked';</script><style>.a{color:red}</style>", []),
    ("<p>Run <code>companion sync</code></p>", [(1, "Run")]),
    ('<span translate="no">Kota Sibolga</span>', []),
    ("{# a note for developers #}{% comment %}Not shown{% endcomment %}", []),
    ("<ul>\n  <li>\n    First\n  </li>\n</ul>", [(3, "First")]),
    ('{% load i18n %}{% trans "Title" as title %}<h1>{{ title }}</h1>', []),
    (
        '{% if x %}\n<a href="{% url "home" %}">\n{% blocktrans %}Two\nlines{% endblocktrans %}</a>'
        "{% endif %}\nLeft",
        [(5, "Left")],
    ),
]


@pytest.mark.parametrize(("source", "expected"), TEMPLATE_CASES)
def test_template_heuristic(source, expected):
    assert catalogs.untranslated_template_text(source) == expected


def test_an_untranslated_template_fails_the_check(fake_repo):
    all_translated(fake_repo)
    write(fake_repo / "companion_service" / "core" / "templates" / "core" / "page.html", "<h1>Laporan</h1>\n")
    assert catalogs.template_problems(fake_repo) == [
        "companion_service/core/templates/core/page.html:1: text outside {% trans %}: 'Laporan'"
    ]


def test_js_bundles_of_other_shapes_are_read(tmp_path):
    """Bundles made by Django's JavaScriptCatalog or django-statici18n are understood too."""
    django_shaped = tmp_path / "text.js"
    django_shaped.write_text(
        "{\n  const newcatalog = "
        + json.dumps({"Save": "Simpan"}, indent=2)
        + ";\n  for (const k in newcatalog) {}\n}"
    )
    assert catalogs.read_js_bundle(django_shaped) == {"Save": "Simpan"}
    django_shaped.write_text("var nothing = 1;")
    with pytest.raises(ValueError, match="no `catalog"):
        catalogs.read_js_bundle(django_shaped)
