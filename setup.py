"""Bina ASN: Open edX XBlocks and a companion evaluation service for Kota Sibolga's civil servants."""

import re
from pathlib import Path

from setuptools import find_namespace_packages, setup

HERE = Path(__file__).parent


def version():
    """Read the version from xblocks/__init__.py without importing the package."""
    text = (HERE / "xblocks" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


# What runs inside Open edX (the platform already ships these; ranges stay loose).
INSTALL_REQUIRES = [
    "Django>=5.2,<6",
    "XBlock>=6.1,<7",
    "djangorestframework>=3.15",
    "edx-drf-extensions>=10.0",
    "edx-django-utils>=5.0",  # the plugin framework that loads our app into the LMS and Studio
    "edx-opaque-keys>=2.10",
    "icalendar>=5.0",  # partner workshop: .ics entries (edx-platform's calendar sync uses it too)
    "numpy>=1.26",  # assessment item analysis and cohort gains (edx-platform pins numpy 1.26.4; ADR 0112)
]

EXTRAS = {
    # The dev LMS: the XBlock SDK workbench plus what the LMS uses for service auth.
    "devlms": [
        "xblock-sdk>=0.15,<0.16",
        "django-oauth-toolkit>=3.0,<4",
        "django-environ>=0.12,<1",
        "requests>=2.32",
    ],
    # The companion evaluation service.
    "companion": [
        "django-environ>=0.12,<1",
        "edx-rest-api-client>=6.0,<8",
        # Sign-in through the LMS as Open edX's own services do it (ADR 0141).
        "edx-auth-backends>=5.1,<6",
        "social-auth-app-django>=8.0,<9",
        "social-auth-core>=7.0,<8",
        "cryptography>=42",
        "drf-spectacular>=0.28,<1",
        "openpyxl>=3.1,<4",
        "segno>=1.6,<2",
        "weasyprint>=63",
        "psycopg[binary]>=3.2,<4",
        "whitenoise>=6.8,<7",
        "gunicorn>=23",
        "requests>=2.32",
        "numpy>=2.0,<3",
        "scipy>=1.13,<2",
        "pypdf>=6,<8",  # certificates: a PDF is checked by opening it (ADR 0142)
        "pillow>=10",  # certificates: an image is checked by decoding it (weasyprint needs it too)
        "django-axes>=8.0,<9",  # password sign-in throttling (ADR 0102)
        # Background work as Open edX does it: Celery with Redis as broker and cache (ADR 0130).
        "celery[redis]>=5.5,<6",
    ],
    # Everything the tests, quality checks, docs and benchmarks need.
    "dev": [
        "pytest>=8.3,<10",
        "pytest-django>=4.9,<5",
        "playwright>=1.49,<2",
        "ruff>=0.8,<1",
        "polib>=1.2,<2",
        "sphinx>=8,<10",
        "xblock-poll>=1.14,<2",
        "tutor>=22,<23",
        # Callaway & Sant'Anna's group-time ATT: the impact estimate is checked against it (ADR 0092).
        "csdid>=0.4.3,<0.5",
    ],
}

setup(
    name="bina-asn",
    version=version(),
    description=(
        "Open edX XBlocks (digital-skills assessment, innovation competition, partner workshops) "
        "and a companion service that evaluates ASN training against citizen satisfaction (SKM/IKM)."
    ),
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    author="Pemerintah Kota Sibolga (BKPSDM) and contributors",
    license="AGPL-3.0",
    python_requires=">=3.12",
    # Namespace discovery also lists the data folders (templates, static, locale) as packages.
    packages=find_namespace_packages(include=["xblocks*", "companion_service*"]),
    include_package_data=True,
    zip_safe=False,
    install_requires=INSTALL_REQUIRES,
    extras_require=EXTRAS,
    entry_points={
        "xblock.v1": [
            # Prefixed tags: duplicates across installed packages raise AmbiguousPluginError.
            # The blocks register here as their issues land.
            "bina_partner_workshop = xblocks.partner_workshop.block:PartnerWorkshopBlock",
            "bina_digital_skills = xblocks.digital_skills.block:DigitalSkillsBlock",
            "bina_innovation = xblocks.innovation.block:InnovationBlock",
        ],
        "lms.djangoapp": ["bina_asn = xblocks.bina_asn.apps:BinaAsnConfig"],
        "cms.djangoapp": ["bina_asn = xblocks.bina_asn.apps:BinaAsnConfig"],
        # A "JP saya" link in every course's tabs (ADR 0144).
        "openedx.course_tab": ["bina_jp_saya = xblocks.bina_asn.course_tab:JpSayaCourseTab"],
        "console_scripts": ["companion = companion_service.manage:main"],
        "tutor.plugin.v1": ["bina = xblocks.tutor.plugin"],
    },
    classifiers=[
        "Framework :: Django :: 5.2",
        "Programming Language :: Python :: 3.12",
        "Natural Language :: Indonesian",
        "Natural Language :: English",
    ],
)
