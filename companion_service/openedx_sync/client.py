"""The HTTP client the sync uses to read an Open edX LMS.

Authentication is edx-rest-api-client's ``OAuthAPIClient``: OAuth2 client credentials exchanged for
a JWT at ``/oauth2/access_token``, cached until shortly before it expires, sent as
``Authorization: JWT <token>``. Around it this client adds what a bulk pull over a real network needs:

- a timeout on every call (the library sets one only on the token call);
- retries with exponential back-off and full jitter on 5xx answers, time-outs, dropped connections
  and bodies that are not JSON (a truncated answer is usually a transient proxy failure);
- ``429 Too Many Requests`` honoured: it waits ``Retry-After`` (seconds or an HTTP date), capped;
- on a ``401`` it drops the cached token and fetches a new one, once per call (a token that expired
  or was revoked mid-run); a second ``401`` is an authentication error;
- pages: it detects the envelope from its keys (``{results, pagination: {next}}`` as the LMS's
  namespaced paginator renders it, ``{count, next, previous, results}`` from DRF's page-number
  paginator, ``{next, previous, results}`` from cursor paginators, or a bare list), follows ``next``
  exactly as given (only ever to the LMS's own host), and stops with an error when ``next`` leads back
  to a page already read;
- course keys in paths have ``+`` encoded as ``%2B``.

Every failure becomes an ``LmsError`` carrying the endpoint, the HTTP status (or None) and a message
the run history shows to administrators.
"""

from __future__ import annotations

import email.utils
import functools
import hashlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import jwt
import requests
from django.core.cache import cache as django_cache
from edx_django_utils.cache import RequestCache, TieredCache
from edx_rest_api_client.client import OAuthAPIClient, _get_oauth_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClientSettings:
    """Timeouts, retry limits and page sizes. Defaults suit a production LMS; tests shorten the waits."""

    connect_timeout: float = 5.0
    read_timeout: float = 60.0
    max_attempts: int = 5  # per call, for 5xx, time-outs, dropped connections and non-JSON bodies
    backoff_base: float = 1.0  # seconds; attempt n waits up to base * 2**(n-1), jittered
    backoff_cap: float = 60.0
    max_throttle_waits: int = 8  # 429 answers honoured per call
    max_retry_after: float = 300.0
    max_pages: int = 20_000  # per listing: a safety net beyond the loop check
    grades_page_size: int = 200
    completion_page_size: int = 500
    plugin_page_size: int = 500
    courses_page_size: int = 100


class LmsError(Exception):
    """A call to the LMS failed for good; ``endpoint``, ``status`` and ``message`` go to the run's errors."""

    def __init__(self, endpoint: str, status: int | None, message: str):
        super().__init__(f"{endpoint}: {message}")
        self.endpoint = endpoint
        self.status = status
        self.message = message

    def as_dict(self) -> dict:
        return {"endpoint": self.endpoint, "status": self.status, "message": self.message}


class LmsAuthError(LmsError):
    """The LMS refused the client credentials or the token."""


class LmsForbidden(LmsError):
    """The service user lacks the rights (global staff) for this endpoint."""


class LmsNotFound(LmsError):
    """404: the resource, or the whole endpoint (a plugin not installed), does not exist."""


class LmsUnavailable(LmsError):
    """5xx, time-outs or dropped connections went on after every retry."""


class MalformedPage(LmsError):
    """The answer is not JSON or not a page this client knows."""


class PaginationLoop(LmsError):
    """``next`` led back to a page already read."""


def encode_course_key(course_key: str) -> str:
    """A course key for a URL path: ``course-v1:edX%2BDemoX%2BDemo_Course`` (``/`` kept for old keys)."""
    return quote(course_key, safe=":/")


def endpoint_of(url: str) -> str:
    """The path of ``url`` (what the run history shows, without host and query)."""
    return urlsplit(url).path or "/"


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds: an integer, or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


@dataclass
class Page:
    """One page of a listing: its rows and the ``next`` link as the LMS gave it."""

    results: list
    next: str | None
    envelope: str  # "namespaced", "page-number", "cursor" or "list"
    digest: bytes = b""  # of the body as received


