"""What the command line prints: the row accounting of a campaign folder (or of one period),
and the files and sheets left unread, in Vietnamese. It says the rows add up ("khớp") only when
every row is placed and no file or sheet was left unread."""

from __future__ import annotations

import pandas as pd

from ..intake.accounting import AFTER_AS_OF, SOURCE_WORDS, total_row, unread, unread_counts
from ..intake.status import AFTER_AS_OF_DESCRIPTION, STATUS_DESCRIPTIONS
from ..intake.tables import CampaignTables
from ..text import format_number

UNREAD_SHOWN = 10


def _unread_lines(table: pd.DataFrame) -> list[str]:
    files, sheets = unread_counts(table)
    lines = []
    if files:
        lines.append(f"  Tệp không đọc được: {files} (số dòng trong đó chưa được đếm)")
    if sheets:
        lines.append(f"  Trang không đọc được: {sheets} (số dòng trong đó chưa được đếm)")
    for rec in table.head(UNREAD_SHOWN).itertuples():
        where = f"{rec.file}" + (f", trang '{rec.sheet}'" if rec.sheet else "")
        lines.append(f"  ! {where}: {rec.problem}")
    if len(table) > UNREAD_SHOWN:
        lines.append(f"  … và {len(table) - UNREAD_SHOWN} tệp/trang nữa (xem data_issues.csv)")
    return lines


def accounting_text(tables: CampaignTables, summary: pd.DataFrame | None = None) -> str:
    """The accounting of `summary` (a period's ingest_summary; default: the whole folder's)."""
    summary = tables.summary if summary is None else summary
    total = total_row(summary)
    by_source = summary.set_index("source")
    read_files = tables.files[tables.files["kind"] != "don_vi"] if len(tables.files) else tables.files
    files = int(read_files["read"].astype(bool).sum()) if len(read_files) else 0
    lines = [f"Đã đọc {format_number(int(total['rows_read']))} dòng dữ liệu từ {files} tệp"
             f" và {len(tables.units)} đơn vị trong danh sách:"]
    descriptions = dict(STATUS_DESCRIPTIONS)
    if int(total[AFTER_AS_OF]):
        descriptions[AFTER_AS_OF] = AFTER_AS_OF_DESCRIPTION
    for place, description in descriptions.items():
        parts = ", ".join(f"{word} {int(by_source.loc[source, place])}" for source, word in SOURCE_WORDS.items())
        lines.append(f"  - {description}: {int(total[place])}  ({parts})")
    placed = sum(int(total[place]) for place in descriptions)
    left = unread(tables.files, tables.issues)
    if placed != int(total["rows_read"]):
        check = "KHÔNG KHỚP"
    elif len(left):
        files_left, sheets_left = unread_counts(left)
        check = (f"các dòng đã đọc khớp, nhưng CHƯA ĐỦ: còn {files_left} tệp và {sheets_left} trang không đọc được"
                 " — xem data_issues.csv")
    else:
        check = "khớp"
    lines.append(f"  Tổng các mục: {placed} = số dòng đã đọc {int(total['rows_read'])} ({check}).")
    lines.extend(_unread_lines(left))
    return "\n".join(lines)
