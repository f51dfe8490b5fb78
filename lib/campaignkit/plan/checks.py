"""Problems found in the plan itself (it becomes `plan_checks.csv`, and `check-plan` prints it).

Each finding quotes the plan's own words (the `statement` fields of the plan file), names the
plan keys (`where`), the section of the plan text (`section`) and the line of the plan file
(`line`), says what is wrong and why with the real calendar fact, and has a severity
(`findings.py`):

- **lỗi** (error): the plan contradicts the calendar or itself so that one of its statements must
  be false and a unit cannot follow both: a weekday that is not the date's weekday
  (`weekday_mismatch`), an "n-th <weekday> of the month" that is not true of its date under either
  reading (`nth_weekday_mismatch`), a deadline due after one it must precede (`deadline_order`),
  a reference to a deadline that does not exist (`deadline_unknown_reference`), a date of the file
  that is not the date of the sentence it quotes (`statement_date_mismatch`), a focus commune not
  in the plan's administrative map (`commune_not_in_map`, from intake/places.py).
- **cảnh báo** (warning): the plan can be followed but will not work as written and needs a
  decision: a program whose window does not fit the phase (chuỗi) that lists it
  (`program_outside_phase`), a report or award nomination due before the period it covers ends
  (`due_before_period_end`), a report that must carry something due only after it
  (`includes_later_deadline`), a deadline on a weekend or public holiday (`weekend_deadline`), a
  day loading the same units with several events (`day_overload`), a weekday the checker cannot
  read (`weekday_unreadable`), an "n-th week" true only when weeks are counted as calendar weeks
  (`nth_weekday_mismatch`), a target whose number is not in its own sentence
  (`target_not_in_statement`), a count that disagrees with the list beside it (`count_mismatch`),
  headings numbered twice (`section_numbering`), a focus commune named as before the 2025
  reorganisation (`commune_renamed`).
- **lưu ý** (note): wording that can be read two ways: one action listed under two targets of the
  same sentence (`target_repeated_action`), a target without "ít nhất"/"trên"
  (`target_minimum_unstated`), a program named two ways (`title_mismatch`), one item of the
  program section joining two programs (`program_numbering`); and the milder forms of the above
  (a weekend deadline the plan says on purpose, a day loading every unit with two events).

A program running past its phase is not reported when the phase statement itself says so: a
clause of the statement names the program and gives the date it runs to (or from).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ..text import fold, format_date, format_number, nfc, parse_number
from . import text_checks
from .calendar import WEEKDAY_NAMES, public_holidays, weekday_name
from .deadlines import cycle_deadlines, cycle_rhythm, due_at
from .findings import ERROR, NOTE, SEVERITIES, WARNING
from .findings import finding as _finding
from .locations import lines_of, section_of
from .schema import AwardLevel, DatedFact, Plan, Report

CHECK_COLUMNS = ["check", "severity", "where", "quote", "finding", "section", "line"]
CHECKS = [
    "weekday_mismatch", "weekday_unreadable", "nth_weekday_mismatch", "statement_date_mismatch",
    "commune_not_in_map", "program_outside_phase", "due_before_period_end", "deadline_order",
    "deadline_unknown_reference", "includes_later_deadline", "weekend_deadline", "day_overload",
    "count_mismatch", "section_numbering", "commune_renamed", "target_repeated_action",
    "target_not_in_statement", "target_minimum_unstated", "title_mismatch", "program_numbering",
]

_WEEKDAY_WORDS = {
    "thu hai": 0, "thu 2": 0, "thu ba": 1, "thu 3": 1, "thu tu": 2, "thu 4": 2, "thu nam": 3, "thu 5": 3,
    "thu sau": 4, "thu 6": 4, "thu bay": 5, "thu 7": 5, "chu nhat": 6, "cn": 6,
}
_DATE_IN_TEXT = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_NUMBER_IN_TEXT = re.compile(r"\d+(?:[.,]\d+)*")
_QUALIFIER_END = re.compile(r"\s*\b(ít nhất|tối thiểu|trên|cho)\s*$", re.IGNORECASE)
_MINIMUM_WORDS = ("it nhat", "toi thieu", "tren")


def parse_weekday(text: str | None) -> int | None:
    """0 for 'thứ hai' … 5 for 'thứ bảy' / 'thứ 7', 6 for 'chủ nhật'; None if unreadable."""
    return _WEEKDAY_WORDS.get(fold(text))


def _due_text(fact: DatedFact) -> str:
    return f"{fact.time:%H:%M} ngày {format_date(fact.date)}" if fact.time else f"ngày {format_date(fact.date)}"


def dated_facts(plan: Plan) -> list[tuple[str, DatedFact]]:
    """Every date of the plan with its plan key."""
    facts = [(f"key_days.{day.id}.dates.{i}", fact) for day in plan.key_days for i, fact in enumerate(day.dates)]
    facts += [(f"reporting.reports.{r.id}.due", r.due) for r in plan.reporting.reports]
    facts += [(f"awards.{a.id}.due", a.due) for a in plan.awards]
    for program in plan.programs:
        facts += [(f"programs.{program.id}.assignments.{i}.date", a.date)
                  for i, a in enumerate(program.assignments) if a.date]
    facts += [(f"other_assignments.{i}.date", a.date) for i, a in enumerate(plan.other_assignments) if a.date]
    return facts


# --- (a) weekdays --------------------------------------------------------------------------

def _nearest(day: dt.date, weekday: int) -> tuple[dt.date, dt.date]:
    before = day - dt.timedelta(days=(day.weekday() - weekday) % 7 or 7)
    after = day + dt.timedelta(days=(weekday - day.weekday()) % 7 or 7)
    return before, after


def _weekday_finding(where: str, fact: DatedFact) -> dict | None:
    stated = parse_weekday(fact.stated_weekday)
    if stated is None:
        return _finding("weekday_unreadable", WARNING, where, fact.statement,
                        f"Không đọc được thứ “{fact.stated_weekday}” ghi cạnh ngày {format_date(fact.date)}: "
                        f"cần viết thứ hai … thứ bảy (thứ 7) hoặc chủ nhật để so với lịch.")
    actual = fact.date.weekday()
    if stated == actual:
        return None
    before, after = _nearest(fact.date, stated)
    text = (f"{format_date(fact.date)} là {weekday_name(fact.date)}, không phải {WEEKDAY_NAMES[stated]}: thứ và ngày "
            f"kế hoạch ghi chỉ hai ngày khác nhau nên đơn vị không biết theo ngày nào ({WEEKDAY_NAMES[stated]} gần "
            f"nhất là {format_date(before)} hoặc {format_date(after)})")
    if actual >= 5:
        text += f"; {format_date(fact.date)} lại là ngày nghỉ cuối tuần"
    if f" {fold(weekday_name(fact.date))} " in f" {fold(fact.statement)} ":
        text += f"; chính câu này cũng ghi “{weekday_name(fact.date)}”, tự mâu thuẫn"
    return _finding("weekday_mismatch", ERROR, where, fact.statement, text + ".")


def check_weekdays(plan: Plan) -> list[dict]:
    """(a) a date whose stated weekday is not its weekday in the calendar."""
    findings = [_weekday_finding(where, fact) for where, fact in dated_facts(plan) if fact.stated_weekday]
    return [f for f in findings if f]


# --- (b) n-th weekday of the month ---------------------------------------------------------

def nth_in_month(day: dt.date) -> int:
    """Which occurrence of its weekday in its month the date is (15/6/2024: the 3rd Saturday)."""
    return (day.day - 1) // 7 + 1


def calendar_week_in_month(day: dt.date) -> int:
    """The week of the month the date falls in, weeks starting on Monday (week 1 holds the 1st)."""
    return (day.day - 1 + day.replace(day=1).weekday()) // 7 + 1


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date | None:
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def _nth_finding(where: str, fact: DatedFact) -> dict | None:
    day, stated = fact.date, fact.stated_nth
    occurrence, week = nth_in_month(day), calendar_week_in_month(day)
    if occurrence == stated:
        return None
    name, month = weekday_name(day), f"{day.month}/{day.year}"
    text = f"{format_date(day)} là {name} thứ {occurrence} của tháng {month}, không phải {name} thứ {stated}"
    expected = nth_weekday(day.year, day.month, day.weekday(), stated)
    if expected:
        text += f" ({name} thứ {stated} của tháng {month} là {format_date(expected)})"
    if week == stated:
        text += (f"; chỉ đúng nếu “tuần thứ {stated}” đếm theo tuần lịch (tuần 1 chứa ngày 01/{month}): "
                 f"cần ghi rõ cách đếm")
        return _finding("nth_weekday_mismatch", WARNING, where, fact.statement, text + ".")
    text += (f"; đếm theo tuần lịch (bắt đầu từ thứ hai) thì ngày này cũng thuộc tuần thứ {week}: "
             f"ngày và cách gọi “thứ {stated}” mâu thuẫn, đơn vị không biết ra quân ngày nào")
    return _finding("nth_weekday_mismatch", ERROR, where, fact.statement, text + ".")


def check_nth_weekdays(plan: Plan) -> list[dict]:
    """(b) an "n-th <weekday> of the month" not true of its date."""
    findings = [_nth_finding(where, fact) for where, fact in dated_facts(plan) if fact.stated_nth]
    return [f for f in findings if f]


# --- (c) programs and phases ---------------------------------------------------------------

def _dates_in(text: str) -> set[dt.date]:
    found = set()
    for day, month, year in _DATE_IN_TEXT.findall(text):
        try:
            found.add(dt.date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return found


def _names(program) -> list[str]:
    return [fold(n) for n in (program.name, *program.short_names) if fold(n)]


def _acknowledged(phase, program, dates: set[dt.date]) -> bool:
    """The phase statement has a clause naming the program and every date it overruns to."""
    for clause in re.split(r"[+;\n]", phase.statement):
        folded = f" {fold(clause)} "
        names_it = any(f" {name} " in folded for name in _names(program)) or f" {fold(program.id)} " in folded
        if names_it and dates <= _dates_in(clause):
            return True
    return False


def _overrun_text(phase, program) -> str:
    parts = []
    if program.start < phase.start:
        parts.append(f"bắt đầu sớm hơn chuỗi {(phase.start - program.start).days} ngày")
    if program.end > phase.end:
        parts.append(f"kết thúc muộn hơn chuỗi {(program.end - phase.end).days} ngày")
    return " và ".join(parts)


def _phase_finding(plan: Plan, phase, program) -> dict | None:
    overrun = {d for d, out in ((program.start, program.start < phase.start), (program.end, program.end > phase.end))
               if out}
    if not overrun or _acknowledged(phase, program, overrun):
        return None
    others = [p.name for p in plan.phases if p.id != phase.id and p.start <= program.end and program.start <= p.end]
    spill = f"; phần vượt ra rơi vào {', '.join(others)}" if others else ""
    text = (f"Chương trình {program.id} ({format_date(program.start)}–{format_date(program.end)}) được xếp vào "
            f"{phase.name} ({format_date(phase.start)}–{format_date(phase.end)}) nhưng {_overrun_text(phase, program)}"
            f"{spill}: hoạt động của chương trình ngoài thời gian chuỗi không rõ được tính cho chuỗi nào.")
    return _finding("program_outside_phase", WARNING, f"phases.{phase.id}.programs, programs.{program.id}",
                    f"{phase.statement} … {program.window_statement}", text)


def check_program_phases(plan: Plan) -> list[dict]:
    """(c) a program whose window does not fit the phase (chuỗi) that lists it."""
    findings = [_phase_finding(plan, phase, plan.program(pid)) for phase in plan.phases for pid in phase.programs]
    return [f for f in findings if f]


# --- (d) deadlines -------------------------------------------------------------------------

def _deadline_name(item: Report | AwardLevel) -> str:
    return f"Đề nghị khen thưởng cấp {item.level}" if isinstance(item, AwardLevel) else item.name


def _deadline_key(item: Report | AwardLevel) -> str:
    return f"awards.{item.id}" if isinstance(item, AwardLevel) else f"reporting.reports.{item.id}"


def _quote(item: Report | AwardLevel) -> str:
    return item.statement if isinstance(item, AwardLevel) else item.due.statement


def _covers_finding(item: Report | AwardLevel) -> dict | None:
    if item.covers_until is None or item.due.date >= item.covers_until:
        return None
    first_missing = item.due.date + dt.timedelta(days=1)
    days = (item.covers_until - item.due.date).days
    text = (f"{_deadline_name(item)} hạn {_due_text(item.due)} nhưng phải tính đến hết "
            f"{format_date(item.covers_until)}: {days} ngày cuối ({format_date(first_missing)}–"
            f"{format_date(item.covers_until)}) chưa diễn ra khi nộp, nên kết quả của những ngày này không thể có "
            f"trong hồ sơ; cần dời hạn hoặc quy định nộp bổ sung.")
    return _finding("due_before_period_end", WARNING, f"{_deadline_key(item)}.due", _quote(item), text)


def _order_finding(item: AwardLevel, target_id: str, deadlines: dict) -> dict | None:
    where = f"awards.{item.id}.must_precede"
    target = deadlines.get(target_id)
    if target is None:
        return _finding("deadline_unknown_reference", ERROR, where, item.statement,
                        f"“{target_id}” không phải mã của hạn nộp nào trong kế hoạch (có: {', '.join(deadlines)}).")
    if due_at(item.due) < due_at(target.due):
        return None
    late = (item.due.date - target.due.date).days
    gap = f"muộn hơn {late} ngày" if late else "cùng ngày"
    text = (f"{_deadline_name(item)} (hạn {_due_text(item.due)}) phải xong trước “{_deadline_name(target)}” "
            f"(hạn {_due_text(target.due)}) vì hồ sơ phải xét xong ở bước này rồi mới gửi tiếp, nhưng hạn lại "
            f"{gap}: không thể theo đúng cả hai hạn.")
    return _finding("deadline_order", ERROR, where, f"{item.statement} … {_quote(target)}", text)


def check_deadlines(plan: Plan) -> list[dict]:
    """(d) a report or nomination due before the period it covers ends; a deadline due after one
    it must precede."""
    items = [*plan.reporting.reports, *plan.awards]
    findings = [_covers_finding(item) for item in items]
    deadlines = {item.id: item for item in items}
    findings += [_order_finding(award, target, deadlines) for award in plan.awards for target in award.must_precede]
    return [f for f in findings if f]


# --- (e) targets ---------------------------------------------------------------------------

def numbers_in(statement: str) -> list[tuple[float, re.Match]]:
    """The numbers of a sentence, read the Vietnamese way ('1.000' is one thousand, '05' is five)."""
    found = []
    for match in _NUMBER_IN_TEXT.finditer(statement):
        value, problem = parse_number(match.group())
        if value is not None and not problem:
            found.append((value, match))
    return found


def _action_items(segment: str) -> dict[str, str]:
    """Folded → written action phrases of one clause: 'Sửa chữa, làm mới ít nhất' → sửa chữa, làm mới."""
    items = {}
    for part in re.split(r"[,;]|\svà\s", segment):
        written = part.strip()
        while _QUALIFIER_END.search(written):
            written = _QUALIFIER_END.sub("", written).strip()
        if fold(written):
            items[fold(written)] = written
    return items


def target_clauses(statement: str) -> list[dict[str, str]]:
    """The action phrases before each number of a sentence. A later clause starts after the first
    ';' (else the first ',') following the previous number, which closes that number's object."""
    clauses, previous_end = [], 0
    for index, (_, match) in enumerate(numbers_in(statement)):
        segment = statement[previous_end:match.start()]
        if index:
            cut = segment.find(";") if ";" in segment else segment.find(",")
            segment = segment[cut + 1:] if cut >= 0 else ""
        clauses.append(_action_items(segment))
        previous_end = match.end()
    return clauses


