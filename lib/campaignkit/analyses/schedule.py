"""The campaign calendar as one table (it becomes `schedule.csv`).

Every dated thing of the plan — the campaign window, the peak month, each phase (chuỗi) and
program window, the key days, every reporting and award deadline with its time — and every
activity the units registered, one row each, with flags for what does not fit:

- `outside_program_window`: a dated row of a program (a key day or a registration) falls
  outside that program's own window;
- `outside_campaign`: something meant to happen during the campaign (a phase, a program, a key
  day other than the closing ceremony, a registration) falls outside the campaign window;
  deadlines and the ceremony are administrative and may lie after it;
- `unit_double_booked`: a unit has registrations in two different communes on one day;
- `commune_overloaded`: one commune has more registered activities on one day than the
  threshold;
- `public_holiday`: the Vietnamese public holiday(s) (package `holidays`) falling on the row's
  date or, for a window, inside it.

A registration occupies every day from its start to its end date: a registration for a
window (01/6–30/6) counts on each day of it, both for double booking and for the daily load.
Nothing of a given year is written here: every date comes from the plan or the registrations.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..errors import UsageError
from ..intake.places import commune_key
from ..plan.calendar import public_holidays, weekday_name
from ..plan.deadlines import cycle_deadlines
from ..plan.schema import FocusCommune, Plan
from ..text import format_date, text_column
from .as_of import known_registrations
from .focus import focus_named_in, focus_of

SCHEDULE_COLUMNS = [
    "start", "end", "time", "kind", "item_id", "label", "program_id", "unit_id", "commune", "district",
    "focus_commune", "phase_id", "tentative", "outside_program_window", "outside_campaign",
    "unit_double_booked", "commune_overloaded", "public_holiday", "flags",
]
FLAG_COLUMNS = ["outside_program_window", "outside_campaign", "unit_double_booked", "commune_overloaded"]

KEY_DAY_KINDS = ["launch", "peak_day", "green_sunday", "volunteer_saturday", "host_day", "anniversary", "ceremony"]
CYCLE_KINDS = {"week": "weekly_report_due", "month": "monthly_report_due"}   # the plan's reporting cycle
DEADLINE_KINDS = ["report_due", *CYCLE_KINDS.values(), "award_due"]
KIND_ORDER = ["campaign", "peak_month", "phase", "program", *KEY_DAY_KINDS, *DEADLINE_KINDS, "registration"]
# What the chart legends and summaries call each kind of row.
KIND_LABELS = {
    "campaign": "Thời gian chiến dịch",
    "peak_month": "Tháng cao điểm",
    "phase": "Chuỗi hoạt động",
    "program": "Chương trình",
    "launch": "Lễ ra quân",
    "peak_day": "Ngày cao điểm",
    "green_sunday": "Chủ nhật xanh",
    "volunteer_saturday": "Ngày thứ 7 tình nguyện",
    "host_day": "Ngày hội đăng cai",
    "anniversary": "Ngày kỷ niệm",
    "ceremony": "Lễ tổng kết",
    "report_due": "Hạn nộp kế hoạch, báo cáo",
    "weekly_report_due": "Hạn báo cáo tuần",
    "monthly_report_due": "Hạn báo cáo tháng",
    "award_due": "Hạn đề nghị khen thưởng",
    "registration": "Hoạt động đăng ký",
}
# Rows that are meant to happen inside the campaign window.
EVENT_KINDS = {"phase", "program", *(k for k in KEY_DAY_KINDS if k != "ceremony"), "registration"}

FOCUS_COLUMNS = ["commune", "district", "phase_id", "phase", "registrations", "planned_participations"]
HOLIDAY_COLUMNS = ["date", "name", "weekday"]


# --- small helpers -------------------------------------------------------------------------

def _time(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def _phase_of(plan: Plan, day: dt.date) -> str:
    return next((p.id for p in plan.phases if p.start <= day <= p.end), "")


def _row(start, kind: str, item_id: str, label: str, end=None, time: str = "", program_id: str = "",
         commune: str = "", district: str = "", phase_id: str = "", tentative: bool = False) -> dict:
    return {"start": start, "end": end or start, "time": time, "kind": kind, "item_id": item_id, "label": label,
            "program_id": program_id, "unit_id": "", "commune": commune, "district": district,
            "phase_id": phase_id, "tentative": tentative}


# --- rows of the plan ----------------------------------------------------------------------

def _campaign_rows(plan: Plan) -> list[dict]:
    c = plan.campaign
    return [_row(c.start, "campaign", "campaign", f"Chiến dịch {c.name}", end=c.end)]


def _peak_month_rows(plan: Plan) -> list[dict]:
    c = plan.campaign
    rows = []
    for year in range(c.start.year, c.end.year + 1):
        first = dt.date(year, c.peak_month, 1)
        last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
        start, end = max(first, c.start), min(last, c.end)
        if start <= end:
            rows.append(_row(start, "peak_month", f"peak_month_{year}",
                             f"Tháng cao điểm của chiến dịch (tháng {c.peak_month}/{year})", end=end,
                             phase_id=_phase_of(plan, start)))
    return rows


def _phase_rows(plan: Plan) -> list[dict]:
    return [_row(p.start, "phase", p.id, p.name, end=p.end, phase_id=p.id) for p in plan.phases]


def _program_rows(plan: Plan) -> list[dict]:
    rows = []
    for program in plan.programs:
        phases = ", ".join(p.id for p in plan.phases if program.id in p.programs)
        rows.append(_row(program.start, "program", program.id, f"{program.id}: {program.name}", end=program.end,
                         program_id=program.id, phase_id=phases))
    return rows


def _key_day_rows(plan: Plan) -> list[dict]:
    rows = []
    for day in plan.key_days:
        focus = focus_named_in(plan, day.place)
        commune, district = (focus.commune, focus.district) if focus else ("", "")
        label = f"{day.name} – {day.place}" if day.place else day.name
        for fact in day.dates:
            rows.append(_row(fact.date, day.kind, day.id, label, time=_time(fact.time), program_id=day.program or "",
                             commune=commune, district=district, phase_id=_phase_of(plan, fact.date),
                             tentative=day.tentative))
    return rows


def _deadline_rows(plan: Plan) -> list[dict]:
    rows = [_row(r.due.date, "report_due", r.id, f"Hạn nộp: {r.name}", time=_time(r.due.time),
                 phase_id=_phase_of(plan, r.due.date)) for r in plan.reporting.reports]
    cycle = plan.reporting.cycle
    for deadline in cycle_deadlines(plan):
        day = deadline.day
        rows.append(_row(day, CYCLE_KINDS[cycle.every], deadline.id,
                         f"Hạn báo cáo {deadline.name} ({weekday_name(day)})", time=_time(cycle.time),
                         phase_id=_phase_of(plan, day)))
    rows += [_row(a.due.date, "award_due", a.id, f"Hạn đề nghị khen thưởng cấp {a.level}", time=_time(a.due.time),
                  phase_id=_phase_of(plan, a.due.date)) for a in plan.awards]
    return rows


def plan_items(plan: Plan) -> pd.DataFrame:
    """Every dated fact of the plan, one row each (registration columns blank)."""
    rows = [*_campaign_rows(plan), *_peak_month_rows(plan), *_phase_rows(plan), *_program_rows(plan),
            *_key_day_rows(plan), *_deadline_rows(plan)]
    frame = pd.DataFrame(rows)
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    frame["focus_commune"] = frame["commune"] != ""
    frame["_place"] = frame["commune"].map(commune_key)
    return frame


# --- rows of the registrations -------------------------------------------------------------

def _source_ids(frame: pd.DataFrame) -> pd.Series:
    if not {"file", "sheet", "row"} <= set(frame.columns):
        return pd.Series([f"dang_ky:{i}" for i in frame.index], index=frame.index)
    return text_column(frame, "file") + ":" + text_column(frame, "sheet") + ":" + frame["row"].astype(str)


def registration_items(plan: Plan, registrations: pd.DataFrame) -> pd.DataFrame:
    """The units' registered activities as schedule rows (undated rows cannot be placed)."""
    if registrations.empty or "start" not in registrations:
        return pd.DataFrame()
    dated = registrations[registrations["start"].notna()]
    if dated.empty:
        return pd.DataFrame()
    start = pd.to_datetime(dated["start"]).dt.normalize()
    end = pd.to_datetime(dated["end"]).dt.normalize().fillna(start) if "end" in dated else start
    communes, districts = text_column(dated, "commune"), text_column(dated, "district")
    focus = [focus_of(plan, c, d) for c, d in zip(communes, districts)]
    codes = text_column(dated, "commune_code")
    frame = pd.DataFrame({
        "start": start, "end": end, "time": "", "kind": "registration", "item_id": _source_ids(dated),
        "label": text_column(dated, "activity"), "program_id": text_column(dated, "program_id"),
        "unit_id": text_column(dated, "unit_id"), "commune": communes, "district": districts,
        "focus_commune": [f is not None for f in focus],
        "phase_id": [_phase_of(plan, d.date()) for d in start], "tentative": False,
        "_place": [code or commune_key(c) for code, c in zip(codes, communes)],
    })
    return frame.reset_index(drop=True)


