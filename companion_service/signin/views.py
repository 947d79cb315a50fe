"""The login page (Open edX first, the local password form for the recovery administrator) and the
sign-out that also signs out of the LMS for those who came through it."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import conf

SESSION_BACKEND = "_auth_user_backend"
EDX_BACKEND = "companion_service.signin.backends.EdXOAuth2"


class LoginView(auth_views.LoginView):
    """Django's login view, offering "Masuk dengan akun Open edX" when the LMS application is set up."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = conf.enabled()
        return context


@require_POST
def logout_view(request):
    """Sign out here; who signed in through the LMS is signed out there too, then comes back."""
    came_through_lms = request.session.get(SESSION_BACKEND) == EDX_BACKEND
    logout(request)
    login_url = request.build_absolute_uri(reverse("login"))
    if came_through_lms and conf.enabled():
        return redirect(conf.lms_logout_url(login_url))
    return redirect(login_url)
