"""The contract's sheet layouts and tolerant header matching.

Canonical column names are English snake_case; each carries the Vietnamese header of the
contract's templates and the other spellings units use. Indicator columns come from the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from ..plan import Plan
from ..text import fold, nfc

HEADER_SCAN_ROWS = 30
FUZZY_HEADER_SCORE = 90


@dataclass(frozen=True)
class Column:
    name: str
    header: str
    aliases: tuple[str, ...] = ()

    def keys(self) -> set[str]:
        return {fold(self.header), *(fold(a) for a in self.aliases)}


REGISTRY = (
    Column("unit_id", "Mã đơn vị", ("Mã", "Mã ĐV", "Ký hiệu")),
    Column("name", "Tên đơn vị", ("Đơn vị",)),
    Column("kind", "Loại", ("Loại đơn vị", "Loại hình")),
    Column("cluster", "Cụm thi đua", ("Cụm",)),
    Column("sector", "Khối", ("Ngành", "Lĩnh vực")),
    Column("aliases", "Tên gọi khác", ("Tên khác", "Viết tắt")),
)

_COMMON_HEAD = (
    Column("row_number", "STT", ("Số TT", "Số thứ tự", "TT")),
    Column("unit", "Đơn vị", ("Tên đơn vị", "TCCSĐ", "Đơn vị thực hiện")),
    Column("sent_at", "Ngày gửi", ("Ngày gửi báo cáo", "Ngày báo cáo")),
    Column("program", "Chương trình", ("Thuộc chương trình", "CT")),
    Column("activity", "Tên hoạt động", ("Hoạt động", "Nội dung hoạt động", "Nội dung")),
)
_PLACE = (
    Column("commune", "Xã/Phường", ("Xã, phường", "Xã/Phường/Thị trấn", "Xã", "Địa bàn")),
    Column("district", "Quận/Huyện", ("Quận, huyện", "Huyện", "Quận/Huyện/TP")),
)

REGISTRATION_HEAD = (
    *_COMMON_HEAD,
    Column("start", "Từ ngày", ("Ngày bắt đầu",)),
    Column("end", "Đến ngày", ("Ngày kết thúc",)),
    *_PLACE,
    Column("planned_participations", "Số lượt ĐVTN dự kiến", ("Số ĐVTN dự kiến",)),
)
REGISTRATION_TAIL = (
    Column("funds", "Kinh phí dự kiến (đồng)", ("Kinh phí dự kiến", "Kinh phí")),
    Column("note", "Ghi chú"),
)
REPORT_HEAD = (
    *_COMMON_HEAD,
    Column("held_on", "Ngày tổ chức", ("Ngày thực hiện", "Thời gian tổ chức", "Ngày")),
    *_PLACE,
)
REPORT_TAIL = (
    Column("funds", "Kinh phí (đồng)", ("Kinh phí", "Kinh phí thực hiện")),
    Column("evidence", "Minh chứng", ("Link minh chứng", "Hình ảnh minh chứng")),
    Column("note", "Ghi chú"),
)

NUMERIC_COLUMNS_EXTRA = ("planned_participations", "funds")

# The kit's own templates (`campaignkit templates`) pre-fill the unit on every row of the data
# sheet: a row holding nothing else is an empty row of the template, not an activity.
PREFILLED = ("unit",)
# The first cell of a sheet the kit writes for people to read (the instructions, the lists
# behind the dropdowns) begins with this: such a sheet without a header row is not data.
NOT_DATA_NOTE = "Trang này không nhập số liệu"


def indicator_columns(plan: Plan) -> tuple[Column, ...]:
    return tuple(Column(i.id, i.header) for i in plan.indicators)


def registration_columns(plan: Plan) -> tuple[Column, ...]:
    return (*REGISTRATION_HEAD, *indicator_columns(plan), *REGISTRATION_TAIL)


def report_columns(plan: Plan) -> tuple[Column, ...]:
    return (*REPORT_HEAD, *indicator_columns(plan), *REPORT_TAIL)


@dataclass(frozen=True)
class HeaderMatch:
    row_index: int                      # 0-based index of the header row in the sheet
    positions: dict[str, int]           # canonical name -> column index
    headers: dict[str, str]             # canonical name -> header as written (NFC)
    unknown: dict[int, str]             # column index -> header as written, kept aside
    fuzzy: dict[str, str]               # canonical name -> header matched only approximately
    duplicates: dict[str, list[int]] = field(default_factory=dict)  # name -> every column index naming it


def _match_cell(cell_key: str, columns: tuple[Column, ...], exact: dict[str, str],
                fuzzy: bool) -> tuple[str | None, bool]:
    if cell_key in exact:
        return exact[cell_key], False
    if not fuzzy:
        return None, False
    best, best_score = None, 0.0
    for column in columns:
        score = fuzz.ratio(cell_key, fold(column.header))
        if score > best_score:
            best, best_score = column.name, score
    if best_score >= FUZZY_HEADER_SCORE:
        return best, True
    return None, False


class HeaderKeys:
    """Every key a header cell of one sheet layout folds to (`exact`: key → canonical name), and
    the key of each cell text met so far: a header cell is folded once however many sheets and
    rows repeat it, and a data cell tested as a possible header is looked up in a dict."""

    def __init__(self, columns: tuple[Column, ...]):
        exact: dict[str, str] = {}
        for column in columns:  # a header of the contract wins over another column's alias
            for key in column.keys() - {fold(column.header)}:
                exact.setdefault(key, column.name)
        for column in columns:
            exact[fold(column.header)] = column.name
        # 'S.T.T', 'Ngày gửi' typed with odd spacing: the key without spaces matches too
        exact.update({key.replace(" ", ""): name for key, name in list(exact.items())})
        self.columns, self.exact = columns, exact
        self._keys: dict[str, str] = {}
        self._hits: dict = {}   # any cell value → 1 when it names a column exactly, else 0

    def key(self, cell) -> str:
        """The key a cell is looked up by: folded, or folded without spaces ('S.T.T', 'Ngàygửi');
        '' for a cell that is not text."""
        if not isinstance(cell, str):
            return ""
        key = self._keys.get(cell)
        if key is None:
            folded = fold(cell)
            spaceless = folded.replace(" ", "")
            key = folded if folded in self.exact or spaceless not in self.exact else spaceless
            if len(self._keys) < 1_000_000:
                self._keys[cell] = key
        return key

    def _hit(self, cell) -> int:
        hit = int(isinstance(cell, str) and self.key(cell) in self.exact)
        if len(self._hits) < 1_000_000:
            self._hits[cell] = hit
        return hit

    def named(self, cells: list) -> int:
        """How many cells of a row name a column exactly (every data row of a sheet's first rows
        is asked: one dict lookup per cell, in C, once its values have been met)."""
        hits = self._hits
        try:
            return sum(map(hits.__getitem__, cells))
        except KeyError:
            return sum(hits[cell] if cell in hits else self._hit(cell) for cell in cells)
        except TypeError:  # a cell value that cannot be hashed
            return sum(int(isinstance(cell, str) and self.key(cell) in self.exact) for cell in cells)

    def headers_among(self, values) -> set:
        """The values (distinct cells of a column) that name a column exactly."""
        hits = self._hits
        return {value for value in values if (hits[value] if value in hits else self._hit(value))}


_LAYOUTS: dict[int, tuple[tuple[Column, ...], HeaderKeys]] = {}


def header_keys(columns: tuple[Column, ...]) -> HeaderKeys:
    """The `HeaderKeys` of a sheet layout, made once per layout object (a campaign's reading passes
    the same tuple to every sheet; hashing its columns for a cache would cost more than the test)."""
    found = _LAYOUTS.get(id(columns))
    if found is not None and found[0] is columns:
        return found[1]
    keys = HeaderKeys(columns)
    if len(_LAYOUTS) >= 64:
        _LAYOUTS.clear()
    _LAYOUTS[id(columns)] = (columns, keys)  # the tuple is kept alive with it: its id stays its own
    return keys


@lru_cache(maxsize=65_536)
def _written(cell: str) -> str:
    """A header cell as written (`nfc`), composed once: the same headers head every sheet."""
    return nfc(cell)


def match_header_row(cells: list, columns: tuple[Column, ...], row_index: int) -> HeaderMatch:
    layout = header_keys(columns)
    exact = layout.exact
    keys = [layout.key(cell) for cell in cells]
    # near-matches are looked for only in a row that already names two columns exactly
    near = sum(key in exact for key in keys) >= 2
    positions, headers, unknown, fuzzy, duplicates = {}, {}, {}, {}, {}
    for index, (cell, key) in enumerate(zip(cells, keys)):
        if not key:
            continue
        name, approximate = _match_cell(key, columns, exact, near)
        if name is None:
            unknown[index] = _written(cell)
            continue
        if name in positions:  # a second 'Ngày tổ chức': read both, the filled one is used
            duplicates.setdefault(name, [positions[name]]).append(index)
            continue
        positions[name], headers[name] = index, _written(cell)
        if approximate:
            fuzzy[name] = _written(cell)
    return HeaderMatch(row_index, positions, headers, unknown, fuzzy, duplicates)


def header_at(cells: list, columns: tuple[Column, ...], required: tuple[str, ...],
              row_index: int) -> HeaderMatch | None:
    """The row as a header when it names the required columns and at least three in all."""
    if header_keys(columns).named(cells) < 2:
        return None
    match = match_header_row(cells, columns, row_index)
    if not all(name in match.positions for name in required) or len(match.positions) < 3:
        return None
    return match


def find_header(rows: list[list], columns: tuple[Column, ...], required: tuple[str, ...]) -> HeaderMatch | None:
    """The first row, among the first rows of a sheet, that names the required columns and
    most of the others: the header, whatever title block stands above it."""
    best = None
    for row_index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        # A row naming fewer than two columns exactly gets no near-matches either, so it names
        # at most one column and cannot be the header: header_at skips it before matching every
        # cell (most scanned rows are data rows).
        match = header_at(cells, columns, required, row_index)
        if match is None:
            continue
        if best is None or len(match.positions) > len(best.positions):
            best = match
            if len(best.positions) == len(columns):
                break  # every column named: no later row can name more
    return best
