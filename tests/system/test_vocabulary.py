"""One vocabulary for both halves (issue 17, ADR 0123).

- The vocabulary file is the same in both halves (each half has its copy: they never import each
  other);
- a message id reads the same in every Indonesian catalog of the project (blocks, plugin app,
  companion, dev LMS): "Shortlisted" cannot be "Masuk nominasi" in the block and "Masuk daftar
  pendek" on the dashboard;
- the halves take the domain's names from it (idea states, stages, session kinds and modes, partner
  kinds, reaction questions, channels, pillars, quarters), and known mistranslations stay fixed.

That no page, CSV or PDF shows a code instead of its name is checked on the companion's pages and
downloads (tests/companion/evaluation/test_no_internal_keys.py).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import polib

from dev import catalogs
from xblocks.common import vocabulary

REPO = Path(__file__).resolve().parents[2]
COPIES = (REPO / "xblocks/common/vocabulary.py", REPO / "companion_service/core/vocabulary.py")
SETS = (
    "IDEA_STATES",
    "PROGRAM_STAGES",
    "SESSION_KINDS",
    "SESSION_MODES",
    "PARTNER_KINDS",
    "REACTION_QUESTIONS",
    "REACTION_NAMES",
    "LEARNING_CHANNELS",
    "PILLARS",
)


def indonesian_catalogs() -> dict[str, polib.POFile]:
    found = {}
    for catalog in catalogs.discover():
        for path in sorted(catalog.locale_dir.glob("id/LC_MESSAGES/*.po")):
            found[str(path.relative_to(REPO))] = polib.pofile(str(path))
    return found


def test_each_half_has_the_same_vocabulary_file():
    first, second = (path.read_bytes() for path in COPIES)
    assert first == second, "copy xblocks/common/vocabulary.py over companion_service/core/vocabulary.py"


def test_one_message_reads_the_same_in_every_catalog():
    readings: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for label, po in indonesian_catalogs().items():
        for entry in po:
            if entry.translated() and not entry.obsolete and not entry.msgid_plural:
                readings[(entry.msgctxt or "", entry.msgid)][label] = entry.msgstr
    clashes = [
        f"{msgid!r}: " + "; ".join(f"{where} -> {text!r}" for where, text in by.items())
        for (_context, msgid), by in sorted(readings.items())
        if len(set(by.values())) > 1
    ]
    assert clashes == [], "\n".join(clashes)


def test_every_name_of_the_vocabulary_is_translated_where_the_halves_show_it():
    messages = {name for set_name in SETS for name in getattr(vocabulary, set_name).values()}
    messages |= {vocabulary.QUARTER, vocabulary.OTHER_QUESTION}
    by_catalog = indonesian_catalogs()
    shown_in = [
        "xblocks/digital_skills/translations/id/LC_MESSAGES/text.po",
        "xblocks/innovation/translations/id/LC_MESSAGES/text.po",
        "xblocks/partner_workshop/translations/id/LC_MESSAGES/text.po",
        "companion_service/locale/id/LC_MESSAGES/django.po",
    ]
    for label in shown_in:
        translated = {entry.msgid for entry in by_catalog[label] if entry.translated()}
        assert messages - translated == set(), label


def reading(msgid: str) -> str:
    po = indonesian_catalogs()["companion_service/locale/id/LC_MESSAGES/django.po"]
    return po.find(msgid).msgstr


def test_the_known_clashes_are_resolved():
    # Idea states: the block's words, now the dashboard's too.
    states = ("evaluating", "shortlisted", "implemented")
    assert [reading(vocabulary.IDEA_STATES[code]) for code in states] == [
        "Dalam penilaian",
        "Masuk nominasi",
        "Sudah diterapkan",
    ]
    assert reading(vocabulary.SESSION_KINDS["workshop"]) == "Lokakarya"
    assert reading(vocabulary.REACTION_NAMES["relevance"]) == "Relevansi materi"
    assert vocabulary.quarter_key_label("2026-Q3", reading) == "Triwulan III 2026"
    assert vocabulary.quarter_key_label("2026", reading) == "2026"


def test_the_halves_name_things_from_the_vocabulary():
    """Read from the sources (importing the blocks needs Django's settings)."""
    uses = {
        "xblocks/innovation/messages.py": ["vocabulary.IDEA_STATES", "vocabulary.PROGRAM_STAGES"],
        "xblocks/digital_skills/bank.py": ["vocabulary.PILLARS"],
        "xblocks/partner_workshop/config.py": ["vocabulary.REACTION_QUESTIONS"],
        "xblocks/partner_workshop/views.py": [
            "vocabulary.PARTNER_KINDS",
            "vocabulary.SESSION_KINDS",
            "vocabulary.SESSION_MODES",
        ],
        "companion_service/evaluation/definitions.py": ["vocabulary.IDEA_STATES", "vocabulary.PILLARS"],
        "companion_service/evaluation/tables.py": ["SESSION_KINDS", "reaction_name"],
    }
    for path, names in uses.items():
        source = (REPO / path).read_text()
        assert all(name in source for name in names), path
    channels = (REPO / "companion_service/openedx_sync/channels.py").read_text()
    assert channels.count("LEARNING_CHANNELS[") == len(vocabulary.LEARNING_CHANNELS)
