"""Every guide in Bahasa Indonesia first, English second, from one source (ADR 0120).

The first tests check this repository's docs: each guide has an Indonesian catalog that is complete
and current, links the glossary, and the build has each guide in both languages with a switch
between them. The rest build a small docs folder in a temporary directory and show that the check
fails for each kind of mistake and that ``make doc-messages`` lists the work to do.
"""

from __future__ import annotations

import io
import re
import shutil
import textwrap
from html import unescape
from pathlib import Path

import polib
import pytest

from dev import doc_catalogs

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
GUIDES = doc_catalogs.guides()


# ------------------------------------------------------------------------------- this repository


@pytest.fixture(scope="module")
def fresh():
    return doc_catalogs.extract()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("docs-html")
    doc_catalogs.build(out, log=io.StringIO())
    return out


def test_the_guides_are_found_and_the_adrs_stay_english():
    assert {"index", "glossary", "learner/assessment", "operator/index", "developer", "i18n"} <= set(GUIDES)
    assert not [name for name in GUIDES if name.startswith("decisions/")]


def test_every_guide_has_an_indonesian_page():
    missing = [
        f"docs/{name}.rst: no {doc_catalogs.po_path(name).relative_to(REPO)}"
        for name in GUIDES
        if not doc_catalogs.po_path(name).is_file()
    ]
    assert missing == [], "\n".join(["Run `make doc-messages`, then translate:", *missing])


@pytest.mark.parametrize("docname", GUIDES)
def test_indonesian_page_is_complete_and_current(docname, fresh):
    problems = doc_catalogs.page_problems(docname, fresh[docname])
    assert not problems, "\n".join(
        ["Run `make doc-messages`, translate what `make doc-todo` lists, commit the .po:", *problems]
    )


def test_no_catalog_without_its_guide():
    assert doc_catalogs.stray_catalogs() == []


def test_every_term_a_guide_uses_is_in_the_glossary():
    defined = glossary_terms()
    for expected in ("ASN", "OPD", "BKPSDM", "JP", "NIP", "SKM", "IKM", "unsur", "NRR", "RTL", "PKS"):
        assert expected in defined
    used = set()
    for name in GUIDES:
        text = (DOCS / f"{name}.rst").read_text(encoding="utf-8")
        used |= {target for _, target in re.findall(r":term:`([^`<]*<)?([^`>]+)>?`", text)}
    assert used - defined == set()


def _text(html: str) -> str:
    text = unescape(re.sub(r"<[^>]+>", "", html)).replace("¶", "")
    return " ".join(text.translate(str.maketrans("‘’“”", "''\"\"")).split())  # Sphinx's smart quotes


def _h1(path: Path) -> str:
    return _text(re.search(r"<h1>(.*?)</h1>", path.read_text(encoding="utf-8"), re.S).group(1))


def _plain(rst: str) -> str:
    return " ".join(re.sub(r"``|\*\*|(?<!\w)\*|\*(?!\w)|:\w+:`|`", "", rst).split())


def test_the_build_has_every_guide_in_both_languages(built):
    landing = (built / "index.html").read_text(encoding="utf-8")
    assert 'url=id/index.html"' in landing and 'href="en/index.html"' in landing
    for name in GUIDES:
        for language, other in (("id", "en"), ("en", "id")):
            page = built / language / f"{name}.html"
            assert page.is_file(), f"{language}/{name}.html was not built"
            html = page.read_text(encoding="utf-8")
            assert f'<html lang="{language}"' in html
            switch = re.search(rf'<a href="([^"]+)" lang="{other}" hreflang="{other}">', html)
            assert switch, f"{language}/{name}.html has no link to the {other} page"
            assert (page.parent / switch.group(1)).resolve() == (built / other / f"{name}.html").resolve()
            if name != "glossary":
                glossary = re.search(r'<a class="bina-glossary" href="([^"]+)">', html).group(1)
                assert (page.parent / glossary).resolve() == (built / language / "glossary.html").resolve()


def test_the_indonesian_pages_show_the_translation(built):
    for name in GUIDES:
        english = _h1(built / "en" / f"{name}.html")
        catalog = {_plain(e.msgid): e.msgstr for e in polib.pofile(str(doc_catalogs.po_path(name)))}
        assert english in catalog, f"{name}: the English title {english!r} is not in the catalog"
        assert _h1(built / "id" / f"{name}.html") == _plain(catalog[english])


def glossary_terms() -> set[str]:
    glossary = (DOCS / "glossary.rst").read_text(encoding="utf-8")
    return set(re.findall(r"^   (\S[^\n]*)\n      ", glossary, re.M))


def _prose(html: str) -> str:
    """The page's body text without code, the bar on top and the glossary's own links."""
    body = html.split('<div class="body" role="main">', 1)[1].split('<div class="sphinxsidebar"', 1)[0]
    body = re.sub(r"<(pre|code)\b.*?</\1>", " ", body, flags=re.S)
    return _text(body)


