"""How cells are written: the many ways units write the same thing, and the sheets they make.

Column keys and headers, the header/date/number styles and the unit/commune/program forms each
unit writes in (`assign_styles` gives every unit its own, covering every style), the functions
that turn one value into the cell a unit writes (`header_text`, `date_cell`, `number_cell`,
`unit_text`, …), and the sheet as written: a Grid of cells with merged title blocks above the
table (`title_block`), built from a sheet specification by `build_sheet_grid`, which also records
where every data row lands (its fate record, for the expected counts).
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .facts import Facts

if TYPE_CHECKING:
    from .registry import Unit
    from .sending import BookSpec, RowSpec, SheetSpec


# ---------------------------------------------------------------------------------------------
# Columns, headers, and the styles units write in
# ---------------------------------------------------------------------------------------------

HEADERS = {"stt": "STT", "unit": "Đơn vị", "sent": "Ngày gửi", "program": "Chương trình", "name": "Tên hoạt động",
           "held": "Ngày tổ chức", "commune": "Xã/Phường", "district": "Quận/Huyện", "from": "Từ ngày",
           "to": "Đến ngày", "planned": "Số lượt ĐVTN dự kiến", "cost": "Kinh phí (đồng)",
           "cost_plan": "Kinh phí dự kiến (đồng)", "evidence": "Minh chứng", "note": "Ghi chú",
           "person": "Người phụ trách", "note2": "Ghi chú thêm"}   # and each indicator's header (Facts)
HEADER_STYLES = ["standard", "standard", "upper", "spacing", "linebreak", "nodiac", "nfd", "punct"]
DATE_STYLES = ["excel", "excel", "excel", "dmy", "dmyy", "dash", "words", "dm_y"]
NUM_STYLES = ["num", "num", "num", "text", "units", "mixed"]
UNIT_FORMS = ["name", "name", "alias", "upper", "nodiac_alias", "nfd", "abbrev", "lower_alias", "spaces"]
COMMUNE_FORMS = ["plain", "plain", "prefix", "Prefix", "abbr", "nodiac", "upper", "nfd"]
PROGRAM_FORMS = ["num", "numtext", "id", "id", "full", "short", "mixed"]
FIRST_NAMES = ["An", "Bình", "Chi", "Dung", "Giang", "Hà", "Hải", "Khoa", "Lan", "Linh", "Minh", "Nam", "Ngọc",
               "Phúc", "Quân", "Thảo", "Trang", "Tú", "Vy", "Yến"]


def spread(rng: random.Random, options: list, n: int) -> list:
    """n choices covering every option (when n allows), in random order."""
    out = (options * (n // len(options) + 1))[:n]
    rng.shuffle(out)
    return out


def assign_styles(rng: random.Random, units: list[Unit]) -> None:
    """Give every unit its way of writing (header, date, number style; unit, commune, program form; …),
    every style used by some unit."""
    n = len(units)
    headers, dates = spread(rng, HEADER_STYLES, n), spread(rng, DATE_STYLES, n)
    nums, uforms = spread(rng, NUM_STYLES, n), spread(rng, UNIT_FORMS, n)
    cforms, pforms = spread(rng, COMMUNE_FORMS, n), spread(rng, PROGRAM_FORMS, n)
    titles = spread(rng, ["full", "full", "short", None], n)
    names = spread(rng, ["tuan", "tuan", "tuan", "tuan_nodiac", "bc_date", "tuan_date", "dotted"], n)
    for i, u in enumerate(units):
        u.style = {"header": headers[i], "date": dates[i], "num": nums[i], "unit_form": uforms[i],
                   "commune_form": cforms[i], "program_form": pforms[i], "title": titles[i],
                   "sheet_names": names[i], "phase_names": rng.random() < 0.25, "stt_numeric": rng.random() < 0.85,
                   "totals_in_stt": rng.random() < 0.6, "sent_text": "dmy" if rng.random() < 0.12 else None}
    by_id = {u.id: u for u in units}
    # the brief's own examples are always present
    for uid, form in (("BVDK", "alias"), ("SLDTBXH", "nodiac_alias")):
        if uid in by_id:
            by_id[uid].style["unit_form"] = form
    if "BVDK" in by_id:
        by_id["BVDK"].aliases.insert(0, by_id["BVDK"].aliases.pop(by_id["BVDK"].aliases.index("BV Đa khoa TPCT")))


# ---------------------------------------------------------------------------------------------
# Cells: one value as a unit writes it
# ---------------------------------------------------------------------------------------------

def strip_marks(text: str) -> str:
    """The text without its diacritics (đ → d), as units type without Vietnamese marks."""
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


def header_text(f: Facts, key: str, style: str) -> str:
    """The column header of `key` as written in `style` (upper case, extra spaces, no marks, NFD, …)."""
    h = f.ind_header.get(key) or HEADERS[key]
    if style == "upper":
        return h.upper()
    if style == "spacing":
        return " " + h.replace(" ", "  ", 1) + " "
    if style == "linebreak":
        words = h.split(" ")
        return h if len(words) < 3 else " ".join(words[: len(words) // 2]) + "\n" + " ".join(words[len(words) // 2:])
    if style == "nodiac":
        return strip_marks(h)
    if style == "nfd":
        return unicodedata.normalize("NFD", h)
    if style == "punct":
        return h.replace("/", " / ").replace(",", "").replace("(", "- (").replace("STT", "S.T.T")
    return h


def unit_text(unit: Unit, form: str, rng: random.Random) -> str:
    """The unit's name as written in `form` (its name, an alias, upper case, no marks, abbreviated, …)."""
    if form == "alias":
        return rng.choice(unit.aliases)
    if form == "upper":
        return unit.name.upper()
    if form == "nodiac_alias":
        return strip_marks(rng.choice(unit.aliases))
    if form == "nfd":
        return unicodedata.normalize("NFD", unit.name)
    if form == "abbrev":
        short = unit.contracted_name()
        return short if short != unit.name else rng.choice(unit.aliases)
    if form == "lower_alias":
        return rng.choice(unit.aliases).lower()
    if form == "spaces":
        return "  " + unit.name.replace(" ", "  ", 2) + " "
    return unit.name


