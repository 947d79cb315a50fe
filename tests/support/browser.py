"""Debian's Chromium driven by Playwright, and axe-core for accessibility checks."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
SERIOUS = ("serious", "critical")


def launch(playwright):
    """Start Debian's Chromium (never a downloaded browser); Playwright gives it a fresh profile."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def axe_violations(page, impacts=SERIOUS) -> list[dict]:
    """Run axe-core on the page; return the violations of the given impacts, compactly described."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in impacts
    ]


def sign_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in through the login form with the keyboard, as a user would."""
    page.goto(f"{base_url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")


REPO = Path(__file__).resolve().parents[2]
# The guides' screenshots: written into docs/ by ``make screenshots`` only, so that ``make test``
# leaves the working tree clean; other runs save them under var/ (the same code path is exercised).
SCREENSHOTS = REPO / ("docs" if os.environ.get("BINA_SCREENSHOTS") else "var") / "screenshots"


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Save what the user sees as ``<SCREENSHOTS>/<name>.png`` (``docs/screenshots`` for the guides)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")
    return path
