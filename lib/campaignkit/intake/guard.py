"""Reading a workbook so that no single file can stop the run.

calamine holds a sheet as one dense grid from its first to its last used cell: one stray value
in XFD1048576 (Ctrl+End, then typing) asks for 17 billion cells, an allocation of ~512 GB that
aborts the whole process — no Python exception to catch. So, before a sheet is loaded:

* `.xlsx`/`.xlsm`: `scan_xlsx` reads each sheet's XML and finds its real extent (the cells that
  hold a value, not the declared `<dimension>`), and the formula error cells (`t="e"`, which
  calamine reads as blank); a sheet wider than `MAX_CELLS` is not loaded and is reported with
  its farthest cell;
* `.xls`, `.xlsb`, `.ods` (formats whose cells cannot be counted cheaply beforehand): the file is
  read in a child process whose address space is limited to `WORKBOOK_MEMORY`, so an abort or
  an out-of-memory loses only that file, reported by name.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import re
import resource
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_CELLS = 5_000_000              # cells of one sheet (a unit's sheet holds a few thousand)
MAX_SHEET_XML = 512 * 1024 * 1024  # bytes of one sheet's XML once unzipped
WORKBOOK_MEMORY = 2 * 1024 ** 3    # address space a child process may add to read one workbook
EXCEL_COLUMNS = 16_384

_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"|'
                    rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"')
_RELATION = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"|'
                       rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_LAST_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_VALUE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"[^>]*?(?<!/)>')
_WIDE_VALUE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="[A-Z]{%d}\d{1,7}"[^>]*?(?<!/)>')
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?\bt="e"[^>]*)>(.*?)</(?:\w+:)?c>', re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def column_number(letters: str) -> int:
    """'A' → 1, 'XFD' → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    """1 → 'A', 16384 → 'XFD'."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class SheetScan:
    """What a sheet's XML says before it is loaded."""

    too_far: str | None = None                              # the farthest cell, when the sheet is too large
    cells: int = 0                                          # the grid calamine would allocate
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based → '#DIV/0!'


def too_far_problem(cell: str, cells: int) -> str:
    return (f"Trang có ô dữ liệu ở rất xa ({cell}): đọc trang này cần {cells:,} ô".replace(",", ".")
            + " — hãy xoá các ô thừa (bấm Ctrl+End để thấy ô đó) rồi gửi lại; trang không được đọc")


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part, from the workbook and its relationships."""
    workbook = archive.read("xl/workbook.xml")
    relations = archive.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for match in _RELATION.finditer(relations):
        rid, target = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        targets[rid.decode()] = target.decode()
    parts = {}
    for match in _SHEET.finditer(workbook):
        name, rid = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        target = targets.get(rid.decode())
        if target:
            path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            parts[_unescape(name.decode("utf-8"))] = os.path.normpath(path).replace(os.sep, "/")
    return parts


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _extent(data: bytes) -> tuple[int, int, str]:
    """(rows, columns, farthest cell) of the cells holding a value."""
    rows_seen = _LAST_ROW.findall(data, max(0, len(data) - 65536))
    max_row = int(rows_seen[-1]) if rows_seen else data.count(b"<row") or 1
    if max_row * EXCEL_COLUMNS <= MAX_CELLS:
        return max_row, EXCEL_COLUMNS, ""  # bounded whatever the columns: no need to look closer
    for letters, widest in ((3, EXCEL_COLUMNS), (2, 702), (1, 26)):
        if re.search(_WIDE_VALUE_CELL.pattern % letters, data):
            if max_row * widest <= MAX_CELLS:
                return max_row, widest, ""
            break
    rows = cols = 0
    far_row = far_col = ""
    for match in _VALUE_CELL.finditer(data):
        row, col = int(match.group(2)), column_number(match.group(1).decode())
        if row > rows:
            rows, far_row = row, match.group(1).decode() + match.group(2).decode()
        if col > cols:
            cols, far_col = col, match.group(1).decode() + match.group(2).decode()
    far = far_col if cols * max(rows, 1) > MAX_CELLS and cols > 702 else far_row
    return rows, cols, far or far_row


def scan_xlsx(path: Path) -> dict[str, SheetScan]:
    """Per sheet name: too far (with its farthest cell) or not, and its formula error cells."""
    scans: dict[str, SheetScan] = {}
    with zipfile.ZipFile(path) as archive:
        sizes = {info.filename: info.file_size for info in archive.infolist()}
        for name, part in _sheet_parts(archive).items():
            if part not in sizes:
                continue
            if sizes[part] > MAX_SHEET_XML:
                scans[name] = SheetScan(too_far="(trang quá lớn)", cells=sizes[part])
                continue
            data = archive.read(part)
            rows, cols, far = _extent(data)
            scan = SheetScan(cells=rows * cols)
            if rows * cols > MAX_CELLS:
                scan.too_far = far
            if b't="e"' in data:
                for match in _ERROR_CELL.finditer(data):
                    ref, value = _REF.search(match.group(1)), _VALUE.search(match.group(2))
                    if ref:
                        key = (int(ref.group(2)) - 1, column_number(ref.group(1).decode()) - 1)
                        scan.errors[key] = value.group(1).decode() if value else "#LỖI"
            scans[name] = scan
    return scans


# --- a child process per workbook ----------------------------------------------------------

class ReadAborted(Exception):
    """The child process reading a workbook died (out of memory, an abort of the reader)."""


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(connection, function, args) -> None:
    try:
        limit = _address_space() + WORKBOOK_MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            result = ("ok", function(*args))
        except MemoryError:
            result = ("memory", None)
        except BaseException as error:  # noqa: BLE001 — handed to the parent, which reports it
            result = ("error", f"{type(error).__name__}: {error}")
        connection.send_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        connection.close()
        os._exit(0)


def in_child(function, *args):
    """`function(*args)` run in a forked child with a memory limit; its exception re-raised here,
    `ReadAborted` when the child dies or runs out of memory. Without fork (not Linux), in-process."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return function(*args)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, function, args), daemon=True)
    process.start()
    sender.close()
    try:
        payload = receiver.recv_bytes()
    except EOFError:
        payload = None
    finally:
        receiver.close()
        process.join()
    if payload is None:
        raise ReadAborted(f"tiến trình đọc tệp dừng đột ngột (mã {process.exitcode})")
    status, value = pickle.loads(payload)
    if status == "memory":
        raise ReadAborted("đọc tệp cần quá nhiều bộ nhớ")
    if status == "error":
        raise RuntimeError(value)
    return value
