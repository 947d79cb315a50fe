"""The project's translation catalogs: where they are, how ``make messages`` updates them, what is wrong.

    python -m dev.catalogs update   # make messages: extract, merge, compile, JS bundles
    python -m dev.catalogs check    # print every problem; exit 1 if there is one

Catalogs are found by globbing, so new apps and blocks are covered without registering them:

- ``xblocks/conf/locale``, ``xblocks/<app>/locale``, ``companion_service/locale``,
  ``companion_service/<app>/locale`` and ``dev/<tool>/locale`` (the dev LMS's pages): gettext
  domain ``django`` (``djangojs`` too when the tree has JavaScript messages), covering their
  folder minus any nested catalog's folder;
- ``xblocks/<block>/translations``: domain ``text`` (Python, templates and JavaScript of the block,
  and the block kit's messages in ``xblocks/common/messages.py``),
  loaded by the LMS's XBlock i18n service; JavaScript messages are also bundled into
  ``<block>/static/js/translations/<lang>/text.js`` under the block's ``i18n_js_namespace``.

Extraction runs Django's ``makemessages`` in a scratch folder that links to the catalog's sources,
so a check never writes into the repository and each catalog sees exactly its own files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parents[1]
TARGET = "id"  # every message must be translated into this language
LANGUAGES = ("id", "en")
PLURAL_FORMS = {"id": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}

# Paths (relative to a catalog's folder, makemessages patterns) that hold no user-facing messages.
IGNORE = {
    "xblocks": ["tutor", "common"],
}
# Where a block's catalog sees the block kit (its messages are shown through each block's catalog).
KIT_LINK = "xblocks_common"
# Folder names skipped everywhere: vendored libraries, generated JavaScript bundles, caches.
ALWAYS_IGNORE = ["vendor", "translations", "node_modules", "__pycache__"]

NAMESPACE = re.compile(r"""i18n_js_namespace\s*=\s*["']([A-Za-z_$][\w$]*)["']""")


@dataclass(frozen=True)
class Catalog:
    """One catalog folder: the sources it covers and its gettext domain."""

    root: Path
    locale_dir: Path
    kind: str  # "django" (django + djangojs domains) or "text" (an XBlock's single domain)
    nested: tuple[Path, ...] = field(default=())

    def po(self, language: str, domain: str | None = None) -> Path:
        return self.locale_dir / language / "LC_MESSAGES" / f"{domain or self.main_domain}.po"

    @property
    def main_domain(self) -> str:
        return "text" if self.kind == "text" else "django"

    def label(self, repo: Path = REPO) -> str:
        return str(self.locale_dir.relative_to(repo))


def discover(repo: Path = REPO) -> list[Catalog]:
    """Every catalog folder in the repository, parents before the folders nested in them."""
    found: list[tuple[Path, Path, str]] = []
    for locale_dir in sorted(repo.glob("xblocks/conf/locale")):
        found.append((repo / "xblocks", locale_dir, "django"))
    for locale_dir in sorted(repo.glob("xblocks/*/locale")):
        if locale_dir.parent.name != "conf":
            found.append((locale_dir.parent, locale_dir, "django"))
    for locale_dir in sorted(repo.glob("xblocks/*/translations")):
        found.append((locale_dir.parent, locale_dir, "text"))
    for locale_dir in sorted(repo.glob("dev/*/locale")):
        found.append((locale_dir.parent, locale_dir, "django"))
    for locale_dir in sorted(repo.glob("companion_service/locale")):
        found.append((repo / "companion_service", locale_dir, "django"))
    for locale_dir in sorted(repo.glob("companion_service/*/locale")):
        found.append((locale_dir.parent, locale_dir, "django"))
    roots = [root for root, _, _ in found]
    catalogs = []
    for root, locale_dir, kind in found:
        nested = tuple(other for other in roots if other != root and root in other.parents)
        catalogs.append(Catalog(root=root, locale_dir=locale_dir, kind=kind, nested=nested))
    return catalogs


def blocks_without_catalog(repo: Path = REPO) -> list[Path]:
    """Block folders (``xblocks/<block>/block.py``) that ship no ``translations/id/.../text.po``."""
    return [
        block.parent
        for block in sorted(repo.glob("xblocks/*/block.py"))
        if not (block.parent / "translations" / TARGET / "LC_MESSAGES" / "text.po").is_file()
    ]


# ---------------------------------------------------------------------------------------- extraction


def _ignore_patterns(catalog: Catalog, repo: Path) -> list[str]:
    relative = catalog.root.relative_to(repo).as_posix()
    return [*IGNORE.get(relative, []), *ALWAYS_IGNORE]


def extract(catalog: Catalog, domain: str, seeds: dict[str, Path] | None = None, repo: Path = REPO) -> dict:
    """Run makemessages for ``domain`` over the catalog's own sources; return {language: polib file}.

    ``seeds`` are existing catalogs to merge into (their translations are kept); without seeds the
    result holds the messages the sources have today, untranslated.
    """
    languages = list(seeds) if seeds else [TARGET]
    with tempfile.TemporaryDirectory(prefix="bina-messages-") as scratch:
        sandbox = Path(scratch)
        (sandbox / "locale").mkdir()
        skip = {catalog.locale_dir, *catalog.nested}
        for child in sorted(catalog.root.iterdir()):
            if child.name.startswith(".") or child in skip or any(child in s.parents for s in skip):
                continue
            (sandbox / child.name).symlink_to(child, target_is_directory=child.is_dir())
        if catalog.kind == "text":
            # Every block shows the block kit's messages (xblocks/common/messages.py) through its own
            # i18n service, so each block's catalog carries them too.
            (sandbox / KIT_LINK).symlink_to(repo / "xblocks" / "common", target_is_directory=True)
        for language, seed in (seeds or {}).items():
            target = sandbox / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            if seed.is_file():
                shutil.copyfile(seed, target)
        # -P: the sandbox is the working folder but must not be importable (an app's selectors.py or
        # secrets.py would shadow the standard library's modules of the same name).
        argv = [
            sys.executable,
            "-P",
            "-m",
            "django",
            "makemessages",
            "--symlinks",
            "--no-obsolete",
            "-d",
            domain,
        ]
        for language in languages:
            argv += ["-l", language]
        for pattern in _ignore_patterns(catalog, repo):
            argv += ["-i", pattern]
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        result = subprocess.run(argv, cwd=sandbox, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"makemessages failed for {catalog.label(repo)} ({domain}):\n{result.stderr}")
        produced = {}
        for language in languages:
            path = sandbox / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
            produced[language] = polib.pofile(str(path)) if path.is_file() else polib.POFile()
        return produced


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def merge(first: polib.POFile, second: polib.POFile) -> polib.POFile:
    """``first`` plus the entries of ``second`` it lacks (a block's Python and JavaScript messages)."""
    known = {_key(entry): entry for entry in first}
    for entry in second:
        if _key(entry) in known:
            existing = known[_key(entry)]
            existing.occurrences = existing.occurrences + [
                o for o in entry.occurrences if o not in existing.occurrences
            ]
        else:
            first.append(entry)
    return first


def _normalise_header(po: polib.POFile, language: str, domain: str) -> None:
    po.metadata.update(
        {
            "Project-Id-Version": f"bina-asn {domain}",
            "Language": language,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
        }
    )
    po.metadata_is_fuzzy = False


def compile_po(po_path: Path) -> None:
    """msgfmt with format checks, as Django's compilemessages does."""
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(po_path.with_suffix(".mo")), str(po_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"msgfmt refused {po_path}:\n{result.stderr}")


def fresh_messages(catalog: Catalog, repo: Path = REPO) -> dict[str, set]:
    """{domain: message keys} the catalog's sources contain today."""
    if catalog.kind == "text":
        python = extract(catalog, "django", repo=repo)[TARGET]
        javascript = extract(catalog, "djangojs", repo=repo)[TARGET]
        return {
            "text": {_key(e) for e in python} | {_key(e) for e in javascript},
            "js": {_key(e) for e in javascript},
        }
    return {
        "django": {_key(e) for e in extract(catalog, "django", repo=repo)[TARGET]},
        "djangojs": {_key(e) for e in extract(catalog, "djangojs", repo=repo)[TARGET]},
    }


def update(repo: Path = REPO, out=sys.stdout) -> None:
    """``make messages``: bring every catalog up to date with its sources, compile it, bundle JS."""
    for catalog in discover(repo):
        languages = [lang for lang in LANGUAGES if lang == TARGET or catalog.po(lang).parent.is_dir()]
        if catalog.kind == "text":
            seeds = {lang: catalog.po(lang) for lang in languages}
            python = extract(catalog, "django", seeds, repo)
            javascript = extract(catalog, "djangojs", seeds, repo)
            results = {("text", lang): merge(python[lang], javascript[lang]) for lang in languages}
        else:
            results = {}
            for domain in ("django", "djangojs"):
                seeds = {lang: catalog.po(lang, domain) for lang in languages}
                produced = extract(catalog, domain, seeds, repo)
                for lang, po in produced.items():
                    if len(po) or seeds[lang].is_file():
                        results[(domain, lang)] = po
        for (domain, lang), po in results.items():
            path = catalog.po(lang, domain)
            path.parent.mkdir(parents=True, exist_ok=True)
            _normalise_header(po, lang, domain)
            po.save(str(path))
            compile_po(path)
            out.write(
                f"{path.relative_to(repo)}: {len(po)} messages, {po.percent_translated()}% translated\n"
            )
        if catalog.kind == "text":
            write_js_bundles(catalog, repo, out)


# ------------------------------------------------------------------------------------ JavaScript bundles

JS_BUNDLE = """// Generated by `make messages` from translations/{language}/LC_MESSAGES/text.po: do not edit.
// {namespace}.gettext / ngettext / pgettext / npgettext / interpolate, like Django's JavaScript catalog.
(function (globals) {{
  'use strict';
  var catalog = {catalog};
  var pluralidx = function (n) {{
    var v = {plural};
    return (typeof v === 'boolean') ? (v ? 1 : 0) : v;
  }};
  var i18n = {{
    catalog: catalog,
    gettext: function (msgid) {{
      var value = catalog[msgid];
      if (typeof value === 'undefined') {{ return msgid; }}
      return (typeof value === 'string') ? value : value[0];
    }},
    ngettext: function (singular, plural, count) {{
      var value = catalog[singular];
      if (typeof value === 'undefined') {{ return (count == 1) ? singular : plural; }}
      return value.constructor === Array ? value[pluralidx(count)] : value;
    }},
    pgettext: function (context, msgid) {{
      var value = i18n.gettext(context + '\\x04' + msgid);
      return (value.indexOf('\\x04') !== -1) ? msgid : value;
    }},
    npgettext: function (context, singular, plural, count) {{
      var value = i18n.ngettext(context + '\\x04' + singular, context + '\\x04' + plural, count);
      return (value.indexOf('\\x04') !== -1) ? i18n.ngettext(singular, plural, count) : value;
    }},
    interpolate: function (fmt, obj, named) {{
      if (named) {{
        return fmt.replace(/%\\(\\w+\\)s/g, function (match) {{ return String(obj[match.slice(2, -2)]); }});
      }}
      return fmt.replace(/%s/g, function () {{ return String(obj.shift()); }});
    }}
  }};
  globals.{namespace} = i18n;
}}(this));
"""


def js_namespace(block_dir: Path) -> str | None:
    """The ``i18n_js_namespace`` a block's Python declares, if any."""
    for source in sorted(block_dir.glob("*.py")):
        match = NAMESPACE.search(source.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    return None


def js_catalog(po: polib.POFile, js_keys: set) -> dict:
    """The translated JavaScript messages of ``po`` as Django's JavaScript catalog shapes them."""
    catalog = {}
    for entry in po.translated_entries():
        if _key(entry) not in js_keys:
            continue
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            catalog[msgid] = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        else:
            catalog[msgid] = entry.msgstr
    return catalog


def bundle_path(block_dir: Path, language: str) -> Path:
    return block_dir / "static" / "js" / "translations" / language / "text.js"


def write_js_bundles(catalog: Catalog, repo: Path = REPO, out=sys.stdout) -> None:
    js_keys = {_key(e) for e in extract(catalog, "djangojs", repo=repo)[TARGET]}
    namespace = js_namespace(catalog.root)
    for language in LANGUAGES:
        path = bundle_path(catalog.root, language)
        po_path = catalog.po(language)
        content = js_catalog(polib.pofile(str(po_path)), js_keys) if po_path.is_file() and js_keys else {}
        if not content or not namespace:
            if path.is_file():
                path.unlink()
            continue
        plural = PLURAL_FORMS.get(language, PLURAL_FORMS["en"]).split("plural=")[1].rstrip(";")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            JS_BUNDLE.format(
                language=language,
                namespace=namespace,
                catalog=json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True).replace(
                    "\n", "\n  "
                ),
                plural=plural,
            ),
            encoding="utf-8",
        )
        out.write(f"{path.relative_to(repo)}: {len(content)} JavaScript messages ({namespace})\n")


