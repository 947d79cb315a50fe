"""The block's handlers through the dev LMS: who may do what, bad input, messages in the user's language."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from workbench.scenarios import get_scenarios

from dev.handler_urls import handler_url
from dev.lms.models import TrackingEvent
from xblocks.bina_asn.models.innovation import Idea, IdeaComment, IdeaSupport, JuryScore

from .conftest import COMPLETE

SCENARIO = "bina_innovation.0"
FULL = {
    "kebaruan": 5,
    "manfaat": 4,
    "tidak-membebani": 5,
    "kewenangan": 5,
    "replikasi": 3,
    "keberlanjutan": 4,
    "kolaborasi": 4,
}
PROGRAM = {
    "responsible_opd_code": "DISDUKCAPIL",
    "start_date": "2027-01-15",
    "budget": "25.000.000",
    "kpi": "Waktu tunggu perekaman KTP-el",
    "kpi_target": "30 menit",
    "stage": "uji_coba",
}


class Block:
    """Talks to the competition block's handlers as one signed-in user (or nobody)."""

    def __init__(self, client, usage_id, user=None):
        self.client = client
        self.usage_id = usage_id
        self.user = user

    def as_(self, user):
        return Block(self.client, self.usage_id, user)

    def post(self, handler, data=None, *, raw=None, language="id"):
        if self.user is None:
            self.client.logout()
        else:
            self.client.force_login(self.user)
        body = raw if raw is not None else json.dumps(data if data is not None else {})
        return self.client.post(
            handler_url(self.usage_id, handler),
            body,
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        )

    def ok(self, handler, data=None):
        response = self.post(handler, data)
        assert response.status_code == 200, response.content.decode()
        return response.json()

    def get(self, handler):
        self.client.force_login(self.user)
        return self.client.get(handler_url(self.usage_id, handler))


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # rate-limit counters


@pytest.fixture
def users(make_user):
    made = {name: make_user(name) for name in ("ani", "budi", "citra", "juri_mitra")}
    made["pelatih"] = make_user("pelatih", course_staff=True)
    return made


@pytest.fixture
def block(client, scenarios, users):
    return Block(client, get_scenarios()[SCENARIO].usage_id)


def submit(block, user, **changes):
    body = block.as_(user).ok("save_idea", {"fields": {**COMPLETE, **changes}, "submit": True})
    return body["idea"]


def test_anonymous_callers_are_refused_in_indonesian(block):
    response = block.post("gallery", {})
    assert response.status_code == 403
    assert response.json()["error"] == "Silakan masuk terlebih dahulu."


def test_a_learner_drafts_submits_and_completes(block, users):
    ani = block.as_(users["ani"])
    draft = ani.ok("save_idea", {"fields": {"title": "Antrean daring KTP-el"}})
    assert draft["message"] == "Draf tersimpan."
    idea = draft["idea"]
    assert (idea["state"], idea["can_edit"], idea["version"]) == ("draft", True, 1)
    assert not TrackingEvent.objects.filter(event_type="completion").exists()
    submitted = ani.ok("save_idea", {"id": idea["id"], "version": 1, "fields": COMPLETE, "submit": True})
    assert submitted["message"] == "Ide Anda sudah diajukan. Terima kasih!"
    assert submitted["idea"]["state_label"] == "Diajukan"
    assert submitted["idea"]["history"][0]["to_label"] == "Diajukan"
    assert submitted["idea"]["history"][0]["when"].endswith("WIB")
    completion = TrackingEvent.objects.get(event_type="completion", user=users["ani"])
    assert completion.data == {"completion": 1.0}
    mine = ani.ok("my_ideas")["items"]
    assert [(i["title"], i["state"]) for i in mine] == [(COMPLETE["title"], "submitted")]
    gallery = block.as_(users["budi"]).ok("gallery", {"sort": "newest"})
    assert gallery["count"] == 1 and gallery["items"][0]["author_name"] == "ani"
    assert (gallery["budget"], gallery["budget_spent"]) == (3, 0)


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("not json", 400),
        ("[1, 2]", 400),
        ('{"fields": "title"}', 400),
        ('{"fields": {"title": "Ide bagus"}, "submit": "yes"}', 400),
        ('{"fields": {"title": "Ide bagus"}, "id": "abc", "version": 1}', 400),
        ('{"fields": {"title": "Ide bagus"}, "id": 999999, "version": 1}', 404),
    ],
)
def test_malformed_payloads_change_nothing(block, users, raw, status):
    response = block.as_(users["ani"]).post("save_idea", raw=raw)
    assert response.status_code == status
    assert "error" in response.json()
    assert not Idea.objects.exists()


