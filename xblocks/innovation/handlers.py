"""The block's JSON handlers: each checks who is asking and what they sent, calls the plugin app's api,
and answers with JSON. They run on the block kit's ``handler`` (sign-in, body size, rate limit, one
error shape); the plugin app's ``InnovationError`` and a malformed payload become the kit's error
answer (a status, a message in the user's language, a code and, per field, what is wrong).
"""

from __future__ import annotations

import functools

from webob import Response

from xblocks.bina_asn import api
from xblocks.bina_asn.data import GalleryQuery
from xblocks.common import permissions
from xblocks.common.handlers import HandlerError, download_handler, handler
from xblocks.common.permissions import COURSE_STAFF, LEARNER

from . import exports
from .messages import ERRORS, FIELD_ERRORS, FIELD_LABELS, TEXT, say

# (scope, count, window in seconds) per learner and block: submissions and comments are rate-limited.
SAVE_LIMIT = ("bina-innovation-save", 30, 600)
COMMENT_LIMIT = ("bina-innovation-comment", 10, 300)
SUPPORT_LIMIT = ("bina-innovation-support", 120, 60)
SCORE_LIMIT = ("bina-innovation-score", 120, 600)
GALLERY_SORTS = ("supports", "newest")
PAGE_SIZE = 12


class BadRequest(Exception):
    """The payload is not what the handler takes; ``field`` names the culprit."""

    def __init__(self, field: str = ""):
        super().__init__(field)
        self.field = field


def _int(data: dict, name: str, *, required: bool = True, default=None) -> int | None:
    value = data.get(name, default)
    if value is None and not required:
        return None
    if isinstance(value, bool):
        raise BadRequest(name)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 12:
        value = int(value.strip())
    if not isinstance(value, int):
        raise BadRequest(name)
    return value


def _str(data: dict, name: str, *, default: str = "", max_length: int = 200) -> str:
    value = data.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str) or len(value) > max_length:
        raise BadRequest(name)
    return value.strip()


def innovation_handler(limit=None):
    """A kit handler for signed-in users whose method takes ``(data, actor)``; ``limit`` is a rate."""

    def decorate(func):
        @functools.wraps(func)
        def with_actor(self, data, suffix=""):
            return func(self, data, self._actor_for(permissions.current_user(self)))

        return handler(audience=LEARNER, rate=limit)(with_actor)

    return decorate


