"""Fixtures for the partner workshop tests: a synced workshop with sessions relative to now."""

from datetime import UTC, datetime, timedelta

import pytest

from xblocks.bina_asn import api
from xblocks.bina_asn.data import WorkshopDefinition, WorkshopSessionDefinition

COURSE = "course-v1:KotaSibolga+ASN-DIGITAL+2026"
USAGE = "block-v1:KotaSibolga+ASN-DIGITAL+2026+type@bina_partner_workshop+block@uji"
# A fixed "now" so that windows and deadlines are exact in the tests.
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 09.00 WIB


def session_definition(key="sesi-1", **overrides):
    values = {
        "key": key,
        "title": f"Analisis data layanan ({key})",
        "starts_at": NOW + timedelta(days=2),
        "duration_minutes": 225,
        "capacity": 2,
        "kind": "workshop",
        "mode": "onsite",
        "location": "Aula BKPSDM Kota Sibolga",
    }
    values.update(overrides)
    return WorkshopSessionDefinition(**values)


def workshop_definition(*sessions, **overrides):
    values = {
        "course_id": COURSE,
        "usage_id": USAGE,
        "title": "Lokakarya mitra",
        "partner_name": "PT Teknologi Tapanuli (sintetis)",
        "partner_kind": "local_tech",
        "sessions": tuple(sessions) or (session_definition(),),
    }
    values.update(overrides)
    return WorkshopDefinition(**values)


@pytest.fixture
def sync(db):
    """Sync a definition at NOW and return the block's sessions by key."""

    def run(*sessions, **overrides):
        api.sync_workshop(workshop_definition(*sessions, **overrides), now=NOW)
        return {session.key: session for session in api.workshop_sessions(USAGE)}

    return run


@pytest.fixture
def learners(db):
    """Ten learners, peserta1 ... peserta10 (no password: these tests never sign in as them)."""
    from django.contrib.auth import get_user_model

    return [
        get_user_model().objects.create(username=f"peserta{i}", email=f"peserta{i}@contoh.go.id")
        for i in range(1, 11)
    ]