def _indicator_text(indicator) -> str:
    return f"{indicator.id} ({indicator.name}, {format_number(indicator.target)} {indicator.unit})"


def _repeated_action_finding(group: list) -> dict | None:
    statement = group[0].statement
    clauses = target_clauses(statement)
    if len(clauses) != len(group):
        return None
    shared = {}
    for i, first in enumerate(clauses):
        for second in clauses[i + 1:]:
            shared.update({key: first[key] for key in first.keys() & second.keys()})
    if not shared:
        return None
    words = ", ".join(f"“{w}”" for w in sorted(shared.values()))
    text = (f"Một câu đặt {len(group)} chỉ tiêu: {', '.join(_indicator_text(i) for i in group)}, nhưng việc {words} "
            f"được kể ở nhiều vế: không rõ cùng một phần việc có được tính vào cả hai chỉ tiêu hay không, "
            f"nên kết quả có thể bị đếm hai lần; cần thống nhất cách ghi cho các đơn vị.")
    return _finding("target_repeated_action", NOTE, ", ".join(f"indicators.{i.id}.statement" for i in group),
                    statement, text)


def _statement_groups(plan: Plan) -> list[list]:
    groups: dict[str, list] = {}
    for indicator in plan.indicators:
        groups.setdefault(" ".join(nfc(indicator.statement).split()), []).append(indicator)
    return [g for g in groups.values() if len(g) > 1]


