"""The innovation-idea competition's domain logic: states, validation, services (writes), selectors (reads).

Blocks reach it only through ``xblocks.bina_asn.api``. Nothing here knows the user's language:
errors carry codes and parameters (``errors.InnovationError``) that the block turns into messages.
"""
