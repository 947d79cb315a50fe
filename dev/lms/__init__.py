"""The dev LMS: the XBlock SDK workbench with our runtime, real users and the plugin app.

It is a real XBlock runtime on SQLite (PostgreSQL when ``BINA_LMS_DATABASE_URL`` is set) used by
``make demo``, the handler tests and the browser tests. It authenticates the companion exactly as
Open edX does: django-oauth-toolkit client credentials exchanged for a JWT at ``/oauth2/access_token``.
"""
