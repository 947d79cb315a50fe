"""``make demo``: the demo story, entered through the code paths real data takes (``python -m dev.demo``)."""
