"""One sheet's cells to raw tables: the header found, the tables below it, merged cells, formula
errors and duplicated columns dealt with — each finding a row of the issues table.

* **Merged cells.** A value typed in a merged area is copied down only into the identifying
  columns (unit, dates, commune, district, program, activity name); a figure merged over several
  rows stays in the first row (it counts once) and that is logged.
* **Formula errors** (`#DIV/0!`, `#N/A`, `#VALUE!`, `#REF!`…): the cell reads as blank, logged
  with its file, sheet, row and column.
* **A repeated header row** (a second table pasted under the first, its columns in another
  order): skipped as a row, logged, and the rows below it are read by *that* header.
* **A column twice** ('Ngày tổ chức' in F and K): logged with both letters; the filled cell is
  used, two different values are logged.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from ..text import fold, format_date, is_blank, nfc, shown_number
from . import columns as cols
from .guard import column_letters
from .issues import Action, issue

IDENTIFYING = frozenset({"unit", "sent_at", "held_on", "start", "end", "commune", "district", "program", "activity",
                         "unit_id", "name", "kind", "cluster", "sector", "aliases"})
NOT_FIGURES = IDENTIFYING | {"row_number", "note", "evidence"}
VISIBILITY_NOTES = {
    "hidden": "Trang '{sheet}' đang bị ẩn (Hidden): vẫn được đọc và tính như mọi trang; nếu trang này không còn "
              "dùng, hãy xoá trang rồi gửi lại",
    "very_hidden": "Trang '{sheet}' bị ẩn hoàn toàn (Very hidden, chỉ hiện lại được bằng VBA): vẫn được đọc và tính "
                   "như mọi trang; nếu trang này không còn dùng, hãy xoá trang rồi gửi lại",
}
# Cells looked at, on every data row, for a repeated header: short-lived words (the activity name,
# different on every row, would cost a lookup per row and catch nothing the others miss).
HEADER_PROBES = ("unit", "row_number", "held_on", "start", "program")


@dataclass
class SheetCells:
    """A sheet as read: its cells (rows of values), merged areas, formula errors, visibility."""

    name: str
    rows: list[list]
    merged: list | None = None                       # ((top, left), (bottom, right)), 0-based
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    visibility: str = "visible"                      # visible, hidden, very_hidden


@dataclass
class SheetTable:
    """One table's data rows as column lists (file, sheet, row first), and its headers as written."""

    columns: dict[str, list]
    headers: dict[str, str]


@dataclass
class SheetResult:
    tables: list[SheetTable]
    issues: list[dict]
    state: str                                        # read, empty, no_table, unread


def _has_figures(rows: list[list]) -> bool:
    """Whether a sheet holds any number or date: a table that could not be recognised."""
    return any(isinstance(c, (int, float, dt.date, dt.datetime, dt.time)) and not isinstance(c, bool)
               for r in rows for c in r)


def _header_view(rows: list[list], merged) -> list[list]:
    """The first rows with their merged areas filled (a header cell merged over two rows)."""
    view = list(rows[:cols.HEADER_SCAN_ROWS])
    copied: set[int] = set()                 # rows copied before being filled (the sheet stays as read)
    for (top, left), (bottom, right) in merged or []:
        if top >= len(view) or left >= len(view[top]):
            continue
        value = view[top][left]
        if is_blank(value):
            continue
        for r in range(top, min(bottom, len(view) - 1) + 1):
            for c in range(left, min(right, len(view[r]) - 1) + 1):
                if is_blank(view[r][c]):
                    if r not in copied:
                        view[r], copied = list(view[r]), copied | {r}
                    view[r][c] = value
    return view


def _last_data_row(rows: list[list], match: cols.HeaderMatch) -> int:
    """The end of the data: trailing rows with nothing written are dropped; the cells a template of
    the kit pre-fills on every row (`columns.PREFILLED`: the unit) do not count as written."""
    prefilled = {match.positions[n] for n in cols.PREFILLED if n in match.positions}
    last = len(rows)
    while last > match.row_index + 1 and all(is_blank(c) for i, c in enumerate(rows[last - 1]) if i not in prefilled):
        last -= 1
    return last


def _not_data(rows: list[list]) -> bool:
    """A sheet the kit wrote for people to read (instructions, lists): its first cell begins with
    the kit's note."""
    first = rows[0][0] if rows and rows[0] else ""
    return isinstance(first, str) and fold(first).startswith(fold(cols.NOT_DATA_NOTE))


def _header_candidates(rows, probes: list[int], first: int, end: int, keys) -> list[int]:
    """Rows in [first, end) where a probed cell holds a header word: each distinct text of a probed
    column is looked up once, then the rows holding a hit are found in one pass per column."""
    found: set[int] = set()
    for position in probes:
        column = [cells[position] if position < len(cells) else "" for cells in rows[first:end]]
        hits = keys.headers_among(set(column))
        if hits:
            found.update(first + i for i, value in enumerate(column) if value in hits)
    return sorted(found)


