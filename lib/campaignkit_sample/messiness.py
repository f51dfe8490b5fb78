"""The deliberate mistakes units make, one function per mistake.

Three families of mistakes, each with a table that maps every mistake to the function adding it;
the family's orchestrator runs the functions in the table's order, all drawing from one random
stream. The order and the draws are what keep the sample reproducible: a new mistake goes at the
end of its table.

* REPORT_MISTAKES, run by `inject_report_messiness`: rows to reject (a unit not in the registry,
  a missing, out-of-campaign or impossible date, a negative or non-numeric figure), a figure
  corrected the week after, blank rows, totals rows, contact details in notes, activities outside
  their program's window;
* STRUCTURE_CASES, run by `add_structure_cases`: a sheet without a table, header-only sheets,
  sheets in reverse order, unknown, swapped and missing columns, last year's template (communes
  written by their names before the 2025 reorganisation);
* REGISTRATION_MISTAKES, run by `inject_registration_messiness`: late registrations, figures
  written as Vietnamese number text, a sheet added later, a unit not in the registry, an
  impossible date, blank rows, totals rows, an unknown column.

Each function records what it added in the log that README.md's table of deliberate mistakes
(and expected_counts.json's "deliberate_mistakes") is made of. `fill_mismatch_values` finally
gives every mismatching totals row the figure it states.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .activities import Activity, activity_key, make_template_activity, template_weights
from .facts import Facts
from .registry import Unit
from .rendering import iso_moment
from .sending import BookSpec, RowSpec, SheetSpec, sheet_name

OLD_NAMES_CASE = "Xã, phường ghi theo tên trước 1/7/2025, kèm cột Quận/Huyện (mẫu năm trước)"
OLD_NAMES_OUTCOME = "counted; đổi sang tên mới, ghi nhận"


def pick(rng: random.Random, items: list, preferred: list[str] | None = None, key=lambda x: x):
    """The first item whose key is preferred (in the order of `preferred`), else a random one."""
    if preferred:
        for p in preferred:
            for it in items:
                if key(it) == p:
                    return it
    return rng.choice(items) if items else None


def fake_contact(rng: random.Random) -> str:
    """A made-up phone number or e-mail address, as units write them in notes."""
    return rng.choice(["LH: 0909 000 111", "Liên hệ đ/c Minh 0909.000.222", "Gửi ảnh qua abc@example.com",
                       "LH đ/c Lan: 0909000333, email lan.doanvien@example.org"])


class MistakeLog:
    """The log every family of mistakes keeps: one entry per mistake added, for the README."""

    log: list[dict]

    def record(self, case: str, file: str, sheet: str, outcome: str, reason: str) -> None:
        self.log.append({"case": case, "file": file, "sheet": sheet, "outcome": outcome, "reason": reason})


# ---------------------------------------------------------------------------------------------
# Mistakes in the reports' rows
# ---------------------------------------------------------------------------------------------

@dataclass
class ReportMistakes(MistakeLog):
    """What the report mistakes share: the random stream, the report workbooks, the sheets that
    already have a mistake (one per sheet), and the log.

    The mistakes go into the .xlsx workbooks of units that report every week ("regular").
    """
    f: Facts
    rng: random.Random
    books: list[BookSpec]
    units: dict                     # unit id → Unit
    log: list[dict] = field(default_factory=list)
    used: set = field(default_factory=set)
    xlsx: list[BookSpec] = field(init=False)

    def __post_init__(self) -> None:
        self.xlsx = [b for b in self.books if b.fmt == "xlsx" and self.units[b.unit].profile == "regular"]

    def sheets_with_rows(self, min_rows: int = 2) -> list[tuple[BookSpec, SheetSpec]]:
        """The sheets (of the .xlsx workbooks) listing at least `min_rows` activities."""
        return [(b, s) for b in self.xlsx for s in b.sheets if s.kind != "guide"
                and sum(r.kind == "activity" for r in s.rows) >= min_rows and "no_inject" not in s.tags]

    def take(self, preferred: list[str] | None = None, min_rows: int = 2):
        """A sheet without a mistake yet (of a preferred unit if there is one), marked as used."""
        cands = [(b, s) for b, s in self.sheets_with_rows(min_rows) if (b.path, s.name) not in self.used]
        if not cands:
            return None, None
        choice = pick(self.rng, cands, preferred, key=lambda bs: bs[0].unit)
        self.used.add((choice[0].path, choice[1].name))
        return choice

    def extra_activity(self, unit_id: str, t_index: int | None = None, held: dt.date | None = None) -> Activity:
        """An activity the unit adds to a report ("(bổ sung)"), to carry a mistake."""
        u = self.units[unit_id]
        tw = template_weights(self.f, u)
        ti = t_index if t_index is not None else self.rng.choices(range(len(self.f.templates)), tw)[0]
        a = make_template_activity(self.f, self.rng, u, ti)
        if held:
            a.held = held
        a.name = a.name + " (bổ sung)"
        a.key = activity_key(self.f, a.unit, a.held, a.commune, a.name)
        return a

    def add_reject(self, book: BookSpec, sheet: SheetSpec, reason: str, overrides: dict, what: str,
                   t_index: int | None = None, values: dict | None = None, held: dt.date | None = None) -> None:
        """Insert, somewhere in the sheet, an added activity whose row a correct ingest rejects for `reason`."""
        rng = self.rng
        a = self.extra_activity(book.unit, t_index, held or (sheet.week - dt.timedelta(days=rng.randint(1, 5))))
        spec = RowSpec("reject", a, values=values or dict(a.values), cost=a.cost, reason=reason, overrides=overrides)
        sheet.rows.insert(rng.randint(0, len(sheet.rows)), spec)
        sheet.tags.append("has_reject")
        self.record(what, book.path, sheet.name, "rejected", reason)

    def reject_in_a_sheet(self, reason: str, overrides: dict, what: str, preferred: list[str] | None = None) -> None:
        """`add_reject` in a sheet taken for it (nothing when no sheet is left)."""
        book, sheet = self.take(preferred)
        if book:
            self.add_reject(book, sheet, reason, overrides, what)


def reject_unknown_unit(m: ReportMistakes) -> None:
    """Mistake: the row names a unit that is not in the registry (rejected: unknown_unit)."""
    for overrides, what, preferred in m.f.mistakes.unknown_units:
        m.reject_in_a_sheet("unknown_unit", overrides, what, preferred)


def reject_missing_date(m: ReportMistakes) -> None:
    """Mistake: the day the activity was held is left empty, or holds only spaces (rejected: no_date)."""
    cases = [
        ({"held": None}, "Thiếu ngày tổ chức", m.f.mistakes.missing_date_preferred),
        ({"held": "   "}, "Ngày tổ chức chỉ có dấu cách", None),
    ]
    for overrides, what, preferred in cases:
        m.reject_in_a_sheet("no_date", overrides, what, preferred)


def reject_date_outside_campaign(m: ReportMistakes) -> None:
    """Mistake: the day held is before or after the campaign (rejected: date_outside_campaign)."""
    for held, what in m.f.mistakes.outside_dates:
        m.reject_in_a_sheet("date_outside_campaign", {"held": held}, what, None)


def reject_invalid_date(m: ReportMistakes) -> None:
    """Mistake: the day held does not exist, "31/02", "31/6" of the campaign's year (rejected: invalid_date)."""
    for held, what in m.f.mistakes.invalid_dates:
        m.reject_in_a_sheet("invalid_date", {"held": held}, what, None)