def test_a_guide_that_uses_a_glossary_term_links_it(built):
    terms = glossary_terms()
    unlinked = {}
    for name in GUIDES:
        if name == "glossary":
            continue
        html = (built / "en" / f"{name}.html").read_text(encoding="utf-8")
        used = sorted(
            term for term in terms if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", _prose(html))
        )
        if used and "glossary.html#term-" not in html:
            unlinked[name] = used
    assert unlinked == {}, f"link a glossary term where it first appears (:term:`ASN`): {unlinked}"


def test_the_adrs_are_built_in_english_inside_the_indonesian_docs(built):
    html = (built / "id" / "decisions" / "0120-guides-in-two-languages.html").read_text(encoding="utf-8")
    assert '<html lang="id"' in html and "Context" in html


@pytest.mark.browser
def test_every_page_fits_a_phone_and_switches_language_in_chromium(built):
    """At 390 px nothing pushes a page sideways; the switch and the glossary link work; axe is quiet."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import axe_violations, launch

    too_wide, violations = {}, {}
    checked_by_axe = {"index", "glossary", "learner/assessment", "evaluator/dashboard", "operator/index"}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto((built / "index.html").as_uri())
            page.wait_for_url("**/id/index.html")
            for name in GUIDES:
                for language in ("id", "en"):
                    page.goto((built / language / f"{name}.html").as_uri())
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > 390:
                        too_wide[f"{language}/{name}"] = width
                    if name in checked_by_axe:
                        found = axe_violations(page)
                        if found:
                            violations[f"{language}/{name}"] = found
            page.goto((built / "id" / "learner" / "workshop.html").as_uri())
            page.get_by_role("link", name="English", exact=True).click()
            assert page.url.endswith("/en/learner/workshop.html")
            assert page.locator("div.body h1").inner_text().startswith("Partner workshops")
            page.get_by_role("link", name="Bahasa Indonesia", exact=True).click()
            assert page.locator("div.body h1").inner_text().startswith("Lokakarya mitra")
            page.get_by_role("link", name="Glosarium istilah").click()
            assert page.url.endswith("/id/glossary.html")
        finally:
            browser.close()
    assert too_wide == {}, f"pages wider than a 390 px phone: {too_wide}"
    assert violations == {}, violations


# ------------------------------------------------------------------------ the check itself, on fakes


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def fake_docs(tmp_path) -> Path:
    """A docs folder shaped like ours: our conf.py and template, two guides, a glossary, one ADR."""
    docs = tmp_path / "docs"
    docs.mkdir()
    write(tmp_path / "xblocks" / "__init__.py", '__version__ = "1.0"\n')  # conf.py reads the release
    shutil.copy(DOCS / "conf.py", docs / "conf.py")
    shutil.copytree(DOCS / "_templates", docs / "_templates")
    shutil.copytree(DOCS / "_static", docs / "_static")
    write(
        docs / "index.rst",
        """
        Bina ASN
        ========

        .. toctree::

           learner
           glossary
           decisions/0001-x
        """,
    )
    write(
        docs / "learner.rst",
        """
        Learner guide
        =============

        Every :term:`ASN` signs in at ``/masuk/``.

        Choose **Start**.
        """,
    )
    write(
        docs / "glossary.rst",
        """
        Glossary
        ========

        .. glossary::

           ASN
              A civil servant.
        """,
    )
    write(docs / "decisions" / "0001-x.rst", "1. A decision\n=============\n\nIn English only.\n")
    return docs


TRANSLATIONS = {
    "Bina ASN": "Bina ASN",
    "Learner guide": "Panduan peserta",
    "Every :term:`ASN` signs in at ``/masuk/``.": "Setiap :term:`ASN` masuk di ``/masuk/``.",
    "Choose **Start**.": "Pilih **Mulai**.",
    "Glossary": "Glosarium",
    "ASN": "ASN",
    "A civil servant.": "Aparatur sipil negara.",
}


def translate(docs: Path, translations: dict = TRANSLATIONS) -> None:
    for path in doc_catalogs.catalog_dir(docs).rglob("*.po"):
        po = polib.pofile(str(path))
        for entry in po:
            if entry.msgid in translations:
                entry.msgstr = translations[entry.msgid]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        po.save(str(path))


def test_update_lists_the_work_and_a_translated_folder_passes(fake_docs):
    out = io.StringIO()
    doc_catalogs.update(fake_docs, out)
    assert sorted(p.name for p in doc_catalogs.catalog_dir(fake_docs).rglob("*.po")) == [
        "glossary.po",
        "index.po",
        "learner.po",
    ]  # no catalog for the ADR
    report = out.getvalue()
    assert "docs/learner.rst  ->  docs/locale/id/LC_MESSAGES/learner.po" in report
    assert "[new] Every :term:`ASN` signs in at ``/masuk/``." in report
    problems = "\n".join(doc_catalogs.all_problems(fake_docs))
    assert "docs/locale/id/LC_MESSAGES/learner.po: no Indonesian translation: 'Choose **Start**.'" in problems
    translate(fake_docs)
    assert doc_catalogs.all_problems(fake_docs) == []
    assert doc_catalogs.todo(fake_docs) == []


def test_a_guide_without_an_indonesian_page_fails(fake_docs):
    doc_catalogs.update(fake_docs, io.StringIO())
    translate(fake_docs)
    write(fake_docs / "jury.rst", "Jury guide\n==========\n\nScore each idea.\n")
    assert doc_catalogs.all_problems(fake_docs) == [
        "docs/jury.rst: no Indonesian page (docs/locale/id/LC_MESSAGES/jury.po is missing; "
        "run make doc-messages, then translate)"
    ]


def test_a_changed_paragraph_makes_the_page_stale_then_fuzzy(fake_docs):
    doc_catalogs.update(fake_docs, io.StringIO())
    translate(fake_docs)
    learner = fake_docs / "learner.rst"
    learner.write_text(learner.read_text().replace("Choose **Start**.", "Choose **Start** again."))
    problems = "\n".join(doc_catalogs.all_problems(fake_docs))
    assert "learner.po: not current: docs/learner.rst has a new or changed message" in problems
    assert "'Choose **Start**.' is no longer in docs/learner.rst" in problems
    out = io.StringIO()
    doc_catalogs.update(fake_docs, out)
    assert "[changed] Choose **Start** again." in out.getvalue()
    entry = polib.pofile(str(doc_catalogs.po_path("learner", fake_docs))).find("Choose **Start** again.")
    assert "fuzzy" in entry.flags and entry.previous_msgid == "Choose **Start**."
    problems = "\n".join(doc_catalogs.all_problems(fake_docs))
    assert (
        "learner.po: fuzzy (the English changed: check, then drop the flag): 'Choose **Start** again.'"
        in problems
    )


def test_a_translation_that_changes_code_or_references_fails(fake_docs):
    doc_catalogs.update(fake_docs, io.StringIO())
    translate(
        fake_docs,
        {**TRANSLATIONS, "Every :term:`ASN` signs in at ``/masuk/``.": "Setiap ASN masuk di /masuk/."},
    )
    problems = "\n".join(doc_catalogs.all_problems(fake_docs))
    assert "code changed or dropped: ``/masuk/``" in problems
    assert "references differ: [('term', 'ASN')] in English, [] in Indonesian" in problems


def test_a_screen_label_in_code_must_read_as_the_indonesian_screen():
    english = "the first with **Mode** ``Pre-test (before training)``;"
    assert (
        doc_catalogs.markup_problems(english, "blok pertama dengan **Mode** *Pre-test (sebelum pelatihan)*;")
        == []
    )
    assert (
        doc_catalogs.markup_problems(english, "blok pertama dengan **Mode** ``Pre-test (before training)``;")
        == []
    )
    assert doc_catalogs.markup_problems(english, "blok pertama dengan **Mode** *Pre-test*;") == [
        "the screen label ``Pre-test (before training)`` reads 'Pre-test (sebelum pelatihan)' in Indonesian"
    ]


def test_a_catalog_of_a_removed_guide_fails_and_update_removes_it(fake_docs):
    doc_catalogs.update(fake_docs, io.StringIO())
    translate(fake_docs)
    write(doc_catalogs.po_path("gone", fake_docs), 'msgid ""\nmsgstr ""\n')
    assert doc_catalogs.all_problems(fake_docs) == [
        "docs/locale/id/LC_MESSAGES/gone.po: a catalog for no guide (run make doc-messages)"
    ]
    doc_catalogs.update(fake_docs, io.StringIO())
    assert not doc_catalogs.po_path("gone", fake_docs).exists()


def test_the_build_has_both_languages_and_untranslated_text_stays_english(fake_docs, tmp_path):
    doc_catalogs.update(fake_docs, io.StringIO())
    translate(fake_docs, {k: v for k, v in TRANSLATIONS.items() if k != "Choose **Start**."})
    out = tmp_path / "html"
    doc_catalogs.build(out, fake_docs, log=io.StringIO())
    indonesian = (out / "id" / "learner.html").read_text(encoding="utf-8")
    assert "<h1>Panduan peserta" in indonesian and "Choose <strong>Start</strong>" in indonesian
    assert 'href="glossary.html#term-ASN"' in indonesian
    assert "<h1>Learner guide" in (out / "en" / "learner.html").read_text(encoding="utf-8")
    assert "In English only." in (out / "id" / "decisions" / "0001-x.html").read_text(encoding="utf-8")
    assert not list(fake_docs.rglob("*.mo")), "the build wrote compiled catalogs into the sources"
