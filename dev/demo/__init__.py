"""``make demo``: the demo story, entered through the code paths real data takes (``python -m dev.demo``)."""


class DemoError(Exception):
    """A problem the person running the demo can fix; the message says how."""
