"""Bina ASN: everything that runs inside Open edX (the three XBlocks, the plugin app, the dev LMS)."""

__version__ = "0.1.0"
