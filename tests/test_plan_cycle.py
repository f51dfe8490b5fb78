"""The reporting cycle is plan data: weekly (the 2024 plan: Saturday 17:00) or monthly (the 2025
plan: the 25th at 17:00); its deadlines, periods, compliance windows, the rule sentences the
reports print and the schedule's rows all follow the plan."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaignkit.analyses.compliance import reporting_compliance, required_reports, rule_sentences
from campaignkit.analyses.schedule import plan_items
from campaignkit.paths import PLANS_DIR
from campaignkit.plan import Plan, load_plan
from campaignkit.plan.deadlines import cycle_deadlines, cycle_rhythm

D = dt.date
T = pd.Timestamp


@pytest.fixture(scope="module")
def weekly() -> Plan:
    return load_plan(PLANS_DIR / "ky-nghi-hong-2024.yaml")


@pytest.fixture(scope="module")
def monthly() -> Plan:
    return load_plan(PLANS_DIR / "ky-nghi-hong-2025.yaml")


def with_cycle(plan: Plan, **cycle) -> Plan:
    data = plan.model_dump()
    data["reporting"]["cycle"].update(cycle)
    return Plan.model_validate(data)


def test_weekly_deadlines(weekly):
    deadlines = cycle_deadlines(weekly)
    assert [d.id for d in deadlines] == [f"tuan{n:02d}" for n in range(1, 14)]
    assert deadlines[0].due == dt.datetime(2024, 6, 8, 17, 0) and deadlines[-1].day == D(2024, 8, 31)
    assert deadlines[2].name == "tuần 3" and cycle_rhythm(weekly) == "17h00 thứ bảy hằng tuần"


def test_monthly_deadlines_and_the_shorter_months(monthly):
    assert [(d.id, d.day) for d in cycle_deadlines(monthly)] == [("thang06", D(2025, 6, 25)),
                                                                ("thang07", D(2025, 7, 25))]
    assert cycle_rhythm(monthly) == "17h00 ngày 25 hằng tháng"
    last_day = with_cycle(monthly, day=31, first=D(2025, 5, 31), last=D(2025, 8, 31))
    assert [d.day for d in cycle_deadlines(last_day)] == [D(2025, 5, 31), D(2025, 6, 30), D(2025, 7, 31),
                                                         D(2025, 8, 31)]


def test_the_rule_sentences_follow_the_cycle(weekly, monthly):
    assert rule_sentences(weekly)[1] == ("Báo cáo tuần hạn 17h00 thứ bảy hằng tuần: đúng hạn nếu gửi trong 4 ngày "
                                         "trước hạn, trễ nếu gửi trong 3 ngày sau hạn, còn lại là chưa gửi.")
    sentence = rule_sentences(monthly)[1]
    assert sentence.startswith("Báo cáo tháng hạn 17h00 ngày 25 hằng tháng:")
    assert "thứ bảy" not in sentence.lower() and "tuần" not in sentence


def test_monthly_windows(monthly):
    required = required_reports(monthly, D(2025, 8, 20)).set_index("report_id")
    july = required.loc["thang07"]
    assert july["due"] == T("2025-07-25 17:00") and july["window_start"] == T("2025-06-28 17:00")
    assert required.loc["thang06", "window_start"] == T("2025-05-28 17:00")     # a month before, plus the grace
    assert list(required.index) == ["ke_hoach", "thang06", "dot1", "thang07", "tong_ket"]


def _units() -> pd.DataFrame:
    return pd.DataFrame({"unit_id": ["A", "B", "C"], "name": ["Đơn vị A", "Đơn vị B", "Đơn vị C"]})


def _sent(unit: str, when: str) -> dict:
    return {"unit_id": unit, "sent_at": T(when), "held_on": T(when).normalize(), "sent_date_assumed": False,
            "status": "counted"}


def test_monthly_compliance(monthly):
    reports = pd.DataFrame([_sent("A", "2025-06-25 09:00"),     # June on time
                            _sent("A", "2025-07-26 08:00"),     # July a day late
                            _sent("B", "2025-06-27 10:00"),     # June late (within the 3 days' grace)
                            _sent("B", "2025-07-01 10:00"),     # … then July on time, well before its deadline
                            _sent("C", "2025-07-30 10:00")])    # July: after the grace, missing
    registrations = pd.DataFrame(columns=["unit_id", "sent_at", "status"])
    table = reporting_compliance(monthly, _units(), reports, registrations, D(2025, 7, 31))
    status = table.pivot(index="unit_id", columns="report_id", values="status")
    assert status.loc["A", "thang06"] == "on_time" and status.loc["A", "thang07"] == "late"
    assert status.loc["B", "thang06"] == "late" and status.loc["B", "thang07"] == "on_time"
    assert status.loc["C", "thang07"] == "missing"
    assert table.loc[table["report_id"] == "thang07", "report_name"].iloc[0] == "Báo cáo tháng 7 (25/07/2025)"


def test_the_schedule_shows_the_cycle(weekly, monthly):
    weeks = plan_items(weekly)
    assert (weeks["kind"] == "weekly_report_due").sum() == 13 and (weeks["kind"] == "monthly_report_due").sum() == 0
    months = plan_items(monthly)
    rows = months[months["kind"] == "monthly_report_due"]
    assert list(rows["label"]) == ["Hạn báo cáo tháng 6 (thứ tư)", "Hạn báo cáo tháng 7 (thứ sáu)"]
    assert set(rows["time"]) == {"17:00"}
