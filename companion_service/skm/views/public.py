"""The survey citizens open from the QR code at a service counter: no login, Bahasa Indonesia,
light enough for a slow phone (no script, styles inline), usable with large text and a screen
reader. Abuse is kept out by a honeypot field, a per-client rate limit on Django's cache and
duplicate detection; on a validation error every answer typed is shown again.
"""

import hashlib
import hmac
import secrets
from functools import wraps

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import conf, selectors, services
from ..forms import survey_form_class
from ..ratelimit import hit

SIGNER_SALT = "skm-survey-form"
TOKEN_MAX_AGE = 2 * 24 * 3600


def client_key(request) -> str:
    """A keyed hash of the client's address: enough to rate-limit and spot duplicates, never stored
    as an address. Behind ``COMPANION_SKM_TRUSTED_PROXIES`` proxies the address comes from
    X-Forwarded-For."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = conf.trusted_proxies()
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        address = forwarded[-proxies]
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def new_token(unit_code: str) -> str:
    return signing.dumps({"u": unit_code, "n": secrets.token_hex(12)}, salt=SIGNER_SALT, compress=True)


def nonce_of(token: str, unit_code: str) -> str | None:
    try:
        data = signing.loads(token, salt=SIGNER_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return data.get("n") if data.get("u") == unit_code else None


class UnknownUnit(Http404):
    """No active unit has this code (an old poster, a typing mistake)."""


def _survey(code: str) -> selectors.PublicSurvey:
    survey = selectors.public_survey(code)
    if survey is None:
        raise UnknownUnit(code)
    return survey


def not_found(request):
    """A page in Bahasa Indonesia that points the citizen to the list of open surveys."""
    return _render(request, "skm/public/not_found.html", {}, status=404)


def public_page(view):
    """Answer an unknown unit with the citizens' own "not found" page, not the technical one."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except UnknownUnit:
            return not_found(request)

    return wrapped


def _render(request, template, context, status=200):
    with translation.override("id"):
        response = render(request, template, context, status=status)
    response["Content-Language"] = "id"
    return response


@never_cache
def survey_index(request):
    """The open surveys, by OPD, for a city web page that links to them."""
    return _render(
        request, "skm/public/index.html", {"units": selectors.open_units().order_by("opd__name", "name")}
    )


@never_cache
@public_page
def survey_form(request, code):
    survey = _survey(code)
    if not survey.is_open:
        return _render(request, "skm/public/closed.html", {"unit": survey})
    with translation.override("id"):
        form_class = survey_form_class(survey.wording, survey.kinds, survey.ask_officer)
        notice, status = "", 200
        if request.method != "POST":
            form = form_class(initial={"token": new_token(survey.code)})
        else:
            form = form_class(request.POST)
            limit, window = conf.rate_limit()
            if request.POST.get("website"):
                return _thanks(survey)  # a bot: pretend it worked
            if not hit("skm-survey", client_key(request), limit, window):
                notice = _(
                    "Too many answers were sent from this device in a short time. "
                    "Please wait a few minutes and press Send again; your answers are kept below."
                )
                status = 429
                form.is_valid()
            elif form.is_valid():
                nonce = nonce_of(form.cleaned_data.get("token", ""), survey.code)
                if nonce is None:
                    notice = _(
                        "This form was opened too long ago. Please check your answers and press Send again."
                    )
                    form = _with_new_token(form, survey)
                else:
                    # Stored, or recognised as a duplicate: either way the citizen is thanked.
                    services.submit_form_response(_new_response(form, survey, nonce, client_key(request)))
                    return _thanks(survey)
        context = {
            "unit": survey,
            "survey": survey,
            "notice": notice,
            "fields": _fields(form),
            "errors": form.error_list() if form.is_bound else [],
            "token": form.current("token"),
        }
        response = render(request, "skm/public/form.html", context, status=status)
    response["Content-Language"] = "id"
    return response


def _fields(form) -> str:
    """The questions and profile fields as HTML; for a blank form rendered once per survey definition
    (they do not change between citizens), with the citizen's answers otherwise."""
    if form.is_bound:
        return render_to_string(
            "skm/public/_fields.html", {"questions": form.questions(), "profile": form.profile()}
        )
    form_class = type(form)
    if getattr(form_class, "blank_fields", None) is None:
        form_class.blank_fields = render_to_string(
            "skm/public/_fields.html", {"questions": form.questions(), "profile": form.profile()}
        )
    return form_class.blank_fields


def _thanks(unit):
    """To the thank-you page; its own fragment replaces the form's ``#kesalahan`` and puts the
    focus on the thank-you heading."""
    return redirect(reverse("survei:thanks", args=[unit.code]) + "#terima-kasih")


def _with_new_token(form, unit):
    data = form.data.copy()
    data["token"] = new_token(unit.code)
    fresh = type(form)(data)
    fresh.is_valid()
    return fresh


def _new_response(form, unit, nonce, client) -> services.NewResponse:
    data = form.cleaned_data
    return services.NewResponse(
        unit_id=unit.unit_id,
        answered_on=timezone.localdate(),
        answers={code: data[code] for code in form.wording},
        service_kind_id=form.kind_id(),
        sex=data["jenis_kelamin"],
        age_group=data["usia"],
        education=data["pendidikan"],
        occupation=data["pekerjaan"],
        officer=data.get("petugas", "").strip(),
        comment=data.get("kritik_saran", "").strip(),
        nonce=nonce,
        fingerprint=services.form_fingerprint(unit.code, client, form.payload()),
    )


@never_cache
@public_page
def survey_thanks(request, code):
    return _render(request, "skm/public/thanks.html", {"unit": _survey(code)})
