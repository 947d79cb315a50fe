"""The domain's vocabulary: one name for each code the data carries, shared by both halves (ADR 0123).

This file exists twice, byte for byte: ``xblocks/common/vocabulary.py`` for the blocks and
``companion_service/core/vocabulary.py`` for the companion. The halves never import each other
(ADR 0082), so each has its copy; ``tests/system/test_vocabulary.py`` fails when the copies differ,
when one message id reads differently in two Indonesian catalogs, and when a page, CSV or PDF shows
a code instead of its name. Change both copies together (``cp`` one over the other).

Each mapping gives a code its English message id (marked with ``_`` for ``make messages``); the
Indonesian is in the catalogs, the same in every one. A half translates when it shows the name:
the blocks through their ``i18n`` service, the companion through Django's ``gettext``. Plain Python
with no imports, so either half (and the dev tools) can load it.
"""

from __future__ import annotations


def _(text: str) -> str:
    """Mark a message for the catalogs; it is translated where it is shown."""
    return text


# The states of an innovation idea (xblocks.bina_asn.innovation.states).
IDEA_STATES = {
    "draft": _("Draft"),
    "submitted": _("Submitted"),
    "returned": _("Returned for revision"),
    "evaluating": _("Under evaluation"),
    "shortlisted": _("Shortlisted"),
    "accepted": _("Accepted"),
    "rejected": _("Rejected"),
    "withdrawn": _("Withdrawn"),
    "implemented": _("Implemented"),
}

# The stages of an implemented idea's program (the regional innovation index's).
PROGRAM_STAGES = {
    "inisiatif": _("Initiative"),
    "uji_coba": _("Trial"),
    "penerapan": _("Implementation"),
}

# Partner workshop sessions: the LAN event type, how it is held, who the partner is.
SESSION_KINDS = {
    "workshop": _("Workshop"),
    "seminar": _("Seminar"),
}
SESSION_MODES = {
    "onsite": _("On site"),
    "online": _("Online"),
    "hybrid": _("Hybrid (on site and online)"),
}
PARTNER_KINDS = {
    "local_tech": _("Local technology company"),
    "university": _("University"),
    "state_enterprise": _("State-owned enterprise"),
    "startup": _("Startup"),
    "ngo": _("Non-governmental organisation"),
}

# The reaction survey (Kirkpatrick level 1) every new workshop block starts with: the question as
# the learner reads it, and its short name as a column of the results.
REACTION_QUESTIONS = {
    "relevance": _("The content was relevant to my work."),
    "engagement": _("The session kept me engaged."),
    "trainer": _("The trainer explained clearly and answered questions well."),
    "usefulness": _("I can use what I learned in my job."),
    "recommend": _("I would recommend this session to colleagues."),
}
REACTION_NAMES = {
    "relevance": _("Relevance of the content"),
    "engagement": _("Engagement"),
    "trainer": _("Trainer's delivery"),
    "usefulness": _("Usefulness for the job"),
    "recommend": _("Would recommend"),
}
# A question an author added: named by its key, which the results cannot translate.
OTHER_QUESTION = _("Question “%(key)s”")

# Learning channels (jalur pengembangan kompetensi) of Peraturan LAN 10/2018.
LEARNING_CHANNELS = {
    "e_learning": _("E-learning"),
    "pelatihan": _("Training (pelatihan)"),
    "seminar": _("Seminar, conference or sarasehan"),
    "workshop": _("Workshop (lokakarya)"),
    "kursus": _("Course (kursus)"),
    "bimtek": _("Technical guidance (bimbingan teknis)"),
    "sosialisasi": _("Socialisation (sosialisasi)"),
    "penataran": _("Upgrading course (penataran)"),
    "coaching": _("Coaching"),
    "mentoring": _("Mentoring"),
    "distance_learning": _("Distance learning"),
    "magang": _("Internship (magang)"),
    "detasering": _("Secondment (detasering)"),
    "benchmarking": _("Benchmarking"),
    "self_study": _("Self-study"),
    "community_of_practice": _("Community of practice"),
    "pertukaran": _("Exchange with private-sector staff"),
}

# The four pillars of Indonesia's digital literacy framework the assessment scores.
PILLARS = {
    "cakap": _("Digital skills (Cakap Digital)"),
    "etika": _("Digital ethics (Etika Digital)"),
    "aman": _("Digital safety (Aman Digital)"),
    "budaya": _("Digital culture (Budaya Digital)"),
}

# Quarters read "Triwulan III 2026", never the key "2026-Q3" the data uses.
QUARTER = _("Quarter %(number)s %(year)s")
ROMAN = ("I", "II", "III", "IV")


def quarter_label(year: int, quarter: int, gettext=_) -> str:
    """``Triwulan III 2026`` (in the language of ``gettext``) for the third quarter of 2026."""
    return gettext(QUARTER) % {"number": ROMAN[quarter - 1], "year": year}


def quarter_key_label(key, gettext=_) -> str:
    """The label of a quarter key such as ``2026-Q3``; any other text is returned as it is."""
    text = str(key or "")
    year, sep, quarter = text.partition("-Q")
    if sep and year.isdigit() and quarter in ("1", "2", "3", "4"):
        return quarter_label(int(year), int(quarter), gettext)
    return text


def reaction_name(key: str, gettext=_) -> str:
    """The short name of a reaction question (an author's own question: its key, quoted)."""
    if key in REACTION_NAMES:
        return gettext(REACTION_NAMES[key])
    return gettext(OTHER_QUESTION) % {"key": key}
