"""The client against a misbehaving LMS on loopback: retries, waits, token renewal, honest errors."""

import random
import time
from email.utils import formatdate

import pytest

from companion_service.openedx_sync.client import (
    LmsAuthError,
    LmsClient,
    LmsForbidden,
    LmsNotFound,
    LmsUnavailable,
    MalformedPage,
    PaginationLoop,
    retry_after_seconds,
)
from tests.support.fake_lms import Fault, LmsData

from .conftest import FAST, client_for

KEY = "course-v1:KotaSibolga+ASN-DIGITAL+2026"


def enrollments(n, key=KEY):
    return [
        {
            "course_id": key,
            "is_active": True,
            "mode": "audit",
            "user": f"asn{i:04d}",
            "created": "2026-01-05T01:00:00Z",
        }
        for i in range(n)
    ]


def data(n=250):
    return LmsData(enrollments={KEY: enrollments(n)})


def usernames(client):
    return [row["user"] for row in client.enrollments(KEY)]


def test_pages_are_followed_and_the_key_is_encoded(start_lms, db):
    lms = start_lms(data(250))
    client = client_for(lms)
    assert usernames(client) == [f"asn{i:04d}" for i in range(250)]
    calls = lms.requests_to("/api/enrollment/")
    assert len(calls) == 3
    assert all("%2BASN-DIGITAL%2B2026" in path and "+" not in path for _, path, _ in calls)


def test_the_newest_lms_page_number_envelope(start_lms, db):
    lms = start_lms(LmsData(enrollments={KEY: enrollments(150)}, enrollment_envelope="page-number"))
    assert len(usernames(client_for(lms))) == 150


@pytest.mark.parametrize("kind", ["500", "502", "503", "timeout", "drop", "truncate", "html"])
def test_transient_faults_are_retried(start_lms, db, kind):
    lms = start_lms(data(250), [Fault(r"/api/enrollment/.*cursor", kind, times=2)])
    client = client_for(lms)
    assert len(usernames(client)) == 250
    assert client.retries == 2


@pytest.mark.parametrize(("kind", "status"), [("500", 500), ("timeout", None), ("drop", None)])
def test_faults_that_go_on_end_in_an_honest_error(start_lms, db, kind, status):
    lms = start_lms(data(), [Fault("/api/enrollment/", kind, times=-1, delay=0.8)])
    with pytest.raises(LmsUnavailable) as raised:
        usernames(client_for(lms))
    assert raised.value.endpoint == "/api/enrollment/v1/enrollments/"
    assert raised.value.status == status
    assert "4" in raised.value.message  # attempts


def test_json_cut_off_for_good_is_a_malformed_page(start_lms, db):
    lms = start_lms(data(), [Fault("/api/enrollment/", "truncate", times=-1)])
    with pytest.raises(MalformedPage, match="not valid JSON"):
        usernames(client_for(lms))


def test_a_page_of_the_wrong_shape_is_not_retried(start_lms, db):
    lms = start_lms(data(), [Fault("/api/enrollment/", "malformed")])
    client = client_for(lms)
    with pytest.raises(MalformedPage, match="not a page of results"):
        usernames(client)
    assert client.retries == 0


def test_429_waits_retry_after(start_lms, db):
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        time.sleep(seconds)

    lms = start_lms(data(250), [Fault("/api/enrollment/", "429", times=1, skip=1, retry_after="1")])
    client = client_for(lms, sleep=sleep)
    started = time.monotonic()
    assert len(usernames(client)) == 250
    assert waits == [1.0]
    assert time.monotonic() - started >= 1.0
    assert [status for _, _, status in lms.requests_to("/api/enrollment/")] == [200, 429, 200, 200]


def test_retry_after_as_a_date_and_capped(start_lms, db):
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds(formatdate(time.time() + 30, usegmt=True)) == pytest.approx(30, abs=2)
    assert retry_after_seconds("not a date") is None
    waits = []
    lms = start_lms(data(50), [Fault("/api/enrollment/", "429", retry_after="3600")])
    client = client_for(lms, sleep=waits.append)
    usernames(client)
    assert waits == [FAST.max_retry_after]


def test_throttled_for_ever_gives_up(start_lms, db):
    lms = start_lms(data(50), [Fault("/api/enrollment/", "429", times=-1, retry_after="0")])
    with pytest.raises(LmsUnavailable) as raised:
        usernames(client_for(lms))
    assert raised.value.status == 429


def test_a_token_that_expires_mid_run_is_renewed_once(start_lms, db):
    lms = start_lms(data(350), [Fault(r"/api/enrollment/.*cursor", "expire_token", skip=1)])
    assert len(usernames(client_for(lms))) == 350
    assert len(lms.requests_to("/oauth2/access_token")) == 2
    assert [status for _, _, status in lms.requests_to("/api/enrollment/")] == [200, 200, 401, 200, 200]


def test_a_token_refused_twice_is_an_authentication_error(start_lms, db):
    lms = start_lms(data(), [Fault("/api/enrollment/", "expire_token", times=-1)])
    with pytest.raises(LmsAuthError, match="freshly issued token"):
        usernames(client_for(lms))


def test_wrong_secret_is_an_authentication_error(start_lms, db):
    lms = start_lms(data())
    with pytest.raises(LmsAuthError) as raised:
        usernames(client_for(lms, secret="salah"))
    assert raised.value.endpoint == "/oauth2/access_token"
    assert raised.value.status == 401


def test_token_endpoint_errors_are_retried(start_lms, db):
    lms = start_lms(data(50), [Fault("/oauth2/access_token", "503", times=2)])
    assert len(usernames(client_for(lms))) == 50


def test_an_empty_page_in_the_middle_loses_nothing(start_lms, db):
    lms = start_lms(data(250), [Fault(r"/api/enrollment/.*cursor", "empty")])
    assert len(usernames(client_for(lms))) == 250


def test_a_next_that_loops_is_detected(start_lms, db):
    lms = start_lms(data(250), [Fault(r"/api/enrollment/.*cursor", "loop")])
    with pytest.raises(PaginationLoop):
        usernames(client_for(lms))
    assert len(lms.requests_to("/api/enrollment/")) == 2


def test_next_never_leaves_the_lms_host(start_lms, db):
    lms = start_lms(data(250))
    client = LmsClient(lms.url.replace("127.0.0.1", "localhost"), "bina-companion", "rahasia-uji", FAST)
    with pytest.raises(MalformedPage, match="leaves the LMS"):
        usernames(client)


def test_403_and_404_are_told_apart(start_lms, db):
    lms = start_lms(data(), [Fault("/api/enrollment/", "403")])
    with pytest.raises(LmsForbidden, match="global staff"):
        usernames(client_for(lms))
    with pytest.raises(LmsNotFound):
        list(client_for(lms).grades("course-v1:Nope+X+1"))


def test_backoff_is_jittered_within_its_ceiling():
    waits = []
    client = LmsClient("http://127.0.0.1:9", "x", "y", FAST, sleep=waits.append, rng=random.Random(4))
    for attempt in range(1, 6):
        client._backoff(attempt)
    ceilings = [min(FAST.backoff_cap, FAST.backoff_base * 2 ** (n - 1)) for n in range(1, 6)]
    assert all(0 <= w <= c for w, c in zip(waits, ceilings, strict=True))
    assert len(set(waits)) == 5
