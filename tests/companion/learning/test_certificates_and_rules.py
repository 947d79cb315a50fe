"""Certificates are checked by content; the JP and date rules (1 JP = 45 minutes)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from companion_service.learning import certificates, rules
from companion_service.learning.data import TrainingInput

from .conftest import image_bytes, pdf_bytes


def upload(name, data, kind="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=kind)


@pytest.mark.parametrize(
    ("name", "maker", "expected"),
    [
        ("sertifikat.pdf", pdf_bytes, "application/pdf"),
        ("foto.png", lambda: image_bytes("PNG"), "image/png"),
        ("foto.jpg", lambda: image_bytes("JPEG"), "image/jpeg"),
        ("tanpa-ekstensi", pdf_bytes, "application/pdf"),  # the content decides, not the name
    ],
)
def test_real_pdfs_and_images_pass(name, maker, expected):
    assert certificates.check(upload(name, maker())).content_type == expected


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("sertifikat.pdf", b"<html><script>alert(1)</script></html>"),  # a web page named .pdf
        ("sertifikat.pdf", b"%PDF-1.7\nnot really a pdf"),  # the right header, nothing behind it
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200),  # a PNG signature and garbage
        ("foto.jpg", image_bytes("PNG")),  # a real PNG named .jpg is still a PNG: accepted as PNG
        ("gambar.gif", image_bytes("GIF")),  # a real image of a type we do not take
        ("dokumen.docx", b"PK\x03\x04" + b"\x00" * 100),
    ],
)
def test_everything_else_is_refused_by_its_content(name, data):
    if name == "foto.jpg":
        assert certificates.check(upload(name, data)).content_type == "image/png"
        return
    with pytest.raises(ValidationError) as caught:
        certificates.check(upload(name, data))
    assert caught.value.code == "bad_type"


def test_a_file_over_the_limit_is_refused_before_reading(settings):
    settings.COMPANION_CERTIFICATE_MAX_MB = 1
    with pytest.raises(ValidationError) as caught:
        certificates.check(upload("besar.pdf", pdf_bytes() + b"\n%" + b"0" * (1024 * 1024)))
    assert caught.value.code == "too_large"


def base(**changes):
    values = {
        "title": "Kursus",
        "provider": "LAN",
        "channel": "kursus",
        "started_on": dt.date(2026, 3, 2),
        "finished_on": dt.date(2026, 3, 3),
        "jp": None,
        "hours": Decimal("3"),
    }
    values.update(changes)
    return TrainingInput(**values)


@pytest.mark.parametrize(
    ("hours", "jp"), [("0.75", 1), ("1", 2), ("1.5", 2), ("3", 4), ("7.5", 10), ("15", 20)]
)
def test_jp_from_hours_is_45_minute_units_rounded_up(hours, jp):
    assert rules.credited_jp(base(hours=Decimal(hours))) == (jp, True)


def test_the_jp_on_the_certificate_wins_over_hours():
    assert rules.credited_jp(base(jp=24, hours=Decimal("3"))) == (24, False)


def test_problems_name_each_wrong_field():
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    assert set(rules.problems(base(finished_on=dt.date(2026, 3, 1)))) == {"finished_on"}
    assert set(rules.problems(base(finished_on=tomorrow))) == {"finished_on"}
    assert set(rules.problems(base(jp=None, hours=None))) == {"jp"}
    assert set(rules.problems(base(jp=0))) == {"jp"}
    assert set(rules.problems(base(channel="rapat"))) == {"channel"}
    assert set(rules.problems(base(title=" ", provider=""))) == {"title", "provider"}
    assert rules.problems(base()) == {}
