"""The workbook writers: a list of Grids (rendering.Grid) to one .xlsx, .xls or .ods file.

`write_xlsx` (xlsxwriter, fixed creation date), `write_xls` (xlwt) and `write_ods` (pandas' odf
writer, whose zip container is then given fixed timestamps by `_freeze_zip`), and `write_book`,
which writes a workbook specification's grids in its own format under the campaign folder. The
same grids always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .rendering import Formula, Grid

if TYPE_CHECKING:
    from .sending import BookSpec


def write_xlsx(path: Path, grids: list[Grid], created: dt.date) -> None:
    """An .xlsx workbook, one worksheet per grid (merged title cells, header row in bold, formulas kept),
    created on `created` (the campaign's first day: a fixed date, so that reruns give the same bytes)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"in_memory": True, "default_date_format": "dd/mm/yyyy",
                                         "strings_to_urls": False, "strings_to_numbers": False,
                                         "strings_to_formulas": False})
    wb.set_properties({"created": dt.datetime.combine(created, dt.time()), "author": "campaignkit (dữ liệu giả lập)"})
    f_date = wb.add_format({"num_format": "dd/mm/yyyy"})
    f_dt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    f_title = wb.add_format({"bold": True, "align": "center"})
    f_head = wb.add_format({"bold": True, "text_wrap": True, "border": 1})
    for g in grids:
        ws = wb.add_worksheet(g.name)
        for c, w in enumerate(g.widths):
            ws.set_column(c, c, w)
        skip = set()
        for r1, c1, r2, c2 in g.merges:
            ws.merge_range(r1, c1, r2, c2, g.rows[r1][c1] or "", f_title)
            skip.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        for r, row in enumerate(g.rows):
            fmt_row = f_head if r == g.header_row else None
            for c, v in enumerate(row):
                if v is None or (r, c) in skip:
                    continue
                if isinstance(v, str):
                    ws.write_string(r, c, v, fmt_row)
                elif isinstance(v, bool):
                    ws.write_boolean(r, c, v)
                elif isinstance(v, (int, float)):
                    ws.write_number(r, c, v)
                elif isinstance(v, dt.datetime):
                    ws.write_datetime(r, c, v, f_dt if v.time() != dt.time(0) else f_date)
                elif isinstance(v, dt.date):
                    ws.write_datetime(r, c, v, f_date)
                elif isinstance(v, Formula):
                    ws.write_formula(r, c, v.text, None, v.value)
    wb.close()


def write_xls(path: Path, grids: list[Grid], created: dt.date) -> None:
    """An .xls (Excel 97) workbook; formulas are written as their values (xlwt writes no dates of
    its own, so `created` is not needed to give the same bytes)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    s_date = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    s_dt = xlwt.easyxf(num_format_str="DD/MM/YYYY HH:MM")
    s_title = xlwt.easyxf("font: bold on; align: horiz center")
    for g in grids:
        ws = wb.add_sheet(g.name)
        skip = set()
        for r1, c1, r2, c2 in g.merges:
            ws.write_merge(r1, r2, c1, c2, g.rows[r1][c1] or "", s_title)
            skip.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        for r, row in enumerate(g.rows):
            for c, v in enumerate(row):
                if v is None or (r, c) in skip:
                    continue
                if isinstance(v, Formula):
                    v = v.value
                if isinstance(v, dt.datetime):
                    ws.write(r, c, v, s_dt if v.time() != dt.time(0) else s_date)
                elif isinstance(v, dt.date):
                    ws.write(r, c, v, s_date)
                else:
                    ws.write(r, c, v)
    wb.save(str(path))


def write_ods(path: Path, grids: list[Grid], created: dt.date) -> None:
    """An .ods (OpenDocument) spreadsheet; formulas are written as their values."""
    import pandas as pd

    with pd.ExcelWriter(str(path), engine="odf") as writer:
        for g in grids:
            rows = [[v.value if isinstance(v, Formula) else v for v in row] for row in g.rows]
            width = max(len(r) for r in rows)
            rows = [r + [None] * (width - len(r)) for r in rows]
            pd.DataFrame(rows, dtype=object).to_excel(writer, sheet_name=g.name, header=False, index=False)
    _freeze_zip(path, created)


def _freeze_zip(path: Path, created: dt.date) -> None:
    """Give every member of a zip container a fixed timestamp, so that reruns give identical bytes."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(created.year, created.month, created.day, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            z.writestr(fixed, data)


def write_book(out: Path, book: BookSpec, grids: list[Grid], created: dt.date) -> None:
    """Write `book`'s grids at out/book.path, in the book's format."""
    path = out / book.path
    path.parent.mkdir(parents=True, exist_ok=True)
    {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods}[book.fmt](path, grids, created)