def reject_negative_figure(m: ReportMistakes) -> None:
    """Mistake: a negative figure, e.g. -20 trees planted (rejected: negative_figure)."""
    case = m.f.mistakes.negative
    t_index = next(i for i, t in enumerate(m.f.templates) if case["indicator"] in t[2])
    book, sheet = m.take([case["unit"]])
    if book:
        m.add_reject(book, sheet, "negative_figure", {}, case["what"], t_index, dict(case["values"]),
                     held=max(m.f.programs[case["program"]][2], sheet.week - dt.timedelta(days=2)))


def reject_negative_figure_as_text(m: ReportMistakes) -> None:
    """Mistake: a negative figure typed as text, "-5" participants (rejected: negative_figure)."""
    m.reject_in_a_sheet("negative_figure", {m.f.participation: "-5"},
                        f"Số âm dạng chữ: {m.f.ind_header[m.f.participation]} = “-5”")


def reject_non_numeric_figure(m: ReportMistakes) -> None:
    """Mistake: a word instead of a figure, "nhiều" (many) participants (rejected: non_numeric_figure)."""
    m.reject_in_a_sheet("non_numeric_figure", {m.f.participation: "nhiều"}, "Số liệu không phải số: “nhiều”")


def non_numeric_figure_corrected_next_week(m: ReportMistakes) -> None:
    """Mistake: "nhiều" in a row that the next week's sheet sends again with the figure (the first
    row is rejected, the corrected one counted)."""
    for b in m.xlsx:
        for i, s in enumerate(b.sheets[:-1]):
            nxt = b.sheets[i + 1]
            if (b.path, s.name) in m.used or (b.path, nxt.name) in m.used or s.kind == "guide":
                continue
            acts = [r for r in s.rows if r.kind == "activity" and m.f.participation in r.activity.values
                    and not any(x.activity is r.activity for x in nxt.rows)]
            if not acts:
                continue
            r0 = acts[0]
            bad = RowSpec("reject", r0.activity, values=dict(r0.activity.values), cost=r0.activity.cost,
                          reason="non_numeric_figure", overrides={m.f.participation: "nhiều"})
            s.rows[s.rows.index(r0)] = bad
            nxt.rows.insert(0, RowSpec("activity", r0.activity, values=dict(r0.activity.values),
                                       cost=r0.activity.cost, tags=["resent", "fixes_rejected"]))
            m.used.update({(b.path, s.name), (b.path, nxt.name)})
            s.tags.append("has_reject")
            m.record("Số liệu “nhiều”, tuần sau gửi lại đúng (dòng sau được tính)", b.path, f"{s.name} → {nxt.name}",
                     "rejected, rồi counted", "non_numeric_figure")
            return


