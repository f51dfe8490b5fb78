"""Checks of the plan text against itself and of the plan file against the text it copies.

What a careful secretary reads for before the plan goes out, and what a planner copying last
year's file onto this year's plan forgets:

- `statement_date_mismatch` (lỗi): the file's date is not the date of the sentence it quotes
  (a date changed in the file but not in its `statement`, or the other way round);
- `count_mismatch` (cảnh báo): a number of items the text states ("bao gồm chuỗi 04 hoạt động",
  "tại 04 xã", "Chia làm 03 chuỗi", "(02 bản)", "01 tập thể, 02 cá nhân") that is not the number
  of items listed beside it, or not the file's figure;
- `section_numbering` (cảnh báo): headings numbered twice or skipped (two sections "IV");
- `program_numbering` (lưu ý): the phases list more programs than the program section numbers
  (one item joining two programs), so that a unit writing the item's number names two programs;
- `title_mismatch` (lưu ý): a program named differently where the phases list it and where its
  own section describes it (abbreviations such as "TP" and "TPCT" expanded, case ignored).

Every finding quotes the plan's words and names the plan-file keys; `checks.check_plan` adds
where they are in the text and in the file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from ..text import fold, format_date, format_number
from .findings import ERROR, NOTE, WARNING, finding
from .schema import DatedFact, Plan

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?!\d)(?:\s*/\s*(\d{4}))?")
_WORDED = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_KIND_WORDS = re.compile(r"^(chuong trinh|chuoi hoat dong)\s+")


# --- dates written in a sentence -----------------------------------------------------------

def stated_dates(text: str) -> list[tuple[int, int, int | None]]:
    """The (day, month, year or None) of every date a sentence writes: '15/6', '01/6/2024',
    'ngày 11 tháng 4 năm 2024'. A date list '15/6; 13/7 và 10/8/2024' gives its year to all."""
    found = [(int(d), int(m), int(y) if y else None) for d, m, y in _DAY_MONTH.findall(text or "")]
    found += [(int(d), int(m), int(y)) for d, m, y in _WORDED.findall(fold(text))]
    found = [(d, m, y) for d, m, y in found if 1 <= m <= 12 and 1 <= d <= 31]
    years = {y for _, _, y in found if y}
    shared = years.pop() if len(years) == 1 else None
    return [(d, m, y or shared) for d, m, y in found]


def states_day(fact: DatedFact) -> bool:
    """Whether the sentence gives the day of the date (not only its month: 'dự kiến tháng 8/2024')."""
    return any((d, m) == (fact.date.day, fact.date.month) for d, m, _ in stated_dates(fact.statement))


def _same(day: dt.date, stated: tuple[int, int, int | None]) -> bool:
    d, m, y = stated
    return (d, m) == (day.day, day.month) and (y is None or y == day.year)


def _written(stated: tuple[int, int, int | None]) -> str:
    d, m, y = stated
    return f"{d:02d}/{m:02d}/{y}" if y else f"{d:02d}/{m:02d}"


def _window_finding(where: str, statement: str | None, start: dt.date, end: dt.date) -> dict | None:
    if not statement:
        return None
    dates = [s for s in stated_dates(statement) if s[2]]
    if not dates:
        return None  # "Dự kiến tháng 6,7 và 8/2024": no day to compare
    missing = [day for day in (start, end) if not any(_same(day, s) for s in dates)]
    if not missing:
        return None
    written = ", ".join(_written(s) for s in dates)
    text = (f"Tệp kế hoạch ghi {format_date(start)}–{format_date(end)} nhưng câu trích từ kế hoạch ghi {written}: "
            f"không thấy {', '.join(format_date(d) for d in missing)} trong câu; sửa ngày trong tệp hoặc chép lại "
            f"câu của kế hoạch cho khớp.")
    return finding("statement_date_mismatch", ERROR, where, statement, text)


def _fact_finding(where: str, fact: DatedFact) -> dict | None:
    dates = stated_dates(fact.statement)
    if not dates or any(_same(fact.date, s) for s in dates):
        return None
    text = (f"Tệp kế hoạch ghi ngày {format_date(fact.date)} nhưng câu trích từ kế hoạch ghi "
            f"{', '.join(_written(s) for s in dates)}: một trong hai chưa được sửa (chép kế hoạch năm trước sang?).")
    return finding("statement_date_mismatch", ERROR, where, fact.statement, text)


def check_statement_dates(plan: Plan, dated_facts: list[tuple[str, DatedFact]]) -> list[dict]:
    c = plan.campaign
    found = [_window_finding("campaign.window_statement", c.window_statement, c.start, c.end)]
    found += [_window_finding(f"phases.{p.id}.statement", p.statement, p.start, p.end) for p in plan.phases]
    found += [_window_finding(f"programs.{p.id}.window_statement", p.window_statement, p.start, p.end)
              for p in plan.programs]
    found += [_fact_finding(where, fact) for where, fact in dated_facts]
    for i, source in enumerate(c.sources):
        found.append(_fact_finding(f"campaign.sources.{i}.date", DatedFact(date=source.date,
                                                                           statement=source.statement)))
    return [f for f in found if f]


# --- counts stated beside lists ------------------------------------------------------------

def stated_count(text: str | None, nouns: str) -> int | None:
    """The number written before one of `nouns` (folded, '|'-separated) in a sentence:
    'bao gồm chuỗi 04 hoạt động' → 4 for 'hoat dong'."""
    match = re.search(rf"\b(\d{{1,3}})\s+(?:chuoi\s+)?(?:{nouns})\b", fold(text))
    return int(match.group(1)) if match else None


def _count_finding(where: str, statement: str | None, nouns: str, listed: list[str], what: str) -> dict | None:
    stated = stated_count(statement, nouns)
    if stated is None or stated == len(listed):
        return None
    names = "; ".join(f"“{n}”" for n in listed)
    text = (f"Câu kế hoạch nói {format_number(stated)} {what} nhưng danh sách kèm theo có {len(listed)}: {names}. "
            f"Sửa số trong câu hoặc bổ sung danh sách cho khớp.")
    return finding("count_mismatch", WARNING, where, statement, text)


def _figure_finding(where: str, statement: str, nouns: str, figure: int | None, what: str) -> dict | None:
    stated = stated_count(statement, nouns)
    if stated is None or figure is None or stated == figure:
        return None
    text = (f"Câu kế hoạch ghi {format_number(stated)} {what} nhưng tệp kế hoạch ghi {format_number(figure)}: "
            f"một trong hai chép sai.")
    return finding("count_mismatch", WARNING, where, statement, text)


def check_counts(plan: Plan) -> list[dict]:
    c = plan.campaign
    found = [_count_finding("campaign.window_statement, phases", c.window_statement, "chuoi",
                            [p.name for p in plan.phases], "chuỗi hoạt động")]
    for phase in plan.phases:
        listed = [name for pid in phase.programs for name in plan.program(pid).listed_names()]
        found.append(_count_finding(f"phases.{phase.id}.statement, phases.{phase.id}.programs", phase.statement,
                                    "hoat dong|chuong trinh", listed, "hoạt động (chương trình)"))
    if c.area:
        found.append(_count_finding("campaign.area.statement, focus_communes", c.area.statement,
                                    "xa|phuong|xa phuong|dia ban", [f.commune for f in plan.focus_communes],
                                    "xã trọng điểm"))
    for award in plan.awards:
        where = f"awards.{award.id}"
        found += [_figure_finding(f"{where}.quota_collective", award.statement, "tap the", award.quota_collective,
                                  "tập thể"),
                  _figure_finding(f"{where}.quota_individual", award.statement, "ca nhan", award.quota_individual,
                                  "cá nhân"),
                  _figure_finding(f"{where}.copies", award.statement, "ban", award.copies, "bản")]
    return [f for f in found if f]


# --- numbering -----------------------------------------------------------------------------

def roman_value(number: str) -> int | None:
    """'IV' → 4; None for what is not a Roman numeral."""
    letters = number.strip().upper()
    if not letters or any(ch not in ROMAN for ch in letters):
        return None
    values = [ROMAN[ch] for ch in letters]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _numbering_findings(sections, key: str, value_of, parent: str) -> list[dict]:
    """Headings of one level numbered twice or with a gap, then the same for their parts."""
    found, previous = [], None          # previous: (index, section, value)
    for i, section in enumerate(sections):
        value = value_of(section.number) if section.number else None
        if value is None:
            continue
        if previous and value != previous[2] + 1:
            j, before, _ = previous
            twice = value == previous[2]
            what = "trùng số với" if twice else f"đánh số {section.number} ngay sau"
            text = (f"Mục {parent}{section.number} “{section.title}” {what} mục {parent}{before.number} "
                    f"“{before.title}”: "
                    + (f"các mục từ đây lệch số một (đúng ra là số tiếp theo), nên lời dẫn “mục {parent}"
                       f"{section.number}” chỉ hai chỗ khác nhau." if twice else
                       "các mục không liền số, người đọc tìm theo số sẽ nhầm."))
            found.append(finding("section_numbering", WARNING, f"{key}.{j}, {key}.{i}",
                                 f"{before.number}. {before.title} … {section.number}. {section.title}", text))
        previous = (i, section, value)
    for i, section in enumerate(sections):
        found += _numbering_findings(section.parts, f"{key}.{i}.parts", _arabic, f"{parent}{section.number}.")
    return found


def _arabic(number: str) -> int | None:
    return int(number) if number.strip().isdigit() else None


def check_numbering(plan: Plan) -> list[dict]:
    found = _numbering_findings(plan.sections, "sections", roman_value, "")
    listed = [name for phase in plan.phases for pid in phase.programs for name in plan.program(pid).listed_names()]
    joined = [p for p in plan.programs if len(p.listed_names()) > 1]
    if joined and len(listed) > len(plan.programs):
        for program in joined:
            names = "; ".join(f"“{n}”" for n in program.listed_names())
            text = (f"Các chuỗi hoạt động kể {len(listed)} chương trình nhưng phần nội dung chỉ đánh số "
                    f"{len(plan.programs)} mục: mục {program.number} gộp {len(program.listed_names())} chương "
                    f"trình ({names}) làm một. Đơn vị ghi “{program.number}” hay “{program.id}” là chỉ chung "
                    f"cả {len(program.listed_names())}; nếu cần theo dõi riêng, hãy tách thành các mục riêng.")
            found.append(finding("program_numbering", NOTE, f"programs.{program.id}.parts", program.name, text))
    return found


# --- titles --------------------------------------------------------------------------------

def _expanded(name: str, abbreviations: dict[str, str]) -> list[str]:
    """The name's words, the plan's abbreviations written out ('TPCT' → 'thành phố Cần Thơ')."""
    words = []
    for word in re.findall(r"\w+", name):
        words += abbreviations.get(word, word).split()
    return words


def _differences(first: list[str], second: list[str]) -> str:
    a, b = [fold(w) for w in first], [fold(w) for w in second]
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        left, right = " ".join(first[i1:i2]), " ".join(second[j1:j2])
        parts.append(f"“{left}” / “{right}”" if left and right else f"“{left or right}”")
    return "; ".join(parts)


def _title_finding(plan: Plan, where: str, program, name: str, listed: str | None) -> dict | None:
    if not listed:
        return None
    abbreviations = {k: v for k, v in plan.abbreviations.items() if " " not in k}
    first, second = _expanded(listed, abbreviations), _expanded(name, abbreviations)
    if _KIND_WORDS.sub("", " ".join(fold(w) for w in first)) == _KIND_WORDS.sub("", " ".join(fold(w) for w in second)):
        return None
    similar = difflib.SequenceMatcher(a=[fold(w) for w in first], b=[fold(w) for w in second]).ratio() >= 0.6
    differ = f" (khác nhau: {_differences(first, second)})" if similar else ""
    text = (f"Chương trình {program.id} mang hai tên: nơi kể các chuỗi hoạt động ghi “{listed}”, mục của chương "
            f"trình ghi “{name}”{differ}. Đơn vị có thể ghi theo tên nào; báo cáo và biểu mẫu nên dùng một tên.")
    return finding("title_mismatch", NOTE, where, f"{listed} … {name}", text)


def check_titles(plan: Plan) -> list[dict]:
    found = []
    for program in plan.programs:
        if program.parts:
            found += [_title_finding(plan, f"programs.{program.id}.parts.{i}.name_in_phase", program, part.name,
                                     part.name_in_phase) for i, part in enumerate(program.parts)]
        else:
            found.append(_title_finding(plan, f"programs.{program.id}.name_in_phase", program, program.name,
                                        program.name_in_phase))
    return [f for f in found if f]