def parse_page(data, endpoint: str) -> Page:
    """Detect the envelope of a page from its keys; ``MalformedPage`` when it is none of them."""
    if isinstance(data, list):
        envelope, results, next_link = "list", data, None
    elif isinstance(data, dict) and isinstance(data.get("results"), list):
        results = data["results"]
        if isinstance(data.get("pagination"), dict):
            envelope, next_link = "namespaced", data["pagination"].get("next")
        elif "count" in data:
            envelope, next_link = "page-number", data.get("next")
        else:
            envelope, next_link = "cursor", data.get("next")
    else:
        keys = ", ".join(sorted(data)) if isinstance(data, dict) else type(data).__name__
        raise MalformedPage(endpoint, 200, f"the answer is not a page of results (it has: {keys})")
    if next_link is not None and not isinstance(next_link, str):
        raise MalformedPage(endpoint, 200, "the page's next link is not a URL")
    if not all(isinstance(row, dict) for row in results):
        raise MalformedPage(endpoint, 200, "the page's results are not all objects")
    return Page(results=results, next=next_link or None, envelope=envelope)


class _JwtSession(OAuthAPIClient):
    """OAuthAPIClient that can drop its cached token and fetch a new one (after a 401)."""

    def token_cache_key(self) -> str:
        # The key edx-rest-api-client's get_and_cache_oauth_access_token uses.
        oauth_url = _get_oauth_url(self._base_url)
        return f"edx_rest_api_client.access_token.jwt.client_credentials.{self._client_id}.{oauth_url}"

    def renew_token(self, refused: str | None, lock: threading.Lock) -> None:
        """Replace the token the LMS ``refused``, once for all threads sharing the cache.

        Under ``lock``: when another thread already cached a different token, use that one; else
        drop the cached token and fetch a new one. Each thread has its own request-cache tier, so
        the shared (Django cache) tier is the one compared.
        """
        key = self.token_cache_key()
        with lock:
            shared = django_cache.get(key)
            if shared is not None and shared[0] != refused:
                RequestCache().delete(key)  # this thread's copy is the stale one
            else:
                TieredCache.delete_all_tiers(key)
                self.auth.token = None
                self._ensure_authentication()


