"""What the conformance suite needs to know of each block, and nothing more.

A block joins the suite with one ``BlockCase``: how an author fills its Studio editor (a realistic,
large payload), how a learner leaves data in its plugin tables, and how to read those rows back.
``test_registry`` fails when an installed ``bina_`` block has no case, so none is forgotten.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from webob import Request

WIB = ZoneInfo("Asia/Jakarta")
# Fields every XBlock has (XBlock core), not the block's own content or settings.
CORE_FIELDS = {"name", "tags", "parent", "children"}


def call(runtime, block, handler: str, data=None, *, method: str = "POST", suffix: str = ""):
    """Run a handler as the runtime's user would over HTTP: (status, JSON body or None)."""
    body = json.dumps(data if data is not None else {}).encode()
    request = Request.blank(f"/{handler}", method=method, body=body, content_type="application/json")
    response = runtime.handle(block, handler, request, suffix)
    parsed = None
    if response.body and (response.content_type or "").endswith("json"):
        parsed = json.loads(response.body)
    return response.status_code, parsed


@dataclass(frozen=True)
class BlockCase:
    """One block's entry in the conformance suite."""

    tag: str
    save_handler: str
    author_payload: Callable[..., dict]  # a realistic Studio editor payload; large=True: the big case
    display_name_path: tuple[str, ...]  # where the payload holds the display name
    learner_action: Callable  # (runtime, block) -> None: leave rows in the plugin tables
    rows: Callable[[str], list]  # usage id -> the block's plugin rows, each (id, course id, ...)
    extra_fields: dict = field(default_factory=dict)  # fields the editor does not set

    def payload_named(self, payload: dict, name: str) -> dict:
        changed = copy.deepcopy(payload)
        target = changed
        for key in self.display_name_path[:-1]:
            target = target[key]
        target[self.display_name_path[-1]] = name
        return changed


# -------------------------------------------------------------------------------- digital skills


def _assessment_payload(large: bool = False) -> dict:
    from xblocks.digital_skills.resources import STARTER_BANK

    bank = []
    for copy_number in range(3 if large else 1):  # large: 336 items (the limit is 400), some 200 kB
        for item in STARTER_BANK:
            clone = copy.deepcopy(item)
            clone["id"] = f"{item['id']}-v{copy_number}"
            clone["stem"] = f"{item['stem']} (versi {copy_number}) <b>&</b> “kutipan”"
            bank.append(clone)
    return {
        "settings": {
            "display_name": "Asesmen literasi digital (uji konformitas)",
            "instructions": "Jawab semua butir.\nTidak ada batas waktu; <em>jujurlah</em> & santai.",
            "mode": "pre",
            "pairing_key": "literasi-digital-konformitas",
            "attempts_allowed": 2,
            "items_per_pillar": 3,
            "shuffle_items": True,
            "shuffle_options": False,
            "pass_threshold": 70,
            "weight": 2.5,
            "show_answers": "after_attempt",
        },
        "recommendations": {
            "aman": [{"title": "Panduan keamanan siber BSSN", "url": "https://www.bssn.go.id"}],
            "etika": [{"title": "Cek fakta", "url": "https://cekfakta.com"}],
        },
        "bank": bank,
    }


def _take_assessment(runtime, block) -> None:
    status, state = call(runtime, block, "start_attempt")
    assert status == 200, state
    items = {item["id"]: item for item in block.bank}
    answers = {item_id: [items[item_id]["options"][0]["id"]] for item_id in block.progress["items"]}
    status, body = call(runtime, block, "submit", {"answers": answers})
    assert status == 200, body


def _assessment_rows(usage_id: str) -> list:
    from xblocks.bina_asn.models import AssessmentAttempt

    return list(
        AssessmentAttempt.objects.filter(usage_id=usage_id)
        .order_by("id")
        .values_list("id", "course_id", "user_id", "attempt_number", "score", "answers")
    )


# ------------------------------------------------------------------------------------ innovation


def _wib(moment: datetime) -> str:
    return moment.astimezone(WIB).strftime("%Y-%m-%dT%H:%M")


