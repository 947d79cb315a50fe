"""The block itself: its views for each role, Studio settings and their checks, mobile data, reports."""

import json
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from workbench.scenarios import get_scenarios

from dev.lms.runtime import DevLmsRuntime

from .test_handlers import SCENARIO, Block, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(make_user):
    made = {name: make_user(name) for name in ("ani", "budi", "juri_mitra")}
    made["pelatih"] = make_user("pelatih", course_staff=True)
    return made


@pytest.fixture
def block(client, scenarios, users):
    return Block(client, get_scenarios()[SCENARIO].usage_id)


def page(client, user, view=""):
    client.force_login(user)
    response = client.get(f"/scenario/{SCENARIO}/{view + '/' if view else ''}", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    return response.content.decode()


def block_for(user):
    return DevLmsRuntime(user).get_block(get_scenarios()[SCENARIO].usage_id)


def test_each_role_sees_its_tabs(client, block, users):
    learner = page(client, users["ani"])
    assert "Galeri ide" in learner and "Usulkan ide" in learner
    assert "Penilaian juri" not in learner and "Kelola" not in learner
    assert "export_ideas" not in learner
    jury = page(client, users["juri_mitra"])
    assert "Penilaian juri" in jury and "Kelola" not in jury
    staff = page(client, users["pelatih"])
    assert "Penilaian juri" in staff and "Kelola" in staff and "export_ideas" in staff


def test_the_page_carries_its_translations_and_settings(client, block, users):
    html = page(client, users["ani"])
    assert "/resource/bina_innovation/static/js/translations/id/text.js" in html
    assert "Pengajuan ide dibuka." in html
    client.force_login(users["ani"])
    catalog = client.get("/resource/bina_innovation/static/js/translations/id/text.js")
    assert catalog.status_code == 200 and b"BinaInnovationI18N" in catalog.content
    assert client.get("/resource/bina_innovation/block.py").status_code == 404


def test_author_text_is_escaped_in_the_page(client, block, users):
    staff = block.as_(users["pelatih"])
    staff.ok(
        "submit_studio_edits",
        {"values": {"intro": "<script>alert('intro')</script>", "display_name": "<b>Lomba</b>"}},
    )
    html = page(client, users["ani"])
    assert "<script>alert('intro')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;intro&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Lomba&lt;/b&gt;" in html


def test_studio_saves_valid_settings_in_utc(block, users):
    staff = block.as_(users["pelatih"])
    staff.ok(
        "submit_studio_edits",
        {
            "values": {
                "submission_end": "2026-12-31T17:00",
                "support_budget": 4,
                "opds": "DISDUKCAPIL | Dinas Kependudukan dan Pencatatan Sipil\nDINKES | Dinas Kesehatan",
                "categories": "pelayanan-publik | Inovasi pelayanan publik | public_service",
                "jury": "juri_mitra\nsiti DINKES",
                "optional_states": ["evaluating", "implemented"],
                "state_labels": {"shortlisted": "Top 10"},
            },
            "defaults": [],
        },
    )
    saved = block_for(users["pelatih"])
    assert saved.submission_end == datetime(2026, 12, 31, 10, 0, tzinfo=UTC)  # 17:00 WIB
    assert saved.support_budget == 4
    assert saved.jury == [
        {"username": "juri_mitra", "opd_code": ""},
        {"username": "siti", "opd_code": "DINKES"},
    ]
    assert saved.optional_states == ["evaluating", "implemented"]
    assert saved.rules().opds == {
        "DISDUKCAPIL": "Dinas Kependudukan dan Pencatatan Sipil",
        "DINKES": "Dinas Kesehatan",
    }
    assert saved.state_label_map() == {"shortlisted": "Top 10"}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {
                "rubric": [
                    {"code": "a", "label": "A", "weight": 50},
                    {"code": "b", "label": "B", "weight": 40},
                ]
            },
            "Jumlah bobot rubrik harus 100 (sekarang 90).",
        ),
        (
            {"rubric": [{"code": "A!", "label": "A", "weight": 100}]},
            "Kriteria rubrik 1: kode harus berupa huruf kecil, angka atau '-' (paling banyak 40).",
        ),
        ({"rubric": []}, "Rubrik memerlukan minimal satu kriteria."),
        ({"support_budget": 0}, "Jatah dukungan per peserta: isi bilangan bulat dari 1 sampai 100."),
        ({"support_budget": "lima"}, "Jatah dukungan per peserta: isi bilangan bulat dari 1 sampai 100."),
        (
            {"submission_start": "2026-12-02T08:00", "submission_end": "2026-12-01T08:00"},
            "Pengajuan ide: waktu penutupan harus sesudah waktu pembukaan.",
        ),
        ({"submission_end": "besok"}, "Pengajuan ditutup: isi tanggal dan jam, misalnya 2026-12-01T08:00."),
        (
            {"opds": "DINKES Dinas Kesehatan"},
            "OPD 'DINKES Dinas Kesehatan': kode berupa huruf, angka, '.', '-' atau '_' (paling banyak 32).",
        ),
        ({"opds": "DINKES\nDINKES | Dinas Kesehatan"}, "Kode OPD 'DINKES' muncul lebih dari sekali."),
        ({"jury": "siti DINAS_X"}, "Juri 'siti': OPD 'DINAS_X' tidak ada di daftar OPD."),
        (
            {"categories": "baru | Kategori baru | lain"},
            "Kategori 'baru': bentuknya harus governance, public_service atau other.",
        ),
        ({"optional_states": ["top10"]}, "Status pilihan tidak dikenal: top10."),
        ({"display_name": ""}, "Beri blok ini nama tampilan (paling banyak 100 karakter)."),
    ],
)
def test_studio_refuses_bad_settings_and_keeps_the_old_ones(block, users, values, expected):
    response = block.as_(users["pelatih"]).post("submit_studio_edits", {"values": values, "defaults": []})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bad_request"
    assert expected in body["problems"]
    saved = block_for(users["pelatih"])
    assert saved.support_budget == 3 and len(saved.rubric) == 7 and saved.submission_end is None


