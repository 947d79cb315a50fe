"""The plugin app loaded as edx-platform loads it: edx-django-utils' plugin framework reads our
``lms.djangoapp`` / ``cms.djangoapp`` entry points and the app's ``plugin_app`` config.

``lms/envs/common.py`` and ``cms/envs/common.py`` extend INSTALLED_APPS with
``get_plugin_apps(project_type)`` and call ``add_plugins(__name__, project_type, settings_type)``
for the common and production settings; ``lms/urls.py`` and ``cms/urls.py`` extend their URL
patterns with ``get_plugin_url_patterns(project_type)``.
"""

import sys
import types

import pytest
from django.urls import URLResolver, resolve, reverse
from edx_django_utils.plugins import add_plugins, get_plugin_apps, get_plugin_url_patterns

LMS, CMS = "lms.djangoapp", "cms.djangoapp"
APP = "xblocks.bina_asn.apps.BinaAsnConfig"


@pytest.mark.parametrize("project_type", [LMS, CMS])
def test_the_app_is_a_plugin_app_of_both_projects(project_type):
    assert APP in get_plugin_apps(project_type)


def settings_module(name, **values):
    """A settings module as the platform's: importable by name, holding what the platform set."""
    module = types.ModuleType(name)
    module.__dict__.update(values)
    sys.modules[name] = module
    return module


@pytest.mark.parametrize("project_type", [LMS, CMS])
def test_common_settings_add_the_defaults_and_the_oauth2_scope(project_type):
    name = f"bina_test_settings_{project_type.split('.')[0]}_common"
    module = settings_module(name, OAUTH2_PROVIDER={"SCOPES": {"read": "Read"}})
    try:
        add_plugins(name, project_type, "common")
    finally:
        del sys.modules[name]
    assert module.BINA_ASN_API_SCOPE == "bina_asn:read"
    assert module.BINA_ASN_API_MAX_PAGE_SIZE == 500
    assert "bina_asn:read" in module.OAUTH2_PROVIDER["SCOPES"]
    assert not hasattr(module, "BINA_ASN_API_SERVICE_USERNAMES")


@pytest.mark.parametrize("project_type", [LMS, CMS])
def test_production_settings_read_the_operators_tokens(project_type):
    name = f"bina_test_settings_{project_type.split('.')[0]}_production"
    module = settings_module(
        name,
        BINA_ASN_API_SCOPE="bina_asn:read",
        BINA_ASN_API_MAX_PAGE_SIZE=500,
        ENV_TOKENS={"BINA_ASN_API_MAX_PAGE_SIZE": 200, "BINA_ASN_API_SCOPE": "sibolga:bina"},
    )
    try:
        add_plugins(name, project_type, "production")
    finally:
        del sys.modules[name]
    assert (module.BINA_ASN_API_MAX_PAGE_SIZE, module.BINA_ASN_API_SCOPE) == (200, "sibolga:bina")


def test_the_lms_mounts_the_plugin_api():
    patterns = get_plugin_url_patterns(LMS)
    ours = [p for p in patterns if isinstance(p, URLResolver) and p.namespace == "bina_asn"]
    assert len(ours) == 1
    assert ours[0].pattern.regex.pattern == r"^api/bina/"
    # The dev LMS builds its URLs the same way; the API resolves through them.
    assert reverse("bina_asn:v1:ideas") == "/api/bina/v1/ideas/"
    assert resolve("/api/bina/v1/assessment-attempts/").namespaces == ["bina_asn", "v1"]


def test_studio_gets_no_plugin_urls():
    """Studio loads the app (its models and settings) but serves no API: the companion reads the LMS."""
    assert [p for p in get_plugin_url_patterns(CMS) if getattr(p, "namespace", None) == "bina_asn"] == []
