"""Who may call the SKM API: administrators and evaluators (aggregates only)."""

from rest_framework.permissions import BasePermission

from ...permissions import can_read


class CanReadIkm(BasePermission):
    message = "Only administrators and evaluators may read the IKM."

    def has_permission(self, request, view):
        return can_read(request.user)
