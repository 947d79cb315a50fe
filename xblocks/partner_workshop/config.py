"""The block's authored settings: parse what the Studio editor sends, check it, and build the definition.

Times are typed in WIB (Asia/Jakarta) in the editor and stored in UTC in the block's ``sessions``
field as ISO 8601 with ``Z``. Every check returns ``(path, message)`` pairs in the author's language
so the editor can put each message next to its field; nothing is saved while any remains.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from xblocks.bina_asn import api
from xblocks.bina_asn.data import WorkshopDefinition, WorkshopSessionDefinition

WIB = ZoneInfo("Asia/Jakarta")
PARTNER_KINDS = ("local_tech", "university", "state_enterprise", "startup", "ngo")
SESSION_KINDS = ("workshop", "seminar")
SESSION_MODES = ("onsite", "online", "hybrid")
ATTENDANCE_METHODS = ("code_and_staff", "code", "staff")
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
QUESTION_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

MIN_DURATION = 15
MAX_DURATION = api.workshop_jp.MAX_SESSION_MINUTES
MAX_CAPACITY = 5000
MAX_SESSIONS = 30
MAX_QUESTIONS = 10
MAX_WINDOW_MINUTES = 24 * 60
# Check-in opens a short while before the start (it records attendance; the JP count only after the end).
MAX_OPENS_MINUTES = 120
LIMITS = {
    "partner_name": 200,
    "partner_description": 5000,
    "partner_logo": 500,
    "partner_website": 500,
    "partner_contact_name": 200,
    "partner_contact_email": 254,
    "partner_contact_phone": 40,
    "title": 255,
    "location": 1000,
    "meeting_url": 500,
    "question_label": 300,
    "display_name": 255,
}


def gettext_noop(text):
    """Mark a message for extraction; it is translated where it is shown."""
    return text


# The Kirkpatrick level-1 questions every new block starts with (labels are message ids).
DEFAULT_QUESTIONS = [
    {"key": "relevance", "label": gettext_noop("The content was relevant to my work.")},
    {"key": "engagement", "label": gettext_noop("The session kept me engaged.")},
    {"key": "trainer", "label": gettext_noop("The trainer explained clearly and answered questions well.")},
    {"key": "usefulness", "label": gettext_noop("I can use what I learned in my job.")},
    {"key": "recommend", "label": gettext_noop("I would recommend this session to colleagues.")},
]

_url = URLValidator(schemes=["http", "https"])
_email = EmailValidator()


def new_session_key() -> str:
    """A stable identifier for a new session (kept through every later edit)."""
    return f"sesi-{secrets.token_hex(3)}"


def to_utc_iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(value) -> datetime | None:
    """A stored ``...Z`` time as an aware datetime (None when empty or unreadable)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def wib_local_input(value) -> str:
    """A stored UTC time as the editor's ``datetime-local`` value in WIB (``2026-12-03T09:00``)."""
    parsed = parse_utc(value)
    return parsed.astimezone(WIB).strftime("%Y-%m-%dT%H:%M") if parsed else ""


def parse_wib_local(value) -> datetime | None:
    """The editor's WIB ``datetime-local`` text as an aware UTC datetime; None when it is not one."""
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=WIB).astimezone(UTC)
        except ValueError:
            continue
    return None


def _int(value, default=None):
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(value)
    return int(str(value).strip()) if isinstance(value, str) else int(value)


def _text(data, name, limit_key=None):
    return str(data.get(name) or "").strip()[: 10 * LIMITS.get(limit_key or name, 1000)]


def _bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "on", "yes")
    return bool(value)