def commune_text(f: Facts, ci: int, form: str, old: bool = False) -> str:
    """The commune as written in `form` ("Trường Xuân", "xã Trường Xuân", "X. Trường Xuân", …); `old`:
    by the name it had before the 2025 reorganisation, where it had another."""
    name, kind = (f.old_names[ci][:2] if old and ci in f.old_names else f.communes[ci][:2])
    if form == "prefix":
        return f"{kind} {name}"
    if form == "Prefix":
        return f"{kind.capitalize()} {name}"
    if form == "abbr":
        return f"{'X.' if kind == 'xã' else 'P.'} {name}"
    if form == "nodiac":
        return strip_marks(name).lower()
    if form == "upper":
        return name.upper()
    if form == "nfd":
        return unicodedata.normalize("NFD", f"{kind} {name}")
    return name


def district_text(f: Facts, ci: int, form: str, old: bool = False) -> str | None:
    """The district of the commune as written in `form` ("Thới Lai", "huyện Thới Lai", "H. Thới Lai", …);
    `old`: its district before the 2025 reorganisation (none on the 2025 map)."""
    name, kind = (f.old_names[ci][2:4] if old and ci in f.old_names else f.communes[ci][2:4])
    if not name:
        return None
    if form in ("prefix", "Prefix"):
        return f"{kind} {name}" if form == "prefix" else f"{kind.capitalize()} {name}"
    if form == "abbr":
        return f"{'H.' if kind == 'huyện' else 'Q.'} {name}"
    if form == "nodiac":
        return strip_marks(name)
    if form == "upper":
        return name.upper()
    if form == "nfd":
        return unicodedata.normalize("NFD", name)
    return name


def program_cell(f: Facts, pid: str, form: str, rng: random.Random):
    """The program as written in `form`: its number, its number as text, its id, full or short name."""
    if form == "mixed":
        form = rng.choice(["num", "numtext", "id", "short"])
    n = int(pid[1:])
    if form == "num":
        return n
    if form == "numtext":
        return str(n)
    if form == "full":
        return f.programs[pid][0]
    if form == "short":
        return rng.choice(f.programs[pid][1])
    return pid


