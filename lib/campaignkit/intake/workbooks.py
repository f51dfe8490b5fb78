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

Reading is spread over the machine's cores, with results the same as read one by one, in the
files' order: the files of `bao_cao/` and of `dang_ky/` are split among reader processes
(`FilesRead`, when there are at least `FILES_PER_PROCESS` files per process), which hand their
tables back coded (`CodedTable`: distinct values and codes, quick to pass between processes);
the report files' reading starts first and goes on while the registrations are cleaned
(`RawTables`).
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook, PasswordError

from ..errors import InputError
from ..paths import REGISTRATIONS_DIR, REGISTRY_FILE, REPORTS_DIR
from ..plan import Plan
from . import columns as cols
from . import formats
from .guard import (
    MAX_CELLS,
    Forked,
    ReadAborted,
    SheetScan,
    can_fork,
    column_letters,
    in_child,
    scan_problem,
    scan_xlsx,
    too_far_problem,
)
from .issues import Action, issue
from .sheets import SheetCells, SheetTable, read_sheet

SOURCE_COLUMNS = ["file", "sheet", "row"]
FILE_COLUMNS = ["file", "kind", "format", "read", "sheets", "sheets_unread", "bytes", "sha256"]
VISIBILITY = {"SheetVisibleEnum.Visible": "visible", "SheetVisibleEnum.Hidden": "hidden",
              "SheetVisibleEnum.VeryHidden": "very_hidden"}
PROCESSES = min(4, os.cpu_count() or 1)  # reader processes for a campaign's folders
FILES_PER_PROCESS = 16                   # fewer files than this per process: read here
PASSWORD_PROBLEM = "Tệp có mật khẩu: hãy gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi gửi lại"
UNREADABLE_FILE = ("Không đọc được tệp: tệp hỏng hoặc không phải bảng tính — hãy mở bằng Excel (hoặc LibreOffice), "
                   "lưu lại thành .xlsx rồi gửi lại")
UNREADABLE_SHEET = ("Không đọc được trang này (trang hỏng hoặc có định dạng lạ): hãy mở tệp bằng Excel, lưu lại thành "
                    ".xlsx rồi gửi lại")
XML2003_PROBLEM = ("Tệp là bảng tính XML của Excel 2003 (XML Spreadsheet), bộ công cụ không đọc được: hãy mở bằng "
                   "Excel, chọn Tệp → Lưu thành → Sổ làm việc Excel (.xlsx) rồi gửi lại")
NOT_A_SPREADSHEET = "Không phải bảng tính (.xlsx, .xls, .ods, .csv): bỏ qua — nếu có số liệu, hãy lưu thành .xlsx"


class RawTables:
    """The raw tables of a campaign folder. The report files may still be being read by reader
    processes when the registry and the registrations are ready (`clean_campaign` cleans those
    meanwhile): `reports`, `files` and `issues` wait for that reading to end."""

    def __init__(self, registry: pd.DataFrame, registrations: RawTable, reports: RawTable | None = None,
                 files: pd.DataFrame | None = None, issues: list[dict] | None = None, pending=None, stop=None):
        self.registry, self.registrations = registry, registrations
        self._reports, self._files, self._issues = reports, files, issues
        self._pending = pending          # a function giving (reports, files, issues)
        self._stop = stop                # a function ending that reading unfinished

    def _settle(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._reports, self._files, self._issues = pending()

    def close(self) -> None:
        """Stop a reading still going on (its results are not wanted: the cleaning stopped)."""
        if self._pending is not None:
            self._pending = None
            if self._stop is not None:
                self._stop()

    @property
    def reports(self) -> RawTable:
        self._settle()
        return self._reports

    @property
    def files(self) -> pd.DataFrame:
        """FILE_COLUMNS: one row per file met."""
        self._settle()
        return self._files

    @property
    def issues(self) -> list[dict]:
        self._settle()
        return self._issues


@dataclass
class FileRead:
    """One file: its sheets' tables, findings, how many sheets were read or not."""

    tables: list[SheetTable] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)
    format: str = ""
    read: bool = True
    sheets: int = 0
    sheets_unread: int = 0


@dataclass
class CodedTable:
    """Sheets' tables stacked, each column as codes into its distinct values: how a reader process
    hands its tables back (an array of codes and a few thousand values pickle in milliseconds;
    100 000 rows of cells as objects take about a second each way). Values keep their type: the
    number 1, the float 1.0 and True stay three values."""

    names: list[str]                       # columns in order of first appearance
    codes: dict[str, np.ndarray]
    values: dict[str, list]
    length: int
    headers: dict[str, str]


def _filler(name: str):
    return False if name == "repeated_header" else ""


