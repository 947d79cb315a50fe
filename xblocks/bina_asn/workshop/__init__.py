"""The partner workshop domain of the plugin app: seats, waiting lists, attendance, JP and reactions.

``services`` writes (every seat change under a lock on the workshop row), ``selectors`` reads,
``jp`` holds the JP rules. Blocks reach these through ``xblocks.bina_asn.api``.
"""
