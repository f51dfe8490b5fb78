"""Reporting compliance: hand-built sendings against the plan's deadlines."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from campaignkit.analyses.compliance import (
    LATE,
    MISSING,
    ON_TIME,
    UNDATED,
    reminders,
    reporting_compliance,
    required_reports,
)

UNITS = pd.DataFrame({"unit_id": ["A", "B", "C"], "name": ["Đơn vị A", "Đơn vị B", "Đơn vị C"]})


def _reports(*sent: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"unit_id": [u for u, _ in sent],
                         "sent_at": pd.to_datetime([s for _, s in sent], format="ISO8601"), "sent_date_assumed": False})


def _registrations(*sent: tuple[str, str | None]) -> pd.DataFrame:
    return pd.DataFrame({"unit_id": [u for u, _ in sent],
                         "sent_at": pd.to_datetime([s for _, s in sent], format="ISO8601")})


def _status(table, unit, report):
    row = table[(table["unit_id"] == unit) & (table["report_id"] == report)].iloc[0]
    return row["status"], row["late_by"]


def test_only_reports_due_by_the_date_are_assessed(plan):
    due = required_reports(plan, dt.date(2024, 6, 23))
    assert due["report_id"].tolist() == ["tuan01", "tuan02", "ke_hoach", "tuan03", "dot1"]
    assert due.loc[due["report_id"] == "tuan02", "due"].iloc[0] == pd.Timestamp(2024, 6, 15, 17, 0)


def test_saturday_17_00_boundary(plan):
    reports = _reports(("A", "2024-06-15 16:59"), ("B", "2024-06-15 17:01"), ("C", "2024-06-15"))
    table = reporting_compliance(plan, UNITS, reports, _registrations(), dt.date(2024, 6, 15))
    assert _status(table, "A", "tuan02") == (ON_TIME, "")
    assert _status(table, "B", "tuan02")[0] == LATE
    assert table.loc[(table["unit_id"] == "B") & (table["report_id"] == "tuan02"), "late_hours"].iloc[0] == 0.0
    assert _status(table, "C", "tuan02") == (ON_TIME, "")  # a date without a time: start of that day


def test_late_by_how_long_and_each_sending_serves_one_week(plan):
    reports = _reports(("A", "2024-06-16 09:00"))  # Sunday: late for week 2, not on time for week 3
    table = reporting_compliance(plan, UNITS, reports, _registrations(), dt.date(2024, 6, 22))
    assert _status(table, "A", "tuan02") == (LATE, "16 giờ")
    assert _status(table, "A", "tuan03")[0] == MISSING
    assert _status(table, "A", "tuan01")[0] == MISSING


def test_a_late_report_sent_after_the_as_of_date_is_missing(plan):
    reports = _reports(("A", "2024-06-16 09:00"))
    table = reporting_compliance(plan, UNITS, reports, _registrations(), dt.date(2024, 6, 15))
    assert _status(table, "A", "tuan02")[0] == MISSING


def test_phase_report_and_plan(plan):
    reports = _reports(("A", "2024-06-22 10:00"), ("B", "2024-06-25 08:00"))
    registrations = _registrations(("A", "2024-06-10"), ("B", "2024-06-17"), ("C", None))
    table = reporting_compliance(plan, UNITS, reports, registrations, dt.date(2024, 6, 30))
    assert _status(table, "A", "dot1")[0] == ON_TIME
    assert _status(table, "B", "dot1") == (LATE, "1 ngày 8 giờ")
    assert _status(table, "A", "ke_hoach")[0] == ON_TIME
    assert _status(table, "B", "ke_hoach")[0] == LATE
    assert _status(table, "C", "ke_hoach")[0] == UNDATED


def test_reminders_name_units_and_since_when(plan):
    reports = _reports(("A", "2024-06-08 10:00"), ("A", "2024-06-15 10:00"))
    table = reporting_compliance(plan, UNITS, reports, _registrations(("A", "2024-06-01")), dt.date(2024, 6, 15))
    reminder = reminders(table)
    assert reminder["unit_id"].tolist() == ["B", "C"]
    assert reminder.iloc[0]["missing_count"] == 3  # week 1, the plan, week 2
    assert reminder.iloc[0]["since"] == pd.Timestamp(2024, 6, 8, 17, 0)
    assert "Báo cáo tuần 1" in reminder.iloc[0]["missing"]
    assert set(reminder.columns) == {"unit_id", "unit_name", "missing_count", "missing", "since"}
