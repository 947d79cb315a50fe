"""Settings of the companion service: ``base`` (shared), ``dev``, ``production`` and ``test``."""
