"""Every sentence the block says, as English message ids translated by the block's ``text`` catalog.

``_`` only marks a message for the catalog; ``say`` translates it at run time in the user's language
through the block's ``i18n`` service (edx-platform's XBlockI18nService, or the dev LMS's).
"""

from __future__ import annotations

from xblocks.common import vocabulary


def _(text):
    """Mark ``text`` for the catalog; it is translated when shown."""
    return text


# The shared vocabulary's names (the companion shows the same words).
STATE_LABELS = vocabulary.IDEA_STATES

# Buttons for a move to a state (what the person doing it reads).
MOVE_LABELS = {
    "submitted": _("Submit"),
    "returned": _("Return for revision"),
    "evaluating": _("Start evaluation"),
    "shortlisted": _("Shortlist"),
    "accepted": _("Accept"),
    "rejected": _("Reject"),
    "withdrawn": _("Withdraw"),
    "implemented": _("Mark implemented"),
}

STAGE_LABELS = vocabulary.PROGRAM_STAGES

FIELD_LABELS = {
    "title": _("Title of the idea"),
    "opd_code": _("OPD whose service it improves"),
    "service_name": _("Public service it improves"),
    "category": _("Category"),
    "is_digital": _("Type"),
    "problem": _("Problem and the situation before"),
    "solution": _("Proposed solution and the situation after"),
    "novelty": _("Novelty"),
    "significance": _("Significance"),
    "transferability": _("Transferability"),
    "resources": _("Resources and sustainability"),
    "impact": _("Expected impact"),
    "target_minutes_saved": _("Time saved per service (minutes)"),
    "target_cost_saving": _("Cost saved per year (rupiah)"),
    "target_citizens": _("Citizens served per year"),
    "targets": _("Measurable targets"),
    "stakeholders": _("Stakeholders and partners"),
    "partners": _("Private-sector partners"),
    "co_proposers": _("Co-proposers"),
    "evidence_links": _("Evidence links"),
    "text": _("Text"),
    "reason": _("Reason"),
    "note": _("Note"),
    "criteria": _("Rubric scores"),
    "cost": _("Cost (rupiah)"),
    "execution_period": _("Execution period"),
    "responsible_opd_code": _("Responsible OPD"),
    "start_date": _("Start date"),
    "budget": _("Budget (rupiah)"),
    "kpi": _("Key performance indicator"),
    "kpi_target": _("KPI target"),
    "stage": _("Stage"),
    "evidence_url": _("Evidence link"),
}

FIELD_HELP = {
    "title": _("A short name that says what changes, e.g. 'Online queue for e-KTP recording'."),
    "service_name": _("The service citizens or colleagues receive, e.g. 'e-KTP recording'."),
    "problem": _("What goes wrong today, for whom, and how often. Give numbers where you can."),
    "solution": _("What you propose and what the service looks like once it is in place."),
    "novelty": _("What is new compared with how the service works now, here or elsewhere."),
    "significance": _("Why it matters: who benefits and how much."),
    "transferability": _("How other units, OPDs or cities could use it too."),
    "resources": _("People, money and tools it needs, and how it keeps running after the first year."),
    "impact": _("The change you expect, with the targets below."),
    "targets": _("Give at least one measurable target."),
    "stakeholders": _("Who must take part: OPDs, community groups, partners."),
    "partners": _("Companies or organisations outside the government that could help."),
    "co_proposers": _(
        "LMS usernames of colleagues who propose it with you, separated by commas (up to 5). Each "
        "gets an invitation and counts as co-proposer only after accepting."
    ),
    "evidence_links": _("Links to photos, videos, SOPs or documents, one per line (up to 10)."),
}

FIELD_ERRORS = {
    "required": _("This is required."),
    "invalid": _("This value is not valid."),
    "too_long": _("Keep this under %(max)s characters (now %(length)s)."),
    "too_short": _("Write at least %(min)s characters."),
    "not_a_number": _("Enter a whole number, e.g. 1500000."),
    "out_of_range": _("Enter a whole number from %(min)s to %(max)s."),
    "unknown_choice": _("Choose one of the options in the list."),
    "bad_usernames": _("These are not LMS usernames (letters, digits and . @ + - _ only): %(names)s."),
    "is_self": _("You are already the proposer; name only your colleagues."),
    "too_many": _("Give at most %(max)s."),
    "bad_urls": _("These are not web links (http:// or https://): %(urls)s."),
    "bad_date": _("Enter a date as YYYY-MM-DD."),
    "one_target_required": _("Give at least one measurable target."),
    "unknown_criteria": _("The rubric has no criteria called: %(codes)s."),
}