def _number_finding(indicator) -> dict | None:
    values = [value for value, _ in numbers_in(indicator.statement)]
    if any(abs(value - indicator.target) < 1e-9 for value in values):
        return None
    seen = ", ".join(format_number(v) for v in values) or "không có số nào"
    text = (f"Chỉ tiêu {indicator.id} trong tệp kế hoạch là {format_number(indicator.target)} {indicator.unit} "
            f"nhưng câu của kế hoạch không có số này (số trong câu: {seen}): một trong hai bị chép sai.")
    return _finding("target_not_in_statement", WARNING, f"indicators.{indicator.id}.target", indicator.statement, text)


def _minimum_finding(indicator) -> dict | None:
    if indicator.minimum:
        return None
    text = (f"Câu chỉ tiêu {indicator.id} không ghi “ít nhất” hay “trên”: không rõ {format_number(indicator.target)} "
            f"{indicator.unit} là mức tối thiểu hay con số cần đạt đúng; bộ công cụ coi là mức cần đạt "
            f"(vượt vẫn tính là đạt).")
    return _finding("target_minimum_unstated", NOTE, f"indicators.{indicator.id}.minimum", indicator.statement, text)


def check_targets(plan: Plan) -> list[dict]:
    """(e) targets stated ambiguously: one action under two targets of one sentence, a target
    number absent from its sentence, a target not said to be a minimum."""
    findings = [_repeated_action_finding(group) for group in _statement_groups(plan)]
    findings += [_number_finding(i) for i in plan.indicators]
    findings += [_minimum_finding(i) for i in plan.indicators]
    return [f for f in findings if f]