def _innovation_payload(large: bool = False) -> dict:
    now = datetime.now(UTC)
    return {
        "values": {
            "display_name": "Kompetisi ide inovasi (uji konformitas)",
            "intro": (
                "Usulkan ide untuk layanan publik Kota Sibolga. <script>x</script> & “kutipan”\n"
                * (60 if large else 2)
            )[:4900],
            "submission_start": _wib(now - timedelta(days=2)),
            "submission_end": _wib(now + timedelta(days=60)),
            "support_start": _wib(now - timedelta(days=1)),
            "support_end": _wib(now + timedelta(days=90)),
            "support_budget": 4,
            "max_ideas_per_learner": 2,
            "anonymous_gallery": True,
            "optional_states": ["returned", "shortlisted", "implemented"],
            "state_labels": {"shortlisted": "10 besar"},
            "rubric": [
                {
                    "code": "kebaruan",
                    "label": "Kebaruan",
                    "weight": 40,
                    "description": "Belum ada di Sibolga.",
                },
                {"code": "manfaat", "label": "Manfaat", "weight": 60, "description": "Bagi warga."},
            ],
            "score_scale": 4,
            "jury": "juri_mitra\njuri_dinkes DINKES",
            "jury_excludes_own_opd": False,
            "opds": "DISDUKCAPIL | Dinas Kependudukan dan Pencatatan Sipil\nDINKES | Dinas Kesehatan",
            "categories": "pelayanan-publik | Inovasi pelayanan publik | public_service\n"
            "tata-kelola | Inovasi tata kelola | governance",
            "completion_on": "first_support",
            "has_score": True,
            "weight": 3.0,
        },
        "defaults": [],
    }


IDEA = {
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


def _propose_idea(runtime, block) -> None:
    status, body = call(runtime, block, "save_idea", {"fields": IDEA, "submit": True})
    assert status == 200, body


def _innovation_rows(usage_id: str) -> list:
    from xblocks.bina_asn.models.innovation import Idea

    return list(
        Idea.objects.filter(usage_id=usage_id)
        .order_by("id")
        .values_list("id", "course_id", "author_id", "title", "state", "opd_code")
    )


# ------------------------------------------------------------------------------ partner workshop


def _workshop_payload(large: bool = False) -> dict:
    start = datetime.now(UTC) + timedelta(days=5)
    sessions = [
        {
            "key": "",
            "title": f"Analisis data layanan, kelas {number} <b>&</b> “praktik”",
            "kind": "workshop" if number % 2 else "seminar",
            "international": number % 5 == 0,
            "starts_at": _wib(start + timedelta(days=number)),
            "duration_minutes": "180",
            "capacity": "25",
            "registration_deadline": "",
            "jp": "",
            "mode": "hybrid",
            "location": "Aula BKPSDM, Jl. S. Parman, Sibolga",
            "meeting_url": f"https://meet.contoh.go.id/kelas-{number}",
            "cancelled": False,
        }
        for number in range(1, 31 if large else 4)  # large: thirty sessions, a term's programme
    ]
    return {
        "display_name": "Lokakarya mitra (uji konformitas)",
        "partner": {
            "name": "PT Teknologi Tapanuli (sintetis)",
            "kind": "local_tech",
            "description": "Perusahaan teknologi lokal di Sibolga.\n" * 40,
            "logo": "/static/logo-mitra.png",
            "website": "https://tapanuli-tech.contoh.co.id",
            "contact_name": "Rina Sihombing",
            "contact_email": "rina@tapanuli-tech.contoh.co.id",
            "contact_phone": "+62 631 000000",
        },
        "sessions": sessions,
        "attendance_method": "code",
        "checkin_opens_minutes": "20",
        "checkin_closes_minutes": "45",
        "one_session_per_learner": False,
        "weight": "1.5",
        "reaction_questions": [
            {"key": "relevance", "label": "Materinya relevan dengan pekerjaan saya."},
            {"key": "trainer", "label": "Pelatih menjelaskan dengan jelas."},
            {"key": "practice", "label": "Ada cukup waktu untuk praktik."},
        ],
    }


def _register_for_workshop(runtime, block) -> None:
    block.render("student_view", {})  # the first render writes the sessions into the tables
    session = block.sessions[0]["key"]
    status, body = call(runtime, block, "register", {"session": session})
    assert status == 200, body


def _workshop_rows(usage_id: str) -> list:
    from xblocks.bina_asn.models.workshop import WorkshopRegistration, WorkshopSession

    sessions = list(
        WorkshopSession.objects.filter(workshop__usage_id=usage_id)
        .order_by("id")
        .values_list("id", "workshop__course_id", "key", "title", "capacity")
    )
    registrations = list(
        WorkshopRegistration.objects.filter(session__workshop__usage_id=usage_id)
        .order_by("id")
        .values_list("id", "session__workshop__course_id", "session_id", "user_id", "status")
    )
    return sessions + registrations


CASES = [
    BlockCase(
        tag="bina_digital_skills",
        save_handler="studio_submit",
        author_payload=_assessment_payload,
        display_name_path=("settings", "display_name"),
        learner_action=_take_assessment,
        rows=_assessment_rows,
    ),
    BlockCase(
        tag="bina_innovation",
        save_handler="submit_studio_edits",
        author_payload=_innovation_payload,
        display_name_path=("values", "display_name"),
        learner_action=_propose_idea,
        rows=_innovation_rows,
    ),
    BlockCase(
        tag="bina_partner_workshop",
        save_handler="studio_submit",
        author_payload=_workshop_payload,
        display_name_path=("display_name",),
        learner_action=_register_for_workshop,
        rows=_workshop_rows,
    ),
]