def read_js_bundle(path: Path) -> dict:
    """The message catalog inside a bundled ``text.js`` (ours, or Django's/django-statici18n's shape)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"\b(?:newcatalog|catalog)\s*=\s*(?=\{)", text)
    if not match:
        raise ValueError(f"{path}: no `catalog = {{...}}` object found")
    catalog, _ = json.JSONDecoder().raw_decode(text, match.end())
    return catalog


# ------------------------------------------------------------------------------------------ templates

TEXT_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "aria-roledescription"}
CODE_ELEMENTS = {"script", "style", "code", "pre", "kbd", "samp", "var"}
# Words that are the same in every language: acronyms (ASN, OPD, JP, NIP, IKM, SKM, CSV, WIB, ...).
ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")
WORD = re.compile(r"[^\W\d_]{2,}")
PLACEHOLDER = "\uf8ff"


class _VisibleText(HTMLParser):
    """Collect text people see: element text and labelling attributes, outside code and translate="no"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skip: list[list] = []  # [tag, depth]

    def _skipping(self) -> bool:
        return bool(self._skip)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._skip and self._skip[-1][0] == tag:
            self._skip[-1][1] += 1
        elif tag in CODE_ELEMENTS or attributes.get("translate") == "no":
            if tag not in VOID_ELEMENTS:
                self._skip.append([tag, 1])
            return
        if self._skipping():
            return
        for name, value in attrs:
            if value and (
                name in TEXT_ATTRIBUTES
                or (
                    name == "value"
                    and tag == "input"
                    and attributes.get("type") in ("submit", "button", "reset")
                )
            ):
                self._check(value)

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1][0] == tag:
            self._skip[-1][1] -= 1
            if not self._skip[-1][1]:
                self._skip.pop()

    def handle_data(self, data):
        if not self._skipping():
            self._check(data)

    def _check(self, raw: str):
        text = " ".join(raw.replace(PLACEHOLDER, " ").split())
        words = [w for w in WORD.findall(text) if not ACRONYM.match(w)]
        if words:
            leading = raw[: len(raw) - len(raw.lstrip())]
            self.found.append((self.getpos()[0] + leading.count("\n"), text))


VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
TRANS_TAGS = {"trans", "translate"}
BLOCKTRANS = {"blocktrans": "endblocktrans", "blocktranslate": "endblocktranslate"}


def untranslated_template_text(source: str) -> list[tuple[int, str]]:
    """(line, text) of words in a Django template that are outside ``{% trans %}``/``{% blocktrans %}``.

    Variables and translated strings count as filled in; template comments, ``<script>``, ``<style>``,
    code elements and elements marked ``translate="no"`` (names, brands) are not looked at; words
    made only of capitals (ASN, OPD, NIP, CSV, WIB) need no translation.
    """
    from django.template.base import DebugLexer, TokenType

    tokens = DebugLexer(source).tokenize()
    parts: list[str] = []
    closing: str | None = None
    for token in tokens:
        start, end = token.position
        raw = source[start:end]
        newlines = "\n" * raw.count("\n")
        if closing:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            parts.append(newlines)
            continue
        if token.token_type == TokenType.TEXT:
            parts.append(raw)
        elif token.token_type == TokenType.VAR:
            parts.append(PLACEHOLDER + newlines)
        elif token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in BLOCKTRANS:
                closing = BLOCKTRANS[name]
                parts.append(PLACEHOLDER + newlines)
            elif name == "comment":
                closing = "endcomment"
                parts.append(newlines)
            elif name in TRANS_TAGS:
                stored = re.search(r"\sas\s+\w+$", token.contents)  # {% trans "x" as label %} shows nothing
                parts.append(("" if stored else PLACEHOLDER) + newlines)
            else:
                parts.append(newlines)
        else:  # comments
            parts.append(newlines)
    parser = _VisibleText()
    parser.feed("".join(parts))
    parser.close()
    return parser.found