def blank_rows(m: ReportMistakes) -> None:
    """Mistake: a blank row in the middle of the table (once two in a row), 8 sheets (skipped: blank)."""
    for i in range(8):
        book, sheet = m.take(min_rows=3)
        if not book:
            break
        pos = m.rng.randint(1, len(sheet.rows) - 1)
        for _ in range(2 if i == 0 else 1):
            sheet.rows.insert(pos, RowSpec("blank"))
        m.record("Dòng trống giữa bảng" + (" (2 dòng liền)" if i == 0 else ""), book.path, sheet.name, "skipped",
                 "blank")


def totals_rows(m: ReportMistakes) -> None:
    """Mistake: a totals row under the table, 10 sheets, 3 of which state a sum that does not match the
    rows above (skipped: totals, totals_mismatch); `fill_mismatch_values` writes the wrong sums."""
    labels = ["Tổng cộng", "Cộng", "Tổng", "TỔNG CỘNG", "Tổng cộng:"]
    for i in range(10):
        book, sheet = m.take(min_rows=3)
        if not book:
            break
        mismatch = {}
        if i < 3:
            inds = sorted({k for r in sheet.rows if r.kind == "activity" for k in r.values})
            if inds:
                mismatch[m.f.participation if m.f.participation in inds else inds[0]] = {"stated": None}
        spec = RowSpec("totals", totals={"label": labels[i % len(labels)], "mismatch": mismatch,
                                         "formula": i % 2 == 1})
        sheet.rows.append(spec)
        m.record(f"Dòng tổng “{labels[i % len(labels)]}” " + ("KHÔNG khớp" if mismatch else "khớp"), book.path,
                 sheet.name, "skipped", "totals_mismatch" if mismatch else "totals")


def contact_details_in_notes(m: ReportMistakes) -> None:
    """Mistake: a (fake) phone number or e-mail address in a note, 4 sheets (counted; to be hidden)."""
    for _ in range(4):
        book, sheet = m.take(min_rows=1)
        if not book:
            break
        row = next(r for r in sheet.rows if r.kind == "activity")
        row.note = fake_contact(m.rng)
        row.tags.append("contact")
        m.record("Ghi chú có số điện thoại/email (giả)", book.path, sheet.name, "counted; phải che", "contact")


def activities_outside_program_window(m: ReportMistakes) -> None:
    """Mistake: an activity held inside the campaign but outside its program's window (counted, with a
    warning: outside_program_window)."""
    for program, day in m.f.mistakes.outside_window_moves:
        cands = [(b, s) for b, s in m.sheets_with_rows(1) if s.week and s.week >= day
                 and (b.path, s.name) not in m.used]
        if not cands:
            continue
        b, s = min(cands, key=lambda bs: (bs[1].week, bs[0].unit))
        t_index = next(i for i, t in enumerate(m.f.templates) if t[0] == program)
        a = make_template_activity(m.f, m.rng, m.units[b.unit], t_index)
        a.held = day
        a.key = activity_key(m.f, a.unit, a.held, a.commune, a.name)
        s.rows.append(RowSpec("activity", a, values=dict(a.values), cost=a.cost, tags=["outside_window"]))
        m.used.add((b.path, s.name))
        m.record(f"Hoạt động {program} ngày {day:%d/%m} (ngoài thời gian của chương trình)", b.path, s.name,
                 "counted; cảnh báo", "outside_program_window")


