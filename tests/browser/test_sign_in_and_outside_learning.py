"""End to end, in Chromium at phone width and in Indonesian: an ASN and an OPD head sign in to the
companion through the dev LMS's OAuth2 authorization-code flow; the ASN records a training outside
the LMS with its certificate; the OPD head verifies and approves it; "JP saya", the OPD's ledger
(its "below 20 JP" list) and the SIASN export change accordingly. Every page is checked with axe."""

import csv
import io

import pytest

from tests.support import servers
from tests.support.browser import axe_violations, screenshot
from tests.support.pgcluster import free_port

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-uji-123"
SERVICE = ("bina-companion-e2e", "rahasia-e2e-0123456789")
SSO = ("bina-companion-sso-e2e", "rahasia-sso-e2e-0123456789")
UNITS = "kode;nama;kode_induk;jenis\nDISDUKCAPIL;Dinas Kependudukan dan Pencatatan Sipil;;dinas\n"
ROSTER = (
    "nip;nama;kode_opd;jabatan;jenis_jabatan;golongan;username_lms\n"
    "196711101992031001;Ani Siregar;DISDUKCAPIL;Kepala Seksi;struktural;III/d;ani\n"
    "198503152010011003;Budi Hutagalung;DISDUKCAPIL;Pengelola Data;pelaksana;II/d;\n"
)
TRAINING = "Pelatihan Analis Kebijakan Digital (uji)"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def companion_port():
    return free_port()


@pytest.fixture(scope="module")
def lms(tmp_path_factory, companion_port):
    tab = {"BINA_COMPANION_URL": f"http://127.0.0.1:{companion_port}"}  # the JP saya course tab
    with servers.dev_lms(tmp_path_factory.mktemp("lms"), extra_env=tab) as server:
        server.batch(
            [
                ["manage_user", "ani", "ani@contoh.go.id", "--full-name", "Ani Siregar",
                 "--password-env", "PW"],
                ["manage_user", "kadis", "kadis@contoh.go.id", "--full-name", "Kepala Dinas",
                 "--password-env", "PW"],
                ["manage_user", "bina_companion", "svc@localhost", "--staff"],
                ["create_dot_application", "bina-companion", "bina_companion",
                 f"--client-id={SERVICE[0]}", f"--client-secret={SERVICE[1]}"],
            ],
            extra_env={"PW": PASSWORD},
        )  # fmt: skip
        yield server


@pytest.fixture(scope="module")
def companion(tmp_path_factory, lms, companion_port):
    folder = tmp_path_factory.mktemp("companion")
    port = companion_port
    lms.command(
        "create_dot_application", "bina-companion-sso", "bina_companion",
        "--grant-type", "authorization-code",
        f"--redirect-uris=http://127.0.0.1:{port}/complete/edx-oauth2/", "--skip-authorization",
        "--scopes", "user_id", f"--client-id={SSO[0]}", f"--client-secret={SSO[1]}",
    )  # fmt: skip
    settings = {
        "COMPANION_LMS_URL": lms.url,
        "COMPANION_LMS_PUBLIC_URL": lms.url,
        "COMPANION_LMS_SSO_CLIENT_ID": SSO[0],
        "COMPANION_LMS_SSO_CLIENT_SECRET": SSO[1],
    }
    with servers.companion(folder, extra_env=settings, port=port) as server:
        (folder / "units.csv").write_text(UNITS)
        (folder / "roster.csv").write_text(ROSTER)
        server.batch(
            [
                ["import-units", str(folder / "units.csv")],
                ["import-roster", str(folder / "roster.csv")],
                ["manage_user", "kadis", "kadis@contoh.go.id", "--role", "opd_head", "--opd", "DISDUKCAPIL",
                 "--sso"],
                ["evaluate", "--refresh"],
            ]
        )  # fmt: skip
        yield server


