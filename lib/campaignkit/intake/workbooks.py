"""Files to raw tables: every workbook and every sheet of a campaign folder, read with calamine.

Cells keep the type the workbook stored (text stays text: "1.000" is never turned into 1.0);
parsing is the next stage's work. Each raw row carries its file, sheet and Excel row number.
A file or sheet that cannot be read becomes a row of the issues table, never an exception.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook, PasswordError

from ..paths import REGISTRATIONS_DIR, REGISTRY_FILE, REPORTS_DIR, WORKBOOK_SUFFIXES
from ..plan import Plan
from ..text import fold, is_blank
from . import columns as cols
from .issues import Action, issue

SOURCE_COLUMNS = ["file", "sheet", "row"]


@dataclass
class RawTables:
    registry: pd.DataFrame
    registrations: pd.DataFrame
    reports: pd.DataFrame
    files: pd.DataFrame                      # file, kind, sheets, bytes, sha256
    issues: list[dict] = field(default_factory=list)


def _fill_merged(rows: list[list], merged: list | None) -> None:
    """A value typed in a merged range belongs to every cell of the range."""
    for (top, left), (bottom, right) in merged or []:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            for c in range(left, min(right, len(rows[r]) - 1) + 1):
                if (r, c) != (top, left) and is_blank(rows[r][c]):
                    rows[r][c] = value


def _data_rows(rows: list[list], header_index: int, prefilled: set[int] = frozenset()) -> list[tuple[int, list]]:
    """Rows below the header up to the last non-empty one, with their Excel row numbers. Cells
    at `prefilled` positions (what a template writes on every row) do not make a row non-empty."""
    body = rows[header_index + 1:]
    last = len(body)
    while last and all(is_blank(c) for i, c in enumerate(body[last - 1]) if i not in prefilled):
        last -= 1
    return [(header_index + 2 + i, cells) for i, cells in enumerate(body[:last])]


@dataclass
class SheetTable:
    """One sheet's data rows as column lists (file, sheet, row first), and its headers as written."""

    columns: dict[str, list]
    headers: dict[str, str]


def sheet_table(rows: list[list], match: cols.HeaderMatch, file: str, sheet: str) -> SheetTable:
    data = _data_rows(rows, match.row_index, {match.positions[n] for n in cols.PREFILLED if n in match.positions})
    columns = {"file": [file] * len(data), "sheet": [sheet] * len(data), "row": [n for n, _ in data]}
    columns.update({name: [c[i] if i < len(c) else "" for _, c in data] for name, i in match.positions.items()})
    if match.unknown:
        columns["extras"] = [
            json.dumps({h: str(c[i]) for i, h in match.unknown.items() if i < len(c) and not is_blank(c[i])},
                       ensure_ascii=False)
            for _, c in data
        ]
    columns["first_cell"] = [next((str(v) for v in c if not is_blank(v)), "") for _, c in data]
    return SheetTable(columns, match.headers)


def stack_sheets(tables: list[SheetTable]) -> pd.DataFrame:
    """One raw table from many sheets, built once: a column a sheet lacks is empty text there."""
    if not tables:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    names = list(dict.fromkeys(name for table in tables for name in table.columns))
    stacked = {}
    for name in names:
        values: list = []
        for table in tables:
            column = table.columns.get(name)
            values.extend(column if column is not None else [""] * len(table.columns["row"]))
        stacked[name] = values
    frame = pd.DataFrame(stacked, dtype=object)
    frame["row"] = frame["row"].astype(int)
    frame.attrs["headers"] = {k: v for table in tables for k, v in table.headers.items()}
    return frame


def _open(path: Path, shown: str) -> tuple[CalamineWorkbook | None, dict | None]:
    if path.stat().st_size == 0:
        return None, issue(shown, "", None, "", "", "Tệp rỗng (0 byte): hãy gửi lại tệp có dữ liệu",
                           Action.FILE_SKIPPED)
    try:
        return CalamineWorkbook.from_path(str(path)), None
    except PasswordError:
        problem = "Tệp có mật khẩu: hãy gỡ mật khẩu rồi gửi lại"
    except Exception as error:  # calamine raises several types for a broken file
        problem = f"Không đọc được tệp (hỏng hoặc không phải bảng tính): {type(error).__name__}"
    return None, issue(shown, "", None, "", "", problem, Action.FILE_SKIPPED)


def _not_data(rows: list[list]) -> bool:
    """A sheet the kit wrote for people to read: its first cell begins with the kit's note."""
    first = rows[0][0] if rows and rows[0] else ""
    return isinstance(first, str) and fold(first).startswith(fold(cols.NOT_DATA_NOTE))


