"""``make demo`` data for the innovation competition (synthetic): everything goes through the block's
handlers over HTTP, signed in as the demo personas, exactly as their browsers would.

Ani, Budi and Citra propose ideas (Citra with Dedi as co-proposer), Dedi keeps a draft; colleagues
support and comment; the partner's jury member and the trainer score on the rubric; the trainer
answers, accepts Ani's idea and marks it implemented as a program, shortlists Budi's and starts the
evaluation of Citra's.
"""

from __future__ import annotations

import json
import re

import requests

from dev.handler_urls import handler_url

UNIT = "/scenario/bina_innovation.0/"
TIMEOUT = 60

BASE = {
    "category": "pelayanan-publik",
    "is_digital": True,
    "significance": "Warga tidak perlu bolak-balik ke kantor; petugas bisa mengatur beban kerja harian.",
    "transferability": "Dapat dipakai loket layanan lain di OPD mana pun dengan nomor WhatsApp kantor.",
    "resources": "Satu operator per loket, nomor WhatsApp kantor dan lembar jadwal; tanpa anggaran baru.",
    "stakeholders": "Diskominfo (nomor resmi dan pelatihan), camat dan lurah (sosialisasi).",
}

IDEAS = {
    "ani": {
        **BASE,
        "title": "Antrean daring perekaman KTP-el lewat WhatsApp",
        "opd_code": "DISDUKCAPIL",
        "service_name": "Perekaman KTP-el",
        "problem": "Warga antre sejak pukul 06.00; sekitar 30% pulang tanpa dilayani karena kuota habis.",
        "solution": "Warga mengirim NIK ke nomor WhatsApp resmi dan menerima jadwal datang per jam.",
        "novelty": "Belum ada antrean daring untuk layanan kependudukan di Sibolga.",
        "impact": "Waktu tunggu turun dari rata-rata 3 jam menjadi 30 menit.",
        "target_minutes_saved": 150,
        "target_citizens": 9000,
        "partners": "Penyedia layanan WhatsApp Business lokal.",
        "evidence_links": "https://contoh.sibolgakota.go.id/demo/sop-antrean-ktp.pdf",
    },
    "budi": {
        **BASE,
        "title": "Posyandu digital untuk pencatatan tumbuh kembang balita",
        "opd_code": "DINKES",
        "service_name": "Pemantauan tumbuh kembang balita",
        "problem": "Data timbang balita dicatat di buku dan direkap manual; laporan terlambat dua minggu.",
        "solution": "Kader posyandu mencatat di tablet; grafik tumbuh kembang langsung terlihat puskesmas.",
        "novelty": "Rekap otomatis ke puskesmas, tanpa input ulang.",
        "impact": "Laporan bulanan tepat waktu; balita berisiko stunting terdeteksi lebih cepat.",
        "target_minutes_saved": 45,
        "target_citizens": 4000,
    },
    "citra": {
        **BASE,
        "title": "Izin usaha mikro selesai satu hari di Mal Pelayanan Publik",
        "opd_code": "DPMPTSP",
        "service_name": "Perizinan berusaha usaha mikro",
        "category": "tata-kelola",
        "is_digital": False,
        "problem": "Pelaku usaha mikro menunggu hingga 5 hari kerja karena berkas berpindah antarbidang.",
        "solution": "Satu meja verifikasi dengan daftar periksa bersama; NIB terbit di hari yang sama.",
        "novelty": "Verifikasi bersama dalam satu meja, bukan berurutan.",
        "impact": "Waktu terbit izin turun dari 5 hari menjadi 1 hari.",
        "target_minutes_saved": 240,
        "target_cost_saving": 15_000_000,
        "co_proposers": "dedi",
    },
}
DRAFT = {"title": "Pengaduan sampah liar lewat WhatsApp", "opd_code": "DLH"}

SUPPORTS = {"budi": ["ani"], "citra": ["ani", "budi"], "dedi": ["ani", "budi"], "ani": ["budi", "citra"]}
COMMENTS = [
    ("budi", "ani", "Setuju! Ibu saya kemarin antre dari subuh. Apakah bisa untuk akta kelahiran juga?"),
    ("citra", "ani", "Perlu ada pilihan untuk warga lansia yang tidak memakai WhatsApp."),
    ("dedi", "budi", "Kader di Kelurahan Pancuran Gerobak sudah siap mencoba."),
]
SCORES = {
    "juri_mitra": {
        "ani": [5, 5, 5, 5, 4, 4, 4],
        "budi": [4, 5, 5, 5, 4, 3, 4],
        "citra": [3, 4, 5, 5, 4, 4, 3],
    },
    "pelatih": {"ani": [4, 5, 5, 5, 5, 4, 4], "budi": [4, 4, 5, 5, 4, 4, 4]},
}
PROGRAM = {
    "responsible_opd_code": "DISDUKCAPIL",
    "start_date": "2027-01-04",
    "budget": "12.000.000",
    "kpi": "Rata-rata waktu tunggu perekaman KTP-el",
    "kpi_target": "30 menit",
    "stage": "uji_coba",
    "evidence_url": "https://contoh.sibolgakota.go.id/demo/sk-inovasi-antrean.pdf",
}


