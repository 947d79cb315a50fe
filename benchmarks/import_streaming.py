"""Reading a 500,000-row XLSX for an import: held in memory (before issue 15) vs streamed (after).

    .venv/bin/python -m benchmarks.import_streaming [--rows 500000]

Writes an XLSX in the roster's layout (about 0.15 MB per 50,000 rows: the rows repeat, so the zip is
tiny) and, in the same process:

1. before: the reader as it was before issue 15 (openpyxl read-only, every row kept as a dict in one
   list), copied here as the baseline;
2. after: ``read_table`` with the row limit raised above the file, every row iterated (what an
   importer's checking pass does);
3. the default limit (``COMPANION_IMPORT_MAX_ROWS`` = 100,000): how long until the file is refused;
4. a zip bomb (a valid XLSX unpacking to 300 MB): how long until it is refused.

Peak memory is Python's (tracemalloc) in runs of their own; times come from runs without tracemalloc.
Goal (ADR 0109): streamed peak at most a tenth of the baseline's; refusals within a few seconds.
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

import django
from django.conf import settings


def setup(max_rows: int) -> None:
    if not settings.configured:
        settings.configure(USE_I18N=False, COMPANION_IMPORT_MAX_UNPACKED_MB=200)
        django.setup()
    settings.COMPANION_IMPORT_MAX_ROWS = max_rows


def write_xlsx(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["nip", "nama", "kode_opd", "jabatan", "golongan"])
    for i in range(rows):
        sheet.append([f"1967111019920310{i % 100:02d}", f"ASN {i % 1000}", "DISDUKCAPIL", "Analis", "III/a"])
    workbook.save(path)


def zip_bomb(unpacked_mb: int) -> bytes:
    buffer = io.BytesIO()
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["nip", "nama", "kode_opd"])
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out_buffer = io.BytesIO()
    with zipfile.ZipFile(out_buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"</sheetData>")
                data = head + b"<!--" + b"x" * (unpacked_mb * 1024 * 1024) + b"-->" + b"</sheetData>" + tail
            out.writestr(info.filename, data)
    return out_buffer.getvalue()


def before(data: bytes) -> int:
    """The pre-issue-15 reader: every non-empty row as a dict, all kept in one list."""
    from openpyxl import load_workbook

    from companion_service.core.tabular import Row, cell_text, normalise_column

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        iterator = iter(workbook.worksheets[0].iter_rows(values_only=True))
        columns = [normalise_column(cell) for cell in next(iterator)]
        rows = []
        for line, values in enumerate(iterator, start=2):
            cells = {c: cell_text(v) for c, v in zip(columns, values, strict=False) if c}
            if any(cells.values()):
                rows.append(Row(line=line, cells=cells))
    finally:
        workbook.close()
    return len(rows)


def after(data: bytes) -> int:
    from companion_service.core.tabular import read_table

    table = read_table(data, filename="roster.xlsx")
    count = 0
    for _row in table.rows:
        count += 1
    return count


def refused(data: bytes, filename: str = "roster.xlsx") -> str:
    from companion_service.core.tabular import TableError, read_table

    try:
        read_table(data, filename=filename)
    except TableError as exc:
        return str(exc)
    return "NOT REFUSED"


def timed(function, *args):
    gc.collect()
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def peak(function, *args):
    gc.collect()
    tracemalloc.start()
    try:
        result = function(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # figures appear as they are measured
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    args = parser.parse_args()
    setup(args.rows + 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.xlsx"
        _none, seconds = timed(write_xlsx, path, args.rows)
        data = path.read_bytes()
    mb = 1024 * 1024
    print(f"XLSX of {args.rows:,} rows: {len(data) / mb:.2f} MB packed (written in {seconds:.1f} s)")
    n_before, t_before = timed(before, data)
    n_after, t_after = timed(after, data)
    assert n_before == n_after == args.rows, (n_before, n_after)
    _n, m_before = peak(before, data)
    _n, m_after = peak(after, data)
    print(f"before (all rows in a list): {t_before:6.1f} s, peak {m_before / mb:7.1f} MB")
    print(f"after  (streamed):           {t_after:6.1f} s, peak {m_after / mb:7.1f} MB")
    print(f"after/before: time {t_after / t_before:.2f}, peak memory {m_after / m_before:.3f}")
    setup(100_000)
    message, t_refused = timed(refused, data)
    _m, m_refused = peak(refused, data)
    print(
        f"default limit 100,000 rows: refused in {t_refused:.2f} s, peak {m_refused / mb:.1f} MB: {message}"
    )
    bomb = zip_bomb(300)
    message, t_bomb = timed(refused, bomb)
    print(
        f"zip bomb ({len(bomb) / 1024:.0f} kB packed, 300 MB unpacked): refused in {t_bomb:.3f} s: {message}"
    )


if __name__ == "__main__":
    main()
