"""Fixtures for the innovation competition: a block's rules, actors, and ideas made through the services."""

from dataclasses import replace

import pytest

from xblocks.bina_asn import api
from xblocks.bina_asn.data import Actor, InnovationRules, RubricCriterion
from xblocks.bina_asn.innovation import states

COURSE = "course-v1:KotaSibolga+ASN-DIGITAL+2026"
USAGE = "kompetisi-ide.bina_innovation.d0.u0"

RUBRIC = (
    RubricCriterion("kebaruan", "Kebaruan", 30),
    RubricCriterion("manfaat", "Manfaat", 40),
    RubricCriterion("replikasi", "Dapat direplikasi", 30),
)

COMPLETE = {
    "title": "Antrean daring layanan KTP-el",
    "opd_code": "DISDUKCAPIL",
    "service_name": "Perekaman KTP-el",
    "category": "pelayanan-publik",
    "is_digital": True,
    "problem": "Warga antre sejak subuh dan sering pulang tanpa dilayani.",
    "solution": "Nomor antrean diambil lewat WhatsApp dengan jam datang yang pasti.",
    "novelty": "Belum ada antrean daring di Sibolga.",
    "significance": "Mengurangi waktu tunggu warga.",
    "transferability": "Bisa dipakai di semua loket layanan.",
    "resources": "Satu operator dan nomor WhatsApp kantor.",
    "impact": "Waktu tunggu turun dari 3 jam menjadi 30 menit.",
    "target_minutes_saved": 150,
    "target_citizens": 12000,
}


@pytest.fixture(autouse=True)
def city_units(db):
    """The operator imported the city's units file into the LMS (the blocks offer its OPDs)."""
    from dev.demo.city import units_csv

    report = api.import_units(units_csv().encode("utf-8"))
    assert report.errors == []


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """These tests create many users; a fast hasher keeps them quick (login is not what they test)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def rules():
    return InnovationRules(
        course_id=COURSE,
        usage_id=USAGE,
        support_budget=3,
        max_ideas_per_learner=3,
        enabled_states=states.enabled_states(states.OPTIONAL_STATES),
        rubric=RUBRIC,
        score_scale=5,
        jury={"juri_mitra": "", "juri_dinkes": "DINKES"},
        opds={"DISDUKCAPIL": "Dinas Kependudukan dan Pencatatan Sipil", "DINKES": "Dinas Kesehatan"},
        categories={"pelayanan-publik": "Inovasi pelayanan publik", "tata-kelola": "Inovasi tata kelola"},
        category_forms={"pelayanan-publik": "public_service", "tata-kelola": "governance"},
    )


def actor_for(user, *, staff=False):
    return Actor(user_id=user.pk, username=user.username, full_name=user.get_full_name(), is_staff=staff)


@pytest.fixture
def people(make_user):
    """Learners ani (author), budi, citra; staff pelatih; partner juror juri_mitra; juror from DINKES."""
    users = {name: make_user(name) for name in ("ani", "budi", "citra", "juri_mitra", "juri_dinkes")}
    users["pelatih"] = make_user("pelatih", course_staff=True)
    users["ani"].first_name, users["ani"].last_name = "Ani", "Siregar"
    users["ani"].save()
    return {name: actor_for(user, staff=(name == "pelatih")) for name, user in users.items()}


@pytest.fixture
def submitted(rules, people):
    """A complete idea by ani, submitted."""
    return api.save_idea(rules, people["ani"], COMPLETE, submit=True)


def with_rules(rules, **changes):
    return replace(rules, **changes)
