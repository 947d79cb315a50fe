"""The assessment's Studio side: the editor's handlers (save, import and export the bank) and the
validation Studio shows on the unit page. Only course authors pass (``studio_user_permissions``)."""

from __future__ import annotations

import base64
import binascii
import copy
import re

from webob import Response
from xblock.validation import ValidationMessage

from xblocks.common.handlers import MAX_STUDIO_BODY, HandlerError, handler
from xblocks.common.permissions import AUTHOR

from . import bankio, rules
from .resources import normalized_bank

SETTINGS_FIELDS = (
    "display_name",
    "instructions",
    "mode",
    "pairing_key",
    "attempts_allowed",
    "items_per_pillar",
    "shuffle_items",
    "shuffle_options",
    "pass_threshold",
    "weight",
    "show_answers",
)


class AssessmentStudioMixin:
    """Studio handlers and validation of ``DigitalSkillsBlock``."""

    @handler(audience=AUTHOR, max_bytes=MAX_STUDIO_BODY)
    def studio_form_data(self, data, suffix=""):
        """The editor's saved values in the shape ``studio_submit`` takes (course authors only)."""
        items, problems = self._bank()
        return {
            "settings": {name: getattr(self, name) for name in SETTINGS_FIELDS},
            "recommendations": self.recommendations,
            "bank": self.bank if problems else items,
        }

    @handler(audience=AUTHOR, max_bytes=MAX_STUDIO_BODY)
    def studio_submit(self, data, suffix=""):
        """Save settings, recommendations and bank together, or refuse with every problem found."""
        _ = self._
        values, errors = rules.parse_settings(data.get("settings"), _)
        recommendations, link_errors = rules.parse_recommendations(data.get("recommendations"), _)
        errors += link_errors
        bank = data.get("bank")
        if not errors:
            findings = rules.check(values, bank, _)
            errors += findings.errors
        if errors:
            raise HandlerError(400, _("Nothing was saved: please fix the problems listed."), problems=errors)
        items, _problems = normalized_bank(bank)
        for name, value in values.items():
            setattr(self, name, value)
        self.recommendations = recommendations
        self.bank = copy.deepcopy(items)
        return {"saved": True, "warnings": findings.warnings, "bank": items}

    @handler(audience=AUTHOR, max_bytes=MAX_STUDIO_BODY)
    def import_bank(self, data, suffix=""):
        """Read a bank file for the editor (replace or append); nothing is saved until the author saves."""
        _ = self._
        filename = str(data.get("filename") or "")
        fmt = bankio.format_of(filename)
        if fmt is None:
            raise HandlerError(400, _("Choose a .csv, .json, .yaml or .yml file."))
        try:
            content = base64.b64decode(str(data.get("content_base64") or ""), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise HandlerError(400, _("The file could not be read; please choose it again.")) from exc
        try:
            items = bankio.read_bank(content, fmt, _)
        except bankio.BankFileError as exc:
            raise HandlerError(
                400, _("The file was not imported: please fix the problems listed."), problems=exc.messages
            ) from exc
        if data.get("mode") == "append":
            existing = data.get("existing_ids")
            existing = {str(item_id) for item_id in existing} if isinstance(existing, list) else set()
            clashes = [item["id"] for item in items if item["id"] in existing]
            if clashes:
                raise HandlerError(
                    400,
                    _("The file was not imported: please fix the problems listed."),
                    problems=[
                        _(
                            "Item {id} is already in the bank; rename it in the file or replace the bank."
                        ).format(id=item_id)
                        for item_id in clashes
                    ],
                )
        return {
            "items": items,
            "message": _("{count} items read from {file}. Review them, then save.").format(
                count=len(items), file=filename
            ),
        }

    @handler(audience=AUTHOR, raw=True)
    def export_bank(self, request, suffix=""):
        """Download the saved bank as CSV, JSON or YAML (the format is the handler suffix)."""
        _ = self._
        fmt = suffix.strip("/") or request.GET.get("format", "")
        if fmt not in bankio.FORMATS:
            raise HandlerError(
                404, _("Unknown export format {format}; use csv, json or yaml.").format(format=fmt)
            )
        items, problems = self._bank()
        if problems and fmt == "csv":
            raise HandlerError(
                400, _("The saved bank has problems; fix them first, or export it as JSON or YAML.")
            )
        body = bankio.write_bank(self.bank if problems else items, fmt, as_stored=bool(problems))
        slug = re.sub(r"[^a-z0-9]+", "-", (self.display_name or "bank").lower()).strip("-") or "bank"
        return Response(
            body=body,
            content_type=bankio.CONTENT_TYPES[fmt].split(";")[0],
            charset="utf-8",
            content_disposition=f'attachment; filename="{slug}.{fmt}"',
        )

    def validate_field_data(self, validation, data):
        """Errors and warnings Studio shows on the component (the editor's Save applies the same rules)."""
        findings = rules.check(data, data.bank, self._)
        for message in findings.errors:
            validation.add(ValidationMessage(ValidationMessage.ERROR, message))
        for message in findings.warnings:
            validation.add(ValidationMessage(ValidationMessage.WARNING, message))

    def validate(self):
        validation = super().validate()
        self.validate_field_data(validation, self)
        return validation