@pytest.fixture
def phone(browser):
    contexts = []

    def open_page():
        context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta", viewport=PHONE)
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def certificate_pdf(path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as out:
        writer.write(out)
    return path


def sign_in_through_lms(page, companion, lms, username, path):
    """Open a companion page, press "Masuk dengan akun Open edX", sign in at the LMS, come back."""
    page.goto(companion.url + path)
    assert "/login/" in page.url
    assert axe_violations(page) == []
    button = page.get_by_role("button", name="Masuk dengan akun Open edX")
    password_form = page.locator("#id_password")
    assert button.bounding_box()["y"] < password_form.bounding_box()["y"]  # Open edX first
    screenshot(page, "companion-login-390", full_page=True)
    button.click()
    page.wait_for_url(f"{lms.url}/login/**")
    assert axe_violations(page) == []
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    try:
        page.wait_for_url(companion.url + path)
    except Exception as exc:
        raise AssertionError(f"ended at {page.url}: {page.locator('main').inner_text()[:500]}") from exc


def siasn_rows(page, companion) -> list[dict]:
    response = page.request.get(f"{companion.url}/evaluasi/unduh/siasn-riwayat-kursus.csv?sep=semicolon")
    assert response.status == 200
    rows = csv.DictReader(io.StringIO(response.body().decode("utf-8-sig")), delimiter=";")
    # Identifiers come as spreadsheet text (="...", ADR 0105): read each cell as Excel shows it.
    return [{key: shown(value) for key, value in row.items()} for row in rows]


def shown(cell: str) -> str:
    """A CSV cell as a spreadsheet displays it: ``="0012"`` is the text 0012."""
    return cell[2:-1] if cell.startswith('="') and cell.endswith('"') else cell


def test_sign_in_record_approve_and_see_it_count(companion, lms, phone, tmp_path):
    # --- the ASN signs in through the LMS and records a training outside the LMS ---
    asn = phone()
    sign_in_through_lms(asn, companion, lms, "ani", "/jp-saya/")
    assert "0 dari 20 JP" in asn.content()
    assert axe_violations(asn) == []
    screenshot(asn, "jp-saya-empty-390")
    asn.get_by_role("link", name="Catat pembelajaran di luar LMS").click()
    asn.wait_for_url("**/pelatihan-luar/baru/")
    assert axe_violations(asn) == []
    screenshot(asn, "outside-learning-form-390", full_page=True)
    asn.get_by_label("Nama pelatihan").fill(TRAINING)
    asn.get_by_label("Penyelenggara").fill("Lembaga Administrasi Negara")
    asn.get_by_label("Jalur pengembangan kompetensi (Peraturan LAN 10/2018)").select_option("pelatihan")
    asn.get_by_label("Hari pertama").fill("2026-03-02")
    asn.get_by_label("Hari terakhir").fill("2026-03-06")
    asn.get_by_label("JP di sertifikat").fill("24")
    asn.get_by_label("Nomor sertifikat").fill("LAN/2026/00123")
    asn.get_by_label("Sertifikat (PDF, PNG atau JPEG, paling besar 5 MB)").set_input_files(
        str(certificate_pdf(tmp_path / "sertifikat.pdf"))
    )
    asn.get_by_role("button", name="Kirim untuk verifikasi").click()
    asn.wait_for_url("**/pelatihan-luar/*/")
    assert "Menunggu verifikasi" in asn.content()
    assert axe_violations(asn) == []
    screenshot(asn, "outside-learning-record-390", full_page=True)
    record_url = asn.url
    asn.goto(companion.url + "/jp-saya/")
    assert TRAINING in asn.content() and "0 dari 20 JP" in asn.content()

    # --- the OPD head signs in through the LMS, sees the ledger, and verifies ---
    head = phone()
    sign_in_through_lms(head, companion, lms, "kadis", "/verifikasi/")
    assert TRAINING in head.content()
    assert axe_violations(head) == []
    screenshot(head, "verification-queue-390", full_page=True)
    head.goto(companion.url + "/evaluasi/jp/?short=1")
    assert "Ani Siregar" in head.content()  # below 20 JP before the approval
    assert not any(row["namaKursus"] == TRAINING for row in siasn_rows(head, companion))
    head.goto(record_url)
    href = head.get_by_role("link", name="Buka sertifikat").get_attribute("href")
    certificate = head.request.get(companion.url + href)
    assert certificate.status == 200 and certificate.body().startswith(b"%PDF-")
    head.get_by_label("Setujui").check()
    assert axe_violations(head) == []
    screenshot(head, "verification-decision-390", full_page=True)
    head.get_by_role("button", name="Simpan keputusan").click()
    head.wait_for_url("**/verifikasi/")
    assert "Disetujui: sekarang dihitung." in head.content()

    # --- it counts: the ledger, the SIASN export, and the ASN's own page ---
    head.goto(companion.url + "/evaluasi/jp/?short=1")
    assert "Ani Siregar" not in head.content()
    exported = [row for row in siasn_rows(head, companion) if row["namaKursus"] == TRAINING]
    assert len(exported) == 1
    assert (exported[0]["nipBaru"], exported[0]["jumlahJam"], exported[0]["nomorSertipikat"]) == (
        "196711101992031001",
        "24",
        "LAN/2026/00123",
    )
    assert (exported[0]["jenisDiklatId"], exported[0]["pnsOrangId"]) == ("13", "")
    asn.goto(companion.url + "/jp-saya/")
    assert "24 dari 20 JP" in asn.content() and "Disetujui: dihitung" in asn.content()
    assert axe_violations(asn) == []
    screenshot(asn, "jp-saya-counted-390", full_page=True)

    # --- the LMS links to JP saya from the course's tabs ---
    asn.goto(lms.url + "/")
    tab = asn.get_by_role("navigation", name="Kursus").get_by_role("link", name="JP saya")
    assert tab.get_attribute("href") == companion.url + "/jp-saya/"
    assert axe_violations(asn) == []
    screenshot(asn, "lms-course-tab-390")

    # --- signing out of the companion also signs out of the LMS ---
    asn.goto(companion.url + "/jp-saya/")
    asn.get_by_role("button", name="Keluar").click()
    asn.wait_for_url(companion.url + "/login/")
    asn.goto(lms.url + "/")
    assert "/login/" in asn.url
