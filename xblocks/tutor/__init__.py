"""The Tutor plugin ``bina``: installs Bina ASN into an Open edX deployment run by Tutor.

Loaded by Tutor through the ``tutor.plugin.v1`` entry point (``tutor plugins enable bina``); it
imports nothing from Django or Open edX, so it also works when the package is installed with
``--no-deps`` next to Tutor.
"""
