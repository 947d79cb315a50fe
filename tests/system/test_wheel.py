"""The wheel that goes into the LMS image: the blocks and the plugin app, no development tools, and
nothing beyond edx-platform's own requirements for them to import and load.

The wheel is built as ``pip wheel .`` builds it and installed into a fresh virtualenv with only the
packages edx-platform itself ships for XBlocks and plugin apps (XBlock, Django 5.2, DRF,
edx-drf-extensions, edx-django-utils, edx-opaque-keys; pip's cache makes this quick). There the
three blocks load from their ``xblock.v1`` entry points and the plugin app joins a Django project
through edx-django-utils' plugin framework, migrates and serves its URLs.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PLATFORM_REQUIREMENTS = [
    "XBlock>=6.1,<7",
    "Django>=5.2,<6",
    "djangorestframework",
    "edx-drf-extensions",
    "edx-django-utils",
    "edx-opaque-keys",
]
pytestmark = pytest.mark.slow

CHECK = textwrap.dedent(
    """
    import importlib.util, json
    import django
    from django.conf import settings
    from edx_django_utils.plugins import get_plugin_apps, get_plugin_url_patterns

    settings.configure(
        SECRET_KEY="wheel-check-only",
        INSTALLED_APPS=[
            "django.contrib.auth", "django.contrib.contenttypes", *get_plugin_apps("lms.djangoapp")
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        ROOT_URLCONF=__name__,
        BINA_ASN_API_MAX_PAGE_SIZE=500,
        USE_TZ=True,
    )
    django.setup()
    urlpatterns = get_plugin_url_patterns("lms.djangoapp")

    from django.core.management import call_command
    from django.urls import reverse
    from xblock.core import XBlock

    call_command("migrate", verbosity=0)
    blocks = {tag: XBlock.load_class(tag).__name__
              for tag in ("bina_digital_skills", "bina_innovation", "bina_partner_workshop")}
    import xblocks.bina_asn.api
    print(json.dumps({
        "blocks": blocks,
        "api": reverse("bina_asn:v1:ideas"),
        "dev": importlib.util.find_spec("dev") is not None,
        "devlms": importlib.util.find_spec("xblocks.devlms") is not None,
    }))
    """
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "-w", str(folder), "--no-deps", "-q"],
        check=True,
        capture_output=True,
    )
    return next(folder.glob("bina_asn-*.whl"))


def test_the_wheel_holds_the_two_halves_and_no_development_tools(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.endswith(".dist-info/") and "/" in name}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"xblocks", "companion_service"}
    assert [n for n in names if "devlms" in n or "/demo" in n or "demo_data" in n or "catalogs" in n] == []
    assert (
        "xblocks/common/handlers.py" in names
        and "xblocks/bina_asn/migrations/0007_organization_units.py" in names
    )


def test_a_fresh_environment_with_the_platforms_packages_loads_blocks_and_app(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel), *PLATFORM_REQUIREMENTS],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    assert (
        subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, check=False).returncode == 0
    )
    result = subprocess.run(
        [str(python), "-c", CHECK], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
    import json

    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {
        "blocks": {
            "bina_digital_skills": "DigitalSkillsBlock",
            "bina_innovation": "InnovationBlock",
            "bina_partner_workshop": "PartnerWorkshopBlock",
        },
        "api": "/api/bina/v1/ideas/",
        "dev": False,
        "devlms": False,
    }
