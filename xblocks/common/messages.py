"""The block kit's own messages (English ids; each block's ``text`` catalog translates them).

``make messages`` extracts this folder into every block's catalog, so the LMS's XBlock i18n service
finds them in the block's own ``translations`` folder, as it finds the block's other messages.
"""


def _(text: str) -> str:
    """Mark a message for extraction; the block's i18n service translates it when shown."""
    return text


MESSAGES = {
    "sign_in": _("Please sign in first."),
    "staff_only": _("Only the course team may do this."),
    "author_only": _("Only the course's authors may change this, in Studio."),
    "bad_request": _("The request was not understood. Reload the page and try again."),
    "too_large": _("The request is too large."),
    "rate_limited": _("Too many requests: please wait a minute and try again."),
    "method_not_allowed": _("This address only accepts form submissions (POST)."),
}