class StudioInput:
    """Parses and checks one Studio save; ``errors`` holds (path, message) pairs."""

    def __init__(self, gettext, existing_keys=()):
        self._ = gettext
        self.errors: list[tuple[str, str]] = []
        self.existing_keys = set(existing_keys)

    def error(self, path, message):
        self.errors.append((path, message))

    def _limited(self, path, value, limit_key):
        limit = LIMITS[limit_key]
        if len(value) > limit:
            self.error(
                path,
                self._("Use at most {limit} characters (now {length}).").format(
                    limit=limit, length=len(value)
                ),
            )
        return value[:limit]

    def parse(self, data: dict) -> dict:
        """Field values for the block from the editor's JSON (check ``errors`` before using them)."""
        _ = self._
        if not isinstance(data, dict):
            self.error("", _("The editor sent something that is not a form."))
            return {}
        values = {}
        values["display_name"] = self._limited("display_name", _text(data, "display_name"), "display_name")
        if not values["display_name"]:
            self.error("display_name", _("Give the block a display name."))

        partner = data.get("partner") if isinstance(data.get("partner"), dict) else {}
        name = self._limited("partner.name", _text(partner, "name", "partner_name"), "partner_name")
        if not name:
            self.error("partner.name", _("Enter the partner's name."))
        values["partner_name"] = name
        kind = str(partner.get("kind") or "")
        if kind not in PARTNER_KINDS:
            self.error("partner.kind", _("Choose what kind of organisation the partner is."))
        values["partner_kind"] = kind
        values["partner_description"] = self._limited(
            "partner.description", _text(partner, "description", "partner_description"), "partner_description"
        )
        logo = self._limited("partner.logo", _text(partner, "logo", "partner_logo"), "partner_logo")
        if logo and not logo.startswith("/static/"):
            try:
                _url(logo)
            except ValidationError:
                self.error(
                    "partner.logo",
                    _("Give the logo as a web address (https://...) or a course file (/static/logo.png)."),
                )
        values["partner_logo"] = logo
        website = self._limited(
            "partner.website", _text(partner, "website", "partner_website"), "partner_website"
        )
        if website:
            try:
                _url(website)
            except ValidationError:
                self.error(
                    "partner.website", _("Enter the website as a full address, e.g. https://contoh.co.id.")
                )
        values["partner_website"] = website
        values["partner_contact_name"] = self._limited(
            "partner.contact_name",
            _text(partner, "contact_name", "partner_contact_name"),
            "partner_contact_name",
        )
        email = self._limited(
            "partner.contact_email",
            _text(partner, "contact_email", "partner_contact_email"),
            "partner_contact_email",
        )
        if email:
            try:
                _email(email)
            except ValidationError:
                self.error("partner.contact_email", _("Enter a valid e-mail address."))
        values["partner_contact_email"] = email
        values["partner_contact_phone"] = self._limited(
            "partner.contact_phone",
            _text(partner, "contact_phone", "partner_contact_phone"),
            "partner_contact_phone",
        )

        method = str(data.get("attendance_method") or "")
        if method not in ATTENDANCE_METHODS:
            self.error("attendance_method", _("Choose how attendance is taken."))
        values["attendance_method"] = method
        values["checkin_opens_minutes"] = self._whole(
            "checkin_opens_minutes", data.get("checkin_opens_minutes"), 0, MAX_OPENS_MINUTES, default=30
        )
        values["checkin_closes_minutes"] = self._whole(
            "checkin_closes_minutes", data.get("checkin_closes_minutes"), 0, MAX_WINDOW_MINUTES, default=30
        )
        values["one_session_per_learner"] = _bool(data.get("one_session_per_learner", True))
        values["weight"] = self._weight(data.get("weight"))
        values["reaction_questions"] = self._questions(data.get("reaction_questions"))
        values["sessions"] = self._sessions(data.get("sessions"))
        return values

    def _whole(self, path, raw, low, high, default=None):
        _ = self._
        try:
            value = _int(raw, default)
        except (TypeError, ValueError):
            self.error(path, _("Enter a whole number."))
            return default
        if value is None:
            self.error(path, _("This field is required."))
            return default
        if not low <= value <= high:
            self.error(path, _("Enter a number from {low} to {high}.").format(low=low, high=high))
        return value

    def _weight(self, raw):
        _ = self._
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return 0.0
        try:
            value = float(raw)
        except (TypeError, ValueError):
            self.error("weight", _("Enter the weight as a number (0 means not graded)."))
            return 0.0
        if not 0 <= value <= 100 or value != value:  # NaN check
            self.error("weight", _("Enter a weight from 0 to 100 (0 means not graded)."))
            return 0.0
        return value

    def _questions(self, raw):
        _ = self._
        if not isinstance(raw, list) or not raw:
            self.error("reaction_questions", _("The reaction survey needs at least one question."))
            return []
        if len(raw) > MAX_QUESTIONS:
            self.error("reaction_questions", _("Use at most {n} questions.").format(n=MAX_QUESTIONS))
        questions, seen = [], set()
        for index, item in enumerate(raw[:MAX_QUESTIONS]):
            item = item if isinstance(item, dict) else {}
            path = f"reaction_questions.{index}"
            key = str(item.get("key") or "").strip()
            label = self._limited(f"{path}.label", str(item.get("label") or "").strip(), "question_label")
            if not key:
                key = f"q{index + 1}"
                while key in seen:
                    key += "x"
            if not QUESTION_KEY_PATTERN.match(key):
                self.error(f"{path}.key", _("Question keys use lower-case letters, digits and _ only."))
            if key in seen:
                self.error(f"{path}.key", _("Each question needs its own key."))
            seen.add(key)
            if not label:
                self.error(f"{path}.label", _("Write the question."))
            questions.append({"key": key, "label": label})
        return questions

    def _sessions(self, raw):
        _ = self._
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            self.error("sessions", _("The sessions could not be read."))
            return []
        if len(raw) > MAX_SESSIONS:
            self.error("sessions", _("Use at most {n} sessions in one block.").format(n=MAX_SESSIONS))
        sessions, seen = [], set()
        for index, item in enumerate(raw[:MAX_SESSIONS]):
            sessions.append(self._session(index, item if isinstance(item, dict) else {}, seen))
        return sessions

    def _session(self, index, item, seen):
        _ = self._
        path = f"sessions.{index}"
        key = str(item.get("key") or "").strip() or new_session_key()
        if not KEY_PATTERN.match(key):
            self.error(f"{path}.key", _("Session keys use lower-case letters, digits and - only."))
        if key in seen:
            self.error(f"{path}.key", _("Two sessions have the same key; remove one and add it again."))
        seen.add(key)
        title = self._limited(f"{path}.title", str(item.get("title") or "").strip(), "title")
        if not title:
            self.error(f"{path}.title", _("Give the session a title."))
        kind = str(item.get("kind") or "")
        if kind not in SESSION_KINDS:
            self.error(f"{path}.kind", _("Choose workshop or seminar."))
        mode = str(item.get("mode") or "")
        if mode not in SESSION_MODES:
            self.error(f"{path}.mode", _("Choose on site, online or hybrid."))
        starts_at = parse_wib_local(item.get("starts_at"))
        if starts_at is None:
            self.error(f"{path}.starts_at", _("Enter the date and time the session starts (WIB)."))
        duration = self._whole(
            f"{path}.duration_minutes", item.get("duration_minutes"), MIN_DURATION, MAX_DURATION
        )
        capacity = self._whole(f"{path}.capacity", item.get("capacity"), 1, MAX_CAPACITY)
        deadline = None
        if str(item.get("registration_deadline") or "").strip():
            deadline = parse_wib_local(item.get("registration_deadline"))
            if deadline is None:
                self.error(
                    f"{path}.registration_deadline",
                    _("Enter the registration deadline as a date and time (WIB)."),
                )
            elif starts_at and deadline > starts_at:
                self.error(
                    f"{path}.registration_deadline", _("Registration must close before the session starts.")
                )
        jp_explicit = None
        if str(item.get("jp") if item.get("jp") is not None else "").strip():
            jp_explicit = self._whole(f"{path}.jp", item.get("jp"), 0, api.workshop_jp.MAX_EXPLICIT_JP)
        location = self._limited(f"{path}.location", str(item.get("location") or "").strip(), "location")
        meeting_url = self._limited(
            f"{path}.meeting_url", str(item.get("meeting_url") or "").strip(), "meeting_url"
        )
        if mode in ("onsite", "hybrid") and not location:
            self.error(f"{path}.location", _("Give the address of the venue."))
        if mode in ("online", "hybrid") and not meeting_url:
            self.error(f"{path}.meeting_url", _("Give the meeting link for online participants."))
        if meeting_url:
            try:
                _url(meeting_url)
            except ValidationError:
                self.error(
                    f"{path}.meeting_url", _("Enter the meeting link as a full address (https://...).")
                )
        return {
            "key": key,
            "title": title,
            "kind": kind,
            "international": _bool(item.get("international")),
            "starts_at": to_utc_iso(starts_at) if starts_at else "",
            "duration_minutes": duration,
            "mode": mode,
            "location": location,
            "meeting_url": meeting_url,
            "capacity": capacity,
            "registration_deadline": to_utc_iso(deadline) if deadline else "",
            "jp": jp_explicit,
            "cancelled": _bool(item.get("cancelled")),
        }