# mistake → the function adding it, in the order they are added (keep the order: random draws)
REPORT_MISTAKES = {
    "unknown_unit": reject_unknown_unit,
    "no_date": reject_missing_date,
    "date_outside_campaign": reject_date_outside_campaign,
    "invalid_date": reject_invalid_date,
    "negative_figure": reject_negative_figure,
    "negative_figure_as_text": reject_negative_figure_as_text,
    "non_numeric_figure": reject_non_numeric_figure,
    "non_numeric_figure_corrected": non_numeric_figure_corrected_next_week,
    "blank_rows": blank_rows,
    "totals_rows": totals_rows,
    "contact_details": contact_details_in_notes,
    "outside_program_window": activities_outside_program_window,
}


def inject_report_messiness(f: Facts, rng: random.Random, books: list[BookSpec], units: dict) -> list[dict]:
    """Add the deliberate mistakes of the contract (fixed counts) and return their log for the README."""
    mistakes = ReportMistakes(f, rng, books, units)
    for add_mistake in REPORT_MISTAKES.values():
        add_mistake(mistakes)
    return mistakes.log


# ---------------------------------------------------------------------------------------------
# Mistakes in the reports' structure: sheets and columns
# ---------------------------------------------------------------------------------------------

@dataclass
class StructureCases(MistakeLog):
    """What the structure cases share: the random stream, the report workbooks, the workbook given a
    guide sheet (kept out of the other cases), and the log."""
    f: Facts
    rng: random.Random
    books: list[BookSpec]
    units: dict                     # unit id → Unit
    log: list[dict] = field(default_factory=list)
    guide_book: BookSpec | None = None
    regular: list[BookSpec] = field(init=False)

    def __post_init__(self) -> None:
        # the .xlsx workbooks of units reporting every week, with at least 3 sheets
        self.regular = [b for b in self.books if b.fmt == "xlsx" and self.units[b.unit].profile == "regular"
                        and len(b.sheets) >= 3]

    def other_xlsx(self) -> list[BookSpec]:
        """Every .xlsx report workbook but the one with the guide sheet."""
        return [b for b in self.books if b.fmt == "xlsx" and b is not self.guide_book]

    def without_unknown_columns(self) -> list[BookSpec]:
        """`other_xlsx` without the workbooks given unknown columns (by `unknown_columns`)."""
        return [b for b in self.other_xlsx() if not b.sheets[0].style.get("person")]


def guide_sheet(m: StructureCases) -> None:
    """Mistake: a first sheet "Hướng dẫn" of instructions only, no table (sheet skipped: no_header)."""
    m.guide_book = pick(m.rng, m.regular, [m.f.mistakes.guide_preferred], key=lambda b: b.unit)
    if m.guide_book:
        guide = SheetSpec("Hướng dẫn", None, kind="guide", rows=list(m.f.mistakes.guide_lines))
        m.guide_book.sheets.insert(0, guide)
        m.record("Trang “Hướng dẫn” (chỉ có lời dặn, không có bảng)", m.guide_book.path, "Hướng dẫn",
                 "sheet skipped", "no_header")


def header_only_sheets(m: StructureCases) -> None:
    """Mistake: two reports of the cycle with only the header row, "không phát sinh hoạt động" (0 rows;
    the report still counts as sent: empty_sheet)."""
    empties = 0
    for b in sorted(m.regular, key=lambda b: b.unit):
        if empties == 2 or b is m.guide_book:
            continue
        weeks = {s.week for s in b.sheets}
        gaps = [sat for sat in m.f.deadlines[1:-1] if sat not in weeks and min(weeks) < sat < max(weeks)]
        if not gaps:
            continue
        sat = gaps[0]
        style = m.units[b.unit].style
        s = SheetSpec(sheet_name(m.f, style["sheet_names"], sat, m.rng), sat, sent_cell=sat, week=sat,
                      style=dict(style), tags=["empty", "no_inject"])
        if any(x.name == s.name for x in b.sheets):
            continue
        b.sheets.append(s)
        b.sheets.sort(key=lambda x: x.week or dt.date.min)
        empties += 1
        m.record(f"Báo cáo {m.f.cycle_word[0].lower()} không có hoạt động (chỉ có dòng tiêu đề cột)", b.path, s.name,
                 "0 rows; vẫn tính là đã gửi", "empty_sheet")


