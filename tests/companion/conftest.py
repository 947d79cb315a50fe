"""Fixtures for the companion suite (settings: companion_service.settings.test; SQLite or PostgreSQL)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "kata-sandi-uji-123"


@pytest.fixture
def make_user(db):
    """Create a companion user holding the given role codes."""

    def make(username, *roles, superuser=False):
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@contoh.go.id", password=PASSWORD, is_superuser=superuser
        )
        for role in roles:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return make
