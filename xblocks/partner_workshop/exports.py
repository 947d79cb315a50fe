"""Files the block hands out: an .ics calendar entry per session and the roster as CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from django.utils.text import slugify
from icalendar import Alarm, Calendar, Event

from xblocks.bina_asn import api

from . import formatting

CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def filename(block, session, extension: str) -> str:
    base = slugify(f"{block.partner_name or block.display_name} {session.title}")[:80] or "lokakarya"
    return f"{base}.{extension}"


def session_ics(block, session, include_link: bool, tentative: bool = False) -> bytes:
    """An RFC 5545 calendar with one event (UTC times; the description names WIB)."""
    _ = block.gettext
    calendar = Calendar()
    calendar.add("prodid", "-//Pemerintah Kota Sibolga//Bina ASN partner workshop//ID")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{session.id}-{session.key}@bina-asn.{slugify(block.course_key_text) or 'lms'}")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", f"{session.title} ({block.partner_name})" if block.partner_name else session.title)
    lines = [
        _("Partner: {name}").format(name=block.partner_name),
        _("Starts: {when}").format(when=formatting.date_time(session.starts_at)),
        _("JP credited on attendance: {jp}").format(jp=session.jp_credit),
    ]
    if session.mode in ("online", "hybrid"):
        if include_link and session.meeting_url:
            lines.append(_("Meeting link: {url}").format(url=session.meeting_url))
            event.add("url", session.meeting_url)
        else:
            lines.append(_("The meeting link is shown in the course once you hold a seat."))
    if tentative:
        lines.append(_("You are on the waiting list: this entry is tentative."))
    event.add("description", "\n".join(lines))
    location = session.location if session.mode in ("onsite", "hybrid") else ""
    if include_link and session.mode == "online":
        location = session.meeting_url
    if location:
        event.add("location", location)
    event.add("status", "CANCELLED" if session.cancelled else ("TENTATIVE" if tentative else "CONFIRMED"))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", session.title)
    alarm.add("trigger", timedelta(minutes=-60))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_FORMULA_PREFIXES) else text


def roster_csv(block, session) -> bytes:
    """The roster of one session (UTF-8 with BOM so spreadsheet programs read the names right)."""
    _ = block.gettext
    status_labels = {
        "registered": _("Registered"),
        "waiting": _("Waiting list"),
        "cancelled": _("Cancelled"),
        "attended": _("Attended"),
        "no_show": _("No-show"),
    }
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(
        [
            _("Session"),
            _("Starts (WIB)"),
            _("Name"),
            _("Username"),
            _("E-mail"),
            _("Status"),
            _("Waiting list number"),
            _("Registered at (WIB)"),
            _("Joined waiting list at (WIB)"),
            _("Cancelled at (WIB)"),
            _("Attended at (WIB)"),
            _("Attendance method"),
            _("Marked by"),
            _("JP credited"),
            _("JP credited at (WIB)"),
            _("Answered survey"),
        ]
    )
    starts = formatting.wib(session.starts_at).strftime("%Y-%m-%d %H:%M")

    def stamp(value):
        return formatting.wib(value).strftime("%Y-%m-%d %H:%M") if value else ""

    for entry in api.workshop_roster(session.id):
        writer.writerow(
            [
                _cell(session.title),
                starts,
                _cell(entry.full_name),
                _cell(entry.username),
                _cell(entry.email),
                status_labels[entry.status],
                entry.queue_position or "",
                stamp(entry.registered_at),
                stamp(entry.waitlisted_at),
                stamp(entry.cancelled_at),
                stamp(entry.attended_at),
                entry.attendance_method,
                _cell(entry.marked_by),
                entry.jp_credited,
                stamp(entry.jp_credited_at)
                if entry.jp_credited_at
                else (_("pending") if entry.jp_status == "pending" else ""),
                _("yes") if entry.reacted else _("no"),
            ]
        )
    return ("\ufeff" + output.getvalue()).encode("utf-8")