def _segments(rows, first: cols.HeaderMatch, end: int, spec, required) -> list[tuple[cols.HeaderMatch, int, int]]:
    """(header, first data row, end) of each table of the sheet: a repeated header starts a new one."""
    segments, match, start = [], first, first.row_index + 1
    keys = cols.header_keys(spec)
    candidates = _header_candidates(rows, _probes(first), start, end, keys)
    while candidates:
        index = candidates.pop(0)
        repeated = cols.header_at(rows[index], spec, required, index)
        if repeated is None:
            continue
        segments.append((match, start, index))
        match, start = repeated, index
        candidates = _header_candidates(rows, _probes(match), index + 1, end, keys)
    segments.append((match, start, end))
    return segments


def _probes(match: cols.HeaderMatch) -> list[int]:
    return [match.positions[n] for n in HEADER_PROBES if n in match.positions]


def _where(match: cols.HeaderMatch, col: int, spec) -> tuple[str | None, str]:
    """(canonical name, header as written or the column letter) of a column index."""
    for name, index in match.positions.items():
        if index == col or col in match.duplicates.get(name, ()):
            return name, match.headers.get(name) or next(c.header for c in spec if c.name == name)
    return None, match.unknown.get(col) or f"cột {column_letters(col + 1)}"


def _segment_of(segments, row: int):
    for match, start, end in segments:
        if start <= row < end:
            return match
    return None


def _merged_cells(rows, merged, segments, spec, file, sheet, issues) -> None:
    """Fill merged areas of the data rows in identifying columns; log figures merged over rows."""
    for (top, left), (bottom, right) in merged or []:
        match = _segment_of(segments, top)
        if match is None or top == match.row_index:
            continue
        bottom = min(bottom, len(rows) - 1)
        for col in range(left, right + 1):
            name, header = _where(match, col, spec)
            value = rows[top][col] if col < len(rows[top]) else ""
            if name in IDENTIFYING and col == left:
                for r in range(top + 1, bottom + 1):
                    if col < len(rows[r]) and is_blank(rows[r][col]):
                        rows[r][col] = value
            elif name not in NOT_FIGURES and name is not None and bottom > top and col == left and not is_blank(value):
                area = f"{column_letters(left + 1)}{top + 1}:{column_letters(right + 1)}{bottom + 1}"
                issues.append(issue(file, sheet, top + 1, header, value,
                                    f"Ô gộp {area} trải qua {bottom - top + 1} dòng ({top + 1}–{bottom + 1}): số "
                                    f"này chỉ tính một lần, ở dòng {top + 1}; hãy tách ô và ghi số của từng dòng",
                                    Action.WARNING))


def _error_cells(rows, errors, segments, spec, file, sheet, issues) -> None:
    for (row, col), literal in sorted(errors.items()):
        match = _segment_of(segments, row)
        if match is None or row == match.row_index:
            continue
        _, header = _where(match, col, spec)
        if row < len(rows) and col < len(rows[row]):
            rows[row][col] = ""
        issues.append(issue(file, sheet, row + 1, header, literal,
                            f"Ô có lỗi công thức {literal}: đọc như ô trống; hãy sửa công thức (hoặc ghi số) rồi gửi "
                            "lại", Action.WARNING))


def _duplicated(match: cols.HeaderMatch, data, spec, file, sheet, issues) -> dict[str, list]:
    """The values of each duplicated column: the first filled cell of the row; conflicts logged."""
    values = {}
    for name, positions in match.duplicates.items():
        header = match.headers.get(name) or name
        letters = " và ".join(column_letters(p + 1) for p in positions)
        issues.append(issue(file, sheet, match.row_index + 1, header, "",
                            f"Cột '{header}' có {len(positions)} lần (cột {letters}): dùng ô có dữ liệu; hai ô khác "
                            "nhau được ghi lại để kiểm tra", Action.WARNING))
        column = []
        for number, cells in data:
            filled = [(p, cells[p]) for p in positions if p < len(cells) and not is_blank(cells[p])]
            column.append(filled[0][1] if filled else "")
            if len({str(v) for _, v in filled}) > 1:
                shown = ", ".join(f"cột {column_letters(p + 1)}: {_shown(v)}" for p, v in filled)
                count = "Hai cột" if len(filled) == 2 else f"{len(filled)} cột"
                issues.append(issue(file, sheet, number, header, filled[0][1],
                                    f"{count} '{header}' ghi khác nhau ({shown}): dùng cột "
                                    f"{column_letters(filled[0][0] + 1)}", Action.WARNING))
        values[name] = column
    return values


