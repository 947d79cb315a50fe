"""Accounts of the companion: roles (administrator, evaluator, OPD head, partner) as Django groups."""
