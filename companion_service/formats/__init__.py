"""How the companion writes dates, times and numbers: Indonesian conventions in both languages.

``FORMAT_MODULE_PATH`` points here; ``id/formats.py`` and ``en/formats.py`` override only what
differs from Django's own locale formats. Helpers for code and templates are in ``display.py``
(templates: ``{% load bina_formats %}`` then ``|wib``, ``|number``, ``|percent``).
"""
