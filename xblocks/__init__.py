"""Bina ASN: everything that runs inside Open edX (the three XBlocks, their kit, the plugin app)."""

__version__ = "0.1.0"
