"""The starter course "Transformasi Digital ASN Kota Sibolga": OLX in ``course/``, built into the
``.tar.gz`` Studio imports (Tools > Import): one top folder ``course/`` holding ``course.xml``.

The archive is reproducible (sorted entries, fixed times and owners), so building it twice gives the
same bytes. ``make starter-course`` runs ``python -m dev.starter_course``.
"""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "course"
ARCHIVE_NAME = "transformasi-digital-asn-sibolga.tar.gz"
COURSE_KEY = "course-v1:KotaSibolga+TDASN+2027"
_EPOCH = 1_798_761_600  # 2027-01-01 00:00 UTC: a fixed time for every entry


def _entry(name: str, *, directory: bool, size: int = 0) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.mtime = _EPOCH
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.type = tarfile.DIRTYPE if directory else tarfile.REGTYPE
    info.mode = 0o755 if directory else 0o644
    info.size = size
    return info


def build(output: Path, source: Path = SOURCE) -> Path:
    """Write the course in ``source`` as ``output`` (a Studio import archive); return its path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(_entry("course", directory=True))
        for path in sorted(source.rglob("*")):
            name = f"course/{path.relative_to(source).as_posix()}"
            if path.is_dir():
                tar.addfile(_entry(name, directory=True))
            else:
                data = path.read_bytes()
                tar.addfile(_entry(name, directory=False, size=len(data)), io.BytesIO(data))
    with open(output, "wb") as file, gzip.GzipFile(fileobj=file, mode="wb", mtime=_EPOCH, filename="") as gz:
        gz.write(raw.getvalue())
    return output