def owned_templates(repo: Path = REPO) -> list[Path]:
    """Django templates we write: ``templates/`` folders of our apps and blocks (not Tutor's Jinja)."""
    paths = set()
    for pattern in ("xblocks/**/templates/**/*", "companion_service/**/templates/**/*"):
        for path in repo.glob(pattern):
            if (
                path.suffix in (".html", ".txt")
                and path.is_file()
                and "tutor" not in path.relative_to(repo).parts
            ):
                paths.add(path)
    return sorted(paths)


# ---------------------------------------------------------------------------------------------- checks


def _translation_problems(po: polib.POFile, label: str) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"{label}: fuzzy (check the translation, then remove the flag): {entry.msgid!r}")
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                problems.append(f"{label}: no Indonesian translation: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"{label}: no Indonesian translation: {entry.msgid!r}")
    return problems


def _compiled(po: polib.POFile) -> dict:
    compiled = {}
    for entry in po.translated_entries():
        value = (
            tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if entry.msgid_plural
            else entry.msgstr
        )
        compiled[_key(entry)] = value
    return compiled


def _mo_problems(po_path: Path, po: polib.POFile, repo: Path) -> list[str]:
    mo_path = po_path.with_suffix(".mo")
    label = str(po_path.relative_to(repo))
    if not mo_path.is_file():
        return [f"{label}: not compiled (no {mo_path.name}; run make messages)"]
    try:
        mo = polib.mofile(str(mo_path))
    except (OSError, ValueError) as exc:
        return [f"{label}: {mo_path.name} cannot be read ({exc}); run make messages"]
    in_mo = {}
    for entry in mo:
        if not entry.msgid:
            continue
        value = (
            tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if entry.msgid_plural
            else entry.msgstr
        )
        in_mo[_key(entry)] = value
    if in_mo != _compiled(po):
        return [
            f"{label}: {mo_path.name} does not match the .po (compiled from an older one); run make messages"
        ]
    return []


def _format_problems(po_path: Path, repo: Path) -> list[str]:
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", os.devnull, str(po_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        return [f"{po_path.relative_to(repo)}: msgfmt refuses it: {result.stderr.strip()}"]
    return []


def _staleness(po: polib.POFile, expected: set, label: str) -> list[str]:
    present = {_key(entry) for entry in po if not entry.obsolete}
    problems = [
        f"{label}: missing {msgid!r} (new in the sources; run make messages)"
        for _, msgid in sorted(expected - present)
    ]
    problems += [
        f"{label}: {msgid!r} is no longer in the sources (run make messages)"
        for _, msgid in sorted(present - expected)
    ]
    return problems


def catalog_problems(catalog: Catalog, repo: Path = REPO) -> list[str]:
    """Everything wrong with one catalog folder, in sentences that say what to do."""
    problems: list[str] = []
    fresh = fresh_messages(catalog, repo)
    domains = ["text"] if catalog.kind == "text" else ["django", "djangojs"]
    for domain in domains:
        expected = fresh[domain]
        for language in LANGUAGES:
            path = catalog.po(language, domain)
            label = str(path.relative_to(repo))
            if not path.is_file():
                if language == TARGET and (expected or domain != "djangojs"):
                    problems.append(f"{label}: missing (run make messages, then translate)")
                continue
            po = polib.pofile(str(path))
            problems += _staleness(po, expected, label)
            if language == TARGET:
                problems += _translation_problems(po, label)
            problems += _format_problems(path, repo)
            problems += _mo_problems(path, po, repo)
    if catalog.kind == "text":
        problems += _js_bundle_problems(catalog, fresh["js"], repo)
    return problems


def _js_bundle_problems(catalog: Catalog, js_keys: set, repo: Path) -> list[str]:
    """Every JavaScript message of a block must be in its bundled Indonesian catalog, translated."""
    if not js_keys:
        return []
    block = catalog.root.relative_to(repo)
    bundles = sorted((catalog.root / "static").glob(f"**/translations/{TARGET}/text.js"))
    if not bundles:
        return [
            f"{block}: its JavaScript has {len(js_keys)} messages but no bundled Indonesian catalog "
            f"(declare i18n_js_namespace on the block and run make messages)"
        ]
    problems = []
    po_path = catalog.po(TARGET)
    expected = js_catalog(polib.pofile(str(po_path)), js_keys) if po_path.is_file() else {}
    for bundle in bundles:
        label = str(bundle.relative_to(repo))
        try:
            bundled = read_js_bundle(bundle)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        for context, msgid in sorted(js_keys):
            key = f"{context}\x04{msgid}" if context else msgid
            value = bundled.get(key)
            if not value or (isinstance(value, list) and not all(value)):
                problems.append(f"{label}: no Indonesian translation for the JavaScript message {msgid!r}")
            elif key in expected and value != expected[key]:
                problems.append(f"{label}: {msgid!r} differs from text.po (run make messages)")
    return problems


def template_problems(repo: Path = REPO) -> list[str]:
    problems = []
    for path in owned_templates(repo):
        for line, text in untranslated_template_text(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(repo)}:{line}: text outside {{% trans %}}: {text!r}")
    return problems


def all_problems(repo: Path = REPO) -> list[str]:
    problems = [
        f"{block.relative_to(repo)}: an XBlock without translations/{TARGET}/LC_MESSAGES/text.po"
        for block in blocks_without_catalog(repo)
    ]
    for catalog in discover(repo):
        problems += catalog_problems(catalog, repo)
    problems += template_problems(repo)
    return problems


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        update()
        return 0
    if argv[1:] == ["check"]:
        problems = all_problems()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