ERRORS = {
    "invalid_input": _("Please correct the marked fields; nothing was saved."),
    "incomplete": _(
        "The idea is not complete enough to submit; fill in the marked fields. Your draft is saved."
    ),
    "not_found": _("There is no such idea in this competition."),
    "forbidden": _("You may not do this."),
    "not_author": _("Only the proposer may change or withdraw this idea."),
    "staff_only": _("Only the course team may do this."),
    "not_jury": _("Only jury members may score ideas."),
    "not_editable": _("An idea can be edited only as a draft or when it was returned for revision."),
    "version_conflict": _(
        "This idea was changed elsewhere since you opened it. Nothing was saved; your text is still in the "
        "form. Reload the idea to see the changes, then apply yours again."
    ),
    "submissions_closed": _("Submissions for this competition are closed."),
    "submissions_not_open": _(
        "Submissions have not opened yet; you can keep your idea as a draft until then."
    ),
    "idea_limit": _("You may propose at most %(max)s ideas in this competition."),
    "transition_not_allowed": _("An idea that is '%(from_label)s' cannot be moved to '%(to_label)s'."),
    "program_required": _("To mark an idea implemented, fill in its program details."),
    "not_answerable": _("Drafts cannot be answered."),
    "supports_closed": _("Supporting ideas is closed."),
    "supports_not_open": _("Supporting ideas has not opened yet."),
    "own_idea": _("You cannot support your own idea."),
    "not_supportable": _("Ideas that are '%(state_label)s' cannot be supported."),
    "budget_exhausted": _(
        "You have used all %(budget)s of your supports. Take one back from another idea to support this one."
    ),
    "not_commentable": _("Comments are closed for this idea."),
    "not_scorable": _("Only submitted, under evaluation or shortlisted ideas are scored."),
    "no_rubric": _("The rubric has no criteria yet; ask the course team to set it in Studio."),
    "own_idea_score": _("You cannot score an idea you proposed."),
    "no_invitation": _("There is no invitation waiting for your answer on this idea."),
    "scored_before_invitation": _(
        "You have already scored this idea as a jury member, so you cannot become its co-proposer. "
        "Decline the invitation instead."
    ),
    "own_opd": _("Jury members do not score ideas from their own OPD in this competition."),
    "sign_in": _("Please sign in first."),
    "rate_limited": _("You are doing that too often. Please wait a few minutes and try again."),
    "bad_request": _("The request was not understood."),
}

TEXT = {
    "saved": _("Draft saved."),
    "invited": _(
        "Invitations go to the usernames you named. A colleague becomes a co-proposer only after "
        "accepting in this competition; until then they are not shown as co-proposers. Check the "
        "spelling: for everyone's privacy we do not say whether a username exists."
    ),
    "invitation_accepted": _("You are now a co-proposer of this idea."),
    "invitation_status_accepted": _("accepted"),
    "invitation_status_waiting": _("invited, not accepted (yet)"),
    "invitation_declined": _("You declined the invitation."),
    "invitation_accepted_support": _(
        "You are now a co-proposer of this idea. Your support of it was given back to you."
    ),
    "submitted": _("Your idea was submitted. Thank you!"),
    "withdrawn": _("The idea was withdrawn."),
    "moved": _("The idea is now '%(state_label)s'."),
    "answered": _("The answer was published."),
    "implemented": _("The program details were saved."),
    "supported": _("You support this idea."),
    "unsupported": _("You took your support back."),
    "commented": _("Your comment was posted."),
    "hidden": _("The comment was hidden."),
    "shown": _("The comment is visible again."),
    "scored": _("Your score was saved."),
    "digital": _("Digital"),
    "non_digital": _("Non-digital"),
    "anonymous": _("Anonymous proposer"),
}


# What a jury member's points on a criterion mean, by the share of the scale they reach
# (0-5 by default: each point its own word; a longer scale shares the words).
POINT_MEANINGS = (
    (0.0, _("Not shown")),
    (0.2, _("Very weak")),
    (0.4, _("Weak")),
    (0.6, _("Adequate")),
    (0.8, _("Good")),
    (1.0, _("Very good")),
)


def point_meaning(point: int, scale: int) -> str:
    """The message for ``point`` of ``0..scale``: the first band whose share it does not pass."""
    share = point / scale if scale else 0
    return next(text for limit, text in POINT_MEANINGS if share <= limit + 1e-9)


def say(i18n, message: str, **params) -> str:
    """Translate ``message`` with the block's ``i18n`` service and fill in ``params``."""
    text = i18n.gettext(message)
    return text % params if params else text