# --- (f) deadlines on days off, reports carrying what is due later -------------------------

def _day_off(day: dt.date, holidays: dict[dt.date, str]) -> str | None:
    """'chủ nhật', 'thứ bảy' or the public holiday's name when nobody is at the office."""
    if day in holidays:
        return f"ngày nghỉ lễ ({holidays[day]})"
    return weekday_name(day) if day.weekday() >= 5 else None


def _names_the_day(statement: str, day: dt.date) -> bool:
    """The sentence itself says the deadline's weekday (so the weekend was chosen on purpose)."""
    folded = f" {fold(statement)} "
    return any(f" {word} " in folded for word, number in _WEEKDAY_WORDS.items() if number == day.weekday())


def _weekend_finding(where: str, name: str, fact: DatedFact, holidays: dict) -> dict | None:
    off = _day_off(fact.date, holidays)
    if not off or not text_checks.states_day(fact):
        return None
    chosen = _names_the_day(fact.statement, fact.date)
    before = fact.date - dt.timedelta(days=1)
    while _day_off(before, holidays):
        before -= dt.timedelta(days=1)
    text = (f"{name} hạn {_due_text(fact)}, là {off}: văn phòng không làm việc, đơn vị gửi bản giấy hay cần ký, "
            f"đóng dấu sẽ không nộp được đúng ngày; ngày làm việc gần nhất trước đó là {weekday_name(before)} "
            f"{format_date(before)}.")
    if chosen:
        text += " Câu kế hoạch tự ghi thứ này nên có lẽ đã chọn: cần nói rõ nộp qua email hay nộp bản giấy."
    return _finding("weekend_deadline", NOTE if chosen else WARNING, where, fact.statement, text)


