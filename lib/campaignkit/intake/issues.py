"""The issues table: one row per data problem, with where it is and what the kit did about it.

Columns are fixed by the contract: file, sheet, row (Excel row number), column, value,
problem (Vietnamese), action.
"""

from __future__ import annotations

import pandas as pd

ISSUE_COLUMNS = ["file", "sheet", "row", "column", "value", "problem", "action"]


class Action:
    """What happened to the row, file or sheet an issue is about (Vietnamese, as written out)."""

    REJECTED = "loại (không tính)"
    MERGED = "gộp vào bản gửi sau"
    SKIPPED = "bỏ qua (dòng trống/dòng tổng)"
    WARNING = "vẫn tính, cần kiểm tra"
    KEPT_ASIDE = "giữ riêng"
    FILE_SKIPPED = "bỏ qua tệp"
    SHEET_SKIPPED = "bỏ qua trang"
    NO_DATA = "không có số liệu để đọc"
    IGNORED = "không phải dữ liệu"

    # a file or sheet that may hold rows the kit could not read: counted as unread
    UNREAD = (FILE_SKIPPED, SHEET_SKIPPED)


def issue(file: str, sheet: str, row: int | None, column: str, value, problem: str, action: str) -> dict:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    shown = "" if value is None else str(value)
    return {"file": file, "sheet": sheet, "row": row, "column": column, "value": shown,
            "problem": problem, "action": action}


def issues_frame(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=ISSUE_COLUMNS)
    table["row"] = table["row"].astype("Int64")
    return table.reset_index(drop=True)


def locate(file: str, sheet: str, row: int | None, column: str = "") -> str:
    """'tệp bao_cao/BVDK.xlsx, trang 'Tuần 3', dòng 14, cột 'Ngày tổ chức'' for messages."""
    parts = [f"tệp {file}"]
    if sheet:
        parts.append(f"trang '{sheet}'")
    if row is not None and not pd.isna(row):
        parts.append(f"dòng {int(row)}")
    if column:
        parts.append(f"cột '{column}'")
    return ", ".join(parts)