def _shown(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return format_date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return shown_number(value)
    return nfc(value)


def _columns(data: list[list], width: int) -> list[tuple]:
    """The rows as columns (rows shorter than `width` padded with ''), transposed in C."""
    if any(len(cells) < width for cells in data):
        data = [cells if len(cells) >= width else [*cells, *[""] * (width - len(cells))] for cells in data]
    return list(zip(*data)) if data else [() for _ in range(width)]


def _first_cells(by_index: list[tuple], body: list[list]) -> list[str]:
    """Each row's first written cell, as text: looked for column by column, so that a row whose
    first cell is written (nearly all: the STT) costs one test."""
    first = [""] * len(body)
    pending = range(len(body))
    for column in by_index:
        waiting = []
        for i in pending:
            value = column[i]
            if is_blank(value):
                waiting.append(i)
            else:
                first[i] = str(value)
        pending = waiting
        if not pending:
            return first
    for i in pending:  # written only beyond the columns read (kept aside as extras)
        first[i] = next((str(v) for v in body[i] if not is_blank(v)), "")
    return first


def _table(rows, match, start, end, repeated: bool, spec, file, sheet, issues) -> SheetTable:
    numbers = list(range(start + 1, end + 1))
    body = rows[start:end]
    width = max([*match.positions.values(), *match.unknown, -1]) + 1
    by_index = _columns(body, width)
    columns = {"file": [file] * len(body), "sheet": [sheet] * len(body), "row": numbers}
    columns.update({name: list(by_index[i]) for name, i in match.positions.items()})
    if match.duplicates:
        columns.update(_duplicated(match, list(zip(numbers, body)), spec, file, sheet, issues))
    if match.unknown:
        columns["extras"] = [
            json.dumps({h: str(c[i]) for i, h in match.unknown.items() if i < len(c) and not is_blank(c[i])},
                       ensure_ascii=False)
            for c in body
        ]
    columns["first_cell"] = _first_cells(by_index, body)
    columns["repeated_header"] = [repeated and i == 0 for i in range(len(body))]
    return SheetTable(columns, match.headers)


def _header_findings(match: cols.HeaderMatch, spec, file, sheet, issues) -> None:
    for name, written in match.fuzzy.items():
        header = next(c.header for c in spec if c.name == name)
        issues.append(issue(file, sheet, match.row_index + 1, written, written,
                            f"Tiêu đề cột gần giống '{header}': đã hiểu là cột đó", Action.WARNING))
    if match.unknown:
        extra = ", ".join(f"'{h}'" for h in match.unknown.values())
        issues.append(issue(file, sheet, match.row_index + 1, "", extra,
                            f"Cột ngoài mẫu {extra}: giữ riêng, không dùng để tính", Action.KEPT_ASIDE))


def read_sheet(cells: SheetCells, file: str, spec: tuple[cols.Column, ...], required: tuple[str, ...]) -> SheetResult:
    """The raw tables of one sheet, and what was found on the way."""
    rows, sheet, issues = cells.rows, cells.name, []
    if not any(not is_blank(c) for r in rows for c in r):
        return SheetResult([], [], "empty")  # an empty sheet (Sheet2, Sheet3 of a new workbook) is no finding
    if cells.visibility in VISIBILITY_NOTES:
        issues.append(issue(file, sheet, None, "", "", VISIBILITY_NOTES[cells.visibility].format(sheet=sheet),
                            Action.WARNING))
    match = cols.find_header(_header_view(rows, cells.merged), spec, required)
    if match is None and _not_data(rows):
        return SheetResult([], issues, "empty")  # the instructions or the lists of a template of the kit
    if match is None:
        expected = ", ".join(f"'{c.header}'" for c in spec if c.name in required)
        if _has_figures(rows):
            issues.append(issue(file, sheet, None, "", "",
                                f"Không tìm thấy dòng tiêu đề (cần có các cột {expected}): trang có số liệu nhưng "
                                "không đọc được — hãy dùng đúng tiêu đề cột của mẫu", Action.SHEET_SKIPPED))
            return SheetResult([], issues, "unread")
        issues.append(issue(file, sheet, None, "", "",
                            f"Trang không có bảng số liệu (chỉ có chữ, không có dòng tiêu đề {expected}): không có gì "
                            "để tính", Action.NO_DATA))
        return SheetResult([], issues, "no_table")
    segments = _segments(rows, match, _last_data_row(rows, match), spec, required)
    _error_cells(rows, cells.errors, segments, spec, file, sheet, issues)
    _merged_cells(rows, cells.merged, segments, spec, file, sheet, issues)
    tables = []
    for number, (segment, start, end) in enumerate(segments):
        _header_findings(segment, spec, file, sheet, issues)
        tables.append(_table(rows, segment, start, end, number > 0, spec, file, sheet, issues))
    return SheetResult(tables, issues, "read")
