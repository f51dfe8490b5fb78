"""Files to raw tables: every file and every sheet of a campaign folder.

A file's format is read from its content, not its name (`formats.sniff`): `.xlsx`/`.xlsm`,
`.xlsb`, `.ods` and `.xls` are read with calamine, CSV and HTML tables (what web systems save
as `.xls`) by `formats`. Excel and LibreOffice lock files (`~$…`, `.~lock.…#`) are ignored.
No file can stop the run (`guard`): a sheet too large to load is reported with its farthest
cell, a reader that aborts loses only its file. Cells keep the type the workbook stored (text
stays text: "1.000" is never turned into 1.0); parsing is the next stage's work. Each raw row
carries its file, sheet and Excel row number. A file or sheet that cannot be read becomes a row
of the issues table and is counted as unread in the files table (`read`, `sheets_unread`).
Hidden and very hidden sheets are read and counted like the others, each with a note.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook, PasswordError

from ..paths import REGISTRATIONS_DIR, REGISTRY_FILE, REPORTS_DIR
from ..plan import Plan
from . import columns as cols
from . import formats
from .guard import MAX_CELLS, ReadAborted, SheetScan, column_letters, in_child, scan_xlsx, too_far_problem
from .issues import Action, issue
from .sheets import SheetCells, SheetTable, read_sheet

SOURCE_COLUMNS = ["file", "sheet", "row"]
FILE_COLUMNS = ["file", "kind", "format", "read", "sheets", "sheets_unread", "bytes", "sha256"]
VISIBILITY = {"SheetVisibleEnum.Visible": "visible", "SheetVisibleEnum.Hidden": "hidden",
              "SheetVisibleEnum.VeryHidden": "very_hidden"}
PASSWORD_PROBLEM = "Tệp có mật khẩu: hãy gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi gửi lại"
NOT_A_SPREADSHEET = "Không phải bảng tính (.xlsx, .xls, .ods, .csv): bỏ qua — nếu có số liệu, hãy lưu thành .xlsx"


@dataclass
class RawTables:
    registry: pd.DataFrame
    registrations: pd.DataFrame
    reports: pd.DataFrame
    files: pd.DataFrame                      # FILE_COLUMNS: one row per file met
    issues: list[dict] = field(default_factory=list)


@dataclass
class FileRead:
    """One file: its sheets' tables, findings, how many sheets were read or not."""

    tables: list[SheetTable] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)
    format: str = ""
    read: bool = True
    sheets: int = 0
    sheets_unread: int = 0


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
            if column is None:
                column = [False if name == "repeated_header" else ""] * len(table.columns["row"])
            values.extend(column)
        stacked[name] = values
    frame = pd.DataFrame(stacked, dtype=object)
    frame["row"] = frame["row"].astype(int)
    frame.attrs["headers"] = {k: v for table in tables for k, v in table.headers.items()}
    return frame


# --- calamine formats ----------------------------------------------------------------------

def _open_workbook(path: Path, kind: str) -> CalamineWorkbook:
    """calamine picks its reader by the file's extension: a file whose extension lies (an .xlsx
    renamed .xls) is handed over as bytes, which calamine reads by their content."""
    if path.suffix.lower() in formats.FORMAT_SUFFIXES.get(kind, ()):
        return CalamineWorkbook.from_path(str(path))
    return CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))


def _calamine_sheets(path: Path, kind: str,
                     scans: dict[str, SheetScan] | None) -> list[tuple[SheetCells | None, str | None]]:
    """(cells, None) or (None, problem) per sheet, in workbook order."""
    sheets = []
    with _open_workbook(path, kind) as workbook:
        for meta in workbook.sheets_metadata:
            visibility = VISIBILITY.get(str(meta.visible), "visible")
            scan = (scans or {}).get(meta.name)
            if scan is not None and scan.too_far:
                sheets.append((SheetCells(meta.name, [], visibility=visibility), too_far_problem(scan.too_far,
                                                                                                 scan.cells)))
                continue
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
                end = sheet.end
                if end is not None and (end[0] + 1) * (end[1] + 1) > MAX_CELLS:
                    far = f"{column_letters(end[1] + 1)}{end[0] + 1}"
                    sheets.append((SheetCells(meta.name, [], visibility=visibility),
                                   too_far_problem(far, (end[0] + 1) * (end[1] + 1))))
                    continue
                rows = sheet.to_python(skip_empty_area=False)
                cells = SheetCells(meta.name, rows, sheet.merged_cell_ranges, scan.errors if scan else {}, visibility)
                sheets.append((cells, None))
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as error:  # calamine raises several types (a Rust panic included)
                sheets.append((SheetCells(meta.name, [], visibility=visibility),
                               f"Không đọc được trang này: {type(error).__name__}"))
    return sheets


def _open_problem(error: BaseException) -> str:
    if isinstance(error, PasswordError) or "password" in str(error).lower():
        return PASSWORD_PROBLEM
    if isinstance(error, ReadAborted):
        return (f"Tệp làm trình đọc dừng đột ngột ({error}): có thể có ô dữ liệu ở rất xa — hãy xoá các ô thừa "
                "(Ctrl+End) hoặc lưu lại thành .xlsx rồi gửi lại")
    return f"Không đọc được tệp (hỏng hoặc không phải bảng tính): {str(error).split(':')[0] or type(error).__name__}"