def read_workbook(path: Path, shown: str, columns: tuple[cols.Column, ...], required: tuple[str, ...]):
    """All sheets of one workbook that carry a recognisable header, as raw tables."""
    workbook, problem = _open(path, shown)
    if workbook is None:
        return [], [problem]
    tables, problems = [], []
    for sheet_name in workbook.sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(sheet_name)
            rows = sheet.to_python(skip_empty_area=False)
            _fill_merged(rows, sheet.merged_cell_ranges)
        except Exception as error:
            problems.append(issue(shown, sheet_name, None, "", "",
                                  f"Không đọc được trang này: {type(error).__name__}", Action.SHEET_SKIPPED))
            continue
        if not any(not is_blank(c) for r in rows for c in r):
            continue  # an empty sheet (Sheet2, Sheet3 of a new workbook) is no finding
        match = cols.find_header(rows, columns, required)
        if match is None and _not_data(rows):
            continue  # the instructions or the lists of a template of the kit
        if match is None:
            expected = ", ".join(f"'{c.header}'" for c in columns if c.name in required)
            problems.append(issue(shown, sheet_name, None, "", "",
                                  f"Không tìm thấy dòng tiêu đề (cần có các cột {expected}): trang bị bỏ qua",
                                  Action.SHEET_SKIPPED))
            continue
        for name, written in match.fuzzy.items():
            header = next(c.header for c in columns if c.name == name)
            problems.append(issue(shown, sheet_name, match.row_index + 1, written, written,
                                  f"Tiêu đề cột gần giống '{header}': đã hiểu là cột đó", Action.WARNING))
        if match.unknown:
            extra = ", ".join(f"'{h}'" for h in match.unknown.values())
            problems.append(issue(shown, sheet_name, match.row_index + 1, "", extra,
                                  f"Cột ngoài mẫu {extra}: giữ riêng, không dùng để tính", Action.KEPT_ASIDE))
        tables.append(sheet_table(rows, match, shown, sheet_name))
    return tables, problems


def workbooks_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith(("~$", ".")))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_folder(data_dir: Path, kind: str, columns, required, issues: list, files: list) -> pd.DataFrame:
    folder = data_dir / kind
    if not folder.is_dir():
        issues.append(issue(kind + "/", "", None, "", "",
                            f"Không có thư mục {kind}/ trong {data_dir}: chưa có dữ liệu loại này",
                            Action.FILE_SKIPPED))
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    tables = []
    for path in workbooks_in(folder):
        shown = path.relative_to(data_dir).as_posix()
        sheets, problems = read_workbook(path, shown, columns, required)
        issues.extend(problems)
        tables.extend(sheets)
        files.append({"file": shown, "kind": kind, "sheets": len(sheets),
                      "bytes": path.stat().st_size, "sha256": _sha256(path)})
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() not in WORKBOOK_SUFFIXES):
        if not path.name.startswith("."):
            issues.append(issue(path.relative_to(data_dir).as_posix(), "", None, "", "",
                                "Không phải bảng tính (.xlsx, .xls, .ods): bỏ qua", Action.FILE_SKIPPED))
    return stack_sheets(tables)


def read_registry(data_dir: Path, issues: list, files: list) -> pd.DataFrame:
    path = data_dir / REGISTRY_FILE
    if not path.is_file():
        issues.append(issue(REGISTRY_FILE, "", None, "", "",
                            f"Không có danh sách đơn vị {REGISTRY_FILE} trong {data_dir}", Action.FILE_SKIPPED))
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    sheets, problems = read_workbook(path, REGISTRY_FILE, cols.REGISTRY, ("unit_id", "name"))
    issues.extend(problems)
    files.append({"file": REGISTRY_FILE, "kind": "don_vi", "sheets": len(sheets),
                  "bytes": path.stat().st_size, "sha256": _sha256(path)})
    return stack_sheets(sheets)


def read_campaign_folder(data_dir: str | Path, plan: Plan) -> RawTables:
    """Read `don_vi.xlsx`, every workbook under `dang_ky/` and `bao_cao/`, every sheet."""
    data_dir = Path(data_dir)
    issues: list[dict] = []
    files: list[dict] = []
    if not data_dir.is_dir():
        issues.append(issue(str(data_dir), "", None, "", "",
                            f"Không tìm thấy thư mục dữ liệu {data_dir}", Action.FILE_SKIPPED))
    registry = read_registry(data_dir, issues, files) if data_dir.is_dir() else pd.DataFrame(columns=SOURCE_COLUMNS)
    registrations = reports = pd.DataFrame(columns=SOURCE_COLUMNS)
    if data_dir.is_dir():
        registrations = _read_folder(data_dir, REGISTRATIONS_DIR, cols.registration_columns(plan),
                                     ("unit", "activity"), issues, files)
        reports = _read_folder(data_dir, REPORTS_DIR, cols.report_columns(plan),
                               ("unit", "held_on"), issues, files)
    file_table = pd.DataFrame(files, columns=["file", "kind", "sheets", "bytes", "sha256"])
    return RawTables(registry, registrations, reports, file_table, issues)
