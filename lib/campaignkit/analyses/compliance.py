"""Reporting compliance: which unit sent which required report, when; on time, late or missing.

How a report is recognised as sent (stated in the reports, `rule_sentences`):
- a *sending* is one distinct `Ngày gửi` (date, and time where the cell has one) among a
  unit's report rows; a date without a time counts as sent at the start of that day;
  rows whose `Ngày gửi` was blank (assumed) are not sendings;
- a report of the plan's cycle (`reporting.cycle`: weekly, or monthly) is late when the first
  sending after its deadline falls in the plan's `grace_days` after it, and on time when a
  sending falls after the previous deadline's grace days and by its own deadline (the first
  report: one cycle before its deadline, plus the grace days); missing otherwise. Each sending so
  belongs to exactly one report of the cycle. A weekly report due Saturday 17:00 with 3 grace
  days is on time from Tuesday 17:00 to Saturday 17:00 and late until Tuesday 17:00;
- a phase report (đợt 1, đợt 2, tổng kết) is on time when a sending falls after the
  previous phase report's deadline and by its own; late when the first sending is after it;
- the plan (kế hoạch) is recognised by the unit's registrations: their `Ngày gửi` where the
  sheet has that column, otherwise 'đã gửi, không rõ ngày'.
Only reports due by the as-of date are assessed.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..plan.deadlines import CYCLE_NOUN, cycle_deadlines, cycle_rhythm, due_at, next_due_day
from ..plan.schema import Plan
from ..text import format_date
from .as_of import end_of, known_by

ON_TIME, LATE, MISSING, UNDATED = "on_time", "late", "missing", "sent_undated"
STATUS_LABELS = {ON_TIME: "Đúng hạn", LATE: "Trễ hạn", MISSING: "Chưa gửi", UNDATED: "Đã gửi, không rõ ngày"}
CYCLE = "cycle"  # `kind` of the cycle's reports in `required_reports`


def rule_sentences(plan: Plan) -> list[str]:
    """How the reports say a report was sent, on time or late: one sentence per rule, the
    cycle's from the plan ('Báo cáo tuần hạn 17h00 thứ bảy hằng tuần: …')."""
    cycle = plan.reporting.cycle
    noun = CYCLE_NOUN[cycle.every]
    grace = cycle.grace_days
    if cycle.every == "week":
        window = f"đúng hạn nếu gửi trong {7 - grace} ngày trước hạn"
    else:
        window = f"đúng hạn nếu gửi trong khoảng từ {grace} ngày sau hạn tháng trước đến hạn tháng này"
    return [
        "Một lần gửi là một giá trị 'Ngày gửi' khác nhau trong các dòng báo cáo của đơn vị; "
        "ngày không ghi giờ được coi là gửi đầu ngày đó.",
        f"Báo cáo {noun} hạn {cycle_rhythm(plan)}: {window}, trễ nếu gửi trong {grace} ngày sau hạn, "
        "còn lại là chưa gửi.",
        "Báo cáo đợt: đúng hạn nếu gửi sau hạn đợt trước và trước hạn đợt này; trễ nếu lần gửi đầu tiên sau hạn.",
        "Kế hoạch: nhận biết qua bảng đăng ký của đơn vị (cột 'Ngày gửi' nếu có).",
    ]
COLUMNS = ["unit_id", "unit_name", "report_id", "report_name", "due", "sent_at", "status", "status_label",
           "late_hours", "late_by"]


def required_reports(plan: Plan, as_of: dt.date) -> pd.DataFrame:
    """Every report a unit owes, due by `as_of`: report_id, report_name, kind, due, window_start."""
    cycle = plan.reporting.cycle
    grace = pd.Timedelta(days=cycle.grace_days)
    rows = []
    for deadline in cycle_deadlines(plan):
        due = pd.Timestamp(deadline.due)
        previous = pd.Timestamp(dt.datetime.combine(next_due_day(cycle, deadline.day, -1), cycle.time))
        rows.append({"report_id": deadline.id,
                     "report_name": f"Báo cáo {deadline.name} ({format_date(deadline.day)})",
                     "kind": CYCLE, "due": due, "window_start": previous + grace, "grace": grace})
    previous = pd.Timestamp(plan.campaign.start)
    for report in sorted(plan.reporting.reports, key=lambda r: r.due.date):
        due = pd.Timestamp(due_at(report.due))
        kind = "phase" if report.period else "plan"
        rows.append({"report_id": report.id, "report_name": report.name, "kind": kind, "due": due,
                     "window_start": previous if kind == "phase" else pd.NaT, "grace": pd.NaT})
        if kind == "phase":
            previous = due
    table = pd.DataFrame(rows)
    return table[table["due"] <= end_of(as_of)].sort_values(["due", "report_id"]).reset_index(drop=True)


