"""WSGI entry point (gunicorn companion_service.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "companion_service.settings.production")
application = get_wsgi_application()
