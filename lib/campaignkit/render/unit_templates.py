"""The workbooks the office sends to the units before the campaign (`campaignkit templates`).

For every unit of `don_vi.xlsx`, a registration workbook `dang_ky/DK_<Mã đơn vị>.xlsx` and a report
workbook `bao_cao/BC_<Mã đơn vị>.xlsx` (the folders of a campaign folder, so that the filled files go
straight back into one), written with xlsxwriter:

- the data sheet has the contract's columns with the headers intake reads (`intake/columns.py`), the
  unit's name filled in and locked on every row, the header rows protected (no password), column
  widths, number formats and a frozen header;
- dropdowns for the program (P1… with its name, from the plan), the commune (the communes of the
  plan's province on the plan's administrative map, each with its district on the list sheet) and
  the district; dates limited to the campaign window, figures to whole numbers ≥ 0 (decimals ≥ 0
  for km), each with a Vietnamese input message and error message. On a map without districts
  (`campaign.admin_map: "2025"`) the lists have no district: the contract's `Quận/Huyện` column
  stays, greyed, with no dropdown, and its message and the instructions say it is not needed;
- an instructions sheet (what to fill, the deadlines of the plan, an example row made of one of the
  plan's own events — its program, day and place —, the sheet name of one regular report as the
  plan's cycle names it: "Tuần 1", "Tháng 6") and the lists sheet behind the dropdowns, both
  marked as not data (`columns.NOT_DATA_NOTE`), so a filled template reads back with zero data
  issues.

Re-running never touches a workbook a unit has filled in: `plan_templates` refuses, naming the
files, before anything is written (an untouched template is written again).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import xlsxwriter

from ..analyses.feedback import place_as_listed
from ..errors import InputError
from ..intake import columns as cols
from ..intake.issues import Action, locate
from ..intake.places import full_name, gazetteer
from ..intake.workbooks import read_workbook
from ..paths import REGISTRATIONS_DIR, REGISTRY_FILE, REPORTS_DIR
from ..plan.deadlines import CYCLE_NOUN, cycle_deadlines, due_at
from ..plan.schema import Plan
from ..text import fold, format_date
from .appendix import close_workbook, new_workbook
from .labels import due_text

DATA_ROWS = 200            # rows ready to fill on the data sheet
TITLE_ROWS = 4             # title block above the header row
DECIMAL_UNITS = ("km",)    # indicators measured in these units take decimals
LIST_SHEET, GUIDE_SHEET = "Danh mục", "Hướng dẫn"
SHOWN_FILES = 8            # files named in a refusal


@dataclass(frozen=True)
class Kind:
    """One of the two templates: registrations or reports."""

    folder: str
    prefix: str
    sheet: str
    title: str
    required: tuple[str, ...]

    def columns(self, plan: Plan) -> tuple[cols.Column, ...]:
        if self.folder == REGISTRATIONS_DIR:  # the contract's registration sheet has no 'Ngày gửi'
            return tuple(c for c in cols.registration_columns(plan) if c.name != "sent_at")
        return cols.report_columns(plan)

    def path(self, out_dir: Path, unit_id: str) -> Path:
        return out_dir / self.folder / f"{self.prefix}_{unit_id}.xlsx"


REGISTRATION = Kind(REGISTRATIONS_DIR, "DK", "Đăng ký", "BẢNG ĐĂNG KÝ HOẠT ĐỘNG", ("unit", "activity"))
REPORT = Kind(REPORTS_DIR, "BC", "Báo cáo", "BẢNG BÁO CÁO KẾT QUẢ HOẠT ĐỘNG", ("unit", "held_on"))
KINDS = (REGISTRATION, REPORT)


# --- the registry and the files: checked before anything is written ------------------------

def check_registry(units: pd.DataFrame, issues: pd.DataFrame) -> None:
    """Every unit needs its own `Mã đơn vị` (it names its files): refuse otherwise, naming the rows."""
    missing = issues[(issues["file"] == REGISTRY_FILE) & (issues["action"] == Action.FILE_SKIPPED)]
    if len(missing):
        raise InputError(f"{missing.iloc[0]['problem']}: chưa ghi mẫu nào. "
                         f"Hãy đặt {REGISTRY_FILE} vào thư mục dữ liệu.")
    wrong = issues[(issues["file"] == REGISTRY_FILE) & (issues["action"] == Action.REJECTED)]
    if len(wrong):
        places = "; ".join(f"{locate(r.file, r.sheet, r.row, r.column)}: {r.problem}" for r in wrong.itertuples())
        raise InputError(f"Danh sách đơn vị chưa dùng được để lập mẫu — {places}. Hãy ghi Mã đơn vị riêng cho "
                         f"từng đơn vị (ví dụ BVDK) trong {REGISTRY_FILE} rồi chạy lại; chưa ghi mẫu nào.")
    if units.empty:
        raise InputError(f"{REGISTRY_FILE} chưa có đơn vị nào (cần cột 'Mã đơn vị' và 'Tên đơn vị'): chưa ghi mẫu nào.")


def is_filled(path: Path, kind: Kind, plan: Plan) -> bool:
    """Whether a workbook at `path` holds anything a unit wrote (or cannot be read to tell)."""
    result = read_workbook(path, path.name, kind.columns(plan), kind.required)
    return not result.read or any(len(t.columns["row"]) for t in result.tables)


def plan_templates(plan: Plan, units: pd.DataFrame, out_dir: Path) -> list[tuple[Kind, dict, Path]]:
    """Every template to write; InputError naming the already filled workbooks, if any."""
    planned = [(kind, unit, kind.path(out_dir, unit["unit_id"]))
               for unit in units.to_dict("records") for kind in KINDS]
    filled = [path for kind, _, path in planned if path.exists() and is_filled(path, kind, plan)]
    if filled:
        shown = ", ".join(str(p) for p in filled[:SHOWN_FILES])
        more = f" và {len(filled) - SHOWN_FILES} tệp khác" if len(filled) > SHOWN_FILES else ""
        raise InputError(f"Thư mục {out_dir} đã có {len(filled)} mẫu đơn vị đã điền số liệu ({shown}{more}): "
                         "không ghi đè tệp nào. Hãy chọn thư mục khác (--out) hoặc chuyển các tệp đã điền vào "
                         "thư mục dữ liệu trước.")
    return planned


# --- the lists behind the dropdowns -----------------------------------------------------------

def program_choices(plan: Plan) -> list[str]:
    """'P1 – <name>' for each program (intake reads the id, the name or both)."""
    return [f"{p.id} – {p.name}" for p in plan.programs]


def place_choices(plan: Plan) -> tuple[pd.DataFrame, list[str]]:
    """The communes of the plan's province with their district, and the districts, as units
    write them ('xã Trường Xuân', 'huyện Thới Lai'); no district on a map without districts."""
    table = gazetteer(plan.campaign.province, plan.campaign.admin_map)
    with_districts = plan.campaign.has_districts
    district = (table["districtType"].str.lower() + " " + table["districtShort"] if with_districts
                else pd.Series("", index=table.index))
    places = pd.DataFrame({"commune": [full_name(r) for r in table.itertuples()],
                           "district": district}).drop_duplicates()
    places = places.assign(_key=places["commune"].map(lambda c: fold(c.split(" ", 1)[-1])))
    places = places.sort_values(["_key", "commune"], kind="stable").drop(columns="_key").reset_index(drop=True)
    districts = list(dict.fromkeys(district)) if with_districts else []
    return places, districts


def cycle_sheet_name(plan: Plan) -> str:
    """What a unit names the sheet of one regular report: 'Tuần 1', 'Tháng 6' (the cycle's first)."""
    deadlines = cycle_deadlines(plan)
    return deadlines[0].name.capitalize() if deadlines else CYCLE_NOUN[plan.reporting.cycle.every].capitalize()


# --- one workbook ----------------------------------------------------------------------------

class _Formats:
    def __init__(self, book):
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
        self.title = book.add_format({**base, "bold": True, "font_size": 14})
        self.note = book.add_format({**base, "italic": True, "font_color": "#666666"})
        self.text = book.add_format({**base, "text_wrap": True})
        self.bold = book.add_format({**base, "bold": True, "text_wrap": True})
        self.heading = book.add_format({**base, "bold": True})
        self.header = book.add_format({**base, "bold": True, "text_wrap": True, "align": "center", "border": 1,
                                       "bg_color": "#DDEBF7"})
        self.unit = book.add_format({**base, "text_wrap": True, "bg_color": "#F2F2F2", "border": 1})
        cell = {**base, "locked": False, "border": 1}
        self.cells = {
            "text": book.add_format({**cell, "text_wrap": True}),
            "date": book.add_format({**cell, "num_format": "dd/mm/yyyy"}),
            "datetime": book.add_format({**cell, "num_format": "dd/mm/yyyy hh:mm"}),
            "integer": book.add_format({**cell, "num_format": "#,##0"}),
            "decimal": book.add_format({**cell, "num_format": "#,##0.00"}),
            "unused": book.add_format({**cell, "bg_color": "#F2F2F2"}),  # a column the map does not need
        }


def _window(plan: Plan) -> str:
    return f"{format_date(plan.campaign.start)}–{format_date(plan.campaign.end)}"


NO_DISTRICT = "Không cần ghi: danh mục xã, phường của chiến dịch này không còn cấp quận, huyện."


def example_day(plan: Plan, day: dt.date | None = None) -> dt.date:
    """A day of the campaign that cannot be read month first: `day` if its day of the month is over 12,
    else the first such day after it (after the campaign's start when no day is given)."""
    day = day or plan.campaign.start
    for candidate in pd.date_range(day, plan.campaign.end).date:
        if candidate.day > 12:
            return candidate
    return day


def sample_day(plan: Plan) -> dt.date:
    """The day the instructions and the date messages show: the example row's, if it cannot be misread."""
    event = example_event(plan)
    return example_day(plan, event.day if event else None)


def _rule(column: cols.Column, plan: Plan, lists: dict[str, str]) -> tuple[str, int, dict | None]:
    """(cell format, width, data validation) of one column of the data sheet."""
    start, end, window = plan.campaign.start, plan.campaign.end, _window(plan)
    sample = sample_day(plan)
    date_error = {"error_title": "Ngày không hợp lệ", "error_message":
                  f"Hãy ghi ngày theo thứ tự ngày/tháng/năm, trong thời gian chiến dịch {window}."}
    indicators = {i.id: i for i in plan.indicators}
    name = column.name
    if name == "row_number":
        return "integer", 6, {"validate": "integer", "criteria": ">=", "value": 1, "input_title": "Số thứ tự",
                              "input_message": "1, 2, 3…", "error_title": "STT", "error_message": "Ghi số 1, 2, 3…"}
    if name in ("held_on", "start", "end"):
        return "date", 13, {"validate": "date", "criteria": "between", "minimum": start, "maximum": end,
                            "input_title": column.header, "input_message":
                            f"Ngày/tháng/năm, ví dụ {format_date(sample)}; trong {window}.", **date_error}
    if name == "sent_at":
        return "datetime", 17, {"validate": "date", "criteria": ">=", "value": start, "input_title": "Ngày gửi báo cáo",
                                "input_message": f"Ngày đơn vị gửi báo cáo này, có thể ghi cả giờ: "
                                                 f"{format_date(sample)} 16:30.",
                                "error_title": "Ngày không hợp lệ", "error_message":
                                f"Hãy ghi ngày theo thứ tự ngày/tháng/năm, từ {format_date(start)} trở đi."}
    if name == "program":
        return "text", 34, {"validate": "list", "source": lists["program"], "input_title": "Chương trình",
                            "input_message": "Chọn chương trình trong danh sách (P1…). Xem trang Danh mục.",
                            "error_title": "Chương trình",
                            "error_message": "Hãy chọn một chương trình trong danh sách."}
    if name == "district" and not plan.campaign.has_districts:
        return "unused", 14, {"validate": "any", "input_title": column.header[:32], "input_message": NO_DISTRICT}
    if name in ("commune", "district"):
        what = "xã/phường" if name == "commune" else "quận/huyện"
        where = " (trang Danh mục ghi xã nào thuộc quận/huyện nào)" if plan.campaign.has_districts else ""
        return "text", 22, {"validate": "list", "source": lists[name], "error_type": "warning",
                            "input_title": column.header, "input_message": f"Chọn {what} trong danh sách{where}.",
                            "error_title": f"{what.capitalize()} ngoài danh mục", "error_message":
                            f"Không có trong danh mục {plan.campaign.province}. Nếu hoạt động ở tỉnh khác, bấm Yes "
                            "để giữ nguyên."}
    if name in indicators or name in cols.NUMERIC_COLUMNS_EXTRA:
        decimal = name in indicators and indicators[name].unit in DECIMAL_UNITS
        kind = "decimal" if decimal else "integer"
        what = "số không âm, có thể có phần thập phân (2,5)" if decimal else "số nguyên không âm (0, 1, 2…)"
        return kind, 14 if name != "funds" else 18, {
            "validate": kind, "criteria": ">=", "value": 0, "input_title": column.header[:32],
            "input_message": f"Ghi {what}; để trống nếu không có.", "error_title": "Số không hợp lệ",
            "error_message": f"Hãy ghi {what}."}
    width = {"unit": 42, "activity": 42, "evidence": 30, "note": 30}.get(name, 18)
    return "text", width, None


GUIDE_LABEL_WIDTH, GUIDE_TEXT_WIDTH, GUIDE_EXAMPLE_WIDTH = 28, 70, 30


def _fit(sheet, row: int, text: str, per_line: int = GUIDE_TEXT_WIDTH, *others: tuple[str, int]) -> None:
    """A row tall enough for its wrapped text, and for the (text, characters a line) of its other cells
    (LibreOffice does not grow rows written by xlsxwriter)."""
    lines = max(1, *(-(-len(t) // n) for t, n in ((text, per_line), *others)))
    if lines > 1:
        sheet.set_row(row, 16 * lines)


def _guide(book, formats: _Formats, plan: Plan, kind: Kind, unit: dict, columns, example: dict) -> None:
    day = format_date(sample_day(plan))
    swapped = f"{day[3:5]}/{day[:2]}/{day[6:]}"
    noun = CYCLE_NOUN[plan.reporting.cycle.every]
    if plan.campaign.has_districts:
        lists = "Chương trình, xã/phường, quận/huyện: chọn trong danh sách thả xuống (trang “Danh mục”)."
    else:
        lists = ("Chương trình, xã/phường: chọn trong danh sách thả xuống (trang “Danh mục”). Cột Quận/Huyện để "
                 "trống: danh mục xã, phường của chiến dịch này không còn cấp quận, huyện.")
    sheet = book.add_worksheet(GUIDE_SHEET)
    sheet.set_paper(9)  # printed on A4, its three columns on the width of a page
    sheet.fit_to_pages(1, 0)
    sheet.set_column(0, 0, GUIDE_LABEL_WIDTH)
    sheet.set_column(1, 1, GUIDE_TEXT_WIDTH + 8)
    sheet.set_column(2, 2, GUIDE_EXAMPLE_WIDTH + 4)
    sheet.write_string(0, 0, f"{cols.NOT_DATA_NOTE}: hướng dẫn điền mẫu", formats.note)
    sheet.write_string(1, 0, f"HƯỚNG DẪN ĐIỀN {kind.title}", formats.title)
    lines = [
        f"Chiến dịch: {plan.campaign.name} ({_window(plan)}). Đơn vị: {unit['name']} (mã {unit['unit_id']}).",
        f"Ghi ở trang “{kind.sheet}”: mỗi dòng một hoạt động"
        + (" đơn vị dự kiến tổ chức." if kind is REGISTRATION else " đơn vị đã tổ chức."),
        "Cột Đơn vị đã ghi sẵn và khóa; không sửa dòng tiêu đề, không thêm, bớt hay đổi tên cột.",
        lists,
        f"Ngày ghi theo thứ tự ngày/tháng/năm. Nếu máy báo lỗi khi gõ {day}, máy đang dùng kiểu "
        f"tháng/ngày/năm: hãy gõ {swapped} (ô vẫn hiện {day}).",
        "Các cột số: chỉ ghi chữ số, để trống nếu không có; km được ghi phần thập phân.",
    ]
    if kind is REPORT:
        lines.append(f"Mỗi {noun}, mỗi đợt: chuột phải vào tên trang “{kind.sheet}” → Di chuyển hoặc Sao chép → "
                     f"Tạo bản sao, đặt tên trang theo {noun} (ví dụ “{cycle_sheet_name(plan)}”), rồi ghi các hoạt "
                     "động mới và Ngày gửi.")
    row = 3
    for line in lines:
        sheet.write_string(row, 0, "•", formats.text)
        sheet.write_string(row, 1, line, formats.text)
        _fit(sheet, row, line)
        row += 1
    row += 1
    sheet.write_string(row, 0, "Hạn gửi", formats.bold)
    row += 1
    for report in sorted(plan.reporting.reports, key=lambda r: r.due.date):
        sheet.write_string(row, 0, due_text(due_at(report.due)), formats.text)
        sheet.write_string(row, 1, report.name, formats.text)
        row += 1
    regular = f"Hằng {noun}"
    for label, text in ((regular, plan.reporting.cycle.statement), ("Gửi về", plan.reporting.recipient)):
        sheet.write_string(row, 0, label, formats.text)
        sheet.write_string(row, 1, text, formats.text)
        _fit(sheet, row, text)
        row += 1
    row += 1
    sheet.write_string(row, 0, "Từng cột", formats.bold)
    sheet.write_string(row, 1, "Cách ghi", formats.bold)
    sheet.write_string(row, 2, "Ví dụ một dòng", formats.bold)
    row += 1
    for column in columns:
        sheet.write_string(row, 0, column.header, formats.text)
        how = _column_guide(plan, column.name)
        sheet.write_string(row, 1, how, formats.text)
        value = example.get(column.name, "")
        shown = format_date(value) if isinstance(value, dt.date) else str(value)
        if shown:
            sheet.write_string(row, 2, shown, formats.text)
        _fit(sheet, row, shown, GUIDE_EXAMPLE_WIDTH, (column.header, GUIDE_LABEL_WIDTH - 4), (how, GUIDE_TEXT_WIDTH))
        row += 1


COLUMN_GUIDE = {
    "row_number": "số thứ tự 1, 2, 3…",
    "unit": "đã ghi sẵn tên đơn vị (không sửa)",
    "sent_at": "ngày gửi báo cáo này (có thể ghi cả giờ)",
    "program": "chọn chương trình trong danh sách",
    "activity": "tên hoạt động",
    "start": "ngày bắt đầu",
    "end": "ngày kết thúc (hoạt động một ngày: ghi như Từ ngày)",
    "held_on": "ngày tổ chức",
    "commune": "chọn xã/phường nơi tổ chức",
    "district": "chọn quận/huyện của xã/phường đó",
    "planned_participations": "số lượt ĐVTN dự kiến tham gia",
    "funds": "số tiền (đồng), chỉ ghi chữ số",
    "evidence": "đường dẫn hình ảnh, bài viết minh chứng",
    "note": "ghi chú (không ghi số điện thoại, email cá nhân)",
}


def _column_guide(plan: Plan, name: str) -> str:
    if name == "district" and not plan.campaign.has_districts:
        return "để trống (không còn cấp quận, huyện)"
    return COLUMN_GUIDE.get(name, "số, để trống nếu không có")


EXAMPLE_FIGURE = 20   # participations of the example row
PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class Event:
    """The plan's own event the example row is made of."""

    program_index: int
    day: dt.date
    name: str
    place: str       # as the plan writes it ('xã Trường Xuân, huyện Thới Lai'), or ''


def example_event(plan: Plan) -> Event | None:
    """A key day of a program within the campaign, one with a place first; else a program's first day
    with its first task (the first focus commune as the place); None for a plan without programs."""
    index = {p.id: i for i, p in enumerate(plan.programs)}
    days = [(day, fact.date) for day in plan.key_days for fact in day.dates
            if day.program in index and plan.campaign.start <= fact.date <= plan.campaign.end]
    days.sort(key=lambda d: not d[0].place)      # stable: the plan's order, those with a place first
    focus = plan.focus_communes[0] if plan.focus_communes else None
    default_place = f"{focus.commune}, {focus.district}" if focus else ""
    if days:
        day, date = days[0]
        return Event(index[day.program], date, PARENTHESIS.sub("", day.name), day.place or default_place)
    if not plan.programs:
        return None
    program = plan.programs[0]
    task = next((a.task for a in program.assignments if a.task), program.name)
    return Event(0, max(program.start, plan.campaign.start), task, default_place)


def _example(plan: Plan, kind: Kind, unit: dict) -> dict:
    event = example_event(plan)
    day = event.day if event else plan.campaign.start
    commune, district = place_as_listed(plan, event.place) if event and event.place else ("", "")
    example = {"row_number": 1, "unit": unit["name"], "activity": event.name if event else "",
               "start": day, "end": day, "held_on": day, "sent_at": day,
               "program": program_choices(plan)[event.program_index] if event else "",
               "commune": commune, "district": district,
               "planned_participations": EXAMPLE_FIGURE, "funds": "5000000"}
    participation = plan.participation_indicator()
    if participation:
        example[participation.id] = EXAMPLE_FIGURE
    return example


def _lists(book, formats: _Formats, plan: Plan) -> dict[str, str]:
    sheet = book.add_worksheet(LIST_SHEET)
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.write_string(0, 0, f"{cols.NOT_DATA_NOTE}: danh sách cho các ô chọn", formats.note)
    places, districts = place_choices(plan)
    blocks = [(0, "Chương trình", program_choices(plan), 60), (1, "Thời gian chương trình",
              [f"{format_date(p.start)}–{format_date(p.end)}" for p in plan.programs], 24),
              (3, "Xã/Phường", list(places["commune"]), 24)]
    if plan.campaign.has_districts:   # on a map without districts the lists have none
        blocks += [(4, "Thuộc quận/huyện", list(places["district"]), 22), (6, "Quận/Huyện", districts, 22)]
    for col, header, values, width in blocks:
        sheet.set_column(col, col, width)
        sheet.write_string(1, col, header, formats.header)
        for row, value in enumerate(values, start=2):
            sheet.write_string(row, col, value, formats.text)
    sheet.protect("", {"select_locked_cells": True})
    sheet.freeze_panes(2, 0)

    def source(col: int, count: int) -> str:
        letter = xlsxwriter.utility.xl_col_to_name(col)
        return f"='{LIST_SHEET}'!${letter}$3:${letter}${2 + max(count, 1)}"

    return {"program": source(0, len(plan.programs)), "commune": source(3, len(places)),
            "district": source(6, len(districts))}


def write_template(plan: Plan, kind: Kind, unit: dict, path: Path) -> Path:
    """One unit's registration or report workbook."""
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = kind.columns(plan)
    book = new_workbook(path, f"{kind.title.capitalize()} — {unit['name']}", plan.campaign.organiser,
                        strings_to_numbers=False)
    formats = _Formats(book)
    _guide(book, formats, plan, kind, unit, columns, _example(plan, kind, unit))
    sheet = book.add_worksheet(kind.sheet)
    lists = _lists(book, formats, plan)
    sheet.write_string(0, 0, f"{kind.title} — CHIẾN DỊCH TÌNH NGUYỆN “{plan.campaign.name.upper()}”", formats.title)
    sheet.write_string(1, 0, f"Đơn vị: {unit['name']} (mã {unit['unit_id']})", formats.heading)
    sheet.write_string(2, 0, f"Thời gian chiến dịch: {_window(plan)}. Xem trang “{GUIDE_SHEET}” trước khi ghi.",
                       formats.note)
    header = TITLE_ROWS
    first, last = header + 1, header + DATA_ROWS
    for col, column in enumerate(columns):
        kind_format, width, validation = _rule(column, plan, lists)
        sheet.set_column(col, col, width)
        sheet.write_string(header, col, column.header, formats.header)
        if kind_format == "unused":   # the contract's column stays; its note says why it is grey
            sheet.write_comment(header, col, NO_DISTRICT, {"author": plan.campaign.organiser, "x_scale": 2})
        for row in range(first, last + 1):
            if column.name == "unit":
                sheet.write_string(row, col, unit["name"], formats.unit)
            else:
                sheet.write_blank(row, col, None, formats.cells[kind_format])
        if validation:
            sheet.data_validation(first, col, last, col, validation)
    sheet.set_row(header, 45)
    sheet.freeze_panes(header + 1, 0)
    sheet.set_paper(9)  # A4, landscape, all columns on the width of a page, the header on every page
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header)
    sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True,
                       "format_rows": True})
    book.worksheets()[0].activate()
    close_workbook(book)
    return path


def write_templates(plan: Plan, units: pd.DataFrame, out_dir: str | Path) -> list[Path]:
    """Both templates for every unit, after checking nothing filled would be overwritten."""
    out_dir = Path(out_dir)
    return [write_template(plan, kind, unit, path) for kind, unit, path in plan_templates(plan, units, out_dir)]
