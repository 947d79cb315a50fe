"""The Open edX REST endpoints the companion's sync reads, served by the dev LMS (development stand-in).

Same paths, authentication (JWT from client credentials, through the compat seam) and answer shapes
as the LMS (see ``tests/support/api_samples``), computed from the dev LMS's own records:

- ``GET /api/courses/v1/courses/``: the dev course (``BINA_DEVLMS_COURSE_*`` settings), in the
  namespaced page envelope;
- ``GET /api/enrollment/v1/enrollments/?course_id=``: ``CourseEnrollment`` rows, cursor pages of 100;
- ``GET /api/grades/v1/courses/{course_id}/``: active enrollments' grades, cursor pages
  (``page_size``, default 50);
- ``GET /completion-aggregator/v1/course/{course_key}/``: completion as openedx-completion-aggregator
  gives it, namespaced page envelope.

Only global staff may read them, as in the LMS. ADR 0043 explains why these exist.
"""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.urls import path, re_path
from edx_rest_framework_extensions.paginators import NamespacedPageNumberPagination
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from xblocks.common.compat import api_authentication_classes

from .models import CourseEnrollment
from .progress import course_progress

COURSE_ID_PATTERN = r"(?P<course_id>[^/+]+(/|\+)[^/+]+(/|\+)[^/?]+)"


def iso(value) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


class LmsApiView(APIView):
    """LMS authentication; global staff only (as the enrollment and grades APIs require)."""

    authentication_classes = api_authentication_classes()
    permission_classes = [IsAdminUser]


class CoursePages(NamespacedPageNumberPagination):
    page_size = 10
    max_page_size = 100


class EnrollmentPages(CursorPagination):
    ordering = "id"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 100


class GradePages(CursorPagination):
    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000


class CompletionPages(NamespacedPageNumberPagination):
    page_size = 10
    max_page_size = 1000


def course_item(request) -> dict:
    """The dev course in the shape of the LMS's CourseSerializer."""
    course_id = settings.BINA_DEVLMS_COURSE_ID
    org, number = course_id.split(":", 1)[-1].split("+")[:2]
    image = request.build_absolute_uri("/static/devlms/course.png")
    start = settings.BINA_DEVLMS_COURSE_START
    return {
        "id": course_id,
        "name": settings.BINA_DEVLMS_COURSE_NAME,
        "number": number,
        "org": org,
        "short_description": settings.BINA_DEVLMS_COURSE_DESCRIPTION,
        "media": {
            "course_image": {"uri": "/static/devlms/course.png"},
            "course_video": {"uri": None},
            "image": {"raw": image, "small": image, "large": image},
        },
        "start": iso(start),
        "start_type": "timestamp",
        "start_display": start.strftime("%B %d, %Y").replace(" 0", " "),
        "end": None,
        "enrollment_start": None,
        "enrollment_end": None,
        "blocks_url": request.build_absolute_uri(
            f"/api/courses/v1/blocks/?course_id={course_id.replace('+', '%2B')}"
        ),
        "effort": settings.BINA_DEVLMS_COURSE_EFFORT,
        "pacing": "self",
        "mobile_available": True,
        "hidden": False,
        "invitation_only": False,
        "course_id": course_id,
    }


class CoursesView(LmsApiView):
    """``GET /api/courses/v1/courses/``."""

    def get(self, request):
        paginator = CoursePages()
        page = paginator.paginate_queryset([course_item(request)], request, view=self)
        return paginator.get_paginated_response(page)


class EnrollmentsView(LmsApiView):
    """``GET /api/enrollment/v1/enrollments/?course_id=`` (inactive rows included, as in the LMS)."""

    def get(self, request):
        rows = CourseEnrollment.objects.select_related("user")
        course_id = request.query_params.get("course_id")
        if course_id:
            rows = rows.filter(course_id=course_id)
        username = request.query_params.get("username")
        if username:
            rows = rows.filter(user__username__in=username.split(","))
        paginator = EnrollmentPages()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(
            [
                {
                    "course_id": row.course_id,
                    "is_active": row.is_active,
                    "mode": row.mode,
                    "user": row.user.username,
                    "created": iso(row.created),
                }
                for row in page
            ]
        )


class GradesView(LmsApiView):
    """``GET /api/grades/v1/courses/{course_id}/``: every active enrollment's course grade."""

    def get(self, request, course_id, *args):
        rows = CourseEnrollment.objects.filter(course_id=course_id, is_active=True).select_related("user")
        if not rows.exists() and course_id != settings.BINA_DEVLMS_COURSE_ID:
            return Response({"detail": "The requested course does not exist."}, status=404)
        paginator = GradePages()
        page = paginator.paginate_queryset(rows, request, view=self)
        progress = course_progress(course_id, [row.user_id for row in page])
        return paginator.get_paginated_response(
            [
                {
                    "username": row.user.username,
                    "email": row.user.email if row.mode == "masters" else "",
                    "course_id": course_id,
                    "passed": progress[row.user_id].passed,
                    "percent": progress[row.user_id].percent,
                    "letter_grade": "Pass" if progress[row.user_id].passed else None,
                }
                for row in page
            ]
        )


class CompletionView(LmsApiView):
    """``GET /completion-aggregator/v1/course/{course_key}/``: completion of every active learner."""

    def get(self, request, course_id, *args):
        rows = list(
            CourseEnrollment.objects.filter(course_id=course_id, is_active=True).select_related("user")
        )
        paginator = CompletionPages()
        page = paginator.paginate_queryset(rows, request, view=self)
        progress = course_progress(course_id, [row.user_id for row in page])
        return paginator.get_paginated_response(
            [
                {
                    "username": row.user.username,
                    "course_key": course_id,
                    "completion": {
                        "earned": progress[row.user_id].earned,
                        "possible": progress[row.user_id].possible,
                        "percent": round(progress[row.user_id].completion_percent, 4),
                    },
                }
                for row in page
            ]
        )


urlpatterns = [
    path("api/courses/v1/courses/", CoursesView.as_view(), name="openedx_courses"),
    path("api/enrollment/v1/enrollments/", EnrollmentsView.as_view(), name="openedx_enrollments"),
    re_path(rf"^api/grades/v1/courses/{COURSE_ID_PATTERN}/$", GradesView.as_view(), name="openedx_grades"),
    re_path(
        rf"^completion-aggregator/v1/course/{COURSE_ID_PATTERN}/$",
        CompletionView.as_view(),
        name="openedx_completion",
    ),
]