def date_cell(d: dt.date, style: str):
    """A date as written in `style`: the date itself (an Excel date) or one of the text forms."""
    if style == "dmy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmyy":
        return f"{d.day}/{d.month}/{d.year % 100:02d}"
    if style == "dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "words":
        return f"ngày {d.day} tháng {d.month} năm {d.year}"
    if style == "dm_y":
        return f"{d.day}/{d.month}/{d.year}"
    return d


def vn_number(v: float, decimals: int) -> str:
    """1000 → '1.000'; 2.5 → '2,5'."""
    if decimals:
        whole, frac = f"{v:.{decimals}f}".split(".")
        frac = frac.rstrip("0")
        whole = f"{int(whole):,}".replace(",", ".")
        return whole + ("," + frac if frac else "")
    return f"{int(round(v)):,}".replace(",", ".")


def number_cell(f: Facts, v, ind: str, style: str, rng: random.Random):
    """A figure as written in `style`: a number, Vietnamese number text, or text with its unit word."""
    if v is None:
        return None
    if style == "mixed":
        style = rng.choice(["num", "text", "units"])
    dec = f.ind_decimals[ind]
    if style == "text":
        return vn_number(v, dec)
    if style == "units":
        return f"{vn_number(v, dec)} {f.ind_word[ind]}"
    return float(v) if dec else int(v)


def cost_cell(v, style: str, rng: random.Random):
    """A cost in đồng as written in `style`: a number, or text ("1.500.000", "… đồng", "…,00")."""
    if v is None:
        return None
    if style == "num":
        return v
    r = rng.random()
    if r < 0.5:
        return vn_number(v, 0)
    if r < 0.8:
        return vn_number(v, 0) + " đồng"
    return vn_number(v, 0) + ",00"


def iso_moment(moment) -> str | None:
    """A sent moment as ISO text: "2024-06-15" for a date, "2024-06-15T16:40" for a datetime."""
    if moment is None:
        return None
    return moment.isoformat(timespec="minutes") if isinstance(moment, dt.datetime) else moment.isoformat()


def moment_sort_key(moment) -> str:
    """A sent moment as sortable ISO text (a date counts as its midnight)."""
    if isinstance(moment, dt.datetime):
        return moment.isoformat(timespec="minutes")
    return dt.datetime.combine(moment, dt.time(0, 0)).isoformat(timespec="minutes")


def sent_cell(moment, text_style: str | None):
    """The Ngày gửi cell: the moment itself, or the date as text when the unit types it."""
    if text_style:
        d = moment.date() if isinstance(moment, dt.datetime) else moment
        return date_cell(d, text_style)
    return moment


# ---------------------------------------------------------------------------------------------
# Grids: sheets as written
# ---------------------------------------------------------------------------------------------

@dataclass
class Grid:
    """A sheet as written: rows of cells, merged ranges, and the fate record of every data row."""
    name: str
    rows: list = field(default_factory=list)
    merges: list = field(default_factory=list)      # (r1, c1, r2, c2)
    header_row: int | None = None                   # 0-based
    wrap_header: bool = False
    widths: list = field(default_factory=list)
    metas: list = field(default_factory=list)       # dicts, one per data row


class Formula:
    """A cell written as a formula (in .xlsx), with the value it computes (written as is elsewhere)."""

    def __init__(self, text: str, value):
        self.text, self.value = text, value


def col_letter(c: int) -> str:
    """The Excel column letter of 0-based column `c` (0 → A, 26 → AA)."""
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def title_block(grid: Grid, unit_name: str, title: str, subtitle: str | None, when: dt.date, ncols: int,
                full: bool) -> None:
    """The title rows above the table (merged cells): the Đoàn / Quốc hiệu header when `full`, then
    the title and subtitle."""
    left = min(4, ncols // 2)
    if full:
        grid.rows.append(["ĐOÀN TNCS HỒ CHÍ MINH"] + [None] * (left - 1) + [None]
                         + ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] + [None] * (ncols - left - 2))
        grid.merges += [(0, 0, 0, left - 1), (0, left + 1, 0, ncols - 1)]
        grid.rows.append([f"BCH {unit_name.upper()}"] + [None] * left
                         + ["Độc lập - Tự do - Hạnh phúc"] + [None] * (ncols - left - 2))
        grid.merges += [(1, 0, 1, left - 1), (1, left + 1, 1, ncols - 1)]
        grid.rows.append([None] * (left + 1) + [f"Cần Thơ, ngày {when.day} tháng {when.month} năm {when.year}"]
                         + [None] * (ncols - left - 2))
        grid.merges += [(2, left + 1, 2, ncols - 1)]
        grid.rows.append([None] * ncols)
    r = len(grid.rows)
    grid.rows.append([title] + [None] * (ncols - 1))
    grid.merges.append((r, 0, r, ncols - 1))
    if subtitle:
        grid.rows.append([subtitle] + [None] * (ncols - 1))
        grid.merges.append((r + 1, 0, r + 1, ncols - 1))
    grid.rows.append([None] * ncols)


