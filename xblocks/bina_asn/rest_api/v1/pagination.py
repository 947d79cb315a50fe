"""Stable paging for the companion's sync: a cursor over (modified, id) with a bounded page size."""

from django.conf import settings
from rest_framework.pagination import CursorPagination


class SyncCursorPagination(CursorPagination):
    """Cursor pages in change order: rows changed while a sync pages through are not skipped.

    The envelope is ``{"next", "previous", "results"}``, the same as the LMS enrollment API.
    """

    ordering = ("modified", "id")
    page_size = 100
    page_size_query_param = "page_size"

    @property
    def max_page_size(self):
        return settings.BINA_ASN_API_MAX_PAGE_SIZE
