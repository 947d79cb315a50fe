"""Who may call the evaluation API: the reader's scope decides, exactly as for the pages."""

from rest_framework.permissions import BasePermission

from companion_service.accounts.api import scope_for


class ReadsTraining(BasePermission):
    """Administrators, evaluators, and OPD heads (their OPD): coverage, JP, skills, IKM, impact, ideas."""

    message = "Your account may not read these figures."

    def has_permission(self, request, view):
        return scope_for(request.user).reads_training


class ReadsPartners(BasePermission):
    """Everyone with a scope: partners read their own workshops."""

    message = "Your account may not read these figures."

    def has_permission(self, request, view):
        return scope_for(request.user).reads_partners
