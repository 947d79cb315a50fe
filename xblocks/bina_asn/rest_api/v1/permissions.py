"""Who may read the plugin REST API: global staff or a configured service user, nobody else."""

from django.conf import settings
from rest_framework.permissions import BasePermission


class IsGlobalStaffOrServiceUser(BasePermission):
    """Allow global staff (``is_staff``) and the usernames in ``BINA_ASN_API_SERVICE_USERNAMES``."""

    message = "Only global staff or the companion's service user may read this API."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        return bool(user.is_staff or user.username in settings.BINA_ASN_API_SERVICE_USERNAMES)