def sendings(reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Distinct (unit_id, sent_at) of report rows sent by `as_of`, assumed dates left out."""
    real = reports[~reports["sent_date_assumed"].astype(bool) & known_by(reports, as_of, blank_known=False)]
    return real[["unit_id", "sent_at"]].drop_duplicates().sort_values(["unit_id", "sent_at"]).reset_index(drop=True)


def _late_by(hours: float) -> str:
    days, rest = divmod(int(round(hours)), 24)
    return " ".join(p for p in (f"{days} ngày" if days else "", f"{rest} giờ" if rest else "") if p) or "dưới 1 giờ"


def _assess(due_row, sent: pd.Series, as_of_end: pd.Timestamp) -> tuple[str, pd.Timestamp | None]:
    due, start = due_row["due"], due_row["window_start"]
    if not sent.is_monotonic_increasing:
        sent = sent.sort_values(ignore_index=True)
    # the sendings are in order: each window is found by bisection, not by comparing them all
    by_due = int(sent.searchsorted(due, side="right"))               # sendings up to the deadline
    by_start = by_due if pd.isna(start) else int(sent.searchsorted(start, side="right"))
    if by_due > by_start:                                             # one in (start, due]
        return ON_TIME, sent.iloc[by_due - 1]
    if by_due < len(sent):                                            # the first after the deadline
        first_after = sent.iloc[by_due]
        in_window = due_row["kind"] != CYCLE or first_after <= due + due_row["grace"]
        if in_window and first_after <= as_of_end:
            return LATE, first_after
    return MISSING, None


def _plan_status(unit_id: str, registrations: pd.DataFrame, due: pd.Timestamp):
    mine = registrations[registrations["unit_id"] == unit_id]
    if mine.empty:
        return MISSING, None
    dated = mine["sent_at"].dropna()
    if dated.empty:
        return UNDATED, None
    first = dated.min()
    return (ON_TIME if first <= due else LATE), first


def reporting_compliance(plan: Plan, units: pd.DataFrame, reports: pd.DataFrame, registrations: pd.DataFrame,
                         as_of: dt.date) -> pd.DataFrame:
    """One row per unit and required report due by `as_of` (reporting.csv)."""
    required = required_reports(plan, as_of)
    sent = sendings(reports, as_of)
    known_registrations = registrations[known_by(registrations, as_of)]
    by_unit = {u: g["sent_at"].reset_index(drop=True) for u, g in sent.groupby("unit_id")}
    registrations_by_unit = {u: g for u, g in known_registrations.groupby("unit_id")}
    no_registrations = known_registrations.iloc[0:0]
    empty = pd.Series([], dtype="datetime64[ns]")
    required_rows = required.to_dict("records")
    as_of_end = end_of(as_of)
    rows = []
    for unit in units.itertuples(index=False):
        unit_sent = by_unit.get(unit.unit_id, empty)
        for due_row in required_rows:
            if due_row["kind"] == "plan":
                status, when = _plan_status(unit.unit_id, registrations_by_unit.get(unit.unit_id, no_registrations),
                                            due_row["due"])
            else:
                status, when = _assess(due_row, unit_sent, as_of_end)
            late_hours = (when - due_row["due"]).total_seconds() / 3600 if status == LATE else None
            rows.append({"unit_id": unit.unit_id, "unit_name": unit.name, "report_id": due_row["report_id"],
                         "report_name": due_row["report_name"], "due": due_row["due"], "sent_at": when,
                         "status": status, "status_label": STATUS_LABELS[status], "late_hours": late_hours,
                         "late_by": _late_by(late_hours) if late_hours is not None else ""})
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["late_hours"] = pd.to_numeric(table["late_hours"]).round(1)
    return table


def compliance_by_unit(compliance: pd.DataFrame) -> pd.DataFrame:
    """Per unit: how many required reports were on time, late, missing."""
    counts = pd.crosstab([compliance["unit_id"], compliance["unit_name"]], compliance["status"])
    counts = counts.reindex(columns=[ON_TIME, LATE, MISSING, UNDATED], fill_value=0).reset_index()
    return counts.sort_values([MISSING, LATE, "unit_id"], ascending=[False, False, True]).reset_index(drop=True)


def compliance_by_report(compliance: pd.DataFrame) -> pd.DataFrame:
    """Per required report (in order of its deadline): how many units sent it on time, late,
    not at all, or without a date, out of `units`."""
    columns = ["report_id", "report_name", "due", ON_TIME, LATE, MISSING, UNDATED, "units"]
    if compliance.empty:
        return pd.DataFrame(columns=columns)
    keys = ["report_id", "report_name", "due"]
    counts = pd.crosstab([compliance[k] for k in keys], compliance["status"])
    counts = counts.reindex(columns=[ON_TIME, LATE, MISSING, UNDATED], fill_value=0)
    counts["units"] = counts.sum(axis=1)
    table = counts.reset_index().sort_values(["due", "report_id"], kind="stable")
    table.columns.name = None
    return table[columns].reset_index(drop=True)


def reminders(compliance: pd.DataFrame) -> pd.DataFrame:
    """The reminder list: unit, what is missing, since when. Unit names only, never contacts."""
    missing = compliance[compliance["status"] == MISSING]
    rows = []
    for (unit_id, unit_name), group in missing.groupby(["unit_id", "unit_name"], sort=True):
        group = group.sort_values("due")
        rows.append({"unit_id": unit_id, "unit_name": unit_name, "missing_count": len(group),
                     "missing": "; ".join(group["report_name"]),
                     "since": group["due"].iloc[0]})
    table = pd.DataFrame(rows, columns=["unit_id", "unit_name", "missing_count", "missing", "since"])
    ordered = table.sort_values(["missing_count", "since", "unit_id"], ascending=[False, True, True])
    return ordered.reset_index(drop=True)


def compliance_matrix(compliance: pd.DataFrame) -> pd.DataFrame:
    """One row per unit, one column per required report (in order of their deadlines): the status."""
    matrix = compliance.pivot(index=["unit_id", "unit_name"], columns="report_id", values="status_label")
    order = list(dict.fromkeys(compliance.sort_values("due")["report_id"]))
    result = matrix[order].reset_index()
    result.columns.name = None
    return result


def late_reports(compliance: pd.DataFrame) -> pd.DataFrame:
    """The reports sent late, latest first."""
    late = compliance[compliance["status"] == LATE].sort_values("late_hours", ascending=False)
    return late[["unit_name", "report_name", "due", "sent_at", "late_by"]].reset_index(drop=True)