def stored_session_problems(session: dict, gettext) -> list[str]:
    """What is missing in a stored session (e.g. OLX written by hand); the Studio editor catches these."""
    _ = gettext
    problems = []
    if not session.get("key") or not KEY_PATTERN.match(str(session.get("key"))):
        problems.append(_("a session has no valid key"))
    if not parse_utc(session.get("starts_at")):
        problems.append(_("a session has no start time"))
    try:
        if not MIN_DURATION <= int(session.get("duration_minutes")) <= MAX_DURATION:
            problems.append(_("a session's duration is out of range"))
        if int(session.get("capacity")) < 1:
            problems.append(_("a session has no seats"))
    except (TypeError, ValueError):
        problems.append(_("a session's duration or capacity is not a number"))
    if session.get("kind") not in SESSION_KINDS or session.get("mode") not in SESSION_MODES:
        problems.append(_("a session's kind or mode is unknown"))
    return problems


def definition_from_fields(block, course_id: str, usage_id: str, logo_url: str = "") -> WorkshopDefinition:
    """The block's fields as the definition the services sync (stored sessions must be valid)."""
    sessions = []
    for item in block.sessions:
        deadline = parse_utc(item.get("registration_deadline"))
        explicit = item.get("jp")
        sessions.append(
            WorkshopSessionDefinition(
                key=item["key"],
                title=item.get("title") or item["key"],
                starts_at=parse_utc(item["starts_at"]),
                duration_minutes=int(item["duration_minutes"]),
                capacity=int(item["capacity"]),
                kind=item.get("kind", "workshop"),
                international=bool(item.get("international")),
                mode=item.get("mode", "onsite"),
                location=item.get("location") or "",
                meeting_url=item.get("meeting_url") or "",
                registration_deadline=deadline,
                jp_explicit=None if explicit in (None, "") else int(explicit),
                cancelled=bool(item.get("cancelled")),
            )
        )
    return WorkshopDefinition(
        course_id=course_id,
        usage_id=usage_id,
        title=block.display_name,
        partner_name=block.partner_name or block.display_name,
        partner_kind=block.partner_kind if block.partner_kind in PARTNER_KINDS else "local_tech",
        sessions=tuple(sessions),
        partner_description=block.partner_description,
        partner_website=block.partner_website,
        partner_logo_url=logo_url or block.partner_logo,
        partner_contact_name=block.partner_contact_name,
        partner_contact_email=block.partner_contact_email,
        partner_contact_phone=block.partner_contact_phone,
        attendance_method=block.attendance_method,
        checkin_opens_minutes=block.checkin_opens_minutes,
        checkin_closes_minutes=block.checkin_closes_minutes,
        one_session_per_learner=block.one_session_per_learner,
    )


def form_data(block) -> dict:
    """The block's settings as the Studio editor sends them (times in WIB), for round trips."""
    return {
        "display_name": block.display_name,
        "partner": {
            "name": block.partner_name,
            "kind": block.partner_kind,
            "description": block.partner_description,
            "logo": block.partner_logo,
            "website": block.partner_website,
            "contact_name": block.partner_contact_name,
            "contact_email": block.partner_contact_email,
            "contact_phone": block.partner_contact_phone,
        },
        "sessions": [
            {
                **item,
                "starts_at": wib_local_input(item.get("starts_at")),
                "registration_deadline": wib_local_input(item.get("registration_deadline")),
                "jp": "" if item.get("jp") in (None, "") else item.get("jp"),
            }
            for item in block.sessions
        ],
        "attendance_method": block.attendance_method,
        "checkin_opens_minutes": block.checkin_opens_minutes,
        "checkin_closes_minutes": block.checkin_closes_minutes,
        "one_session_per_learner": block.one_session_per_learner,
        "weight": block.weight,
        "reaction_questions": list(block.reaction_questions),
    }
