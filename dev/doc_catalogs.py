"""The guides in two languages: the Indonesian catalogs of the English pages, their check, the build.

    python -m dev.doc_catalogs update        # make doc-messages: extract, merge, list the work
    python -m dev.doc_catalogs todo          # every paragraph still to translate (file, English)
    python -m dev.doc_catalogs check         # every problem; exit 1 if there is one
    python -m dev.doc_catalogs build [OUT]   # make docs: both languages, warnings are errors

The English ``.rst`` pages are the one source. Sphinx's ``gettext`` builder cuts them into messages
(a paragraph, a list item, a title, a table cell); each page has its own Indonesian catalog
``docs/locale/id/LC_MESSAGES/<page>.po``; the ``-D language=id`` build puts the translations in.
The ADRs (``docs/decisions/``) stay in English only (ADR 0120).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib

from dev import catalogs

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
TARGET = "id"
LANGUAGES = ("id", "en")  # built in this order; the first is the landing page
ENGLISH_ONLY = ("decisions/",)  # page prefixes that have no translation
SKIPPED = ("_build", "locale", "_templates", "_static")
LITERAL = re.compile(r"``(.+?)``", re.S)
# What is left of a message without code, links, numbers and capitals-only words (ASN, OPD, WIB).
NOT_WORDS = re.compile(r"``.+?``|`[^`]*`_{1,2}|:\w+:`[^`]*`|https?://\S+|\b[A-Z]{2,}s?\b|[^\w]|\d|_", re.S)
ROLE = re.compile(r":(term|doc|ref|download):`(?:[^`<]*<)?([^`>]+)>?`", re.S)


def catalog_dir(docs: Path = DOCS) -> Path:
    return docs / "locale" / TARGET / "LC_MESSAGES"


def _label(path: Path, docs: Path) -> str:
    return str(path.relative_to(docs.parent))


def guides(docs: Path = DOCS) -> list[str]:
    """Every page that must exist in Bahasa Indonesia (docnames: ``learner/assessment``)."""
    names = []
    for path in sorted(docs.rglob("*.rst")):
        relative = path.relative_to(docs)
        if relative.parts[0] in SKIPPED:
            continue
        name = relative.with_suffix("").as_posix()
        if not name.startswith(ENGLISH_ONLY):
            names.append(name)
    return names


def po_path(docname: str, docs: Path = DOCS) -> Path:
    return catalog_dir(docs) / f"{docname}.po"


# ------------------------------------------------------------------------------------------ extraction


def _sphinx(docs: Path, builder: str, out: Path, *options: str) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "sphinx", "-E", "-q", "-b", builder, *options, str(docs), str(out)]
    return subprocess.run(argv, capture_output=True, text=True, check=False)


def extract(docs: Path = DOCS) -> dict[str, polib.POFile]:
    """{docname: the messages its English source has today}, from Sphinx's gettext builder."""
    with tempfile.TemporaryDirectory(prefix="bina-doc-messages-") as scratch:
        result = _sphinx(docs, "gettext", Path(scratch), "-D", "gettext_compact=0")
        if result.returncode != 0:
            raise RuntimeError(f"sphinx -b gettext failed:\n{result.stderr}")
        fresh = {}
        for name in guides(docs):
            pot = Path(scratch) / f"{name}.pot"
            fresh[name] = polib.pofile(str(pot)) if pot.is_file() else polib.POFile()
        return fresh


