"""The partner workshop's Studio side: the editor's save and its values, and the warnings Studio shows.
Only course authors pass (``studio_user_permissions``)."""

from __future__ import annotations

from xblock.validation import ValidationMessage

from xblocks.bina_asn import api
from xblocks.common.handlers import MAX_STUDIO_BODY, HandlerError, handler
from xblocks.common.permissions import AUTHOR

from . import config
from .messages import error_message


class WorkshopStudioMixin:
    """Studio handlers and validation of ``PartnerWorkshopBlock``."""

    @handler(audience=AUTHOR, max_bytes=MAX_STUDIO_BODY)
    def studio_submit(self, data, suffix=""):
        """Check and save the editor's form; write the sessions into the tables (keeping registrations)."""
        parser = config.StudioInput(self.gettext, existing_keys=[s.get("key") for s in self.sessions])
        values = parser.parse(data)
        if not parser.errors:
            try:
                api.sync_workshop(self.definition(values))
            except api.WorkshopDefinitionError as refused:
                for index, problem in enumerate(refused.problems):
                    parser.error(f"sessions.refused.{index}", error_message(problem, self.gettext))
        if parser.errors:
            fields = {}
            for path, message in parser.errors:
                fields.setdefault(path, {"label": "", "messages": []})["messages"].append(message)
            raise HandlerError(
                400, self.gettext("Nothing was saved. Correct the fields marked below."), fields=fields
            )
        for name, value in values.items():
            setattr(self, name, value)
        self.save()
        return {"result": "success", "message": self.gettext("Saved.")}

    @handler(audience=AUTHOR)
    def studio_form_data(self, data, suffix=""):
        """The editor's current values in the shape ``studio_submit`` accepts (course authors only)."""
        return config.form_data(self)

    def validate(self):
        """Warnings Studio shows on the unit page when the block is not ready for learners."""
        validation = super().validate()
        _ = self.gettext
        if not self.partner_name:
            validation.add(
                ValidationMessage(ValidationMessage.WARNING, _("Enter the partner's name in the editor."))
            )
        if not self.sessions:
            validation.add(
                ValidationMessage(
                    ValidationMessage.WARNING, _("Add at least one session so learners can register.")
                )
            )
        for item in self.sessions:
            for problem in config.stored_session_problems(item, _):
                validation.add(
                    ValidationMessage(
                        ValidationMessage.ERROR,
                        _("Open the editor and fix the sessions: {problem}.").format(problem=problem),
                    )
                )
        return validation
