"""The model questionnaire of PermenPANRB 14/2017: the nine unsur by code, with their default
question and the four answer labels of the 1-4 scale.

Stored and looked up by code, never by position: apps order U8 and U9 differently, and each has its
own answer set (U8 "Tidak ada ... Dikelola dengan baik", U9 "Buruk ... Sangat baik"). Message ids
are English; the Indonesian catalog holds the regulation's exact wording (a test guards it). A unit
may adapt the wording (``models.UnsurWording``), never the codes or the scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import pgettext_lazy

from .ikm import UNSUR_CODES


@dataclass(frozen=True)
class Unsur:
    """One element of the survey: code, name, default question and labels for answers 1 to 4."""

    code: str
    name: str
    question: str
    labels: tuple[str, str, str, str]

    def label(self, value: int) -> str:
        return self.labels[value - 1]


# Literal pgettext_lazy calls (one context per unsur) so makemessages extracts every string.
UNSUR: tuple[Unsur, ...] = (
    Unsur(
        "U1",
        pgettext_lazy("SKM unsur U1", "Requirements"),
        pgettext_lazy(
            "SKM unsur U1",
            "What is your opinion of how well the service requirements match the kind of service?",
        ),
        (
            pgettext_lazy("SKM unsur U1", "Not appropriate"),
            pgettext_lazy("SKM unsur U1", "Less appropriate"),
            pgettext_lazy("SKM unsur U1", "Appropriate"),
            pgettext_lazy("SKM unsur U1", "Very appropriate"),
        ),
    ),
    Unsur(
        "U2",
        pgettext_lazy("SKM unsur U2", "Systems, mechanisms and procedures"),
        pgettext_lazy("SKM unsur U2", "How do you find the ease of the service procedure at this unit?"),
        (
            pgettext_lazy("SKM unsur U2", "Not easy"),
            pgettext_lazy("SKM unsur U2", "Less easy"),
            pgettext_lazy("SKM unsur U2", "Easy"),
            pgettext_lazy("SKM unsur U2", "Very easy"),
        ),
    ),
    Unsur(
        "U3",
        pgettext_lazy("SKM unsur U3", "Completion time"),
        pgettext_lazy("SKM unsur U3", "What is your opinion of the speed of the service?"),
        (
            pgettext_lazy("SKM unsur U3", "Not fast"),
            pgettext_lazy("SKM unsur U3", "Less fast"),
            pgettext_lazy("SKM unsur U3", "Fast"),
            pgettext_lazy("SKM unsur U3", "Very fast"),
        ),
    ),
    Unsur(
        "U4",
        pgettext_lazy("SKM unsur U4", "Cost/fee"),
        pgettext_lazy("SKM unsur U4", "What is your opinion of the fairness of the cost/fee of the service?"),
        (
            pgettext_lazy("SKM unsur U4", "Very expensive"),
            pgettext_lazy("SKM unsur U4", "Rather expensive"),
            pgettext_lazy("SKM unsur U4", "Cheap"),
            pgettext_lazy("SKM unsur U4", "Free"),
        ),
    ),
    Unsur(
        "U5",
        pgettext_lazy("SKM unsur U5", "Product specification of the kind of service"),
        pgettext_lazy(
            "SKM unsur U5",
            "What is your opinion of how well the service "
            "product stated in the service standard matches what was delivered?",
        ),
        (
            pgettext_lazy("SKM unsur U5", "Not appropriate"),
            pgettext_lazy("SKM unsur U5", "Less appropriate"),
            pgettext_lazy("SKM unsur U5", "Appropriate"),
            pgettext_lazy("SKM unsur U5", "Very appropriate"),
        ),
    ),
    Unsur(
        "U6",
        pgettext_lazy("SKM unsur U6", "Competence of the staff"),
        pgettext_lazy(
            "SKM unsur U6",
            "What is your opinion of the competence/ability of the staff in providing the service?",
        ),
        (
            pgettext_lazy("SKM unsur U6", "Not competent"),
            pgettext_lazy("SKM unsur U6", "Less competent"),
            pgettext_lazy("SKM unsur U6", "Competent"),
            pgettext_lazy("SKM unsur U6", "Very competent"),
        ),
    ),
    Unsur(
        "U7",
        pgettext_lazy("SKM unsur U7", "Conduct of the staff"),
        pgettext_lazy(
            "SKM unsur U7",
            "What is your opinion of the staff's conduct "
            "in the service in terms of politeness and friendliness?",
        ),
        (
            pgettext_lazy("SKM unsur U7", "Not polite and friendly"),
            pgettext_lazy("SKM unsur U7", "Less polite and friendly"),
            pgettext_lazy("SKM unsur U7", "Polite and friendly"),
            pgettext_lazy("SKM unsur U7", "Very polite and friendly"),
        ),
    ),
    Unsur(
        "U8",
        pgettext_lazy("SKM unsur U8", "Handling of complaints, suggestions and feedback"),
        pgettext_lazy(
            "SKM unsur U8", "What is your opinion of how complaints from service users are handled?"
        ),
        (
            pgettext_lazy("SKM unsur U8", "None"),
            pgettext_lazy("SKM unsur U8", "Exists but does not work"),
            pgettext_lazy("SKM unsur U8", "Works but not fully"),
            pgettext_lazy("SKM unsur U8", "Well managed"),
        ),
    ),
    Unsur(
        "U9",
        pgettext_lazy("SKM unsur U9", "Facilities and infrastructure"),
        pgettext_lazy(
            "SKM unsur U9", "What is your opinion of the quality of the facilities and infrastructure?"
        ),
        (
            pgettext_lazy("SKM unsur U9", "Poor"),
            pgettext_lazy("SKM unsur U9", "Fair"),
            pgettext_lazy("SKM unsur U9", "Good"),
            pgettext_lazy("SKM unsur U9", "Very good"),
        ),
    ),
)
UNSUR_BY_CODE: dict[str, Unsur] = {item.code: item for item in UNSUR}
assert tuple(UNSUR_BY_CODE) == UNSUR_CODES

GRADE_LABELS = {
    "A": pgettext_lazy("SKM grade", "Very good"),
    "B": pgettext_lazy("SKM grade", "Good"),
    "C": pgettext_lazy("SKM grade", "Less than good"),
    "D": pgettext_lazy("SKM grade", "Not good"),
}


def unsur(code: str) -> Unsur:
    """The unsur with ``code`` (``U1`` ... ``U9``); KeyError for any other code."""
    return UNSUR_BY_CODE[code.upper()]


def indonesian_labels(code: str) -> tuple[str, ...]:
    """The default answer labels of ``code`` in Bahasa Indonesia, whatever language is active."""
    with translation.override("id"):
        return tuple(str(label) for label in unsur(code).labels)
