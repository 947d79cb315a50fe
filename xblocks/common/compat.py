"""The one place that touches edx-platform.

Inside Open edX these helpers use the platform's own services and classes; in the dev LMS
(the XBlock SDK workbench with our runtime) they fall back to what ``dev.lms`` provides.
Nothing else in ``xblocks`` may import from edx-platform (``lms``, ``cms``, ``common``,
``openedx``, ``xmodule``): add a helper here instead.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

# Keys of the optional attributes edx-platform's DjangoXBlockUserService puts on the XBlockUser
# (common/djangoapps/xblock_django/constants.py). The dev LMS sets the same keys (ADR 0080).
ATTR_ANONYMOUS_USER_ID = "edx-platform.anonymous_user_id"
ATTR_DEPRECATED_ANONYMOUS_USER_ID = "edx-platform.deprecated_anonymous_user_id"
ATTR_REQUEST_COUNTRY_CODE = "edx-platform.request_country_code"
ATTR_IS_AUTHENTICATED = "edx-platform.is_authenticated"
ATTR_USER_ID = "edx-platform.user_id"
ATTR_USERNAME = "edx-platform.username"
ATTR_USER_IS_BETA_TESTER = "edx-platform.user_is_beta_tester"
ATTR_USER_IS_STAFF = "edx-platform.user_is_staff"
ATTR_USER_IS_GLOBAL_STAFF = "edx-platform.user_is_global_staff"
ATTR_USER_PREFERENCES = "edx-platform.user_preferences"
ATTR_USER_ROLE = "edx-platform.user_role"


@dataclass(frozen=True)
class CurrentUser:
    """Who is asking, as far as a block needs to know."""

    user_id: int | None
    username: str
    anonymous_user_id: str
    full_name: str
    email: str
    is_authenticated: bool
    is_course_staff: bool
    is_global_staff: bool
    role: str  # "student", "staff" or "instructor"

    @property
    def is_staff(self) -> bool:
        """Course team members and global staff may run the staff views of our blocks."""
        return self.is_course_staff or self.is_global_staff


def current_user(block) -> CurrentUser:
    """Describe the user the runtime is rendering or handling ``block`` for."""
    service = block.runtime.service(block, "user")
    user = service.get_current_user()
    attrs = user.opt_attrs
    emails = list(user.emails or [])
    return CurrentUser(
        user_id=attrs.get(ATTR_USER_ID),
        username=attrs.get(ATTR_USERNAME) or "",
        anonymous_user_id=attrs.get(ATTR_ANONYMOUS_USER_ID) or "",
        full_name=user.full_name or "",
        email=emails[0] if emails else "",
        is_authenticated=bool(attrs.get(ATTR_IS_AUTHENTICATED)),
        is_course_staff=bool(attrs.get(ATTR_USER_IS_STAFF)),
        is_global_staff=bool(attrs.get(ATTR_USER_IS_GLOBAL_STAFF)),
        role=attrs.get(ATTR_USER_ROLE) or "student",
    )


def course_key_string(block) -> str:
    """The course key of ``block`` as text (``course-v1:ORG+NUMBER+RUN``).

    Open edX usage keys carry their course (``context_key``); the dev LMS runtime has a
    configured course id.
    """
    usage_id = block.scope_ids.usage_id
    key = getattr(usage_id, "context_key", None) or getattr(usage_id, "course_key", None)
    if key is None:
        key = getattr(block.runtime, "course_id", None)
    return str(key) if key is not None else ""


def usage_key_string(block) -> str:
    """The usage key (block id) of ``block`` as text."""
    return str(block.scope_ids.usage_id)


def _first_importable(*dotted_names):
    """Import and return the first class that exists, or None."""
    for dotted in dotted_names:
        module_name, _, attr = dotted.rpartition(".")
        try:
            return getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError):
            continue
    return None


def api_authentication_classes() -> list:
    """DRF authentication classes for the plugin's REST API.

    Inside Open edX: the platform's JWT (edx-drf-extensions), OAuth2 bearer and session classes.
    In the dev LMS: the same JWT and session classes (its JWTs come from django-oauth-toolkit's
    client-credentials grant, minted the way the LMS mints them); it has no bearer class.
    """
    from edx_rest_framework_extensions.auth.jwt.authentication import JwtAuthentication
    from edx_rest_framework_extensions.auth.session.authentication import (
        SessionAuthenticationAllowInactiveUser,
    )

    bearer = _first_importable("openedx.core.lib.api.authentication.BearerAuthenticationAllowInactiveUser")
    return [JwtAuthentication, *([bearer] if bearer else []), SessionAuthenticationAllowInactiveUser]


def publish_for_learner(block, user_id: int, event_type: str, event_data: dict) -> None:
    """Publish a ``grade`` or ``completion`` event for another learner (e.g. staff marking attendance).

    ``runtime.publish`` always credits the user the runtime is bound to. Inside Open edX this sends
    what the LMS's own event handlers send, for the learner instead: the ``SCORE_PUBLISHED`` signal
    for grades and ``BlockCompletion.objects.submit_completion`` for completion (when completion
    tracking is switched on). The dev LMS runtime records the event under that learner.
    """
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return
    runtime_publish = getattr(block.runtime, "publish_for_user", None)
    if runtime_publish is not None:  # the dev LMS
        runtime_publish(user, block, event_type, event_data)
        return
    if event_type == "grade":
        signal = _first_importable("lms.djangoapps.grades.signals.signals.SCORE_PUBLISHED")
        if signal is not None:
            signal.send(
                sender=None,
                block=block,
                user=user,
                raw_earned=event_data["value"],
                raw_possible=event_data["max_value"],
                only_if_higher=event_data.get("only_if_higher"),
                score_deleted=event_data.get("score_deleted"),
                grader_response=None,
            )
    elif event_type == "completion":
        switch = _first_importable("completion.waffle.ENABLE_COMPLETION_TRACKING_SWITCH")
        completion_model = _first_importable("completion.models.BlockCompletion")
        if completion_model is not None and (switch is None or switch.is_enabled()):
            completion_model.objects.submit_completion(
                user=user, block_key=block.scope_ids.usage_id, completion=event_data["completion"]
            )


def course_asset_url(block, path: str) -> str:
    """A course file path (``/static/logo.png``) as the URL the LMS serves it at; other URLs unchanged.

    Uses the platform's ``replace_urls`` service (the block must declare ``@XBlock.wants("replace_urls")``);
    where there is none (the dev LMS), the path is returned as written.
    """
    if not path or not path.startswith("/static/"):
        return path
    try:
        service = block.runtime.service(block, "replace_urls")
    except Exception:  # noqa: BLE001 - runtimes without the service raise their own error types
        service = None
    if service is None:
        return path
    replaced = service.replace_urls(f'"{path}"')
    return replaced.strip("\"'") or path


def can_edit_content(block) -> bool:
    """May the person asking change ``block``'s content (its Studio editor and authoring handlers)?

    Only Studio offers the ``studio_user_permissions`` service (the block must declare
    ``@XBlock.wants("studio_user_permissions")``); its ``can_edit_content`` (newer releases) or
    ``can_write`` answers for the course. Where there is no such service (the LMS), nobody may:
    the LMS's field data for authored content is read-only, edits happen in Studio (ADR 0080).
    """
    if block.service_declaration("studio_user_permissions") is None:
        return False
    permissions = block.runtime.service(block, "studio_user_permissions")
    if permissions is None:
        return False
    usage_id = block.scope_ids.usage_id
    context_key = getattr(usage_id, "context_key", None) or getattr(usage_id, "course_key", None)
    if context_key is None:
        context_key = getattr(block.runtime, "course_id", None)
    check = getattr(permissions, "can_edit_content", None) or permissions.can_write
    return bool(check(context_key))


def course_tab_base():
    """The base class of course tabs: edx-platform's ``xmodule.tabs.CourseTab`` inside Open edX; in the
    dev LMS and the SDK ``course_tab.CourseTab``, with the same attributes and constructor
    (``dev.lms.course_tabs`` lists the tabs the way ``lms/djangoapps/courseware/tabs.py`` does)."""
    found = _first_importable("xmodule.tabs.CourseTab")
    if found is not None:
        return found
    from .course_tab import CourseTab

    return CourseTab