def nothing_to_translate(msgid: str) -> bool:
    """A message of code, numbers, links or acronyms only: its translation is itself."""
    return not NOT_WORDS.sub("", msgid)


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def _header(po: polib.POFile, docname: str) -> None:
    po.metadata = {
        "Project-Id-Version": f"bina-asn docs {docname}",
        "Language": TARGET,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    po.metadata_is_fuzzy = False


def _save(po: polib.POFile, path: Path, docname: str) -> None:
    for entry in [e for e in po if e.obsolete]:
        po.remove(entry)
    for entry in po:
        entry.occurrences = []  # no line numbers: they would change with every edit of the English
    _header(po, docname)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


def update(docs: Path = DOCS, out=sys.stdout) -> None:
    """``make doc-messages``: every guide's catalog holds exactly its page's messages today.

    Translations are kept; a changed paragraph comes back ``fuzzy`` with the old English and the
    old translation beside it (``msgmerge --previous``), a new one empty. Catalogs of pages that are
    gone are removed. Then the list of what to translate is printed.
    """
    fresh = extract(docs)
    for docname, pot in fresh.items():
        path = po_path(docname, docs)
        if path.is_file():
            with tempfile.TemporaryDirectory(prefix="bina-doc-merge-") as scratch:
                template = Path(scratch) / "page.pot"
                pot.save(str(template))
                merged = Path(scratch) / "page.po"
                subprocess.run(
                    ["msgmerge", "--quiet", "--previous", "-o", str(merged), str(path), str(template)],
                    check=True,
                )
                po = polib.pofile(str(merged))
        else:
            po = polib.POFile()
            for entry in pot:
                po.append(polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt, msgstr=""))
        for entry in po:
            if not entry.msgstr and nothing_to_translate(entry.msgid):
                entry.msgstr = entry.msgid
        _save(po, path, docname)
    for path in sorted(catalog_dir(docs).rglob("*.po")):
        docname = path.relative_to(catalog_dir(docs)).with_suffix("").as_posix()
        if docname not in fresh:
            path.unlink()
            out.write(f"removed {_label(path, docs)}: no such guide any more\n")
    done = total = 0
    for docname in fresh:
        po = polib.pofile(str(po_path(docname, docs)))
        total += len(po)
        done += len([e for e in po.translated_entries() if "fuzzy" not in e.flags])
    out.write(f"{len(fresh)} guides, {total} messages, {done} translated into Bahasa Indonesia\n")
    write_todo(docs, out)


# ---------------------------------------------------------------------------------------- the to-do list


@dataclass(frozen=True)
class Todo:
    page: str  # docs/operator/companion.rst
    catalog: str  # docs/locale/id/LC_MESSAGES/operator/companion.po
    state: str  # "new" (no translation) or "changed" (fuzzy: the English changed)
    english: str


def todo(docs: Path = DOCS) -> list[Todo]:
    """Every message of the guides' catalogs that has no (checked) Indonesian translation."""
    items = []
    for docname in guides(docs):
        path = po_path(docname, docs)
        if not path.is_file():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            state = "changed" if "fuzzy" in entry.flags else "new" if not entry.msgstr else ""
            if state:
                items.append(
                    Todo(_label(docs / f"{docname}.rst", docs), _label(path, docs), state, entry.msgid)
                )
    return items


def write_todo(docs: Path = DOCS, out=sys.stdout) -> None:
    items = todo(docs)
    if not items:
        out.write("Nothing to translate.\n")
        return
    out.write(
        f"{len(items)} messages to translate (fill in msgstr; for 'changed', fix it and drop 'fuzzy'):\n"
    )
    page = None
    for item in items:
        if item.page != page:
            page = item.page
            out.write(f"\n{item.page}  ->  {item.catalog}\n")
        text = "\n      ".join(item.english.splitlines())
        out.write(f"  [{item.state}] {text}\n")


# ---------------------------------------------------------------------------------------------- checks


@functools.cache
def screen_labels(repo: Path = REPO) -> dict[str, str]:
    """{English message: Indonesian} of the apps' and blocks' catalogs: what the screens show."""
    labels: dict[str, str] = {}
    for catalog in catalogs.discover(repo):
        for domain in ("text",) if catalog.kind == "text" else ("django", "djangojs"):
            path = catalog.po(TARGET, domain)
            if path.is_file():
                for entry in polib.pofile(str(path)):
                    if entry.msgstr and not entry.msgid_plural and "fuzzy" not in entry.flags:
                        labels.setdefault(entry.msgid, entry.msgstr)
    return labels


def markup_problems(msgid: str, msgstr: str) -> list[str]:
    """Code and cross-references stay as they are in a translation (``code``, :term:`NIP`, :doc:).

    A literal that is a label of our screens (``Pre-test (before training)``) is the exception: the
    Indonesian page must name it as the Indonesian screen shows it (``Pre-test (sebelum pelatihan)``).
    """
    problems = []
    labels = screen_labels()
    missing = []
    for literal in sorted(set(LITERAL.findall(msgid)) - set(LITERAL.findall(msgstr))):
        shown = labels.get(literal)
        if shown is None:
            missing.append(literal)
        elif shown not in msgstr:
            problems.append(f"the screen label ``{literal}`` reads {shown!r} in Indonesian")
    if missing:
        problems.append("code changed or dropped: " + ", ".join(f"``{m}``" for m in missing))
    roles_en = sorted(ROLE.findall(msgid))
    roles_id = sorted(ROLE.findall(msgstr))
    if roles_en != roles_id:
        problems.append(f"references differ: {roles_en} in English, {roles_id} in Indonesian")
    return problems