class InnovationHandlersMixin:
    """Handlers of ``InnovationBlock`` (learners, jury, staff) and the CSV exports."""

    # --- errors -----------------------------------------------------------------------------------

    handler_errors = (BadRequest, api.InnovationError)

    def handler_error(self, error) -> HandlerError:
        """The kit's answer to a malformed payload or a refusal of the plugin app."""
        i18n = self.i18n_service
        if isinstance(error, BadRequest):
            fields = (
                {error.field: self._field_messages(error.field, ["invalid"], [{}])} if error.field else {}
            )
            return HandlerError(400, say(i18n, ERRORS["bad_request"]), code="bad_request", fields=fields)
        body = self._error_body(error)
        extra = {}
        if error.idea_id:  # the text was saved as a draft: the page continues with it
            extra["idea"] = self._detail(self._actor_for(permissions.current_user(self)), error.idea_id)
        return HandlerError(
            error.status, body["error"], code=body["code"], fields=body.get("fields"), **extra
        )

    def _field_messages(self, name, codes, params) -> dict:
        i18n = self.i18n_service
        label = FIELD_LABELS.get(name)
        return {
            "label": say(i18n, label) if label else name,
            "messages": [
                say(i18n, FIELD_ERRORS.get(code, FIELD_ERRORS["invalid"]), **p)
                for code, p in zip(codes, params, strict=True)
            ],
        }

    def _error_body(self, error) -> dict:
        i18n = self.i18n_service
        params = dict(error.params)
        presenter = self.presenter()
        if "from_state" in params:
            params["from_label"] = presenter.state(params.pop("from_state"))
            params["to_label"] = presenter.state(params.pop("to_state"))
        if "state" in params:
            params["state_label"] = presenter.state(params.pop("state"))
        message = ERRORS.get(
            error.code, ERRORS["forbidden"] if error.status == 403 else ERRORS["bad_request"]
        )
        body = {"error": say(i18n, message, **params), "code": error.code}
        if error.fields:
            body["fields"] = {
                name: self._field_messages(name, [e.code for e in errors], [e.params for e in errors])
                for name, errors in error.fields.items()
            }
        return body

    def _detail(self, actor, idea_id) -> dict:
        rules = self.rules()
        detail = api.idea_detail(rules, actor, idea_id)
        reason = detail.not_scorable_reason
        message = say(self.i18n_service, ERRORS[reason]) if reason and reason in ERRORS else ""
        body = self.presenter().detail(detail, {c["code"]: c["label"] for c in self.rubric}, message)
        body["budget"] = rules.support_budget
        body["budget_spent"] = api.budget_spent(rules, actor)
        return body

    # --- learners ---------------------------------------------------------------------------------

    @innovation_handler()
    def gallery(self, data, actor):
        """A page of the gallery: ``{page, page_size, search, state, opd, category, sort}``."""
        sort = _str(data, "sort", default="supports")
        if sort not in GALLERY_SORTS:
            raise BadRequest("sort")
        query = GalleryQuery(
            page=_int(data, "page", default=1),
            page_size=_int(data, "page_size", default=PAGE_SIZE),
            search=_str(data, "search", max_length=100),
            state=_str(data, "state", max_length=20),
            opd_code=_str(data, "opd", max_length=40),
            category=_str(data, "category", max_length=60),
            sort=sort,
        )
        return self.presenter().gallery(api.gallery_page(self.rules(), actor, query))

    @innovation_handler()
    def idea(self, data, actor):
        """An idea's page: ``{id}``."""
        return self._detail(actor, _int(data, "id"))

    @innovation_handler()
    def my_ideas(self, data, actor):
        """The reader's own and co-proposed ideas."""
        presenter = self.presenter()
        return {"items": [presenter.card(card) for card in api.my_ideas(self.rules(), actor)]}

    @innovation_handler(limit=SAVE_LIMIT)
    def save_idea(self, data, actor):
        """Save a proposal ``{id?, version?, fields: {...}, submit: bool}`` (new when ``id`` is absent)."""
        fields = data.get("fields")
        if not isinstance(fields, dict):
            raise BadRequest("fields")
        submit = data.get("submit", False)
        if not isinstance(submit, bool):
            raise BadRequest("submit")
        idea_id = _int(data, "id", required=False)
        version = _int(data, "version", required=idea_id is not None)
        idea = api.save_idea(self.rules(), actor, fields, idea_id=idea_id, version=version, submit=submit)
        if submit:
            self._on_submission(actor)
        return {
            "message": say(self.i18n_service, TEXT["submitted" if submit else "saved"]),
            "idea": self._detail(actor, idea.id),
        }

    @innovation_handler(limit=SAVE_LIMIT)
    def withdraw_idea(self, data, actor):
        """The proposer withdraws ``{id, version, reason?}``."""
        idea = api.withdraw_idea(
            self.rules(), actor, _int(data, "id"), _int(data, "version"), data.get("reason", "")
        )
        return {"message": say(self.i18n_service, TEXT["withdrawn"]), "idea": self._detail(actor, idea.id)}

    @innovation_handler(limit=SUPPORT_LIMIT)
    def support(self, data, actor):
        """Support an idea or take the support back: ``{id, supported: true|false}``."""
        supported = data.get("supported", True)
        if not isinstance(supported, bool):
            raise BadRequest("supported")
        rules = self.rules()
        if supported:
            result = api.support_idea(rules, actor, _int(data, "id"))
            self._on_support(actor)
        else:
            result = api.withdraw_support(rules, actor, _int(data, "id"))
        body = self.presenter().support(result)
        body["message"] = say(self.i18n_service, TEXT["supported" if result.supported else "unsupported"])
        return body

    @innovation_handler(limit=COMMENT_LIMIT)
    def comment(self, data, actor):
        """Comment on an idea: ``{id, text}``."""
        idea_id = _int(data, "id")
        api.add_comment(self.rules(), actor, idea_id, data.get("text"))
        return {"message": say(self.i18n_service, TEXT["commented"]), "idea": self._detail(actor, idea_id)}

    # --- jury -------------------------------------------------------------------------------------

    @innovation_handler()
    def jury_queue(self, data, actor):
        """The jury's queue: ``{show: all|unscored|scored, page}``."""
        show = _str(data, "show", default="all")
        if show not in ("all", "unscored", "scored"):
            raise BadRequest("show")
        rules = self.rules()
        if not api.is_jury(rules, actor):
            raise api.InnovationError("not_jury", status=403)
        items, page, num_pages, count = api.jury_queue(
            rules, actor, show=show, page=_int(data, "page", default=1), page_size=20
        )
        presenter = self.presenter()
        i18n = self.i18n_service
        return {
            "items": [
                presenter.jury_item(
                    item, say(i18n, ERRORS[item.not_scorable_reason]) if item.not_scorable_reason else ""
                )
                for item in items
            ],
            "page": page,
            "num_pages": num_pages,
            "count": count,
        }

    @innovation_handler(limit=SCORE_LIMIT)
    def score(self, data, actor):
        """A jury member scores an idea: ``{id, criteria: {code: points}, note}``."""
        idea_id = _int(data, "id")
        api.score_idea(self.rules(), actor, idea_id, data.get("criteria"), data.get("note", ""))
        return {"message": say(self.i18n_service, TEXT["scored"]), "idea": self._detail(actor, idea_id)}

    # --- staff ------------------------------------------------------------------------------------

    @innovation_handler()
    def change_state(self, data, actor):
        """Staff move an idea: ``{id, version, to, reason}``."""
        idea = api.change_state(
            self.rules(),
            actor,
            _int(data, "id"),
            _str(data, "to", max_length=20),
            data.get("reason"),
            _int(data, "version"),
        )
        return {
            "message": say(self.i18n_service, TEXT["moved"], state_label=self.presenter().state(idea.state)),
            "idea": self._detail(actor, idea.id),
        }

    @innovation_handler()
    def answer(self, data, actor):
        """Staff answer publicly: ``{id, text, cost?, execution_period?}``."""
        idea_id = _int(data, "id")
        api.answer_idea(self.rules(), actor, idea_id, data)
        return {"message": say(self.i18n_service, TEXT["answered"]), "idea": self._detail(actor, idea_id)}

    @innovation_handler()
    def implement(self, data, actor):
        """Staff mark an idea implemented or update its program: ``{id, version, reason, program}``."""
        idea = api.implement_idea(
            self.rules(),
            actor,
            _int(data, "id"),
            data.get("program"),
            data.get("reason"),
            _int(data, "version"),
        )
        return {"message": say(self.i18n_service, TEXT["implemented"]), "idea": self._detail(actor, idea.id)}

    @innovation_handler()
    def moderate_comment(self, data, actor):
        """Staff hide or show a comment: ``{comment_id, hidden, reason}``."""
        hidden = data.get("hidden")
        if not isinstance(hidden, bool):
            raise BadRequest("hidden")
        comment = api.set_comment_hidden(
            self.rules(), actor, _int(data, "comment_id"), hidden, data.get("reason", "")
        )
        return {
            "message": say(self.i18n_service, TEXT["hidden" if hidden else "shown"]),
            "idea": self._detail(actor, comment.idea_id),
        }

    # --- exports (GET; course staff only) ---------------------------------------------------------

    def _export(self, build, name):
        response = Response(build(self), content_type="text/csv", charset="utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.headers["Cache-Control"] = "no-store"
        return response

    @download_handler(audience=COURSE_STAFF)
    def export_ideas(self, request, suffix=""):
        """CSV of every idea with its state, supports, jury scores, answer and program."""
        return self._export(exports.ideas_csv, "ide-inovasi.csv")

    @download_handler(audience=COURSE_STAFF)
    def export_index(self, request, suffix=""):
        """CSV of implemented ideas in the regional innovation index's shape."""
        return self._export(exports.index_csv, "indeks-inovasi-daerah.csv")
