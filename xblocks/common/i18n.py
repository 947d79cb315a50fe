"""Translations of a block: its gettext and its bundled JavaScript catalog (ADR 0081).

Python, templates and JavaScript of a block share one gettext domain, ``text``, in the block's
``translations`` folder, which the LMS's XBlock i18n service loads. The JavaScript messages are also
bundled per language as ``static/js/translations/<code>/text.js`` (``make messages``), which sets the
block's ``i18n_js_namespace``; ``js_catalog_path`` finds the bundle for the active language.
"""

from __future__ import annotations

import importlib
import importlib.resources

from django.utils import translation


def service(block):
    """The runtime's i18n service for ``block`` (declared with ``@XBlock.needs("i18n")``)."""
    return block.runtime.service(block, "i18n")


def gettext(block):
    """The block's ``gettext`` (its own catalog in the user's language)."""
    return service(block).gettext


def ngettext(block):
    return service(block).ngettext


def say(block, message: str, **params) -> str:
    """``message`` translated for the asker, with ``%(name)s`` placeholders filled in."""
    text = gettext(block)(message)
    return text % params if params else text


def language_codes(language: str | None = None) -> list[str]:
    """Folder names to try for ``language``, most specific first: ``id``; ``pt_BR``, ``pt-br``, ``pt``."""
    language = (language or translation.get_language() or "").strip()
    if not language:
        return []
    codes = [translation.to_locale(language), language.lower(), language.split("-")[0].lower()]
    return list(dict.fromkeys(code for code in codes if code))


def js_catalog_path(block) -> str | None:
    """``static/js/translations/<code>/text.js`` of the active language, if the block bundles one.

    English is the source language and has no bundle: the JavaScript then shows its message ids.
    """
    module = importlib.import_module(getattr(block, "unmixed_class", type(block)).__module__)
    package = module.__package__ or module.__name__
    root = importlib.resources.files(package)
    for code in language_codes():
        path = f"static/js/translations/{code}/text.js"
        if root.joinpath(path).is_file():
            return path
    return None


def add_js_catalog(block, fragment) -> None:
    """Add the block's JavaScript catalog of the active language to ``fragment`` (before its own JS)."""
    path = js_catalog_path(block)
    if path:
        fragment.add_javascript_url(block.runtime.local_resource_url(block, path))