def test_only_staff_change_settings_or_see_studio(client, block, users):
    assert (
        block.as_(users["ani"]).post("submit_studio_edits", {"values": {"support_budget": 99}}).status_code
        == 403
    )
    assert (
        block.as_(users["juri_mitra"])
        .post("submit_studio_edits", {"values": {"support_budget": 99}})
        .status_code
        == 403
    )
    client.force_login(users["ani"])
    assert client.get(f"/scenario/{SCENARIO}/studio_view/").status_code == 403
    studio = page(client, users["pelatih"], "studio_view")
    assert "Rubrik penilaian juri" in studio or "Jury rubric" in studio
    # The OPDs come from the city's units list (imported with import-units), shown for reference.
    assert "<code>DISDUKCAPIL</code> Dinas Kependudukan dan Pencatatan Sipil" in studio
    assert "juri_mitra" in studio
    # Numbers stay machine-readable in Indonesian (not "1,0"), or the number inputs would be empty.
    assert 'name="weight" data-kind="float" min="0" step="0.1" value="1"' in studio
    assert 'name="weight" value="20"' in studio


def test_the_author_view_summarises_and_warns(client, block, users):
    submit(block, users["ani"])
    html = page(client, users["pelatih"], "author_view")
    assert "Ide sejauh ini" in html
    assert "<td>Diajukan</td><td>1</td>" in html
    block_for(users["pelatih"])  # default settings are valid: no warnings
    assert "Perbaiki pengaturan ini" not in html


def test_validate_reports_problems_to_studio(users, block):
    instance = block_for(users["pelatih"])
    assert instance.validate().empty
    instance.rubric = [{"code": "a", "label": "A", "weight": 10}]
    assert [m.text for m in instance.validate().messages] == ["Jumlah bobot rubrik harus 100 (sekarang 10)."]


def test_mobile_data_and_instructor_report(block, users):
    submit(block, users["ani"])
    instance = block_for(users["pelatih"])
    data = instance.student_view_data()
    assert data["support_budget"] == 3
    assert {"code": "DISDUKCAPIL", "name": "Dinas Kependudukan dan Pencatatan Sipil"} in data["opds"]
    json.dumps(data)  # serialisable for the Course Blocks API
    states = [
        SimpleNamespace(username="ani"),
        SimpleNamespace(username="budi"),
        SimpleNamespace(username="nobody"),
    ]
    rows = list(instance.generate_report_data(iter(states)))
    assert rows == [("ani", {"ideas": "Antrean daring layanan KTP-el (submitted, 0)", "submitted": 1})]


def test_graded_blocks_publish_the_grade_once(block, users):
    block.as_(users["pelatih"]).ok("submit_studio_edits", {"values": {"has_score": True}})
    submit(block, users["ani"])
    from dev.lms.models import TrackingEvent

    grade = TrackingEvent.objects.get(event_type="grade", user=users["ani"])
    assert (grade.data["value"], grade.data["max_value"]) == (1.0, 1.0)
    submit(block, users["ani"], title="Ide kedua dari ani")
    assert TrackingEvent.objects.filter(event_type="grade").count() == 1
    assert block_for(users["ani"]).calculate_score().raw_earned == 1.0
    assert block_for(users["budi"]).calculate_score().raw_earned == 0.0


def test_completion_on_first_support(block, users):
    from dev.lms.models import TrackingEvent

    block.as_(users["pelatih"]).ok("submit_studio_edits", {"values": {"completion_on": "first_support"}})
    idea = submit(block, users["ani"])
    assert not TrackingEvent.objects.filter(event_type="completion").exists()
    block.as_(users["budi"]).ok("support", {"id": idea["id"]})
    block.as_(users["budi"]).ok("support", {"id": idea["id"], "supported": False})
    block.as_(users["budi"]).ok("support", {"id": idea["id"]})
    assert list(
        TrackingEvent.objects.filter(event_type="completion").values_list("user__username", flat=True)
    ) == ["budi"]
