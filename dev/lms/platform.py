"""What the dev LMS gives a block, each piece derived from edx-platform's source (ADR 0080).

Three flavours of runtime services, as the platform builds them:

- **LMS** (``lms/djangoapps/courseware/block_render.py``, ``get_module_system_for_user`` /
  ``prepare_runtime_for_user``): a ``DjangoXBlockUserService`` with the course-staff flag
  (``has_access(user, 'staff', ...)``), the global-staff flag, the course role
  (``courseware/access.py:get_user_role``) and the per-course anonymous id; no
  ``studio_user_permissions`` service; handler URLs ``/courses/<course>/xblock/<usage>/handler/...``
  (``lms/djangoapps/lms_xblock/runtime.py:handler_url``).
- **Studio editor** (``cms/djangoapps/contentstore/utils.py:load_services_for_studio``, used by
  ``views/component.py:component_handler`` and the ``studio_view`` renderer): a bare
  ``DjangoXBlockUserService(user)`` (no staff flags, role "student", no anonymous id) plus
  ``StudioPermissionsService(user)`` (``can_read`` / ``can_write``); handler URLs
  ``/xblock/<usage>/handler/...`` (``cms/lib/xblock/runtime.py:handler_url``). The handler runs for
  any signed-in user; only a course author's changes are saved (``component_handler`` "fails
  quietly" for others), so a block must check ``can_write`` itself.
- **Studio preview** (``cms/djangoapps/contentstore/views/preview.py:_prepare_runtime_for_preview``,
  for ``author_view``): the user service with the course role and the anonymous id "student", plus
  ``studio_user_permissions``; handler URLs ``/preview/xblock/<usage>/handler/...``.

The course team of the dev LMS is two Django groups standing in for the course access roles:
``course_staff`` (CourseStaffRole) and ``course_instructor`` (CourseInstructorRole); Django's
``is_staff`` is global staff (GlobalStaff), who has every course role.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from xblock.reference.user_service import UserService, XBlockUser

from xblocks.common import compat

COURSE_STAFF_GROUP = "course_staff"
COURSE_INSTRUCTOR_GROUP = "course_instructor"

LMS, STUDIO, PREVIEW = "lms", "studio", "preview"


# ---------------------------------------------------------------------------------------------- who


def anonymous_id_for_user(user, course_id) -> str | None:
    """``common/djangoapps/student/models/user.py:anonymous_id_for_user``: md5 over the secret key,
    the user id and (when given) the course id; None for an anonymous user."""
    if user is None or not user.is_authenticated:
        return None
    digest = hashlib.md5(usedforsecurity=False)
    digest.update(settings.SECRET_KEY.encode("utf8"))
    digest.update(str(user.id).encode("utf8"))
    if course_id:
        digest.update(str(course_id).encode("utf-8"))
    return digest.hexdigest()


def _groups(user) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    cached = getattr(user, "_bina_course_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._bina_course_groups = cached
    return cached


def has_staff_access(user, course_key=None) -> bool:
    """``courseware/access.py``: ``has_access(user, 'staff', course)``: global staff or the course's
    staff or instructor role (the dev LMS has one course, so the role is the group)."""
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_staff) or bool(_groups(user) & {COURSE_STAFF_GROUP, COURSE_INSTRUCTOR_GROUP})


def has_instructor_access(user, course_key=None) -> bool:
    """``has_access(user, 'instructor', course)``: global staff or the course's instructor role."""
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_staff) or COURSE_INSTRUCTOR_GROUP in _groups(user)


def get_user_role(user, course_key=None) -> str:
    """``courseware/access.py:get_user_role`` (without masquerading)."""
    if has_instructor_access(user, course_key):
        return "instructor"
    if has_staff_access(user, course_key):
        return "staff"
    return "student"


def has_studio_write_access(user, course_key=None) -> bool:
    """``common/djangoapps/student/auth.py:has_studio_write_access``: global staff, or the course's
    staff or instructor role (org roles do not exist in the dev LMS)."""
    return has_staff_access(user, course_key)


def has_studio_read_access(user, course_key=None) -> bool:
    """``has_studio_read_access``: the write roles (the dev LMS has no read-only course role)."""
    return has_staff_access(user, course_key)


def full_name(user) -> str | None:
    """The LMS reads ``user.profile.name``; the dev LMS has no profile and uses Django's name."""
    profile = getattr(user, "profile", None)
    if profile is not None:
        return profile.name
    return user.get_full_name() or None


# ---------------------------------------------------------------------------------------- services