# --- flags ---------------------------------------------------------------------------------

def _outside_program_window(plan: Plan, table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    windows = {p.id: (pd.Timestamp(p.start), pd.Timestamp(p.end)) for p in plan.programs}
    flags, notes = [], []
    for rec in table[["kind", "program_id", "start", "end"]].itertuples(index=False):
        window = windows.get(rec.program_id)
        outside = rec.kind != "program" and window is not None and (rec.start < window[0] or rec.end > window[1])
        flags.append(outside)
        notes.append(f"ngoài thời gian chương trình {rec.program_id} "
                     f"({format_date(window[0])}–{format_date(window[1])})" if outside else "")
    return pd.Series(flags, index=table.index), pd.Series(notes, index=table.index)


def _outside_campaign(plan: Plan, table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    c = plan.campaign
    start, end = pd.Timestamp(c.start), pd.Timestamp(c.end)
    flags = table["kind"].isin(EVENT_KINDS) & ((table["start"] < start) | (table["end"] > end))
    note = f"ngoài thời gian chiến dịch ({format_date(c.start)}–{format_date(c.end)})"
    return flags, flags.map(lambda f: note if f else "")


def registration_days(table: pd.DataFrame) -> pd.DataFrame:
    """One row per registration and per day it occupies: the schedule index as `row`, and `day`."""
    registrations = table[table["kind"] == "registration"]
    if registrations.empty:
        return pd.DataFrame(columns=["row", "day", "unit_id", "_place", "commune"])
    # Every day from start to end (as pd.date_range(start, end, freq="D") would list them),
    # built with numpy in one go rather than one date_range per registration.
    starts = pd.to_datetime(registrations["start"]).to_numpy(dtype="datetime64[ns]")
    ends = pd.to_datetime(registrations["end"]).to_numpy(dtype="datetime64[ns]")
    undated = np.isnat(starts) | np.isnat(ends)
    spans = np.where(undated, -1, (ends - starts) // np.timedelta64(1, "D"))
    lengths = np.maximum(spans + 1, 0)
    positions = np.repeat(np.arange(len(registrations)), lengths)
    offsets = np.arange(len(positions)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return pd.DataFrame({
        "row": registrations.index.to_numpy()[positions],
        "day": starts[positions] + offsets.astype("timedelta64[D]"),
        "unit_id": registrations["unit_id"].to_numpy()[positions],
        "_place": registrations["_place"].to_numpy()[positions],
        "commune": registrations["commune"].to_numpy()[positions],
    })


def _values(column: pd.Series) -> list:
    return column.to_numpy(dtype=object).tolist()  # plain Python values: fast to loop over


def _days(column: pd.Series) -> list[dt.date]:
    return column.to_numpy(dtype="datetime64[D]").tolist()  # the days of registration_days


def _join_days(days) -> str:
    ordered = sorted(set(days))
    shown = [format_date(d) for d in ordered[:3]]  # only the three shown are formatted
    return ", ".join(shown) + (f" và {len(ordered) - 3} ngày khác" if len(ordered) > 3 else "")


def _double_booked(table: pd.DataFrame, days: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    placed = days[(days["unit_id"] != "") & (days["_place"] != "")]
    places = placed.groupby(["unit_id", "day"])["_place"].transform("nunique")
    clashes = placed[places > 1]
    flags = pd.Series(table.index.isin(clashes["row"]), index=table.index)
    # One pass over the clashing (registration, day) rows, in plain dicts: a per-row filter of
    # the whole clash table grows with the square of the registrations (minutes at 14 000).
    communes_at: dict[tuple, dict[str, set]] = {}  # (unit, day) -> place -> communes written
    own: dict = {}                                  # row -> (unit, place, its clashing days)
    for row, unit, day, place, commune in zip(clashes["row"].tolist(), _values(clashes["unit_id"]),
                                              _days(clashes["day"]), _values(clashes["_place"]),
                                              _values(clashes["commune"])):
        communes_at.setdefault((unit, day), {}).setdefault(place, set()).add(commune)
        own.setdefault(row, (unit, place, []))[2].append(day)
    texts = {}
    for row, (unit, place, clash_days) in own.items():
        names = set()
        for day in set(clash_days):
            for other, communes in communes_at[(unit, day)].items():
                if other != place:
                    names |= communes
        texts[row] = (f"đơn vị {unit} cùng ngày {_join_days(clash_days)} "
                      f"còn đăng ký ở xã khác ({', '.join(sorted(names))})")
    notes = pd.Series([texts.get(i, "") for i in table.index], index=table.index, dtype=object)
    return flags, notes


def _overloaded(table: pd.DataFrame, days: pd.DataFrame, threshold: int) -> tuple[pd.Series, pd.Series]:
    placed = days[days["_place"] != ""]
    counts = placed.groupby(["_place", "day"])["row"].transform("size")
    busy = placed.assign(count=counts)[counts > threshold]
    flags = pd.Series(table.index.isin(busy["row"]), index=table.index)
    # Per row: its busy days, and the worst of them (most activities, then the earliest day).
    busy_days: dict = {}
    worst: dict = {}
    for row, day, count, commune in zip(busy["row"].tolist(), _days(busy["day"]), busy["count"].tolist(),
                                        _values(busy["commune"])):
        busy_days.setdefault(row, []).append(day)
        current = worst.get(row)
        if current is None or count > current[0] or (count == current[0] and day < current[1]):
            worst[row] = (count, day, commune)
    texts = {row: (f"xã {worst[row][2]} có {worst[row][0]} hoạt động đăng ký ngày "
                   f"{_join_days(row_days)} (quá ngưỡng {threshold})")
             for row, row_days in busy_days.items()}
    notes = pd.Series([texts.get(i, "") for i in table.index], index=table.index, dtype=object)
    return flags, notes


def _public_holidays(table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    calendar = public_holidays(table["start"].min().date(), table["end"].max().date())
    names, notes = [], []
    for start, end in zip(table["start"], table["end"]):
        inside = [(day, name) for day, name in calendar if start.date() <= day <= end.date()]
        single = start == end
        names.append("; ".join(name if single else f"{name} ({format_date(day)})" for day, name in inside))
        listed = "; ".join(f"{name} ({format_date(day)})" for day, name in inside)
        prefix = "trùng ngày lễ" if single else "trong khoảng có ngày lễ"
        notes.append(f"{prefix}: {listed}" if inside else "")
    return pd.Series(names, index=table.index), pd.Series(notes, index=table.index)


def _add_flags(plan: Plan, table: pd.DataFrame, threshold: int) -> pd.DataFrame:
    days = registration_days(table)
    results = {
        "outside_program_window": _outside_program_window(plan, table),
        "outside_campaign": _outside_campaign(plan, table),
        "unit_double_booked": _double_booked(table, days),
        "commune_overloaded": _overloaded(table, days, threshold),
    }
    holiday_names, holiday_notes = _public_holidays(table)
    table = table.assign(**{name: flags.astype(bool) for name, (flags, _) in results.items()},
                         public_holiday=holiday_names)
    notes = pd.concat([n for _, n in results.values()] + [holiday_notes], axis=1)
    table["flags"] = notes.apply(lambda parts: "; ".join(p for p in parts if p), axis=1) if len(table) else ""
    return table


# --- the table -----------------------------------------------------------------------------

def _ordered(table: pd.DataFrame) -> pd.DataFrame:
    rank = table["kind"].map({kind: i for i, kind in enumerate(KIND_ORDER)})
    ordered = table.assign(_rank=rank).sort_values(["start", "_rank", "item_id", "unit_id"], kind="stable")
    return ordered[SCHEDULE_COLUMNS].reset_index(drop=True)


def build_schedule(plan: Plan, registrations: pd.DataFrame, as_of: dt.date | None = None,
                   busy_commune_threshold: int = 3) -> pd.DataFrame:
    """One table of everything dated: the plan's windows, key days and deadlines, and the units'
    registered activities (those known by `as_of` when given), each with its flags."""
    if busy_commune_threshold < 0:
        raise UsageError("busy_commune_threshold phải là số không âm")
    parts = [plan_items(plan), registration_items(plan, known_registrations(registrations, as_of))]
    table = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    table["focus_commune"] = table["focus_commune"].astype(bool)
    table["tentative"] = table["tentative"].astype(bool)
    return _ordered(_add_flags(plan, table, busy_commune_threshold))


# --- focus communes and holidays -----------------------------------------------------------

def _focus_key(focus: FocusCommune | None) -> str:
    return f"{focus.commune}|{focus.district}" if focus else ""


def focus_commune_registrations(plan: Plan, registrations: pd.DataFrame) -> pd.DataFrame:
    """Registrations in each focus commune of the plan, per phase (by the activity's start date).

    Every focus commune × phase pair is present, with zeros where nothing is registered; an
    activity starting outside every phase is not counted in any.
    """
    known = known_registrations(registrations)
    dated = known[known["start"].notna()] if "start" in known else known.iloc[0:0]
    planned = (pd.to_numeric(dated["planned_participations"], errors="coerce").fillna(0.0)
               if "planned_participations" in dated else pd.Series(0.0, index=dated.index))
    places = zip(text_column(dated, "commune"), text_column(dated, "district"))
    counted = pd.DataFrame({
        "focus": [_focus_key(focus_of(plan, c, d)) for c, d in places],
        "phase_id": [_phase_of(plan, pd.Timestamp(s).date()) for s in dated["start"]],
        "planned": planned.to_numpy(dtype=float),
    })
    rows = []
    for focus in plan.focus_communes:
        for phase in plan.phases:
            match = counted[(counted["focus"] == _focus_key(focus))
                            & (counted["phase_id"] == phase.id)]
            rows.append({"commune": focus.commune, "district": focus.district, "phase_id": phase.id,
                         "phase": phase.name, "registrations": len(match),
                         "planned_participations": float(match["planned"].sum())})
    return pd.DataFrame(rows, columns=FOCUS_COLUMNS)


def plan_span(plan: Plan) -> tuple[dt.date, dt.date]:
    """From the campaign's first day to the last date the plan names (deadlines, ceremony)."""
    items = plan_items(plan)
    return plan.campaign.start, max(plan.campaign.end, items["end"].max().date())


def holidays_in_campaign(plan: Plan) -> pd.DataFrame:
    """Vietnamese public holidays from the campaign's start to the last date of the plan."""
    first, last = plan_span(plan)
    rows = [{"date": pd.Timestamp(day), "name": name, "weekday": weekday_name(day)}
            for day, name in public_holidays(first, last)]
    return pd.DataFrame(rows, columns=HOLIDAY_COLUMNS)


# --- views of the schedule the reports show ------------------------------------------------

NEXT_DEADLINES = 6


def plan_dates(schedule: pd.DataFrame) -> pd.DataFrame:
    """The plan's own dated rows (windows, key days, phase and award deadlines), without the
    registrations and the deadlines of the reporting cycle."""
    rows = schedule[~schedule["kind"].isin(["registration", *CYCLE_KINDS.values()])]
    return rows[["start", "end", "time", "label", "program_id", "flags"]].reset_index(drop=True)


def upcoming_deadlines(schedule: pd.DataFrame, as_of: dt.date, count: int = NEXT_DEADLINES) -> pd.DataFrame:
    """The next `count` deadlines (reports, the cycle's reports, award nominations) after `as_of`."""
    deadlines = schedule[schedule["kind"].isin(DEADLINE_KINDS)]
    upcoming = deadlines[pd.to_datetime(deadlines["start"]) > pd.Timestamp(as_of)]
    return upcoming[["start", "time", "label"]].head(count).reset_index(drop=True)


def flagged_registrations(schedule: pd.DataFrame) -> pd.DataFrame:
    """Registrations with a flag: outside a window, double booked, a commune overloaded."""
    flagged = schedule[(schedule["kind"] == "registration") & (schedule["flags"].fillna("") != "")]
    return flagged[["start", "end", "unit_id", "label", "commune", "flags"]].reset_index(drop=True)
