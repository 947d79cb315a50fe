"""The base every Bina ASN block starts from (ADR 0081): the services it asks for, who is asking,
its translations, and the hook that turns its domain errors into the kit's error answer."""

from __future__ import annotations

from xblock.core import XBlock, XBlockMixin

from . import compat, i18n
from .handlers import HandlerError


@XBlock.needs("i18n")
@XBlock.needs("user")
@XBlock.wants("studio_user_permissions")
class BinaBlockMixin(XBlockMixin):
    """Mixed into each block class ahead of ``XBlock``."""

    # Domain exceptions the kit's handlers turn into answers through ``handler_error``.
    handler_errors: tuple = ()

    def handler_error(self, error) -> HandlerError:
        """The answer to one of ``handler_errors`` (a block listing any must say how)."""
        raise NotImplementedError(f"{type(self).__name__} lists {type(error).__name__} but does not map it")

    @property
    def usage_key_text(self) -> str:
        return compat.usage_key_string(self)

    @property
    def course_key_text(self) -> str:
        return compat.course_key_string(self)

    @property
    def i18n_service(self):
        return i18n.service(self)

    def who(self) -> compat.CurrentUser:
        return compat.current_user(self)

    def gettext(self, text: str) -> str:
        return i18n.gettext(self)(text)

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        return i18n.ngettext(self)(singular, plural, number)
