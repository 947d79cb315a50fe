"""A small city for the learning tests: two OPDs, an ASN in each with an account, their OPD heads,
a BKPSDM verifier and an evaluator."""

import io
from types import SimpleNamespace

import pytest

from companion_service.accounts.models import AccessLink
from companion_service.organization.models import Opd
from companion_service.roster.models import Asn
from companion_service.signin.models import AsnAccount


@pytest.fixture
def town(db, make_user):
    a = Opd.objects.create(code="DISDUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil")
    b = Opd.objects.create(code="RSUD", name="RSUD Dr. F.L. Tobing")
    ani = Asn.objects.create(nip="196711101992031001", name="Ani Siregar", opd=a, openedx_username="ani")
    budi = Asn.objects.create(
        nip="198503152010011003", name="Budi Hutagalung", opd=b, openedx_username="budi"
    )
    users = SimpleNamespace(
        ani=make_user("ani"),
        budi=make_user("budi"),
        head_a=make_user("kadis_a", "opd_head"),
        head_b=make_user("kadis_b", "opd_head"),
        verifier=make_user("verifikator", "verifier"),
        evaluator=make_user("eva", "evaluator"),
        nobody=make_user("tamu"),
    )
    AsnAccount.objects.create(user=users.ani, asn=ani, method="username")
    AsnAccount.objects.create(user=users.budi, asn=budi, method="username")
    AccessLink.objects.create(user=users.head_a, opd=a)
    AccessLink.objects.create(user=users.head_b, opd=b)
    return SimpleNamespace(a=a, b=b, ani=ani, budi=budi, users=users)


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


FORM = {
    "title": "Pelatihan Analis Kebijakan Digital",
    "provider": "Lembaga Administrasi Negara",
    "channel": "pelatihan",
    "started_on": "2026-03-02",
    "finished_on": "2026-03-06",
    "jp": "24",
    "hours": "",
    "certificate_number": "LAN/2026/00123",
}
