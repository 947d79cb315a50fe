"""Views of the evaluation: pages, downloads and PDF reports (thin: filters in, selectors, render)."""
