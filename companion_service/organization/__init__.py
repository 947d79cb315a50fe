"""The city's structure: OPDs (organisasi perangkat daerah, city departments) and their service units.

Shared by the roster (which ASN works in which OPD), the SKM survey (which unit citizens rate) and
the evaluation (which units' staff were trained).
"""
