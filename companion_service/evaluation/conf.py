"""Settings of the evaluation, with defaults; operators set them through the environment.

- ``COMPANION_SIASN_INSTANSI_ID``, ``COMPANION_SIASN_LOKASI_ID``, ``COMPANION_SIASN_JENIS_DIKLAT_ID``:
  the BKN reference codes the SIASN "riwayat kursus" export writes on every row (empty by default:
  the HR office fills them, or sets them once here);
- ``COMPANION_SIASN_PENYELENGGARA``: the organiser written for courses (default: the course's
  organisation in Open edX); partner workshops always name the partner.
"""

import os

from django.conf import settings


def _setting(name: str, default: str = "") -> str:
    return str(getattr(settings, name, os.environ.get(name, default)) or "").strip()


def siasn_instansi_id() -> str:
    return _setting("COMPANION_SIASN_INSTANSI_ID")


def siasn_lokasi_id() -> str:
    return _setting("COMPANION_SIASN_LOKASI_ID")


def siasn_jenis_diklat_id() -> str:
    return _setting("COMPANION_SIASN_JENIS_DIKLAT_ID")


def siasn_penyelenggara() -> str:
    return _setting("COMPANION_SIASN_PENYELENGGARA")