def _cycle_weekend_finding(plan: Plan, holidays: dict) -> dict | None:
    cycle = plan.reporting.cycle
    off = [d for d in cycle_deadlines(plan) if _day_off(d.day, holidays)]
    if not off:
        return None
    chosen = cycle.every == "week" and _names_the_day(cycle.statement, off[0].day)
    days = ", ".join(f"{format_date(d.day)} ({_day_off(d.day, holidays)})" for d in off[:6])
    more = f" và {len(off) - 6} hạn khác" if len(off) > 6 else ""
    text = (f"Báo cáo định kỳ hạn {cycle_rhythm(plan)}: {len(off)} trên {len(cycle_deadlines(plan))} hạn rơi vào "
            f"ngày nghỉ ({days}{more}), khi văn phòng không làm việc để nhận và tổng hợp.")
    if chosen:
        text += " Câu kế hoạch tự ghi thứ này nên có lẽ đã chọn: cần nói rõ nộp qua email."
    return _finding("weekend_deadline", NOTE if chosen else WARNING, "reporting.cycle", cycle.statement, text)


def check_days_off(plan: Plan) -> list[dict]:
    """(f) a report or nomination due on a weekend or a public holiday."""
    last = max([plan.campaign.end, plan.reporting.cycle.last, *(d for _, f in dated_facts(plan) for d in [f.date])])
    holidays = dict(public_holidays(plan.campaign.start - dt.timedelta(days=60), last))
    found = [_weekend_finding(f"{_deadline_key(item)}.due", _deadline_name(item), item.due, holidays)
             for item in [*plan.reporting.reports, *plan.awards]]
    found.append(_cycle_weekend_finding(plan, holidays))
    return [f for f in found if f]