def test_field_errors_come_back_per_field_in_the_users_language(block, users):
    ani = block.as_(users["ani"])
    response = ani.post("save_idea", {"fields": {"title": "Ide", "evidence_links": "javascript:alert(1)"}})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "Perbaiki isian yang ditandai; belum ada yang disimpan."
    assert body["fields"]["title"] == {"label": "Judul ide", "messages": ["Tulis minimal 5 karakter."]}
    assert "javascript:alert(1)" in body["fields"]["evidence_links"]["messages"][0]
    english = ani.post("save_idea", {"fields": {"title": "Ide"}}, language="en").json()
    assert english["fields"]["title"]["messages"] == ["Write at least 5 characters."]
    incomplete = ani.post("save_idea", {"fields": {"title": "Ide yang belum lengkap"}, "submit": True}).json()
    assert incomplete["code"] == "incomplete"
    assert incomplete["fields"]["targets"]["messages"] == ["Isi minimal satu target yang terukur."]
    assert Idea.objects.get().state == "draft"  # the draft is kept, and the page learns which it is
    assert (incomplete["idea"]["id"], incomplete["idea"]["version"]) == (Idea.objects.get().pk, 1)


def test_supports_are_checked_and_counted(block, users):
    idea = submit(block, users["ani"])
    assert block.as_(users["ani"]).post("support", {"id": idea["id"]}).status_code == 403
    budi = block.as_(users["budi"])
    result = budi.ok("support", {"id": idea["id"], "supported": True})
    assert (result["supported"], result["supports_count"], result["budget_spent"]) == (True, 1, 1)
    assert result["message"] == "Anda mendukung ide ini."
    assert budi.post("support", {"id": idea["id"], "supported": "ya"}).status_code == 400
    back = budi.ok("support", {"id": idea["id"], "supported": False})
    assert (back["supported"], back["supports_count"]) == (False, 0)
    assert block.as_(users["citra"]).post("support", {"id": 424242}).json()["error"] == (
        "Ide ini tidak ada di kompetisi ini."
    )


def test_the_budget_is_enforced_with_a_clear_message(block, users):
    ideas = [
        submit(block, users[name], title=f"Ide dari {name}")
        for name in ("ani", "citra", "juri_mitra", "pelatih")
    ]
    budi = block.as_(users["budi"])
    for idea in ideas[:3]:
        budi.ok("support", {"id": idea["id"]})
    response = budi.post("support", {"id": ideas[3]["id"]})
    assert response.status_code == 400
    assert response.json()["error"].startswith("Semua 3 jatah dukungan Anda sudah terpakai.")
    assert IdeaSupport.objects.filter(user=users["budi"]).count() == 3


def test_comments_are_rate_limited_and_staff_hide_them(block, users):
    idea = submit(block, users["ani"])
    budi = block.as_(users["budi"])
    for n in range(10):
        budi.ok("comment", {"id": idea["id"], "text": f"Komentar ke-{n + 1}"})
    limited = budi.post("comment", {"id": idea["id"], "text": "Satu lagi"})
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    assert limited.json()["error"].startswith("Terlalu banyak permintaan")
    assert IdeaComment.objects.count() == 10
    comment_id = IdeaComment.objects.first().pk
    refused = block.as_(users["ani"]).post(
        "moderate_comment", {"comment_id": comment_id, "hidden": True, "reason": "x"}
    )
    assert refused.status_code == 403
    hidden = block.as_(users["pelatih"]).ok(
        "moderate_comment", {"comment_id": comment_id, "hidden": True, "reason": "Menyebut data pribadi"}
    )
    assert hidden["idea"]["comments_count"] == 9
    seen_by_citra = block.as_(users["citra"]).ok("idea", {"id": idea["id"]})["comments"]
    assert len(seen_by_citra) == 9


def test_jury_members_score_and_learners_cannot(block, users):
    idea = submit(block, users["ani"])
    assert block.as_(users["budi"]).post("jury_queue", {}).status_code == 403
    assert block.as_(users["budi"]).post("score", {"id": idea["id"], "criteria": FULL}).status_code == 403
    partner = block.as_(users["juri_mitra"])
    queue = partner.ok("jury_queue", {"show": "unscored"})
    assert [i["id"] for i in queue["items"]] == [idea["id"]]
    bad = partner.post("score", {"id": idea["id"], "criteria": {**FULL, "kebaruan": 9}})
    assert bad.status_code == 400
    assert bad.json()["fields"]["kebaruan"]["messages"] == ["Isi dengan bilangan bulat dari 0 sampai 5."]
    scored = partner.ok("score", {"id": idea["id"], "criteria": FULL, "note": "Layak diuji coba"})
    assert scored["idea"]["my_score"]["total"] == 85.0
    assert scored["idea"]["aggregate"]["count"] == 1
    staff = block.as_(users["pelatih"]).ok("idea", {"id": idea["id"]})
    assert [s["juror"] for s in staff["jury_scores"]] == ["juri_mitra"]
    assert JuryScore.objects.get().note == "Layak diuji coba"