def code_tables(tables: list[SheetTable]) -> CodedTable:
    """The tables of many sheets as one `CodedTable`: a column a sheet lacks is empty text there."""
    names = list(dict.fromkeys(name for table in tables for name in table.columns))
    codes, values = {}, {}
    for name in names:
        index: dict = {}
        column: list[int] = []
        for table in tables:
            cells = table.columns.get(name)
            if cells is None:
                cells = [_filler(name)] * len(table.columns["row"])
            # the type is part of the key: 1 == 1.0 == True in a dict, not in a spreadsheet
            column += [index.setdefault(v if v.__class__ is str else (v.__class__, v), len(index)) for v in cells]
        codes[name] = np.array(column, dtype=np.int32)
        values[name] = [key if key.__class__ is str else key[1] for key in index]
    length = sum(len(table.columns["row"]) for table in tables)
    headers = {k: v for table in tables for k, v in table.headers.items()}
    return CodedTable(names, codes, values, length, headers)


@dataclass
class RawTable:
    """A folder's raw rows: `frame` (object columns, file, sheet and row first) and, per column,
    the codes of its rows into its distinct values (`codes`: name → (codes, values)), as the
    reader processes made them — the cleaning parses each distinct value once from them."""

    frame: pd.DataFrame
    codes: dict[str, tuple[np.ndarray, list]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> RawTable:
        return cls(pd.DataFrame(columns=SOURCE_COLUMNS))


def stack_coded(parts: list[CodedTable]) -> RawTable:
    """One raw table from coded parts, in their order: a column a part lacks is empty text there."""
    parts = [part for part in parts if part.names]  # a part of no table at all (a sheet with a header does count)
    if not parts:
        return RawTable.empty()
    names = list(dict.fromkeys(name for part in parts for name in part.names))
    stacked, coded = {}, {}
    for name in names:
        pieces, values = [], []
        for part in parts:
            if name in part.codes:
                pieces.append(part.codes[name] + len(values))
                values.extend(part.values[name])
            else:
                pieces.append(np.full(part.length, len(values), dtype=np.int32))
                values.append(_filler(name))
        codes = np.concatenate(pieces)
        distinct = np.empty(len(values), dtype=object)
        distinct[:] = values
        stacked[name], coded[name] = distinct[codes], (codes, values)
    frame = pd.DataFrame(stacked, dtype=object)
    frame["row"] = frame["row"].astype(int)
    frame.attrs["headers"] = {k: v for part in parts for k, v in part.headers.items()}
    return RawTable(frame, coded)


def stack_sheets(tables: list[SheetTable]) -> pd.DataFrame:
    """One raw table from many sheets, built once: a column a sheet lacks is empty text there."""
    return stack_coded([code_tables(tables)]).frame


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
            if scan is not None and (problem := scan_problem(scan)):
                sheets.append((SheetCells(meta.name, [], visibility=visibility), problem))
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
            except BaseException:  # calamine raises several types (a Rust panic included)
                sheets.append((SheetCells(meta.name, [], visibility=visibility), UNREADABLE_SHEET))
    return sheets


def _open_problem(error: BaseException) -> str:
    if isinstance(error, PasswordError) or "password" in str(error).lower():
        return PASSWORD_PROBLEM
    if isinstance(error, ReadAborted):
        what = "Tệp cần quá nhiều bộ nhớ để đọc" if error.out_of_memory else "Tệp làm trình đọc dừng đột ngột"
        return (f"{what}: có thể có ô dữ liệu ở rất xa — hãy xoá các ô thừa (bấm Ctrl+End để thấy ô cuối) hoặc "
                "lưu lại thành .xlsx rồi gửi lại")
    return UNREADABLE_FILE


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
    elif kind == formats.XML2003:
        problem = XML2003_PROBLEM
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


@dataclass(frozen=True)
class Folder:
    """One folder of a campaign (`dang_ky/` or `bao_cao/`) and the sheet layout of its files."""

    data_dir: Path
    kind: str                                    # dang_ky or bao_cao
    columns: tuple[cols.Column, ...]
    required: tuple[str, ...]


@dataclass
class FilesResult:
    """What reading some files of a folder gave: per file its issues and its row of the files
    table, and the raw rows of their sheets (parts to stack), all in the files' order."""

    files: list[tuple[list[dict], dict]]
    tables: list[CodedTable]


def _read_files(folder: Folder, paths: list[Path]) -> FilesResult:
    """Read files in order; run in a reader process or here."""
    files, tables = [], []
    for path in paths:
        shown = path.relative_to(folder.data_dir).as_posix()
        read = read_workbook(path, shown, folder.columns, folder.required)
        files.append((read.issues, _file_row(path, shown, folder.kind, read)))
        tables.extend(read.tables)
    return FilesResult(files, [code_tables(tables)])


def _read_files_one_by_one(folder: Folder, paths: list[Path]) -> FilesResult:
    """After a reader process died: each file again in a process of its own, so that the file
    that stopped the reader is reported by name and every other file is read."""
    parts = []
    for path in paths:
        try:
            parts.append(in_child(_read_files, folder, [path]))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # noqa: BLE001 — reported as the file's problem
            shown = path.relative_to(folder.data_dir).as_posix()
            read = FileRead(read=False, format=formats.sniff(path))
            read.issues.append(issue(shown, "", None, "", "", _open_problem(error), Action.FILE_SKIPPED))
            parts.append(FilesResult([(read.issues, _file_row(path, shown, folder.kind, read))], []))
    return _joined(parts)


def _joined(parts: list[FilesResult]) -> FilesResult:
    return FilesResult([f for part in parts for f in part.files], [t for part in parts for t in part.tables])


def _chunks(paths: list[Path], count: int) -> list[list[Path]]:
    """`count` runs of consecutive files of about the same size (the reading's order is kept)."""
    sizes = [max(path.stat().st_size, 1) for path in paths]
    total, chunks, current, filled = sum(sizes), [], [], 0
    for path, size in zip(paths, sizes):
        current.append(path)
        filled += size
        if filled >= total * (len(chunks) + 1) / count and len(chunks) < count - 1:
            chunks.append(current)
            current = []
    chunks.append(current)
    return [chunk for chunk in chunks if chunk]


class FilesRead:
    """A folder's files being read: in `PROCESSES` reader processes at once when there are enough
    of them (the parsing and the header finding are Python's work, one core per process), else
    here when `result()` is asked for; the result in the files' order either way."""

    def __init__(self, folder: Folder):
        self.folder, self.paths = folder, workbooks_in(folder.data_dir / folder.kind)
        processes = min(PROCESSES, len(self.paths) // FILES_PER_PROCESS)
        self._chunks = _chunks(self.paths, processes) if processes >= 2 and can_fork() else []
        self._forked = Forked(_read_files, [(folder, chunk) for chunk in self._chunks]) if self._chunks else None

    def stop(self) -> None:
        """The reading no longer wanted (the cleaning stopped on an error): its processes ended."""
        if self._forked is not None:
            self._forked.stop()

    def result(self) -> FilesResult:
        if self._forked is None:
            return _read_files(self.folder, self.paths)
        results = self._forked.results()
        return _joined([result if result is not None else _read_files_one_by_one(self.folder, chunk)
                        for chunk, result in zip(self._chunks, results)])


def check_data_dir(data_dir: str | Path, option: str = "--data") -> None:
    """Stop (`InputError`, naming `option`) when the data folder is missing or holds no file intake
    would read as a spreadsheet: a command or a notebook pointed at the wrong folder must not show
    an empty report."""
    folder = Path(data_dir)
    if not folder.is_dir():
        raise InputError(f"Không tìm thấy thư mục dữ liệu {data_dir} ({folder.resolve()}). Hãy kiểm tra {option}.")
    if not any(p.suffix.lower() in formats.SPREADSHEET_SUFFIXES for p in workbooks_in(folder)):
        raise InputError(f"Thư mục dữ liệu {data_dir} ({folder.resolve()}) không có bảng tính nào (cần don_vi.xlsx, "
                         f"dang_ky/ và bao_cao/). Hãy kiểm tra {option}.")


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
    """Read `don_vi.xlsx`, every file under `dang_ky/` and `bao_cao/`, every sheet: the report
    files' reading is started first, in reader processes, and goes on while the registry and the
    registrations are read here (see `RawTables`)."""
    data_dir = Path(data_dir)
    issues: list[dict] = []
    files: list[dict] = []
    if not data_dir.is_dir():
        issues.append(issue(str(data_dir), "", None, "", "",
                            f"Không tìm thấy thư mục dữ liệu {data_dir}", Action.FILE_SKIPPED))
        return RawTables(pd.DataFrame(columns=SOURCE_COLUMNS), RawTable.empty(), RawTable.empty(),
                         pd.DataFrame(files, columns=FILE_COLUMNS), issues)
    folders = [Folder(data_dir, REPORTS_DIR, cols.report_columns(plan), ("unit", "held_on")),
               Folder(data_dir, REGISTRATIONS_DIR, cols.registration_columns(plan), ("unit", "activity"))]
    reading = {folder.kind: FilesRead(folder) for folder in folders if (data_dir / folder.kind).is_dir()}

    def stop() -> None:
        for files_read in reading.values():
            files_read.stop()

    def finished(kind: str) -> RawTable:
        if kind not in reading:
            issues.append(issue(kind + "/", "", None, "", "",
                                f"Không có thư mục {kind}/ trong {data_dir}: chưa có dữ liệu loại này",
                                Action.NO_DATA))
            return RawTable.empty()
        read = reading[kind].result()
        for file_issues, row in read.files:
            issues.extend(file_issues)
            files.append(row)
        return stack_coded(read.tables)

    try:
        registry = read_registry(data_dir, issues, files)
        registrations = finished(REGISTRATIONS_DIR)
    except BaseException:  # Ctrl-C, or a fault here: the reader processes are not left waiting
        stop()
        raise

    def reports_read():
        reports = finished(REPORTS_DIR)
        return reports, pd.DataFrame(files, columns=FILE_COLUMNS), issues

    return RawTables(registry, registrations, pending=reports_read, stop=stop)
