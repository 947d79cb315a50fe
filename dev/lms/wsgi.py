"""WSGI entry point of the dev LMS."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dev.lms.settings")
application = get_wsgi_application()