class PlatformUserService(UserService):
    """``common/djangoapps/xblock_django/user_service.py:DjangoXBlockUserService``.

    A signed-in user gets full name, email, the ``edx-platform.*`` attributes (flags default to
    False, the role to "student", the anonymous ids to None); an anonymous user gets only
    ``is_authenticated`` (False) and the request's country code.
    """

    def __init__(
        self,
        django_user,
        *,
        user_is_staff: bool = False,
        user_is_global_staff: bool = False,
        user_is_beta_tester: bool = False,
        user_role: str = "student",
        anonymous_user_id: str | None = None,
        deprecated_anonymous_user_id: str | None = None,
        request_country_code: str | None = None,
    ):
        super().__init__()
        self._django_user = django_user
        self._attrs = {
            compat.ATTR_USER_IS_STAFF: user_is_staff,
            compat.ATTR_USER_IS_GLOBAL_STAFF: user_is_global_staff,
            compat.ATTR_USER_IS_BETA_TESTER: user_is_beta_tester,
            compat.ATTR_USER_ROLE: user_role,
            compat.ATTR_ANONYMOUS_USER_ID: anonymous_user_id,
            compat.ATTR_DEPRECATED_ANONYMOUS_USER_ID: deprecated_anonymous_user_id,
        }
        self._request_country_code = request_country_code

    def get_current_user(self):
        user = self._django_user
        xblock_user = XBlockUser(is_current_user=True)
        if user is not None and user.is_authenticated:
            xblock_user.full_name = full_name(user)
            xblock_user.emails = [user.email]
            xblock_user.opt_attrs.update(self._attrs)
            xblock_user.opt_attrs.update(
                {
                    compat.ATTR_IS_AUTHENTICATED: True,
                    compat.ATTR_REQUEST_COUNTRY_CODE: self._request_country_code,
                    compat.ATTR_USER_ID: user.id,
                    compat.ATTR_USERNAME: user.username,
                    compat.ATTR_USER_PREFERENCES: {},  # the dev LMS stores no pref-lang / time_zone
                }
            )
        else:
            xblock_user.opt_attrs[compat.ATTR_IS_AUTHENTICATED] = False
            xblock_user.opt_attrs[compat.ATTR_REQUEST_COUNTRY_CODE] = self._request_country_code
        return xblock_user

    def get_anonymous_user_id(self, username, course_id):
        """Another user's anonymous id: only course staff may ask; None otherwise."""
        if not self.get_current_user().opt_attrs.get(compat.ATTR_USER_IS_STAFF):
            return None
        user = get_user_model().objects.filter(username=username).first()
        return anonymous_id_for_user(user, course_id) if user else None

    def get_user_by_anonymous_id(self, uid=None):
        """The Django user with this anonymous id (course-specific ids of the dev course only)."""
        uid = uid or self._attrs[compat.ATTR_ANONYMOUS_USER_ID]
        if not uid:
            return None
        course = settings.BINA_DEVLMS_COURSE_ID
        for user in get_user_model().objects.filter(is_active=True).iterator():
            if anonymous_id_for_user(user, course) == uid:
                return user
        return None


class StudioPermissionsService:
    """``cms/djangoapps/contentstore/utils.py:StudioPermissionsService``: read and write access."""

    def __init__(self, user):
        self._user = user

    def can_read(self, course_key):
        return has_studio_read_access(self._user, course_key)

    def can_write(self, course_key):
        return has_studio_write_access(self._user, course_key)


def lms_user_service(user, course_key) -> PlatformUserService:
    """The LMS's user service (``block_render.py``) for ``user`` in ``course_key``."""
    return PlatformUserService(
        user,
        user_is_staff=has_staff_access(user, course_key),
        user_is_global_staff=bool(user is not None and user.is_authenticated and user.is_staff),
        user_role=get_user_role(user, course_key),
        anonymous_user_id=anonymous_id_for_user(user, course_key),
        deprecated_anonymous_user_id=anonymous_id_for_user(user, None),
    )


def studio_user_service(user) -> PlatformUserService:
    """Studio's editor user service (``load_services_for_studio``): ``DjangoXBlockUserService(user)``."""
    return PlatformUserService(user)


def preview_user_service(user, course_key) -> PlatformUserService:
    """Studio's preview user service (``_prepare_runtime_for_preview``): the role, anonymous id "student"."""
    return PlatformUserService(
        user,
        user_role=get_user_role(user, course_key),
        anonymous_user_id="student",
        deprecated_anonymous_user_id="student",
    )


def services_for(flavour: str, user, course_key) -> dict:
    """The ``user`` (and, in Studio, ``studio_user_permissions``) services of one runtime flavour."""
    if flavour == LMS:
        return {"user": lms_user_service(user, course_key)}
    if flavour == STUDIO:
        return {"user": studio_user_service(user), "studio_user_permissions": StudioPermissionsService(user)}
    if flavour == PREVIEW:
        return {
            "user": preview_user_service(user, course_key),
            "studio_user_permissions": StudioPermissionsService(user),
        }
    raise ValueError(f"unknown runtime flavour {flavour!r}")


# ------------------------------------------------------------------------------------ handler URLs


def check_handler(block, handler_name: str) -> None:
    """Both runtimes refuse a name that is not a handler of the block (``ValueError``)."""
    func = getattr(type(block), handler_name, None)
    if func is None or not getattr(func, "_is_xblock_handler", False):
        raise ValueError(f"{handler_name!r} is not a handler of {block!r}")


def handler_url(flavour: str, block, course_key, handler_name, suffix="", query="", thirdparty=False) -> str:
    """The handler URL each runtime gives, with the platform's shape.

    LMS: ``/courses/<course>/xblock/<usage>/handler/<name>[/<suffix>]``, third-party handlers under
    ``handler_noauth`` as an absolute URL. Studio: ``/xblock/<usage>/handler/<name>[/<suffix>]``;
    Studio refuses third-party URLs (``NotImplementedError``). Preview: ``/preview/xblock/...``.
    An empty suffix leaves no trailing slash; a query follows ``?``.
    """
    check_handler(block, handler_name)
    usage = str(block.scope_ids.usage_id)
    args = {"usage_id": usage, "handler": handler_name, "suffix": suffix or ""}
    if flavour == LMS:
        name = "devlms:xblock_handler_noauth" if thirdparty else "devlms:xblock_handler"
        url = reverse(name, kwargs={"course_id": str(course_key), **args})
    elif thirdparty:
        raise NotImplementedError("Studio does not support third-party XBlock handler URLs")
    else:
        name = "devlms:component_handler" if flavour == STUDIO else "devlms:preview_handler"
        url = reverse(name, kwargs=args)
    if not suffix:
        url = url.rstrip("/")
    if query:
        url += "?" + query
    if flavour == LMS and thirdparty:
        url = settings.LMS_ROOT_URL.rstrip("/") + url
    return url