def _includes_finding(report: Report, deadlines: dict) -> dict | None:
    later = [deadlines[i] for i in report.includes if i in deadlines and due_at(deadlines[i].due) > due_at(report.due)]
    if not later:
        return None
    listed = "; ".join(f"{_deadline_name(d)} (hạn {_due_text(d.due)})" for d in later)
    text = (f"{report.name} hạn {_due_text(report.due)} phải kèm {listed}, nhưng những hạn này đến sau: khi nộp báo "
            f"cáo, đơn vị chưa phải có (và thường chưa có) nội dung đó. Cần dời hạn báo cáo, hoặc ghi rõ phần nào "
            f"nộp bổ sung sau.")
    quotes = " … ".join([report.due.statement, *(_quote(d) for d in later)])
    return _finding("includes_later_deadline", WARNING, f"reporting.reports.{report.id}.includes", quotes, text)


def check_included(plan: Plan) -> list[dict]:
    """(f) a report that must include something due only after it."""
    deadlines = {item.id: item for item in [*plan.reporting.reports, *plan.awards]}
    return [f for f in (_includes_finding(r, deadlines) for r in plan.reporting.reports) if f]


# --- (g) days loading the same units with several events -------------------------------------

EVERY_UNIT = "mọi đơn vị"
CALLED_KEY_DAYS = ("launch", "peak_day", "green_sunday", "volunteer_saturday")


def _parties(assignment) -> set[str]:
    """Who a task loads: unit ids, 'Khối <sector>', or every unit."""
    if assignment.all_units or assignment.other_units:
        return {EVERY_UNIT}
    return {*assignment.units, *([f"Khối {assignment.sector}"] if assignment.sector else [])}


def _events(plan: Plan) -> list[dict]:
    """Every dated event of the plan with the units it loads: the dated tasks (on their own date or
    their key day's), the key days nobody is assigned to (every unit is called), the deadlines."""
    events, covered = [], set()
    for where, assignment in plan.all_assignments():
        if assignment.person and not (assignment.units or assignment.sector):
            continue
        facts = [assignment.date] if assignment.date else []
        if assignment.key_day:
            covered.add(assignment.key_day)
            facts = facts or plan.key_day(assignment.key_day).dates
        program = where.split(".")[1] if where.startswith("programs.") else None
        for fact in facts:
            if text_checks.states_day(fact):
                covered.update(d.id for d in plan.key_days if d.program == program and program
                               and any(x.date == fact.date for x in d.dates))
            events.append({"day": fact.date, "what": assignment.task, "parties": _parties(assignment),
                           "where": where, "quote": assignment.statement, "dated": fact})
    for day in plan.key_days:
        if day.id in covered or day.kind not in CALLED_KEY_DAYS:
            continue
        for i, fact in enumerate(day.dates):
            events.append({"day": fact.date, "what": day.name, "parties": {EVERY_UNIT},
                           "where": f"key_days.{day.id}.dates.{i}", "quote": fact.statement, "dated": fact})
    for item in [*plan.reporting.reports, *plan.awards]:
        events.append({"day": item.due.date, "what": f"hạn {_deadline_name(item)}", "parties": {EVERY_UNIT},
                       "where": f"{_deadline_key(item)}.due", "quote": item.due.statement, "dated": item.due})
    cycle = plan.reporting.cycle
    for deadline in cycle_deadlines(plan):
        events.append({"day": deadline.day, "what": f"hạn báo cáo {deadline.name}", "parties": {EVERY_UNIT},
                       "where": "reporting.cycle", "quote": cycle.statement, "dated": None})
    return [e for e in events if e["dated"] is None or text_checks.states_day(e["dated"])]


