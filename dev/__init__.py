"""Development tools of Bina ASN: the dev LMS, ``make demo`` and the translation catalogs tool.

Never shipped: the wheel holds ``xblocks`` and ``companion_service`` only. This folder may use both
halves (it runs them side by side); neither half may import it.
"""
