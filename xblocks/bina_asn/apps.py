"""Django app config, registered in the LMS and Studio through the edx-django-utils plugin framework."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BinaAsnConfig(AppConfig):
    """The plugin app: ``lms.djangoapp`` and ``cms.djangoapp`` entry points point here."""

    name = "xblocks.bina_asn"
    label = "bina_asn"
    verbose_name = _("Bina ASN")
    default_auto_field = "django.db.models.BigAutoField"

    # Read by edx_django_utils.plugins: mounts the REST API in the LMS and loads our settings.
    plugin_app = {
        "url_config": {
            "lms.djangoapp": {
                "namespace": "bina_asn",
                "regex": r"^api/bina/",
                "relative_path": "rest_api.urls",
            },
        },
        "settings_config": {
            "lms.djangoapp": {
                "common": {"relative_path": "settings.common"},
                "production": {"relative_path": "settings.production"},
            },
            "cms.djangoapp": {
                "common": {"relative_path": "settings.common"},
                "production": {"relative_path": "settings.production"},
            },
        },
    }
