"""``python -m dev.starter_course [--output PATH]``: write the starter course's import archive."""

import argparse
from pathlib import Path

from . import ARCHIVE_NAME, COURSE_KEY, build

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=REPO / "dist" / ARCHIVE_NAME)
    path = build(parser.parse_args().output)
    print(f"{path} ({path.stat().st_size:,} bytes): import it in Studio into a course such as {COURSE_KEY}")


if __name__ == "__main__":
    main()