def newest_sheet_first(m: StructureCases) -> None:
    """Mistake: one workbook keeps its newest sheet first (merged by Ngày gửi all the same: sheet_order)."""
    rev = pick(m.rng, [b for b in m.regular if b is not m.guide_book and len(b.sheets) >= 4],
               [m.f.mistakes.newest_first_preferred], key=lambda b: b.unit)
    if rev:
        rev.sheets.reverse()
        rev.tags.append("newest_first")
        m.record("Các trang xếp ngược (mới nhất trước); bản gửi sau vẫn thắng", rev.path, "(cả tệp)",
                 "merged theo Ngày gửi", "sheet_order")


def unknown_columns(m: StructureCases) -> None:
    """Mistake: extra columns the contract does not know, "Người phụ trách" (and "Ghi chú thêm"), in 4
    workbooks (kept aside, not an error: unknown_column)."""
    cands = m.other_xlsx()
    for i, b in enumerate(m.rng.sample(cands, min(4, len(cands)))):
        for s in b.sheets:
            s.style["person"] = True
            s.style["note2"] = i % 2 == 0
        m.record("Cột lạ “Người phụ trách”" + (", “Ghi chú thêm”" if i % 2 == 0 else ""), b.path, "(mọi trang)",
                 "giữ riêng, không lỗi", "unknown_column")


def swapped_columns(m: StructureCases) -> None:
    """Mistake: two columns swapped, Quận/Huyện before Xã/Phường (on a map without districts,
    Xã/Phường before Ngày tổ chức): read by the headers (column_order)."""
    rest = m.without_unknown_columns()
    if rest:
        b = rest[0]
        for s in b.sheets:
            s.style["swap"] = ("commune", "district") if m.f.has_districts else ("held", "commune")
        what = "Cột Quận/Huyện đứng trước Xã/Phường" if m.f.has_districts else "Cột Xã/Phường đứng trước Ngày tổ chức"
        m.record(what, b.path, "(mọi trang)", "đọc theo tên cột", "column_order")


def missing_optional_columns(m: StructureCases) -> None:
    """Mistake: no Minh chứng and Kinh phí (đồng) columns (read as usual: missing_optional_column)."""
    rest = m.without_unknown_columns()
    if len(rest) > 1:
        b = rest[1]
        for s in b.sheets:
            s.style["drop"] = ["evidence", "cost"]
        m.record("Thiếu cột Minh chứng và Kinh phí (đồng)", b.path, "(mọi trang)", "đọc bình thường",
                 "missing_optional_column")


def communes_by_old_names(m: StructureCases) -> None:
    """Mistake: a unit still using last year's template writes a district column and the communes by
    their names before the 2025 reorganisation (counted, converted to the new commune and logged:
    old_commune_name). Its style is set by campaign.make_units; this records it (no random draw)."""
    for b in m.books:
        if m.units[b.unit].style.get("old_template"):
            m.record(OLD_NAMES_CASE, b.path, "(mọi trang)", OLD_NAMES_OUTCOME, "old_commune_name")


# structure case → the function adding it, in the order they are added (keep the order: random draws)
STRUCTURE_CASES = {
    "guide_sheet": guide_sheet,
    "empty_sheet": header_only_sheets,
    "sheet_order": newest_sheet_first,
    "unknown_column": unknown_columns,
    "column_order": swapped_columns,
    "missing_optional_column": missing_optional_columns,
    "old_commune_name": communes_by_old_names,
}


def add_structure_cases(f: Facts, rng: random.Random, books: list[BookSpec], units: dict) -> list[dict]:
    """Sheets without data (guide, empty), sheet order, extra/missing/swapped columns."""
    cases = StructureCases(f, rng, books, units)
    for add_case in STRUCTURE_CASES.values():
        add_case(cases)
    return cases.log


# ---------------------------------------------------------------------------------------------
# Mistakes in the registrations
# ---------------------------------------------------------------------------------------------