class LmsClient:
    """Reads one LMS. Thread-safe: each thread gets its own HTTP session, the token cache is shared."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        settings: ClientSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.client_id = client_id
        self._secret = client_secret
        self.settings = settings or ClientSettings()
        self._sleep = sleep
        self._rng = rng or random.Random()  # noqa: S311  (jitter, not security)
        self._local = threading.local()
        base = urlsplit(self.base_url)
        self._scheme, self._host = base.scheme, base.hostname
        self._netloc = base.netloc
        self.calls = 0  # HTTP calls made, for run statistics
        self.retries = 0
        self._count_lock = threading.Lock()
        self._renew_lock = threading.Lock()

    # -- sessions and tokens ------------------------------------------------------------------
    @property
    def session(self) -> _JwtSession:
        session = getattr(self._local, "session", None)
        if session is None:
            session = _JwtSession(
                self.base_url,
                self.client_id,
                self._secret,
                timeout=(self.settings.connect_timeout, self.settings.read_timeout),
            )
            session.headers["Accept"] = "application/json"
            self._local.session = session
        return session

    def close(self) -> None:
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()
            self._local.session = None

    def token_claims(self) -> dict:
        """The claims of the current JWT (not verified: the LMS checks it; we only read who we are)."""
        token = self._call(
            lambda: self.session.get_jwt_access_token(), self.base_url + "/oauth2/access_token"
        )
        try:
            return jwt.decode(token, options={"verify_signature": False})
        except jwt.InvalidTokenError:
            return {}

    def url(self, path: str) -> str:
        return self.base_url + path

    def _count(self, name: str) -> None:
        with self._count_lock:
            setattr(self, name, getattr(self, name) + 1)

    # -- one call ----------------------------------------------------------------------------
    def _backoff(self, attempt: int) -> None:
        ceiling = min(self.settings.backoff_cap, self.settings.backoff_base * 2 ** (attempt - 1))
        self._count("retries")
        self._sleep(self._rng.uniform(0, ceiling))

    def _call(self, do: Callable, url: str):
        """Run ``do`` (which may fetch a token) mapping token-endpoint failures to LmsErrors."""
        try:
            return do()
        except requests.HTTPError as exc:  # raised by the token call's raise_for_status
            status = exc.response.status_code if exc.response is not None else None
            if status in (400, 401, 403):
                raise LmsAuthError(
                    "/oauth2/access_token",
                    status,
                    "the LMS refused the client id or secret (check the OAuth2 application and its secret)",
                ) from exc
            raise

    def _get(self, url: str, params: dict | None, refused):
        if refused is not None:
            self.session.renew_token(refused, self._renew_lock)
        return self.session.get(
            url, params=params, timeout=(self.settings.connect_timeout, self.settings.read_timeout)
        )

    def get_json(self, url: str, params: dict | None = None):
        """GET ``url`` and return its JSON, with the retries, waits and token renewal described above."""
        return self.fetch(url, params)[0]

    def fetch(self, url: str, params: dict | None = None) -> tuple[object, bytes]:
        """Like ``get_json``, also returning the body as received (for fingerprints)."""
        endpoint = endpoint_of(url)
        attempts = throttled = 0
        renewed = False
        refused = None  # the token a 401 refused, to be replaced before the next attempt
        while True:
            attempts += 1
            self._count("calls")
            try:
                response = self._call(functools.partial(self._get, url, params, refused), url)
            except (requests.Timeout, requests.ConnectionError) as exc:
                if attempts >= self.settings.max_attempts:
                    kind = "timed out" if isinstance(exc, requests.Timeout) else "could not connect"
                    raise LmsUnavailable(
                        endpoint, None, f"{kind} after {attempts} attempts ({exc.__class__.__name__})"
                    ) from exc
                self._backoff(attempts)
                continue
            except requests.HTTPError as exc:  # the token endpoint answered 5xx
                status = exc.response.status_code if exc.response is not None else None
                if attempts >= self.settings.max_attempts:
                    raise LmsUnavailable(
                        "/oauth2/access_token", status, "the token endpoint kept failing"
                    ) from exc
                self._backoff(attempts)
                continue
            except requests.RequestException as exc:
                # e.g. a token answer that is not JSON, or a body cut off mid-transfer
                if attempts >= self.settings.max_attempts:
                    raise LmsUnavailable(
                        endpoint, None, f"the request failed: {exc.__class__.__name__}"
                    ) from exc
                self._backoff(attempts)
                continue
            status = response.status_code
            if status == 401:
                if renewed:
                    raise LmsAuthError(endpoint, 401, "the LMS refused a freshly issued token")
                renewed = True
                attempts -= 1
                refused = self.session.auth.token
                continue
            refused = None
            if status == 429:
                throttled += 1
                attempts -= 1
                if throttled > self.settings.max_throttle_waits:
                    raise LmsUnavailable(endpoint, 429, f"still throttled after {throttled - 1} waits")
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                if wait is None:
                    self._backoff(throttled)
                else:
                    self._count("retries")
                    self._sleep(min(wait, self.settings.max_retry_after))
                continue
            if status >= 500:
                if attempts >= self.settings.max_attempts:
                    raise LmsUnavailable(endpoint, status, f"the LMS answered {status} {attempts} times")
                self._backoff(attempts)
                continue
            if status == 403:
                raise LmsForbidden(
                    endpoint, 403, "the service user may not read this (it needs global staff in the LMS)"
                )
            if status == 404:
                raise LmsNotFound(endpoint, 404, "not found on this LMS")
            if status >= 400:
                raise LmsError(endpoint, status, f"the LMS refused the request: {_excerpt(response.text)}")
            try:
                return response.json(), response.content
            except ValueError:
                if attempts >= self.settings.max_attempts:
                    raise MalformedPage(
                        endpoint,
                        status,
                        f"the answer is not valid JSON (cut off?): {_excerpt(response.text)}",
                    ) from None
                self._backoff(attempts)

    # -- listings ----------------------------------------------------------------------------
    def _follow(self, current: str, next_link: str, endpoint: str) -> str:
        """The absolute URL of ``next``; only on the LMS's own host (a JWT never leaves it)."""
        target = urlsplit(urljoin(current, next_link))
        if target.hostname != self._host:
            raise MalformedPage(endpoint, 200, f"the next link leaves the LMS ({target.hostname})")
        if (target.scheme, target.netloc) != (self._scheme, self._netloc):
            # Same host behind a proxy that reports another scheme/port: keep our own, as configured.
            target = target._replace(scheme=self._scheme, netloc=self._netloc)
        return urlunsplit(target)

    def pages(self, path_or_url: str, params: dict | None = None) -> Iterator[Page]:
        """Every page of a listing, following ``next`` until it is null."""
        url = path_or_url if "://" in path_or_url else self.url(path_or_url)
        endpoint = endpoint_of(url)
        seen = set()
        count = 0
        while url:
            key = requests.Request("GET", url, params=params).prepare().url
            if key in seen:
                raise PaginationLoop(endpoint, 200, "the next link leads back to a page already read")
            seen.add(key)
            count += 1
            if count > self.settings.max_pages:
                raise MalformedPage(endpoint, 200, f"more than {self.settings.max_pages} pages; stopped")
            data, body = self.fetch(url, params)
            page = parse_page(data, endpoint)
            page.digest = hashlib.blake2b(body, digest_size=16).digest()
            yield page
            url = self._follow(key, page.next, endpoint) if page.next else None
            params = None

    # -- endpoints (``*_pages`` give pages with their digests; the others rows) -----------------
    def course_pages(self, username: str | None = None) -> Iterator[Page]:
        params = {"page_size": self.settings.courses_page_size}
        if username:
            params["username"] = username
        return self.pages("/api/courses/v1/courses/", params)

    def enrollment_pages(self, course_key: str) -> Iterator[Page]:
        return self.pages("/api/enrollment/v1/enrollments/", {"course_id": course_key})

    def grade_pages(self, course_key: str) -> Iterator[Page]:
        path = f"/api/grades/v1/courses/{encode_course_key(course_key)}/"
        return self.pages(path, {"page_size": self.settings.grades_page_size})

    def completion_pages(self, course_key: str) -> Iterator[Page]:
        path = f"/completion-aggregator/v1/course/{encode_course_key(course_key)}/"
        return self.pages(path, {"page_size": self.settings.completion_page_size})

    def plugin_pages(self, route: str, modified_since: datetime | None = None) -> Iterator[Page]:
        params = {"page_size": self.settings.plugin_page_size}
        if modified_since is not None:
            params["modified_since"] = modified_since.astimezone(UTC).isoformat().replace("+00:00", "Z")
        return self.pages(f"/api/bina/v1/{route}/", params)

    def courses(self, username: str | None = None) -> Iterator[dict]:
        return _rows(self.course_pages(username))

    def enrollments(self, course_key: str) -> Iterator[dict]:
        return _rows(self.enrollment_pages(course_key))

    def grades(self, course_key: str) -> Iterator[dict]:
        return _rows(self.grade_pages(course_key))

    def aggregated_completion(self, course_key: str) -> Iterator[dict]:
        return _rows(self.completion_pages(course_key))

    def plugin_rows(self, route: str, modified_since: datetime | None = None) -> Iterator[dict]:
        return _rows(self.plugin_pages(route, modified_since))

    def blocks_with_completion(self, course_key: str, username: str) -> dict:
        params = {
            "course_id": course_key,
            "username": username,
            "depth": "all",
            "requested_fields": "completion,children",
            "return_type": "dict",
        }
        data = self.get_json(self.url("/api/courses/v1/blocks/"), params)
        if not isinstance(data, dict) or not isinstance(data.get("blocks"), dict):
            raise MalformedPage("/api/courses/v1/blocks/", 200, "the answer has no blocks")
        return data

    def certificate(self, username: str, course_key: str) -> dict | None:
        """The learner's certificate in a course, or None when there is none."""
        path = (
            f"/api/certificates/v0/certificates/{quote(username, safe='')}/courses/"
            f"{encode_course_key(course_key)}/"
        )
        try:
            data = self.get_json(self.url(path))
        except LmsNotFound:
            return None
        if not isinstance(data, dict):
            raise MalformedPage(endpoint_of(path), 200, "the certificate is not an object")
        return data

    def assessment_analysis(self, course_key: str) -> dict:
        """Item analysis and cohort gains of a course's assessments (plugin API v1; one object)."""
        path = "/api/bina/v1/assessment-analysis/"
        data = self.get_json(self.url(path), {"course_id": course_key})
        if not isinstance(data, dict) or not isinstance(data.get("blocks"), list):
            raise MalformedPage(path, 200, "the assessment analysis is not an object with blocks")
        return data

    def plugin_root(self) -> dict:
        data = self.get_json(self.url("/api/bina/v1/"))
        if not isinstance(data, dict):
            raise MalformedPage("/api/bina/v1/", 200, "the API root is not an object")
        return data


def _rows(pages: Iterator[Page]) -> Iterator[dict]:
    for page in pages:
        yield from page.results


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit] + "..."