def _loaded(events: list[dict], sectors: dict[str, str]) -> dict[str, list[dict]]:
    """Each named unit (or sector) → the events of the day that load it (every-unit events too),
    for those loaded more than once."""
    every = [e for e in events if EVERY_UNIT in e["parties"]]
    named = {p for e in events for p in e["parties"] if p != EVERY_UNIT}
    loads = {}
    for party in sorted(named):
        mine = [e for e in events if party in e["parties"]
                or (sectors.get(party) and f"Khối {sectors[party]}" in e["parties"])]
        mine += [e for e in every if e not in mine]
        if len(mine) > 1:
            loads[party] = mine
    return loads


def _heavy(events: list[dict]) -> int:
    """Events other than the routine report of the cycle (sent by e-mail, planned ahead)."""
    return sum(e["where"] != "reporting.cycle" for e in events)


def _overload_finding(day: dt.date, events: list[dict], sectors: dict[str, str]) -> dict | None:
    loads = _loaded(events, sectors)
    every = [e for e in events if EVERY_UNIT in e["parties"]]
    if not loads and len(every) < 2:
        return None
    severity = WARNING if any(_heavy(mine) > 1 for mine in loads.values()) else NOTE
    listed = "; ".join(f"{e['what']} ({', '.join(sorted(e['parties']))})" for e in events)
    text = f"Ngày {format_date(day)} ({weekday_name(day)}) có {len(events)} việc: {listed}."
    if loads:
        groups: dict[tuple, list[str]] = {}
        for party, mine in loads.items():
            groups.setdefault(tuple(e["what"] for e in mine), []).append(party)
        text += " Cùng một đơn vị phải lo nhiều việc trong ngày: " + "; ".join(
            f"{', '.join(parties)}: {len(whats)} việc" for whats, parties in groups.items()) + "."
        if any(p.startswith("Khối ") for p in loads) and not sectors:
            text += " (Đơn vị nào thuộc khối nào: xem danh sách đơn vị; chạy kèm --data để tính đủ.)"
        text += " Cần giãn lịch hoặc phân công người khác cho từng việc."
    else:
        text += " Mọi đơn vị đều phải lo cả các việc này cùng ngày: nên giãn lịch hoặc gộp làm một."
    ordered = sorted(events, key=lambda e: EVERY_UNIT in e["parties"])
    where = ", ".join(dict.fromkeys(e["where"] for e in events))
    quote = " … ".join(dict.fromkeys(e["quote"] for e in ordered[:3]))
    return _finding("day_overload", severity, where, quote, text)


def check_day_loads(plan: Plan, sectors: dict[str, str] | None = None) -> list[dict]:
    """(g) a day loading the same units with several events. `sectors` (unit id → sector, from the
    unit registry) tells which named units a sector's task loads too."""
    by_day: dict[dt.date, list[dict]] = {}
    for event in _events(plan):
        by_day.setdefault(event["day"], []).append(event)
    found = [_overload_finding(day, events, sectors or {}) for day, events in sorted(by_day.items())
             if len(events) > 1]
    return [f for f in found if f]


# --- all checks ----------------------------------------------------------------------------

def check_plan(plan: Plan, extra: list[dict] | tuple = (), sectors: dict[str, str] | None = None) -> pd.DataFrame:
    """Every problem found in the plan, errors first; an empty table (same columns) if none.

    `extra`: findings of checks that need more than the plan (the communes against the
    administrative map, intake/places.py); `sectors`: unit id → sector from the unit registry,
    when known. Each finding gets the section of the plan text and the line of the plan file
    its keys are at."""
    findings = [*check_weekdays(plan), *check_nth_weekdays(plan), *check_program_phases(plan),
                *check_deadlines(plan), *check_targets(plan), *check_days_off(plan), *check_included(plan),
                *check_day_loads(plan, sectors),
                *text_checks.check_statement_dates(plan, dated_facts(plan)), *text_checks.check_counts(plan),
                *text_checks.check_numbering(plan), *text_checks.check_titles(plan), *extra]
    for found in findings:
        found["section"] = section_of(plan, found["where"])
        found["line"] = lines_of(plan, found["where"])
    table = pd.DataFrame(findings, columns=CHECK_COLUMNS)
    if table.empty:
        return table
    order = table["severity"].map(SEVERITIES.index) * len(CHECKS) + table["check"].map(CHECKS.index)
    return table.assign(_order=order).sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)