def sheet_columns(style: dict, base: list[str]) -> list[str]:
    """The sheet's columns: `base` with the sheet's dropped, swapped and extra columns (and, for a unit
    using last year's template, the district column after the commune's)."""
    cols = list(base)
    if style.get("old_template") and "district" not in cols:
        cols.insert(cols.index("commune") + 1, "district")
    for key in style.get("drop", []):
        cols.remove(key)
    if style.get("swap"):
        i, j = (cols.index(key) for key in style["swap"])
        cols[i], cols[j] = cols[j], cols[i]
    if style.get("person"):
        cols.insert(cols.index("name") + 1, "person")
    if style.get("note2"):
        cols.append("note2")
    return cols


def render_activity_row(f: Facts, spec: RowSpec, cols: list[str], stt, sheet: SheetSpec, units: dict, style: dict,
                        rng: random.Random) -> list:
    """The cells of one activity row, each written in the sheet's (or, now and then, another) style."""
    a = spec.activity
    unit = units[a.unit]
    ov = spec.overrides
    uform = style["unit_form"] if rng.random() < 0.75 else rng.choice(UNIT_FORMS)
    cform = style["commune_form"] if rng.random() < 0.7 else rng.choice(COMMUNE_FORMS)
    dstyle = style["date"] if rng.random() < 0.85 else rng.choice(DATE_STYLES)
    name = a.name
    if "cumulative" in spec.tags or "resent" in spec.tags:
        name = rng.choice([name, name, unicodedata.normalize("NFD", name), name.replace(" ", "  ", 1),
                           name[0].lower() + name[1:], name + " "])
    out = []
    for key in cols:
        if key in ov:
            out.append(ov[key])
        elif key == "stt":
            out.append(stt)
        elif key == "unit":
            out.append(unit_text(unit, uform, rng))
        elif key == "sent":
            out.append(sheet.sent_cell)
        elif key == "program":
            out.append(program_cell(f, a.program, style["program_form"], rng))
        elif key == "name":
            out.append(name)
        elif key in ("held", "from"):
            out.append(date_cell(a.held, dstyle))
        elif key == "to":
            out.append(date_cell(spec.overrides.get("_to"), dstyle) if spec.overrides.get("_to") else None)
        elif key == "commune":
            out.append(commune_text(f, a.commune, cform, old=bool(style.get("old_template"))))
        elif key == "district":
            out.append(district_text(f, a.commune, cform if cform != "Prefix" else "prefix",
                                     old=bool(style.get("old_template"))))
        elif key in f.ind_header:
            out.append(number_cell(f, spec.values.get(key), key, style["num"], rng))
        elif key == "planned":
            out.append(number_cell(f, spec.values.get(f.participation), f.participation, style["num"], rng))
        elif key in ("cost", "cost_plan"):
            out.append(cost_cell(spec.cost, style["num"], rng))
        elif key == "evidence":
            r = rng.random()
            out.append(None if r < 0.25 else "Ảnh gửi qua nhóm Zalo Đoàn Khối" if r < 0.35 else
                       f"https://example.com/kynghihong/{a.unit.lower()}/{a.held:%Y%m%d}.jpg")
        elif key == "note":
            out.append(spec.note if spec.note is not None else a.note)
        elif key == "person":
            out.append(f"đ/c {rng.choice(FIRST_NAMES)}" if rng.random() < 0.8 else None)
        elif key == "note2":
            out.append(rng.choice([None, None, "Phối hợp Đoàn xã", "Có hình ảnh", "Đăng fanpage"]))
        else:
            out.append(None)
    return out


