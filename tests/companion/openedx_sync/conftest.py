"""Fixtures for the sync: a fake LMS on loopback and a client with short waits."""

import pytest
from edx_django_utils.cache import TieredCache

from companion_service.openedx_sync.client import ClientSettings, LmsClient
from tests.support.fake_lms import FakeLms, LmsData

# Short waits so fault tests take seconds, with the same logic as production settings.
FAST = ClientSettings(
    connect_timeout=1.0,
    read_timeout=0.5,
    max_attempts=4,
    backoff_base=0.01,
    backoff_cap=0.05,
    max_retry_after=2.0,
)


@pytest.fixture(autouse=True)
def fresh_token_cache():
    """Tokens are cached per LMS URL; ports get reused between tests."""
    TieredCache.dangerous_clear_all_tiers()
    yield
    TieredCache.dangerous_clear_all_tiers()


@pytest.fixture
def start_lms():
    """Start fake LMSes for a test; all stop at its end."""
    running = []

    def start(data: LmsData | None = None, faults=None, **kwargs) -> FakeLms:
        lms = FakeLms(data or LmsData(), faults, **kwargs).__enter__()
        running.append(lms)
        return lms

    yield start
    for lms in running:
        lms.__exit__(None, None, None)


def client_for(lms, settings=FAST, secret=None, **kwargs) -> LmsClient:
    return LmsClient(lms.url, lms.data.client_id, secret or lms.data.client_secret, settings, **kwargs)
