"""The survey citizens open from the QR code at a service counter: no login, Bahasa Indonesia,
light enough for a slow phone (no script, styles inline), usable with large text and a screen
reader, with a privacy notice. Abuse is kept out by a honeypot field, single-use form tokens and
limits per device and unit and per unit on a cache every worker shares; suspected duplicates and
bursts are stored and marked for evaluators (ADR 0100). On a validation error or a refusal every
answer typed is shown again.
"""

import datetime as dt
import secrets
from functools import wraps

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from companion_service.core.clients import client_key

from .. import conf, selectors, services
from ..forms import survey_form_class
from ..models import AnomalyKind
from ..ratelimit import Window, take

SIGNER_SALT = "skm-survey-form"
TOKEN_MAX_AGE = 2 * 24 * 3600

SUMMARY_LIST_LIMIT = 5


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
            if request.POST.get("website"):
                return _thanks(survey)  # a bot: pretend it worked
            if form.is_valid():
                outcome = _submit(request, form, survey)
                if not isinstance(outcome, tuple):
                    return outcome
                notice, status, form = outcome
        context = {
            "unit": survey,
            "survey": survey,
            "notice": notice,
            "fields": _fields(form),
            "errors": form.error_list() if form.is_bound else [],
            # More missing answers than this (a form sent empty): the summary links to the first
            # only instead of repeating every question above the form (issue 17).
            "list_limit": SUMMARY_LIST_LIMIT,
            "token": form.current("token"),
            "privacy": _privacy(),
        }
        response = render(request, "skm/public/form.html", context, status=status)
    response["Content-Language"] = "id"
    return response


def _submit(request, form, survey):
    """A complete answer: its form token, the limits, then the store (ADR 0100). Returns the page to
    send, or ``(notice, status, form)`` to show the form again with every answer kept."""
    nonce = nonce_of(form.cleaned_data.get("token", ""), survey.code)
    if nonce is None:
        notice = _("This form was opened too long ago. Please check your answers and press Send again.")
        return notice, 200, _with_new_token(form, survey)
    client = client_key(request)
    row = _new_response(form, survey, nonce, client)
    earlier = services.form_already_sent(row)
    if earlier is not None:
        return _sent_before(request, survey, earlier)
    limit, seconds = conf.rate_limit()
    since = dt.datetime.fromtimestamp(Window.now(seconds).start, dt.UTC)
    if take("device", f"{survey.code}:{client}", limit, seconds) is None:
        services.record_anomaly(survey.unit_id, AnomalyKind.CLIENT_LIMIT, since, client[:12])
        notice = _(
            "Too many answers were sent from this device in a short time. "
            "Please wait a few minutes and press Send again; your answers are kept below."
        )
        return notice, 429, form
    alert, ceiling = conf.unit_limits()
    number = take("unit", survey.code, ceiling, seconds)
    if number is None:
        services.record_anomaly(survey.unit_id, AnomalyKind.UNIT_CEILING, since)
        notice = _(
            "Too many answers for this service unit arrived in a short time. "
            "Please wait a few minutes and press Send again; your answers are kept below."
        )
        return notice, 429, form
    if number > alert:
        services.record_anomaly(survey.unit_id, AnomalyKind.UNIT_BURST, since)
    submission = services.submit_form_response(row, burst=number > alert)
    if submission.duplicate:
        return _sent_before(request, survey, submission)
    return _thanks(survey)


def _sent_before(request, survey, earlier: services.Submission):
    """This form's token was used: the same answers (a double tap) are thanked once more, other
    answers are refused with a fresh form to answer again."""
    if not earlier.changed:
        return _thanks(survey, again=True)
    limit, seconds = conf.rate_limit()
    since = dt.datetime.fromtimestamp(Window.now(seconds).start, dt.UTC)
    services.record_anomaly(survey.unit_id, AnomalyKind.TOKEN_REPLAY, since)
    return _render(request, "skm/public/already_sent.html", {"unit": survey}, status=409)


def _privacy() -> dict:
    return {"contact": conf.privacy_contact(), "years": conf.retention_years()}


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


def _thanks(unit, again: bool = False):
    """To the thank-you page; its own fragment replaces the form's ``#kesalahan`` and puts the
    focus on the thank-you heading. ``again``: the form had already been received."""
    query = "?sudah=1" if again else ""
    return redirect(reverse("survei:thanks", args=[unit.code]) + query + "#terima-kasih")


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
    context = {"unit": _survey(code), "again": request.GET.get("sudah") == "1"}
    return _render(request, "skm/public/thanks.html", context)
