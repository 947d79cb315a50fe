"""Small pieces: JP from an effort text, encrypted secrets, the scheduled sync of every connection."""

import pytest
from cryptography.fernet import Fernet

from companion_service.openedx_sync import secrets
from companion_service.openedx_sync.channels import effort_minutes, is_klasikal, jp_from_effort
from companion_service.openedx_sync.tasks import sync_active_connections

from .conftest import lms_data


@pytest.mark.parametrize(
    ("effort", "minutes", "jp"),
    [
        ("6 hours", 360, 8),
        ("06:30", 390, 9),
        ("15:00", 900, 20),
        ("1:30:00", 90, 2),
        ("90 minutes", 90, 2),
        ("6 jam 30 menit", 390, 9),
        ("1,5 jam", 90, 2),
        ("4-6 hours", 240, 6),
        ("45 menit", 45, 1),
        ("", None, None),
        ("self-paced", None, None),
        ("00:00", None, None),
    ],
)
def test_jp_from_effort(effort, minutes, jp):
    assert effort_minutes(effort) == minutes
    assert jp_from_effort(effort) == jp


def test_channels():
    assert is_klasikal("workshop") and is_klasikal("seminar")
    assert not is_klasikal("e_learning")


def test_secrets_round_trip_and_rotation(settings):
    token = secrets.encrypt("rahasia")
    assert "rahasia" not in token and secrets.decrypt(token) == "rahasia"
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.COMPANION_SECRETS_KEYS = [old]
    token = secrets.encrypt("rahasia")
    settings.COMPANION_SECRETS_KEYS = [new, old]  # rotation: the new key first, the old one still reads
    assert secrets.decrypt(token) == "rahasia"
    settings.COMPANION_SECRETS_KEYS = [new]
    with pytest.raises(secrets.SecretUnreadable, match="enter it again"):
        secrets.decrypt(token)


def test_scheduled_sync_of_every_active_connection(start_lms, connection_to, roster):
    from companion_service.openedx_sync.models import LmsConnection

    connection_to(start_lms(lms_data()))
    LmsConnection.objects.create(name="Grade reports only", base_url="", client_id="")
    LmsConnection.objects.create(name="Off", base_url="http://127.0.0.1:9", client_id="x", is_active=False)
    results = sync_active_connections()
    assert [r["status"] for r in results] == ["ok"]
    assert LmsConnection.objects.get(name="LMS Kota Sibolga").runs.get().trigger == "schedule"
