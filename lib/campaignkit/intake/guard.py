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

A campaign's folders are read by a few reader processes at once (`Forked`, used by
`workbooks.FilesRead`); a reader process that dies has its files read again one by one, each in
a child of its own (`in_child`), so again only the file that stops its reader is lost. Children
are forked (Linux); elsewhere everything is read in the one process.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import pickle
import re
import resource
import signal
import sys
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
_WIDE_VALUE_CELLS = {letters: re.compile(_WIDE_VALUE_CELL.pattern % letters) for letters in (1, 2, 3)}
_ANY_REF = {letters: re.compile(rb'r="[A-Z]{%d}[0-9]' % letters) for letters in (1, 2, 3)}
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
    xml_bytes: int = 0                                      # the sheet's XML, when that alone is too large
    cells: int = 0                                          # the grid calamine would allocate
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based → '#DIV/0!'


def scan_problem(scan: SheetScan) -> str | None:
    """Why a scanned sheet is not loaded, or None."""
    if scan.xml_bytes:
        return (f"Trang quá lớn ({scan.xml_bytes / 1024 ** 2:,.0f} MB dữ liệu)".replace(",", ".")
                + ": thường do định dạng hay ô thừa kéo đến cuối trang — hãy xoá các dòng, cột thừa (bấm Ctrl+End để "
                "thấy ô cuối) rồi gửi lại; trang không được đọc")
    return too_far_problem(scan.too_far, scan.cells) if scan.too_far else None


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


def _last_row(data: bytes) -> int:
    """The number of the last `<row>` of a sheet's XML, looked for in its tail first (what follows
    the last row — merged areas, validations — is short), then in the whole part."""
    for size in (4096, 65536, len(data)):
        rows_seen = _LAST_ROW.findall(data, max(0, len(data) - size))
        if rows_seen or size >= len(data):
            break
    return int(rows_seen[-1]) if rows_seen else data.count(b"<row") or 1


def _extent(data: bytes) -> tuple[int, int, str]:
    """(rows, columns, farthest cell) of the cells holding a value."""
    max_row = _last_row(data)
    if max_row * EXCEL_COLUMNS <= MAX_CELLS:
        return max_row, EXCEL_COLUMNS, ""  # bounded whatever the columns: no need to look closer
    for letters, widest in ((3, EXCEL_COLUMNS), (2, 702), (1, 26)):
        # a cheap literal search first (r="AB12 anywhere), the exact one only when it finds some
        if _ANY_REF[letters].search(data) and _WIDE_VALUE_CELLS[letters].search(data):
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
                scans[name] = SheetScan(xml_bytes=sizes[part])
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
    """The child process reading a workbook died (an abort of the reader) or ran out of memory."""

    def __init__(self, out_of_memory: bool = False):
        super().__init__("out of memory" if out_of_memory else "died")
        self.out_of_memory = out_of_memory


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(connection, function, args, memory: int | None) -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        if memory is not None:
            limit = _address_space() + memory
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


def _start(context, function, args, memory: int | None):
    receiver, sender = context.Pipe(duplex=False)
    # not a daemon: a reader process may itself start one per .xls/.ods file (`in_child`)
    process = context.Process(target=_child, args=(sender, function, args, memory), daemon=False)
    process.start()
    sender.close()
    return process, receiver


def _result(process, receiver) -> tuple[str, object] | None:
    """(status, value) sent by a child, None when it died before sending."""
    try:
        payload = receiver.recv_bytes()
    except EOFError:
        payload = None
    finally:
        receiver.close()
        process.join()
    return None if payload is None else pickle.loads(payload)


def _stop(started) -> None:
    for process, receiver in started:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()


def can_fork() -> bool:
    """Forking is how children are made here (they inherit the plan and the code already loaded);
    on Linux only: macOS' system libraries are not safe to use in a forked child."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def in_child(function, *args):
    """`function(*args)` run in a forked child with a memory limit; its exception re-raised here,
    `ReadAborted` when the child dies or runs out of memory. Without fork (not Linux), in-process."""
    if not can_fork():
        return function(*args)
    started = [_start(multiprocessing.get_context("fork"), function, args, WORKBOOK_MEMORY)]
    try:
        outcome = _result(*started[0])
    except BaseException:
        _stop(started)
        raise
    if outcome is None:
        raise ReadAborted()
    status, value = outcome
    if status == "memory":
        raise ReadAborted(out_of_memory=True)
    if status == "error":
        raise RuntimeError(value)
    return value


class Forked:
    """`function(*chunk)` for every chunk, each in its own forked process, started at once (the
    reading of a folder on every core); `results()` waits for them. A chunk whose process died,
    ran out of memory or raised gives `None`: the caller reads it again, file by file. Ctrl-C
    (or any error while waiting) stops every process; so does `stop()`, for results no longer
    wanted, and the end of the program if neither was called (a child waiting to hand over its
    result would otherwise keep the program from ending)."""

    def __init__(self, function, chunks: list[tuple]):
        context = multiprocessing.get_context("fork")
        self._started: list = []
        atexit.register(self.stop)   # runs before multiprocessing's own wait for its children
        try:
            for chunk in chunks:
                self._started.append(_start(context, function, chunk, None))
        except BaseException:
            self.stop()
            raise

    def results(self) -> list:
        try:
            outcomes = [_result(process, receiver) for process, receiver in self._started]
        except BaseException:
            self.stop()
            raise
        self._started = []
        atexit.unregister(self.stop)
        return [outcome[1] if outcome is not None and outcome[0] == "ok" else None for outcome in outcomes]

    def stop(self) -> None:
        started, self._started = self._started, []
        _stop(started)
        atexit.unregister(self.stop)
