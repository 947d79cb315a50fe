"""The sync from Open edX: LMS connections, the client, sync runs and the records they bring.

Courses, enrollments, grades and completion come from the LMS's REST APIs; assessment attempts,
ideas and workshop records from our plugin's API v1 (``docs/reference/plugin-api-v1.rst``). The LMS
is the source; the companion only reads it.
"""
