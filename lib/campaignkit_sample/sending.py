"""When units send which report, and what each report lists (specifications, before rendering).

A BookSpec is one workbook a unit sends, with its SheetSpecs (one per report sent: weekly, per
phase, final, or a registration) and their RowSpecs (an activity, a blank row, a totals row or a
row to reject). Here: which reports a unit sends (`plan_sends`, by its profile: weekly, cumulative,
per phase, once), the moment each one is sent (`sent_moment`), how its sheet is named, the
calibration of the figures towards the targets, the earlier (later corrected) versions of
activities sent again, and the report and registration workbooks of every unit.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from .activities import Activity, activity_key, make_template_activity, template_weights
from .facts import Facts
from .registry import Unit
from .rendering import sent_cell

# ---------------------------------------------------------------------------------------------
# Specifications of workbooks, sheets and rows
# ---------------------------------------------------------------------------------------------

@dataclass
class RowSpec:
    """One row of a sheet as the unit means it (its kind, activity and figures), before it is written."""
    kind: str                      # activity | blank | totals | reject
    activity: Activity | None = None
    values: dict | None = None     # figures this version carries (parsed meaning)
    cost: int | None = None
    reason: str | None = None      # reject reason code
    overrides: dict = field(default_factory=dict)  # column key → raw cell value written as is
    note: str | None = None
    tags: list = field(default_factory=list)
    totals: dict | None = None     # for totals rows: {"label", "mismatch": {col: (stated, computed)}}


@dataclass
class SheetSpec:
    """One report sent (a sheet of a workbook): when, for which week, of which kind, with which rows."""
    name: str
    sent: dt.date | dt.datetime | None
    sent_cell: object = None       # how Ngày gửi is written (date, datetime or text)
    week: dt.date | None = None    # the deadline of the cycle's report it answers (a Saturday, weekly)
    kind: str = "weekly"           # weekly | phase | final | guide
    rows: list = field(default_factory=list)
    style: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)


@dataclass
class BookSpec:
    """One workbook a unit sends, at `path` relative to the campaign folder."""
    unit: str | None
    path: str                      # relative to the campaign folder
    fmt: str                       # xlsx | xls | ods
    sheets: list = field(default_factory=list)
    tags: list = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Report sends
# ---------------------------------------------------------------------------------------------

def sent_moment(rng: random.Random, saturday: dt.date, late_ok: bool = True):
    """When a report of the cycle was sent: mostly on its deadline's day before 17:00; some evenings,
    the next day or the day after."""
    r = rng.random()
    if r < 0.62:
        return saturday                                                       # date only
    if r < 0.82:
        return dt.datetime.combine(saturday, dt.time(rng.randint(8, 16), rng.choice([0, 10, 25, 40, 55])))
    if r < 0.89 or not late_ok:
        return dt.datetime.combine(saturday, dt.time(rng.randint(17, 21), rng.choice([5, 20, 45])))
    day = saturday + dt.timedelta(days=rng.choice([1, 2]))
    return day if rng.random() < 0.5 else dt.datetime.combine(day, dt.time(rng.randint(7, 20), rng.choice([0, 30])))


def sheet_name(f: Facts, style: str, saturday: dt.date, rng: random.Random) -> str:
    """The name a unit gives the sheet of the cycle's report due on `saturday`, in its naming `style`
    ("Tuần 3", "Tuan 3", "BC 15-6", "Tuần 3 (15-6)", "15.06"; "Tháng 6" … for a monthly cycle)."""
    n = f.sheet_number(saturday)
    word, plain = f.cycle_word
    if style == "tuan_nodiac":
        return f"{plain} {n}"
    if style == "bc_date":
        return f"BC {saturday.day}-{saturday.month}"
    if style == "tuan_date":
        return f"{word} {n} ({saturday.day}-{saturday.month})"
    if style == "dotted":
        return f"{saturday.day:02d}.{saturday.month:02d}"
    return f"{word} {n}"


def plan_sends(f: Facts, rng: random.Random, unit: Unit, acts: list[Activity]) -> list[SheetSpec]:
    """Which reports a unit sends, and which activities each one lists (with repeats and corrections)."""
    acts = sorted(acts, key=lambda a: (a.held, a.key))
    sheets: list[SheetSpec] = []
    if unit.profile == "once":
        sent, week, until = f.once_send
        sheets.append(SheetSpec("Báo cáo tổng kết", sent, week=week, kind="final",
                                rows=[RowSpec("activity", a) for a in acts if a.held <= until]))
        return sheets
    if unit.profile == "phase":
        late_final = rng.random() < 0.5
        plan = [(name, (sent[0] if late_final else sent[1]) if isinstance(sent, tuple) else sent, sat, kind)
                for name, sent, sat, kind in f.phase_sends]
        start = f.phase_start
        for name, sent, sat, kind in plan:
            if kind == "final":
                day = sent.date() if isinstance(sent, dt.datetime) else sent
                chosen = [a for a in acts if a.held <= day]
            else:
                chosen = [a for a in acts if start < a.held <= sat]
            sheets.append(SheetSpec(name, sent, week=sat, kind=kind, rows=[RowSpec("activity", a) for a in chosen]))
            start = sat
        return sheets
    # weekly senders
    style = unit.style.get("sheet_names", "tuan")
    phase_names = unit.style.get("phase_names", False)
    pending = list(acts)
    listed: list[Activity] = []
    for sat in f.deadlines:
        due = [a for a in pending if a.held <= sat]
        last = sat == f.deadlines[-1]
        if not due or (not last and rng.random() > 0.8):
            continue
        name = sheet_name(f, style, sat, rng)
        if phase_names and sat in f.phase_sheet_names:
            name = f.phase_sheet_names[sat]
        sheet = SheetSpec(name, sent_moment(rng, sat, late_ok=not last), week=sat)
        if unit.profile == "cumulative":
            sheet.rows = [RowSpec("activity", a, tags=["cumulative"]) for a in listed]
            if sheet.rows:
                sheet.tags.append("cumulative")
        elif sheets:
            # a few activities of the previous sheet are sent again (corrected or unchanged)
            for a in [r.activity for r in sheets[-1].rows if r.kind == "activity"]:
                if rng.random() < 0.08 and not any(r.activity is a for r in sheet.rows):
                    sheet.rows.append(RowSpec("activity", a, tags=["resent"]))
        sheet.rows += [RowSpec("activity", a) for a in due]
        listed += due
        pending = [a for a in pending if a.held > sat]
        sheets.append(sheet)
    return sheets


# ---------------------------------------------------------------------------------------------
# Figures: calibration towards the targets, earlier versions
# ---------------------------------------------------------------------------------------------

def calibrate(f: Facts, acts: list[Activity], scale: float) -> dict:
    """Scale each indicator's figures so that the campaign lands near (some above, some below) the targets.

    The plan's own events (specials) keep their figures; only the ordinary activities are scaled.
    """
    factors = {}
    ordinary = [a for a in acts if a.template >= 0]
    for ind, ratio in f.desired_ratio.items():
        fixed = sum(a.values.get(ind, 0) for a in acts if a.template < 0)
        have = sum(a.values.get(ind, 0) for a in ordinary)
        if not have:
            continue
        factor = max(0.2, (ratio * f.ind_target[ind] * scale - fixed) / have)
        factors[ind] = round(factor, 4)
        for a in ordinary:
            if ind in a.values:
                v = a.values[ind] * factor
                a.values[ind] = max(0.1, round(v, 1)) if f.ind_decimals[ind] else max(1, round(v))
    return factors


def perturb(f: Facts, rng: random.Random, values: dict) -> dict:
    """An earlier, later-corrected version of the figures."""
    out = dict(values)
    ind = rng.choice(sorted(out)) if out else None
    if ind:
        v = out[ind]
        new = round(v * rng.choice([0.6, 0.8, 1.25, 1.5]), f.ind_decimals[ind] or None)
        out[ind] = new if new != v else (v + 1 if not f.ind_decimals[ind] else round(v + 0.2, 1))
    return out


def finalize_versions(f: Facts, rng: random.Random, books: list[BookSpec]) -> None:
    """Give every row spec its figures: the latest version carries the canonical figures."""
    for book in books:
        seen: dict = {}
        for sheet in book.sheets:
            for row in sheet.rows:
                if row.kind != "activity":
                    continue
                seen.setdefault(id(row.activity), []).append(row)
        for rows in seen.values():
            a = rows[0].activity
            for i, row in enumerate(rows):
                if i == len(rows) - 1:
                    row.values, row.cost = dict(a.values), a.cost
                elif "resent" in rows[i + 1].tags and rng.random() < 0.3 or \
                        "cumulative" in rows[i + 1].tags and rng.random() < 0.8:
                    row.values, row.cost = dict(a.values), a.cost          # sent again unchanged
                else:
                    row.values, row.cost = perturb(f, rng, a.values), a.cost
                    rows[i + 1].note = rows[i + 1].note or ("Số liệu điều chỉnh" if rng.random() < 0.5 else None)
                    rows[i + 1].tags.append("corrects_earlier")


# ---------------------------------------------------------------------------------------------
# Report and registration workbooks
# ---------------------------------------------------------------------------------------------

def make_report_books(f: Facts, rng: random.Random, units: list[Unit], acts: list[Activity]) -> list[BookSpec]:
    """The report workbooks: one per unit that reports, with the sheets `plan_sends` gives it."""
    by_unit = defaultdict(list)
    for a in acts:
        by_unit[a.unit].append(a)
    books = []
    for u in units:
        if u.profile == "never" or not by_unit[u.id]:
            continue
        path, fmt = f.report_files.get(u.id, (f"BC_{u.id}.xlsx", "xlsx"))
        book = BookSpec(u.id, f"bao_cao/{path}", fmt)
        book.sheets = plan_sends(f, rng, u, by_unit[u.id])
        for s in book.sheets:
            s.style = dict(u.style)
            s.sent_cell = sent_cell(s.sent, u.style["sent_text"] if not isinstance(s.sent, dt.datetime) else None)
        if book.sheets:
            books.append(book)
    return books


def reported_activities(books: list[BookSpec]) -> list[Activity]:
    """Every activity listed in some report, once, in the order first listed."""
    seen, out = set(), []
    for b in books:
        for s in b.sheets:
            for r in s.rows:
                if r.kind == "activity" and id(r.activity) not in seen:
                    seen.add(id(r.activity))
                    out.append(r.activity)
    return out


def make_registration_books(f: Facts, rng: random.Random, units: list[Unit], acts: list[Activity],
                            scale: float) -> list[BookSpec]:
    """One workbook per registering unit; planned rows drawn from what the unit will do.

    `Facts.late_registrations` maps a unit id to when its registration was sent after the deadline (a
    date, a datetime, or a text written in the Ngày gửi cell). The registration mistakes are added
    afterwards, by messiness.inject_registration_messiness, from the same random stream.
    """
    regs = [u for u in units if u.registers]
    total_rows = max(len(regs), round(70 * scale))
    by_unit = defaultdict(list)
    for a in acts:
        by_unit[a.unit].append(a)
    weights = [u.weight for u in regs]
    quotas = [max(1, round(total_rows * w / sum(weights))) for w in weights]
    books = []
    for u, quota in zip(regs, quotas, strict=True):
        groups = defaultdict(list)
        for a in by_unit[u.id]:
            groups[(a.program, a.template, a.name if a.template < 0 else "")].append(a)
        ordered = sorted(groups.values(), key=lambda g: (g[0].template >= 0, set(g[0].values) <= {"CT01"}, -len(g),
                                                          g[0].held, g[0].key))
        n_special = sum(g[0].template < 0 for g in ordered)
        rows = []
        for g in ordered[:max(quota, n_special)]:
            a0 = g[0]
            held = sorted(a.held for a in g)
            values = {}
            for a in g:
                for k, v in a.values.items():
                    values[k] = values.get(k, 0) + v
            values = {k: (round(v * rng.uniform(0.8, 1.4), 1) if f.ind_decimals[k]
                          else max(1, round(v * rng.uniform(0.8, 1.4))))
                      for k, v in values.items()}
            name = a0.name if a0.template < 0 else f.templates[a0.template][1][0]
            if len(g) > 1:
                name += " (chuỗi hoạt động)"
            plan = Activity(u.id, a0.program, name, held[0], a0.commune, values,
                            sum(a.cost or 0 for a in g) or None,
                            "Đăng cai cấp Khối" if a0.template < 0 and rng.random() < 0.5 else None)
            plan.key = activity_key(f, u.id, plan.held, plan.commune, plan.name)
            spec = RowSpec("activity", plan, values=values, cost=plan.cost,
                           overrides={"_to": held[-1]} if held[-1] != held[0] else {})
            rows.append(spec)
        while len(rows) < quota:                     # units with nothing reported still plan something
            tw = template_weights(f, u)
            a = make_template_activity(f, rng, u, rng.choices(range(len(f.templates)), tw)[0])
            a.key = activity_key(f, u.id, a.held, a.commune, a.name)
            rows.append(RowSpec("activity", a, values=dict(a.values), cost=a.cost))
        rows.sort(key=lambda r: r.activity.held)
        path, fmt = f.registration_files.get(u.id, (f"DK_{u.id}.xlsx", "xlsx"))
        year, month, first, last = f.registration_sent
        sent = f.late_registrations.get(u.id) or dt.date(year, month, rng.randint(first, last))
        if isinstance(sent, str):
            moment, cell = f.late_registration_text_moment, sent
        else:
            moment, cell = sent, sent
        book = BookSpec(u.id, f"dang_ky/{path}", fmt)
        sheet = SheetSpec("Đăng ký" if rng.random() < 0.6 else "Sheet1", moment, sent_cell=cell, rows=rows,
                          style=dict(u.style), kind="registration")
        book.sheets.append(sheet)
        books.append(book)
    return books
