"""Submitted attempts of the digital-skills assessment: services (writes) and selectors (reads)."""
