"""Tests of the digital-skills assessment block and its plugin tables."""
