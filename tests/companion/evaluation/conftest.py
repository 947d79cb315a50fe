"""Fixtures of the evaluation tests: the golden dataset, refreshed, and the scopes of each role."""

import pytest

from companion_service.accounts.api import Scope
from companion_service.evaluation.refresh import refresh

from . import golden


@pytest.fixture
def data(db):
    built = golden.build()
    run = refresh("test")
    assert run.status == "ok", run.error
    return built


@pytest.fixture
def everything():
    return Scope.everything()


@pytest.fixture
def opd_a(data):
    return Scope.for_opds([data.opds["A"]])


@pytest.fixture
def opd_b(data):
    return Scope.for_opds([data.opds["B"]])