def _sheet_cells(path: Path, kind: str) -> list[tuple[SheetCells | None, str | None]]:
    """Every sheet of a file, as cells or as the reason it could not be read."""
    if kind == formats.XLSX:
        return _calamine_sheets(path, kind, scan_xlsx(path))
    if kind in formats.CALAMINE_FORMATS:
        return in_child(_calamine_sheets, path, kind, None)
    if kind == formats.CSV:
        sheets, _encoding = formats.csv_sheets(path)
    else:
        sheets = formats.html_sheets(path)
    return [(SheetCells(s.name, s.rows), None) for s in sheets]


def _format_note(path: Path, kind: str, shown: str) -> dict | None:
    """A file whose name does not say what it is: read all the same, and said."""
    if path.suffix.lower() in formats.FORMAT_SUFFIXES.get(kind, ()) and kind != formats.HTML:
        return None
    if kind == formats.HTML:
        problem = (f"Tệp {path.suffix or '(không đuôi)'} thực chất là {formats.FORMAT_NAMES[kind]} (xuất từ hệ thống "
                   "phần mềm): đã đọc các bảng trong đó; nên mở bằng Excel rồi lưu lại thành .xlsx")
    else:
        problem = (f"Tệp đuôi {path.suffix or '(không đuôi)'} nhưng thực chất là {formats.FORMAT_NAMES[kind]}: "
                   "vẫn đọc theo nội dung; nên đặt lại đuôi tệp cho đúng")
    return issue(shown, "", None, "", "", problem, Action.WARNING)


def read_workbook(path: Path, shown: str, columns: tuple[cols.Column, ...], required: tuple[str, ...]) -> FileRead:
    """Every sheet of one file that carries a recognisable header, as raw tables."""
    kind = formats.sniff(path)
    result = FileRead(format=kind)
    if kind == formats.EMPTY:
        problem = "Tệp rỗng (0 byte): hãy gửi lại tệp có dữ liệu"
    elif kind == formats.ENCRYPTED:
        problem = PASSWORD_PROBLEM
    elif kind == formats.OTHER or (kind == formats.CSV and path.suffix.lower() not in formats.SPREADSHEET_SUFFIXES):
        problem = NOT_A_SPREADSHEET
    else:
        problem = None
    if problem is None:
        try:
            sheets = _sheet_cells(path, kind)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # a broken file of any kind: reported, never fatal
            problem = _open_problem(error)
    if problem is not None:
        result.read = False
        result.issues.append(issue(shown, "", None, "", "", problem, Action.FILE_SKIPPED))
        return result
    if note := _format_note(path, kind, shown):
        result.issues.append(note)
    for cells, sheet_problem in sheets:
        result.sheets += 1
        if sheet_problem:
            result.sheets_unread += 1
            result.issues.append(issue(shown, cells.name, None, "", "", sheet_problem, Action.SHEET_SKIPPED))
            continue
        read = read_sheet(cells, shown, columns, required)
        result.issues.extend(read.issues)
        result.tables.extend(read.tables)
        result.sheets_unread += read.state == "unread"
    return result


# --- folders -------------------------------------------------------------------------------

def workbooks_in(folder: Path) -> list[Path]:
    """Every file of a folder (and its subfolders) that may hold data: not hidden, not a lock file."""
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith(".") and not formats.is_lock_file(p))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _file_row(path: Path, shown: str, kind: str, read: FileRead) -> dict:
    return {"file": shown, "kind": kind, "format": read.format, "read": read.read, "sheets": read.sheets,
            "sheets_unread": read.sheets_unread, "bytes": path.stat().st_size, "sha256": _sha256(path)}


def _read_folder(data_dir: Path, kind: str, columns, required, issues: list, files: list) -> pd.DataFrame:
    folder = data_dir / kind
    if not folder.is_dir():
        issues.append(issue(kind + "/", "", None, "", "",
                            f"Không có thư mục {kind}/ trong {data_dir}: chưa có dữ liệu loại này",
                            Action.NO_DATA))
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    tables = []
    for path in workbooks_in(folder):
        shown = path.relative_to(data_dir).as_posix()
        read = read_workbook(path, shown, columns, required)
        issues.extend(read.issues)
        tables.extend(read.tables)
        files.append(_file_row(path, shown, kind, read))
    return stack_sheets(tables)


def read_registry(data_dir: Path, issues: list, files: list) -> pd.DataFrame:
    path = data_dir / REGISTRY_FILE
    if not path.is_file():
        issues.append(issue(REGISTRY_FILE, "", None, "", "",
                            f"Không có danh sách đơn vị {REGISTRY_FILE} trong {data_dir}", Action.FILE_SKIPPED))
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    read = read_workbook(path, REGISTRY_FILE, cols.REGISTRY, ("unit_id", "name"))
    issues.extend(read.issues)
    files.append(_file_row(path, REGISTRY_FILE, "don_vi", read))
    return stack_sheets(read.tables)


def read_campaign_folder(data_dir: str | Path, plan: Plan) -> RawTables:
    """Read `don_vi.xlsx`, every file under `dang_ky/` and `bao_cao/`, every sheet."""
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
    file_table = pd.DataFrame(files, columns=FILE_COLUMNS)
    return RawTables(registry, registrations, reports, file_table, issues)
