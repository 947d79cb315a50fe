"""Run several management commands in one Python process, each exactly as from the command line.

    python -m dev.command_batch lms|companion < commands.json   # [["manage_user", ...], ...]

``make demo`` steps that issue dozens of commands (accounts, SKM units, grade reports) use it so
that Django starts once instead of once per command. Each command goes through Django's
``ManagementUtility``, the code path of ``manage.py``: the same parsing, checks and errors. The
first command that fails stops the batch with exit 1, its error on stderr; the environment (secrets
read with ``--password-env``, settings) is the batch's, shared by its commands.
"""

from __future__ import annotations

import json
import os
import sys

SETTINGS = {"lms": "dev.lms.settings", "companion": "companion_service.settings.dev"}


def argv(side: str) -> list[str]:
    """The command line that runs a batch for ``side`` (``lms`` or ``companion``)."""
    return [sys.executable, "-m", "dev.command_batch", side]


def run(side: str, commands: list[list[str]]) -> int:
    """Run ``commands`` in order; 0 when all succeeded, else 1 (the rest are not run)."""
    if side == "lms":
        os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS["lms"]
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS["companion"])
    from django.core.management import ManagementUtility

    for command in commands:
        try:
            ManagementUtility([side, *command]).execute()
        except SystemExit as exc:
            if exc.code not in (0, None):
                print(f"{side} {command[0]} failed (exit {exc.code}); the batch stops here.", file=sys.stderr)
                return 1
    return 0


def main(args: list[str] | None = None) -> int:
    args = sys.argv[1:] if args is None else args
    if len(args) != 1 or args[0] not in SETTINGS:
        print("usage: python -m dev.command_batch lms|companion < commands.json", file=sys.stderr)
        return 2
    commands = json.load(sys.stdin)
    if not isinstance(commands, list) or not all(
        isinstance(command, list) and command and all(isinstance(part, str) for part in command)
        for command in commands
    ):
        print("command_batch: stdin must be a JSON list of argument lists of strings.", file=sys.stderr)
        return 2
    return run(args[0], commands)


if __name__ == "__main__":
    sys.exit(main())
