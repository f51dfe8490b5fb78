"""What the command line prints: the row accounting of a campaign folder, in Vietnamese."""

from __future__ import annotations

from ..intake.accounting import SOURCE_WORDS, accounting_by_source
from ..intake.issues import Action
from ..intake.status import STATUS_DESCRIPTIONS
from ..intake.tables import CampaignTables


def accounting_text(tables: CampaignTables) -> str:
    summary = tables.summary.iloc[0]
    workbooks = int((tables.files["kind"] != "don_vi").sum()) if len(tables.files) else 0
    lines = [f"Đã đọc {summary['rows_read']} dòng dữ liệu từ {workbooks} tệp bảng tính"
             f" và {len(tables.units)} đơn vị trong danh sách:"]
    by_source = accounting_by_source(tables)
    for status, description in STATUS_DESCRIPTIONS.items():
        parts = ", ".join(f"{word} {by_source.loc[source, status]}" for source, word in SOURCE_WORDS.items())
        lines.append(f"  - {description}: {summary[status]}  ({parts})")
    placed = sum(int(summary[s]) for s in STATUS_DESCRIPTIONS)
    check = "khớp" if placed == summary["rows_read"] else "KHÔNG KHỚP"
    lines.append(f"  Tổng các mục: {placed} = số dòng đã đọc {summary['rows_read']} ({check}).")
    problems = tables.issues[tables.issues["action"].isin([Action.FILE_SKIPPED, Action.SHEET_SKIPPED])]
    for rec in problems.itertuples():
        where = f"{rec.file}" + (f", trang '{rec.sheet}'" if rec.sheet else "")
        lines.append(f"  ! {where}: {rec.problem}")
    return "\n".join(lines)
