"""The block's translations (gettext domain ``text``), kept the way edx-platform loads block catalogs.

At run time only ``js_catalog_path`` is used. The rest is a maintainer's tool (it needs ``polib``,
a ``dev`` dependency)::

    python -m xblocks.innovation.i18n extract   # add new messages to translations/*/LC_MESSAGES/text.po
    python -m xblocks.innovation.i18n compile   # write text.mo and static/js/translations/<lang>/text.js

Messages come from ``_("...")`` in the Python modules, ``{% trans %}``/``{% blocktrans %}`` in the
templates, and ``gettext``/``ngettext`` in the JavaScript; the JavaScript catalog (namespace
``BinaInnovationI18N``) holds the messages the JavaScript uses.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCALES = ("id", "en")
NAMESPACE = "BinaInnovationI18N"
PLURAL_FORMS = {"id": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}

_TRANS = re.compile(r"""{%\s*trans\s+(?P<q>["'])(?P<text>.*?)(?P=q)(?:\s+[^%]*)?\s*%}""", re.S)
_BLOCKTRANS = re.compile(r"{%\s*blocktrans(?P<args>[^%]*)%}(?P<text>.*?){%\s*endblocktrans\s*%}", re.S)
_VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")
_JS_STRING = r'"((?:[^"\\]|\\.)*)"'
_JS_GETTEXT = re.compile(r"\bgettext\(\s*" + _JS_STRING + r"\s*\)")
_JS_NGETTEXT = re.compile(r"\bngettext\(\s*" + _JS_STRING + r"\s*,\s*" + _JS_STRING + r"\s*,")


@dataclass
class Message:
    msgid: str
    plural: str = ""
    places: set = field(default_factory=set)


def _python_messages(path: Path, found: dict) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "_"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            _add(found, node.args[0].value, "", f"{path.relative_to(HERE)}:{node.lineno}")


def _template_messages(path: Path, found: dict) -> None:
    text = path.read_text(encoding="utf-8")
    for match in _TRANS.finditer(text):
        _add(
            found,
            match.group("text"),
            "",
            f"{path.relative_to(HERE)}:{text.count(chr(10), 0, match.start()) + 1}",
        )
    for match in _BLOCKTRANS.finditer(text):
        # As Django's {% blocktrans %}: literal "%" doubled, variables as %(name)s.
        msgid = _VARIABLE.sub(r"%(\1)s", match.group("text").replace("%", "%%"))
        _add(found, msgid, "", f"{path.relative_to(HERE)}:{text.count(chr(10), 0, match.start()) + 1}")


def _js_unescape(text: str) -> str:
    return json.loads(f'"{text}"')


def _js_messages(path: Path, found: dict) -> None:
    text = path.read_text(encoding="utf-8")
    for match in _JS_GETTEXT.finditer(text):
        _add(
            found,
            _js_unescape(match.group(1)),
            "",
            f"{path.relative_to(HERE)}:{text.count(chr(10), 0, match.start()) + 1}",
        )
    for match in _JS_NGETTEXT.finditer(text):
        _add(
            found,
            _js_unescape(match.group(1)),
            _js_unescape(match.group(2)),
            f"{path.relative_to(HERE)}:{text.count(chr(10), 0, match.start()) + 1}",
        )


def _add(found: dict, msgid: str, plural: str, place: str) -> None:
    message = found.setdefault(msgid, Message(msgid, plural))
    message.plural = message.plural or plural
    message.places.add(place)


def source_messages() -> dict[str, Message]:
    """Every message the block's sources mark, by msgid."""
    found: dict[str, Message] = {}
    for path in sorted(HERE.glob("*.py")):
        if path.name != "i18n.py":
            _python_messages(path, found)
    for path in sorted((HERE / "templates").glob("*.html")):
        _template_messages(path, found)
    for path in sorted((HERE / "static" / "js").glob("*.js")):
        _js_messages(path, found)
    return found


def po_path(locale: str) -> Path:
    return HERE / "translations" / locale / "LC_MESSAGES" / "text.po"


def js_catalog_path(locale: str) -> Path:
    return HERE / "static" / "js" / "translations" / locale / "text.js"


def extract() -> None:
    import polib

    messages = source_messages()
    for locale in LOCALES:
        path = po_path(locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = polib.pofile(str(path)) if path.exists() else polib.POFile()
        catalog.metadata = {
            "Project-Id-Version": "bina-asn innovation block",
            "Language": locale,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS[locale],
        }
        existing = {entry.msgid: entry for entry in catalog}
        for msgid, message in messages.items():
            entry = existing.get(msgid)
            if entry is None:
                entry = polib.POEntry(msgid=msgid, msgstr="")
                if message.plural:
                    entry.msgid_plural = message.plural
                    entry.msgstr_plural = {0: ""} if locale == "id" else {0: "", 1: ""}
                catalog.append(entry)
            entry.obsolete = False
            entry.occurrences = [tuple(place.rsplit(":", 1)) for place in sorted(message.places)]
        for entry in catalog:
            if entry.msgid not in messages:
                entry.obsolete = True
        catalog.sort(key=lambda e: (e.obsolete, e.occurrences[0] if e.occurrences else ("", ""), e.msgid))
        catalog.save(str(path))
        print(
            f"{path.relative_to(HERE)}: {len(messages)} messages, "
            f"{len(catalog.untranslated_entries())} untranslated"
        )


def js_catalog_text(locale: str) -> str:
    """The JavaScript catalog for ``locale``: the translated messages the JavaScript uses."""
    import polib

    entries = {}
    for entry in polib.pofile(str(po_path(locale))):
        if entry.obsolete or not any(place.endswith(".js") for place, _line in entry.occurrences):
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            if all(forms):
                entries[entry.msgid] = forms
        elif entry.msgstr:
            entries[entry.msgid] = entry.msgstr
    plural = PLURAL_FORMS[locale].split("plural=")[1].rstrip(";")
    return _JS_TEMPLATE % {
        "namespace": NAMESPACE,
        "catalog": json.dumps(entries, ensure_ascii=False, indent=1, sort_keys=True),
        "plural": plural,
    }


def compile_catalogs() -> None:
    import polib

    for locale in LOCALES:
        polib.pofile(str(po_path(locale))).save_as_mofile(str(po_path(locale).with_suffix(".mo")))
        target = js_catalog_path(locale)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(js_catalog_text(locale), encoding="utf-8")
        print(f"{target.relative_to(HERE)} written")


_JS_TEMPLATE = """/* Generated by `python -m xblocks.innovation.i18n compile` from %%s: do not edit. */
(function (globals) {
  "use strict";
  var catalog = %(catalog)s;
  var i18n = globals.%(namespace)s || (globals.%(namespace)s = {});
  i18n.pluralidx = function (n) { var v = (%(plural)s); return typeof v === "boolean" ? (v ? 1 : 0) : v; };
  i18n.gettext = function (msgid) {
    var value = catalog[msgid];
    if (value === undefined) { return msgid; }
    return typeof value === "string" ? value : value[0];
  };
  i18n.ngettext = function (singular, plural, count) {
    var value = catalog[singular];
    if (value === undefined) { return count === 1 ? singular : plural; }
    return value[i18n.pluralidx(count)] || value[0];
  };
}(this));
""".replace("%%s", "translations/<lang>/LC_MESSAGES/text.po")


def main(argv: list[str]) -> int:
    if argv[1:] == ["extract"]:
        extract()
    elif argv[1:] == ["compile"]:
        compile_catalogs()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
