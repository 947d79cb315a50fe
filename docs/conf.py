"""Sphinx configuration of the Bina ASN docs."""

import re
from pathlib import Path

project = "Bina ASN"
author = "Pemerintah Kota Sibolga (BKPSDM) and contributors"
release = re.search(r'__version__ = "([^"]+)"', (Path(__file__).parents[1] / "xblocks" / "__init__.py").read_text()).group(1)
language = "en"
extensions = []
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path = []
html_title = "Bina ASN documentation"
