"""What every ``companion`` command a person reads shares: it speaks their language (issue 17, ADR 0124).

``LanguageCommand`` adds ``--language id|en`` to a management command; without it the command speaks
``LANGUAGE_CODE`` (Bahasa Indonesia unless the settings say otherwise). The whole command, its
messages and its errors included, runs in that language.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation


class LanguageCommand(BaseCommand):
    """A management command that speaks the active language (``--language`` or ``LANGUAGE_CODE``)."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the output (default: LANGUAGE_CODE, Bahasa Indonesia).",
        )
        return parser

    def execute(self, *args, **options):
        with translation.override(options.get("language") or settings.LANGUAGE_CODE):
            return super().execute(*args, **options)
