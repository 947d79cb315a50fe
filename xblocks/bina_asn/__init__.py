"""The Bina ASN plugin app: the shared tables behind our blocks and the REST API the companion reads.

Cross-learner state (assessment attempts, ideas, supports, jury scores, workshop seats) lives here,
in real tables with unique constraints and atomic updates, never in XBlock user_state_summary fields.
"""
