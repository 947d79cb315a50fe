"""Sphinx configuration of the Bina ASN docs.

One source in English, translated into Bahasa Indonesia with Sphinx's gettext machinery (ADR 0120):
the catalogs are ``docs/locale/id/LC_MESSAGES/<page>.po``, one per page. ``make docs`` builds both
languages (``-D language=id`` and ``-D language=en``) into ``docs/_build/html/id`` and ``.../en``;
``make doc-messages`` brings the catalogs up to date after an English page changes.
"""

import re
import sys
import types
from pathlib import Path

import docutils.languages.en
import docutils.parsers.rst.languages.en

project = "Bina ASN"
author = "Pemerintah Kota Sibolga (BKPSDM) and contributors"
release = re.search(
    r'__version__ = "([^"]+)"', (Path(__file__).parents[1] / "xblocks" / "__init__.py").read_text()
).group(1)
language = "en"  # the source; `make docs` builds "id" (the default landing page) and "en"
extensions = []
exclude_patterns = ["_build", "locale", "_templates", "_static"]
templates_path = ["_templates"]
html_theme = "alabaster"
html_static_path = ["_static"]
html_css_files = ["bina.css"]
html_title = "Bina ASN"

# Translation: one catalog per page (reviewable, and a page's translation travels with it), no line
# numbers or uuids in the catalogs (they would change with every edit of the English and conflict).
locale_dirs = ["locale/"]
gettext_compact = False
gettext_location = False
gettext_uuid = False
gettext_last_translator = "BKPSDM Kota Sibolga"
gettext_language_team = "Bahasa Indonesia"

# The languages of the build, in the order the switcher lists them; the first is the landing page.
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
CHROME = {
    "id": {"switcher": "Bahasa", "glossary": "Glosarium istilah", "current": "(halaman ini)"},
    "en": {"switcher": "Language", "glossary": "Glossary of terms", "current": "(this page)"},
}


def _docutils_in_indonesian():
    """Give docutils the Indonesian words it prints itself (``.. contents::`` and the like).

    docutils has no Indonesian module; looking for one it falls back to a top-level module named
    ``id``, and the PyPI package ``id`` (a dependency of twine) is one: docutils then breaks on it
    (``module 'id' has no attribute 'labels'``). So ``docutils.languages.id`` is registered first, the
    directive and role names staying the English ones the sources use.
    """
    labels = dict(docutils.languages.en.labels)
    labels.update(
        {
            "attention": "Perhatian!",
            "caution": "Hati-hati!",
            "danger": "BAHAYA!",
            "error": "Galat",
            "hint": "Petunjuk",
            "important": "Penting",
            "note": "Catatan",
            "tip": "Tips",
            "warning": "Peringatan",
            "contents": "Daftar isi",
        }
    )
    module = types.ModuleType("docutils.languages.id")
    module.labels = labels
    module.bibliographic_fields = dict(docutils.languages.en.bibliographic_fields)
    module.author_separators = list(docutils.languages.en.author_separators)
    sys.modules.setdefault("docutils.languages.id", module)  # import_module() finds it here first
    sys.modules.setdefault("docutils.parsers.rst.languages.id", docutils.parsers.rst.languages.en)


_docutils_in_indonesian()


def _language_links(app, pagename, templatename, context, doctree):
    """The same page in every language of the build (``<outdir>/../<lang>/<page>.html``)."""
    current = app.config.language if app.config.language in LANGUAGES else "en"
    up = "../" * (pagename.count("/") + 1)
    context["bina_language"] = current
    context["bina_chrome"] = CHROME[current]
    context["bina_languages"] = [
        {"code": code, "name": name, "url": f"{up}{code}/{pagename}.html", "current": code == current}
        for code, name in LANGUAGES.items()
    ]


_CAPTION = re.compile(r'(<p class="caption" role="heading")(?! aria-level)')
_SCROLLER = re.compile(r"<(pre|table class=\"docutils[^\"]*\")(?![^>]*tabindex)")


def _accessible_html(app, exception):
    """Two fixes to the theme's HTML that axe-core asks for.

    Sphinx writes toctree captions as ``role="heading"`` without the required ``aria-level``, and
    code blocks and tables that scroll sideways on a phone must be reachable with the keyboard.
    """
    if exception or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = _SCROLLER.sub(r'<\1 tabindex="0"', _CAPTION.sub(r'\1 aria-level="2"', html))
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


def setup(app):
    app.connect("html-page-context", _language_links)
    app.connect("build-finished", _accessible_html)
