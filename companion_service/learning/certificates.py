"""Check an uploaded certificate by its content, not its name: a PDF that opens (pypdf), or a PNG or
JPEG image that decodes (Pillow), within the size limit. Anything else is refused with a sentence
saying what to send instead."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
MAX_PIXELS = 40_000_000  # a scan at 600 dpi of an A3 page is about 35 million


def max_bytes() -> int:
    return int(getattr(settings, "COMPANION_CERTIFICATE_MAX_MB", 5)) * 1024 * 1024


@dataclass(frozen=True)
class Checked:
    content_type: str
    size: int


def _pdf_opens(data: bytes) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return False
        return len(reader.pages) >= 1
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return False


def _image_decodes(data: bytes, expected: str) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if Image.MIME.get(image.format) != expected:
                return False
            width, height = image.size
            if width * height > MAX_PIXELS:
                return False
            image.load()  # decodes every pixel: a truncated or forged file fails here
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        return False
    return True


def check(upload) -> Checked:
    """The content type of ``upload`` (an uploaded file), or ``ValidationError``."""
    size = upload.size
    if size > max_bytes():
        raise ValidationError(
            _("The certificate file is %(size).1f MB; send at most %(limit)d MB (a PDF or a photo).")
            % {"size": size / 1024 / 1024, "limit": max_bytes() // 1024 // 1024},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if data.startswith(b"%PDF-") and _pdf_opens(data):
        return Checked(PDF, size)
    if data.startswith(b"\x89PNG\r\n\x1a\n") and _image_decodes(data, PNG):
        return Checked(PNG, size)
    if data.startswith(b"\xff\xd8\xff") and _image_decodes(data, JPEG):
        return Checked(JPEG, size)
    raise ValidationError(
        _(
            "The certificate must be a PDF, PNG or JPEG file that opens; this file is not, "
            "whatever its name says."
        ),
        code="bad_type",
    )
