"""The companion evaluation service: roster, sync from Open edX, SKM/IKM, and the evaluators' dashboard."""