def build_sheet_grid(f: Facts, book: BookSpec, sheet: SheetSpec, units: dict, base_cols: list[str],
                     rng: random.Random, registration: bool) -> Grid:
    """The grid of one sheet (title block, header row, rows), with the fate record of every data row."""
    style = sheet.style
    grid = Grid(sheet.name)
    if sheet.kind == "guide":
        for line in sheet.rows:
            grid.rows.append([line])
        grid.widths = [100]
        return grid
    cols = sheet_columns(style, base_cols)
    n = len(cols)
    unit = units.get(book.unit)
    when = (sheet.sent.date() if isinstance(sheet.sent, dt.datetime) else sheet.sent) or f.start
    if style.get("title"):
        if registration:
            title = f"BẢNG ĐĂNG KÝ HOẠT ĐỘNG CHIẾN DỊCH TÌNH NGUYỆN {f.title}"
            sub = None
        else:
            title = f"BÁO CÁO KẾT QUẢ THỰC HIỆN CHIẾN DỊCH TÌNH NGUYỆN {f.title}"
            sub = f"({sheet.name})" if sheet.week else None
        title_block(grid, unit.name if unit else "", title, sub, when, n, style["title"] == "full")
    grid.header_row = len(grid.rows)
    grid.rows.append([header_text(f, k, style["header"]) for k in cols])
    grid.wrap_header = style["header"] == "linebreak"
    stt = 0
    data_rows: list[int] = []
    for spec in sheet.rows:
        r = len(grid.rows) + 1                        # 1-based row number as Excel shows it
        meta = {"file": book.path, "sheet": sheet.name, "row": r, "kind": spec.kind, "reason": spec.reason,
                "tags": list(spec.tags)}
        if spec.kind == "blank":
            grid.rows.append([None] * n)
        elif spec.kind == "totals":
            row = [None] * n
            label_col = 0 if style.get("totals_in_stt", True) else cols.index("unit")
            row[label_col] = spec.totals["label"]
            mismatch = spec.totals["mismatch"]
            for c, key in enumerate(cols):
                if key in f.ind_header or key in ("cost", "cost_plan", "planned"):
                    vals = [m["values"].get(f.participation if key == "planned" else key)
                            if key not in ("cost", "cost_plan") else m["cost"] for m in grid.metas
                            if m["kind"] == "activity"]
                    total = sum(v for v in vals if v is not None)
                    if not any(v is not None for v in vals):
                        continue
                    total = round(total, 1) if f.ind_decimals.get(key) else total
                    if key in mismatch:
                        row[c] = mismatch[key]["stated"]
                        mismatch[key]["computed"] = total
                    elif style["num"] == "num" and book.fmt == "xlsx" and data_rows and spec.totals.get("formula"):
                        letter = col_letter(c)
                        row[c] = Formula(f"=SUM({letter}{data_rows[0]}:{letter}{data_rows[-1]})", total)
                    else:
                        row[c] = total
            grid.rows.append(row)
            meta["label"] = spec.totals["label"]
            meta["mismatch"] = {(f.ind_header.get(k) or HEADERS[k]): {"stated": v["stated"],
                                                                      "computed": v.get("computed")}
                                for k, v in mismatch.items()}
        else:
            stt += 1
            cells = render_activity_row(f, spec, cols, stt if style.get("stt_numeric", True) else str(stt), sheet,
                                        units, style, rng)
            grid.rows.append(cells)
            data_rows.append(r)
            a = spec.activity
            meta.update({"unit": a.unit if spec.kind == "activity" else spec.overrides.get("unit", a.unit),
                         "program": a.program, "held": a.held.isoformat(), "commune": f.communes[a.commune][0],
                         "district": f.communes[a.commune][2], "key": list(a.key), "values": dict(spec.values),
                         "cost": spec.cost, "sent": iso_moment(sheet.sent), "sent_sort": moment_sort_key(sheet.sent)})
            if "contact" in spec.tags:
                meta["contact_column"] = HEADERS["note"]
            if style.get("old_template") and a.commune in f.old_names:
                meta["old_name"] = True
        grid.metas.append(meta)
    grid.widths = [5 if k == "stt" else 40 if k in ("unit", "name") else 14 for k in cols]
    return grid
