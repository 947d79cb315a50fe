"""The guides' screenshots are the browser tests' own: none is taken by hand, none is missing.

``make screenshots`` retakes them into ``docs/screenshots``; this check ties the three together:
every image a guide shows exists, and every committed image is named by a browser test.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "screenshots"
FIGURE = re.compile(r"^\s*\.\. (?:figure|image):: (?:\.\./)*screenshots/([\w-]+)\.png\s*$", re.M)


def shown_in_guides() -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {}
    for page in sorted((REPO / "docs").rglob("*.rst")):
        for name in FIGURE.findall(page.read_text(encoding="utf-8")):
            shown.setdefault(name, []).append(str(page.relative_to(REPO)))
    return shown


def named_by_browser_tests() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "tests" / "browser").glob("*.py"))


def test_every_screenshot_a_guide_shows_exists_and_is_taken_by_a_browser_test():
    shown = shown_in_guides()
    assert shown, "no guide shows a screenshot: has the figure syntax changed?"
    tests = named_by_browser_tests()
    missing = {name: pages for name, pages in shown.items() if not (SCREENSHOTS / f"{name}.png").is_file()}
    untaken = sorted(name for name in shown if f'"{name}"' not in tests)
    assert missing == {}, f"guides show screenshots that are not in docs/screenshots: {missing}"
    assert untaken == [], f"no browser test takes these screenshots: {untaken}"


def test_every_committed_screenshot_is_taken_by_a_browser_test():
    tests = named_by_browser_tests()
    stray = sorted(path.name for path in SCREENSHOTS.glob("*.png") if f'"{path.stem}"' not in tests)
    assert stray == [], f"screenshots no browser test takes (stale or by hand): {stray}"
