"""Fixtures for browser tests: one Chromium per session, a fresh page per test."""

import pytest
from playwright.sync_api import sync_playwright

from tests.support import browser as chromium


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        instance = chromium.launch(playwright)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