@dataclass
class RegistrationMistakes(MistakeLog):
    """What the registration mistakes share: the random stream (the one the registration workbooks
    were made from), the workbooks, the units, the sheets already used, and the log."""
    f: Facts
    rng: random.Random
    books: list[BookSpec]
    units: list[Unit]
    log: list[dict] = field(default_factory=list)
    used: set = field(default_factory=set)
    xlsx: list[BookSpec] = field(init=False)

    def __post_init__(self) -> None:
        self.xlsx = [b for b in self.books if b.fmt == "xlsx"]

    def take(self, min_rows: int = 2, preferred: list[str] | None = None):
        """A sheet of at least `min_rows` rows without a mistake yet (of a preferred unit if there is one)."""
        cands = [(b, s) for b in self.xlsx for s in b.sheets
                 if len(s.rows) >= min_rows and (b.path, s.name) not in self.used]
        if not cands:
            return None, None
        choice = pick(self.rng, cands, preferred, key=lambda bs: bs[0].unit)
        self.used.add((choice[0].path, choice[1].name))
        return choice


def late_registrations(m: RegistrationMistakes) -> None:
    """Mistake: registrations sent after the deadline (counted; noted as late: late_registration).

    Their moments (`Facts.late_registrations`) are given by sending.make_registration_books, which
    dates the sheets; this records them."""
    deadline = m.f.registration_deadline
    for book in m.books:
        if book.unit in m.f.late_registrations:
            sheet = book.sheets[0]
            m.record(f"Đăng ký gửi muộn ({iso_moment(sheet.sent)}, hạn {deadline.day}/{deadline.month})", book.path,
                     sheet.name,
                     "counted; ghi nhận muộn", "late_registration")


def figures_as_vietnamese_text(m: RegistrationMistakes) -> None:
    """Mistake: an ambitious planned row written with Vietnamese number text: "1.000" trees, "2,5 km" of
    new road, "150.000.000" đồng (counted as 1000, 2.5, 150000000: vn_number_text)."""
    case = m.f.mistakes.vn_number
    b = pick(m.rng, m.xlsx, [case["unit"]], key=lambda b: b.unit)
    if b:
        program = m.f.programs[case["program"]]
        a = Activity(b.unit, case["program"], case["name"], program[2], m.f.commune_index[case["commune"]],
                     dict(case["values"]), case["cost"], case["note"])
        a.key = activity_key(m.f, a.unit, a.held, a.commune, a.name)
        b.sheets[0].rows.append(RowSpec("activity", a, values=dict(a.values), cost=a.cost,
                                        overrides={"_to": program[3], **case["overrides"]}))
        m.record(case["what"], b.path, b.sheets[0].name, case["outcome"], "vn_number_text")


def sheet_added_later(m: RegistrationMistakes) -> None:
    """Mistake: a sheet "Đăng ký bổ sung" added to the workbook and sent after the deadline (counted;
    noted as late: late_registration)."""
    preferred, day = m.f.mistakes.late_sheet
    b = pick(m.rng, [b for b in m.xlsx if len(b.sheets[0].rows) >= 2], [preferred], key=lambda b: b.unit)
    if b:
        moved = b.sheets[0].rows.pop()
        extra = SheetSpec("Đăng ký bổ sung", day, sent_cell=day, rows=[moved],
                          style=dict(b.sheets[0].style), kind="registration")
        b.sheets.append(extra)
        m.record(f"Trang “Đăng ký bổ sung” gửi {day.day}/{day.month}", b.path, extra.name, "counted; ghi nhận muộn",
                 "late_registration")


def registration_unknown_unit(m: RegistrationMistakes) -> None:
    """Mistake: a planned row of a unit that is not in the registry, e.g. "Đoàn xã Trường Xuân"
    (rejected: unknown_unit)."""
    written, preferred = m.f.mistakes.registration_unknown_unit
    book, sheet = m.take(2, [preferred])
    if book:
        a = make_template_activity(m.f, m.rng, m.units[0], 0)
        a.key = ("?",)
        sheet.rows.insert(1, RowSpec("reject", a, values=dict(a.values), cost=a.cost, reason="unknown_unit",
                                     overrides={"unit": written}))
        m.record(f"Đơn vị không có trong danh sách: “{written}”", book.path, sheet.name, "rejected",
                 "unknown_unit")


