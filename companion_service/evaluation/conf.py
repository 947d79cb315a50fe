"""Settings of the evaluation, with defaults; operators set them through the environment.

- ``COMPANION_SIASN_INSTANSI_ID``, ``COMPANION_SIASN_LOKASI_ID``: the BKN reference codes the SIASN
  "riwayat kursus" export writes on every row (empty by default: the HR office sets them once here);
  the jenis diklat code comes per row from the learning channel (``siasn_reference.json``, or the
  operator's copy named by ``COMPANION_SIASN_REFERENCE``);
- ``COMPANION_SIASN_PENYELENGGARA``: the organiser written for courses (default: the course's
  organisation in Open edX); partner workshops always name the partner.
"""

import os

from django.conf import settings


def _setting(name: str, default: str = "") -> str:
    return str(getattr(settings, name, os.environ.get(name, default)) or "").strip()


setting = _setting


def siasn_instansi_id() -> str:
    return _setting("COMPANION_SIASN_INSTANSI_ID")


def siasn_lokasi_id() -> str:
    return _setting("COMPANION_SIASN_LOKASI_ID")


def siasn_penyelenggara() -> str:
    return _setting("COMPANION_SIASN_PENYELENGGARA")
