"""Parallel forms: which form a learner takes, so that a pre-test and its post-test never share items.

A bank with forms tags each knowledge item ``A`` or ``B`` (untagged items, such as the self-ratings,
belong to both). The design is **counterbalanced**: half the learners take form A in the pre-test
and B in the post-test, the other half B then A. Which half a learner is in follows from a hash of
their anonymous id and the pairing key, so it is the same on every device and needs no storage, and
a cohort splits about evenly (the test suite checks the split). The post-test takes the form the
learner's pre-test did *not* use (read from the recorded pre-test); without a pre-test, the form the
hash gives the second place. A bank without forms has one form, ``""``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from xblocks.common import compat

from .bank import FORMS
from .itemwriting import form_names, items_of_form

__all__ = ["first_form", "form_for", "form_of_learner", "items_of_form", "other_form"]


def first_form(learner_key: str, pairing_key: str) -> str:
    """The form a learner meets first (``A`` or ``B``): half of the learners each, by hash."""
    digest = hashlib.blake2b(f"{learner_key}|{pairing_key}|form".encode(), digest_size=8).digest()
    return FORMS[digest[-1] & 1]


def other_form(form: str) -> str:
    return FORMS[1] if form == FORMS[0] else FORMS[0]


def form_for(mode: str, forms: Sequence[str], learner_key: str, pairing_key: str, pre_form: str = "") -> str:
    """The form of an attempt: the first form for a pre-test (or standalone), the other for a post-test."""
    if list(forms) == [""]:
        return ""
    first = first_form(learner_key, pairing_key)
    if mode != "post":
        return first
    return other_form(pre_form) if pre_form in FORMS else other_form(first)


def form_of_learner(block, who, items) -> str:
    """The form ``who`` takes in ``block`` (a digital-skills block), from its bank, mode and pairing key."""
    forms = form_names(items)
    if forms == [""]:
        return ""
    pre_form = ""
    if block.mode == "post" and block.pairing_key:
        from xblocks.bina_asn import api

        pre = api.latest_paired_assessment_attempt(
            compat.course_key_string(block), who.user_id, block.pairing_key, "pre"
        )
        pre_form = pre.form if pre else ""
    learner_key = who.anonymous_user_id or str(who.user_id)
    return form_for(
        block.mode, forms, learner_key, block.pairing_key or compat.usage_key_string(block), pre_form
    )