class Persona:
    """A demo user signed in to the dev LMS over HTTP."""

    def __init__(self, base_url: str, username: str, password: str):
        self.base_url = base_url
        self.username = username
        self.http = requests.Session()
        self.http.get(f"{base_url}/login/", timeout=TIMEOUT)
        response = self.http.post(
            f"{base_url}/login/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.http.cookies["csrftoken"],
            },
            headers={"Referer": f"{base_url}/login/"},
            timeout=TIMEOUT,
        )
        if response.url.rstrip("/").endswith("/login"):
            raise RuntimeError(f"the demo user {username} could not sign in to the dev LMS")
        self.usage_id = None

    def call(self, handler: str, data: dict) -> dict:
        if self.usage_id is None:
            page = self.http.get(self.base_url + UNIT, timeout=TIMEOUT)
            self.usage_id = re.search(r"data-usage=['\"]([^'\"]+)['\"]", page.text).group(1)
        response = self.http.post(
            self.base_url + handler_url(self.usage_id, handler),
            data=json.dumps(data),
            headers={"Content-Type": "application/json", "X-CSRFToken": self.http.cookies["csrftoken"]},
            timeout=TIMEOUT,
        )
        if response.status_code != 200:
            raise RuntimeError(f"{self.username} {handler}: {response.status_code} {response.text[:300]}")
        return response.json()


def competition(ctx) -> None:
    """Run the competition's demo through the handlers (see the module docstring)."""
    password = ctx.credentials["password"]
    people = {
        name: Persona(ctx.lms_url, name, password)
        for name in ("ani", "budi", "citra", "dedi", "pelatih", "juri_mitra")
    }
    ideas = {}
    for author, fields in IDEAS.items():
        ideas[author] = people[author].call("save_idea", {"fields": fields, "submit": True})["idea"]
    people["dedi"].call("save_idea", {"fields": DRAFT})
    for supporter, authors in SUPPORTS.items():
        for author in authors:
            people[supporter].call("support", {"id": ideas[author]["id"], "supported": True})
    for commenter, author, text in COMMENTS:
        people[commenter].call("comment", {"id": ideas[author]["id"], "text": text})

    trainer = people["pelatih"]
    rubric = _rubric_codes(trainer)
    for juror, scored in SCORES.items():
        for author, points in scored.items():
            criteria = dict(zip(rubric, points, strict=True))
            people[juror].call(
                "score", {"id": ideas[author]["id"], "criteria": criteria, "note": "Penilaian demo."}
            )

    ani = ideas["ani"]["id"]
    version = trainer.call("idea", {"id": ani})["version"]
    trainer.call(
        "answer",
        {
            "id": ani,
            "text": "Terima kasih. Antrean daring akan diuji coba di kantor Disdukcapil mulai Januari 2027.",
            "cost": "12.000.000",
            "execution_period": "Januari-Juni 2027",
        },
    )
    moved = trainer.call(
        "change_state", {"id": ani, "version": version, "to": "accepted", "reason": "Nilai juri tertinggi."}
    )
    trainer.call(
        "implement",
        {
            "id": ani,
            "version": moved["idea"]["version"],
            "program": PROGRAM,
            "reason": "SK Kepala Dinas terbit.",
        },
    )
    budi = trainer.call("idea", {"id": ideas["budi"]["id"]})
    trainer.call(
        "change_state",
        {"id": budi["id"], "version": budi["version"], "to": "shortlisted", "reason": "Masuk 3 besar."},
    )
    trainer.call(
        "answer", {"id": budi["id"], "text": "Masuk nominasi; Dinkes akan menghitung kebutuhan tablet."}
    )
    citra = trainer.call("idea", {"id": ideas["citra"]["id"]})
    trainer.call(
        "change_state",
        {"id": citra["id"], "version": citra["version"], "to": "evaluating", "reason": "Dinilai tim juri."},
    )


def _rubric_codes(persona: Persona) -> list[str]:
    """The rubric's criterion codes, in order, from the jury's page of the unit."""
    page = persona.http.get(persona.base_url + UNIT, timeout=TIMEOUT).text
    config = re.search(r'<script type="application/json">(.*?)</script>', page, re.S).group(1)
    return [criterion["code"] for criterion in json.loads(config)["rubric"]]