def registration_invalid_date(m: RegistrationMistakes) -> None:
    """Mistake: a Từ ngày that does not exist, "31/06" of the campaign's year (rejected: invalid_date)."""
    written = m.f.mistakes.registration_invalid_date
    book, sheet = m.take(2)
    if book:
        a = make_template_activity(m.f, m.rng, next(u for u in m.units if u.id == book.unit), 0)
        a.key = ("?",)
        sheet.rows.insert(len(sheet.rows), RowSpec("reject", a, values=dict(a.values), cost=a.cost,
                                                   reason="invalid_date", overrides={"from": written}))
        m.record(f"Từ ngày không tồn tại “{written}”", book.path, sheet.name, "rejected", "invalid_date")


def registration_blank_rows(m: RegistrationMistakes) -> None:
    """Mistake: a blank row in the middle of the table, 2 sheets (skipped: blank)."""
    for _ in range(2):
        book, sheet = m.take(3)
        if book:
            sheet.rows.insert(m.rng.randint(1, len(sheet.rows) - 1), RowSpec("blank"))
            m.record("Dòng trống giữa bảng", book.path, sheet.name, "skipped", "blank")


def registration_totals_rows(m: RegistrationMistakes) -> None:
    """Mistake: a "Tổng cộng" row under the table, 2 sheets, the second one not matching the rows above
    (skipped: totals, totals_mismatch)."""
    for i in range(2):
        book, sheet = m.take(2)
        if book:
            mismatch = {"planned": {"stated": None}} if i == 1 else {}
            sheet.rows.append(RowSpec("totals", totals={"label": "Tổng cộng", "mismatch": mismatch}))
            m.record("Dòng “Tổng cộng” " + ("KHÔNG khớp" if mismatch else "khớp"), book.path, sheet.name, "skipped",
                     "totals_mismatch" if mismatch else "totals")


def registration_unknown_column(m: RegistrationMistakes) -> None:
    """Mistake: an extra column "Người phụ trách" (kept aside, not an error: unknown_column)."""
    b = pick(m.rng, m.xlsx, [m.f.mistakes.registration_unknown_column_preferred], key=lambda b: b.unit)
    if b:
        for s in b.sheets:
            s.style["person"] = True
        m.record("Cột lạ “Người phụ trách”", b.path, "(mọi trang)", "giữ riêng, không lỗi", "unknown_column")


def registration_communes_by_old_names(m: RegistrationMistakes) -> None:
    """Mistake: registrations of a unit using last year's template (see `communes_by_old_names`)."""
    styles = {u.id: u.style for u in m.units}
    for b in m.books:
        if styles[b.unit].get("old_template"):
            m.record(OLD_NAMES_CASE, b.path, "(mọi trang)", OLD_NAMES_OUTCOME, "old_commune_name")


# mistake → the function adding it, in the order they are added (keep the order: random draws)
REGISTRATION_MISTAKES = {
    "late_registration": late_registrations,
    "vn_number_text": figures_as_vietnamese_text,
    "sheet_added_later": sheet_added_later,
    "unknown_unit": registration_unknown_unit,
    "invalid_date": registration_invalid_date,
    "blank_rows": registration_blank_rows,
    "totals_rows": registration_totals_rows,
    "unknown_column": registration_unknown_column,
    "old_commune_name": registration_communes_by_old_names,
}


def inject_registration_messiness(f: Facts, rng: random.Random, books: list[BookSpec],
                                  units: list[Unit]) -> list[dict]:
    """Add the registrations' deliberate mistakes and return their log for the README.

    `rng` is the stream sending.make_registration_books drew from, continued."""
    mistakes = RegistrationMistakes(f, rng, books, units)
    for add_mistake in REGISTRATION_MISTAKES.values():
        add_mistake(mistakes)
    return mistakes.log


# ---------------------------------------------------------------------------------------------
# Totals rows that do not match
# ---------------------------------------------------------------------------------------------

def fill_mismatch_values(f: Facts, books: list[BookSpec]) -> None:
    """A mismatching totals row states a figure that differs from the rows above."""
    for b in books:
        for s in b.sheets:
            if s.kind == "guide":
                continue
            acts = []
            for r in s.rows:
                if r.kind == "activity":
                    acts.append(r)
                if r.kind == "totals":
                    for key, m in r.totals["mismatch"].items():
                        ind = f.participation if key == "planned" else key
                        total = sum(x.values.get(ind, 0) for x in acts)
                        m["stated"] = (round(total * 1.1 + 10, 1) if f.ind_decimals.get(ind)
                                       else int(total + 10 + total // 10))