def page_problems(docname: str, fresh: polib.POFile, docs: Path = DOCS) -> list[str]:
    """Everything wrong with one guide's Indonesian page, in sentences that say what to do."""
    path = po_path(docname, docs)
    page = _label(docs / f"{docname}.rst", docs)
    label = _label(path, docs)
    if not path.is_file():
        return [f"{page}: no Indonesian page ({label} is missing; run make doc-messages, then translate)"]
    po = polib.pofile(str(path))
    present = {_key(e) for e in po if not e.obsolete}
    expected = {_key(e) for e in fresh}
    problems = [
        f"{label}: not current: {page} has a new or changed message (run make doc-messages): {m!r}"
        for _, m in sorted(expected - present)
    ]
    problems += [
        f"{label}: not current: {m!r} is no longer in {page} (run make doc-messages)"
        for _, m in sorted(present - expected)
    ]
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(
                f"{label}: fuzzy (the English changed: check, then drop the flag): {entry.msgid!r}"
            )
        elif not entry.msgstr:
            problems.append(f"{label}: no Indonesian translation: {entry.msgid!r}")
        else:
            problems += [f"{label}: {p}: {entry.msgid!r}" for p in markup_problems(entry.msgid, entry.msgstr)]
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        problems.append(f"{label}: msgfmt refuses it: {result.stderr.strip()}")
    return problems


def stray_catalogs(docs: Path = DOCS) -> list[str]:
    names = set(guides(docs))
    return [
        f"{_label(path, docs)}: a catalog for no guide (run make doc-messages)"
        for path in sorted(catalog_dir(docs).rglob("*.po"))
        if path.relative_to(catalog_dir(docs)).with_suffix("").as_posix() not in names
    ]


def all_problems(docs: Path = DOCS) -> list[str]:
    fresh = extract(docs)
    problems = []
    for docname in guides(docs):
        problems += page_problems(docname, fresh[docname], docs)
    return problems + stray_catalogs(docs)


# ---------------------------------------------------------------------------------------------- build

LANDING = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0; url=id/index.html">
<title>Bina ASN</title>
</head>
<body>
<p><a href="id/index.html">Dokumentasi Bina ASN dalam Bahasa Indonesia</a></p>
<p lang="en"><a href="en/index.html">Bina ASN documentation in English</a></p>
</body>
</html>
"""


def build(out: Path, docs: Path = DOCS, log=sys.stdout) -> None:
    """Both languages with warnings as errors: ``out/id`` (the landing page), ``out/en``, ``out/index.html``.

    The Indonesian catalogs are compiled in a copy under ``out/.locale``, so the build writes nothing
    into the source tree.
    """
    out = out.resolve()  # locale_dirs is read relative to the docs folder
    if out.exists() and (docs.resolve() / "_build") in out.parents:
        shutil.rmtree(out)  # our own build folder: no page of an older layout stays behind
    out.mkdir(parents=True, exist_ok=True)
    locale = out / ".locale"
    for stale in (locale, *(out / language for language in LANGUAGES)):
        if stale.exists():
            shutil.rmtree(stale)
    shutil.copytree(docs / "locale", locale, ignore=shutil.ignore_patterns("*.mo"))
    failed = []
    for language in LANGUAGES:
        result = _sphinx(
            docs,
            "html",
            out / language,
            "-W",
            "--keep-going",
            "-D",
            f"language={language}",
            "-D",
            f"locale_dirs={locale}",
        )
        if result.returncode != 0:
            failed.append(f"--- {language}:\n{result.stderr}")
    if failed:
        raise RuntimeError("the docs build has warnings (they are errors):\n" + "\n".join(failed))
    (out / "index.html").write_text(LANDING, encoding="utf-8")
    names = guides(docs)
    log.write(f"{out}: {len(names)} guides in Bahasa Indonesia (id/, the landing page) and English (en/)\n")
    for name in names:
        log.write(f"  id/{name}.html  en/{name}.html\n")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "todo":
        write_todo()
    elif command == "check":
        problems = all_problems()
        print("\n".join(problems) or "The Indonesian pages are complete and current.")
        return 1 if problems else 0
    elif command == "build":
        try:
            build(Path(argv[1]) if len(argv) > 1 else DOCS / "_build" / "html")
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # the list piped into `head`
        sys.exit(0)
