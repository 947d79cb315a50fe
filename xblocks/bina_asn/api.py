"""The plugin app's public Python interface (OEP-49).

Blocks and other apps call the functions listed in ``__all__`` and never reach into models,
services or selectors directly. Each block's issue adds its functions here.
"""

__all__: list[str] = []