def test_staff_answer_move_and_implement_learners_cannot(block, users):
    idea = submit(block, users["ani"])
    budi = block.as_(users["budi"])
    assert (
        budi.post(
            "change_state", {"id": idea["id"], "version": 2, "to": "accepted", "reason": "x"}
        ).status_code
        == 403
    )
    assert budi.post("answer", {"id": idea["id"], "text": "Saya jawab"}).status_code == 403
    staff = block.as_(users["pelatih"])
    no_reason = staff.post("change_state", {"id": idea["id"], "version": 2, "to": "accepted", "reason": ""})
    assert no_reason.status_code == 400 and no_reason.json()["fields"]["reason"]["messages"] == [
        "Wajib diisi."
    ]
    stale = staff.post("change_state", {"id": idea["id"], "version": 1, "to": "accepted", "reason": "Layak"})
    assert stale.status_code == 409 and stale.json()["code"] == "version_conflict"
    jump = staff.post(
        "change_state", {"id": idea["id"], "version": 2, "to": "implemented", "reason": "Layak"}
    )
    assert jump.status_code == 400 and jump.json()["code"] == "program_required"
    moved = staff.ok(
        "change_state", {"id": idea["id"], "version": 2, "to": "accepted", "reason": "Layak dijalankan"}
    )
    assert moved["message"] == "Status ide sekarang 'Diterima'."
    answered = staff.ok("answer", {"id": idea["id"], "text": "Diuji coba tahun depan.", "cost": "10.000.000"})
    assert answered["idea"]["answer"]["cost_display"] == "Rp 10.000.000"
    implemented = staff.ok(
        "implement", {"id": idea["id"], "version": 3, "program": PROGRAM, "reason": "SK terbit"}
    )
    assert implemented["idea"]["state"] == "implemented"
    assert implemented["idea"]["program"]["stage_label"] == "Uji coba"
    learner_view = budi.ok("idea", {"id": idea["id"]})
    assert learner_view["answer"]["text"] == "Diuji coba tahun depan."
    assert [h["to_state"] for h in learner_view["history"]] == ["submitted", "accepted", "implemented"]
    assert {h["actor_name"] for h in learner_view["history"]} == {""}


def read_csv(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_exports_are_for_staff_and_neutralise_formulas(block, users):
    idea = submit(block, users["ani"], title='=HYPERLINK("http://jahat.example")')
    staff = block.as_(users["pelatih"])
    staff.ok("change_state", {"id": idea["id"], "version": 2, "to": "accepted", "reason": "Layak"})
    staff.ok("implement", {"id": idea["id"], "version": 3, "program": PROGRAM, "reason": "SK terbit"})
    block.as_(users["juri_mitra"]).post("score", {"id": idea["id"], "criteria": FULL})  # not scorable now
    assert block.as_(users["budi"]).get("export_ideas").status_code == 403
    assert block.as_(users["budi"]).get("export_index").status_code == 403

    response = staff.get("export_ideas")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    header, row = rows[0], rows[1]
    assert header[:3] == ["ID", "Judul", "Status"]
    assert "Rata-rata: Mengandung pembaruan (kebaruan)" in header
    record = dict(zip(header, row, strict=True))
    assert record["Judul"] == '\'=HYPERLINK("http://jahat.example")'
    assert record["Status"] == "Sudah diterapkan"
    assert record["Bentuk (PP 38/2017)"] == "Inovasi pelayanan publik"
    assert record["Program: tahapan"] == "Uji coba"

    index = read_csv(staff.get("export_index"))
    assert index[0][:9] == [
        "Nama inovasi",
        "Inisiator",
        "Nama inisiator",
        "OPD",
        "Bentuk inovasi",
        "Jenis inovasi",
        "Tahapan",
        "Tanggal mulai",
        "Bukti",
    ]
    assert index[1][1:9] == [
        "ASN",
        "ani",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Inovasi pelayanan publik",
        "Digital",
        "Uji coba",
        "2027-01-15",
        "",
    ]


def test_handlers_refuse_get(block, users):
    block.client.force_login(users["ani"])
    response = block.client.get(handler_url(block.usage_id, "gallery"))
    assert response.status_code == 405
