"""Indicators against targets: the as-of view, the pace model, each status, the forecast, the
contributions, the chart. Figures are computed by hand in the comments."""

from __future__ import annotations

import datetime as dt
import math

import matplotlib.figure
import pandas as pd
import pytest

from campaignkit.analyses.as_of import activities_as_of
from campaignkit.analyses.indicators import (
    STATUS_COLUMNS,
    behind_summary,
    indicator_contributions,
    indicator_status,
    pace_detail,
    pace_fraction,
    pace_sentence,
)
from campaignkit.intake import load_campaign
from campaignkit.render.charts.indicators import indicator_bars
from conftest import report_header, report_row, write_xlsx

NAN = float("nan")


def activity(unit="BVDK", held="2024-06-15", commune="Trường Xuân", district="Thới Lai", status="counted",
             **figures) -> dict:
    return {"unit_id": unit, "program_id": "P2", "held_on": pd.Timestamp(held), "commune": commune,
            "district": district, "status": status, **figures}


def frame(plan, *rows) -> pd.DataFrame:
    table = pd.DataFrame(list(rows))
    table["funds"] = 0.0
    for indicator in plan.indicator_ids():
        values = table[indicator] if indicator in table else pd.Series(NAN, index=table.index)
        table[indicator] = pd.to_numeric(values, errors="coerce").astype("float64")
    return table


def by_id(status: pd.DataFrame) -> pd.DataFrame:
    return status.set_index("indicator_id")


# --- the pace model ------------------------------------------------------------------------

def test_expected_by_as_of_weights_the_peak_month(plan):
    # June 30 days × 1 + July 31 × 1.5 + August 31 × 1 = 107.5 weighted days.
    # As of 10/7: 30 + 10 × 1.5 = 45 → 45/107.5 of each target.
    assert plan.pace.peak_month_weight == 1.5 and plan.campaign.peak_month == 7
    assert pace_fraction(plan, dt.date(2024, 7, 10)) == pytest.approx(45 / 107.5)
    status = by_id(indicator_status(plan, frame(plan, activity(CT01=1)), dt.date(2024, 7, 10)))
    assert status.loc["CT04", "expected_by_as_of"] == pytest.approx(418.60)   # 1000 × 45/107.5 = 418.604…
    assert status.loc["CT01", "expected_by_as_of"] == pytest.approx(837.21)   # 2000 × 45/107.5 = 837.209…
    assert status.loc["CT05a", "expected_by_as_of"] == pytest.approx(2.09)    # 5 × 45/107.5 = 2.093…


def test_pace_edges_and_the_weight_comes_from_the_plan(plan):
    assert pace_fraction(plan, plan.campaign.start) == pytest.approx(1 / 107.5)
    assert pace_fraction(plan, plan.campaign.end) == 1.0
    assert pace_fraction(plan, plan.campaign.start - dt.timedelta(days=3)) == 0.0
    flat = plan.model_copy(update={"pace": plan.pace.model_copy(update={"peak_month_weight": 1.0})})
    assert pace_fraction(flat, dt.date(2024, 7, 10)) == pytest.approx(40 / 92)


def test_pace_sentence_is_the_plan_wording(plan):
    sentence = pace_sentence(plan)
    assert sentence.startswith("Số dự kiến đạt đến một ngày")
    assert "tháng cao điểm" in sentence and "1,5" in sentence and sentence.endswith(".")
    assert pace_detail(plan, dt.date(2024, 6, 23)) == (
        "Đến ngày 23/06/2024 đã qua 23/107,5 ngày chiến dịch quy đổi, nên số dự kiến bằng 21,4% chỉ tiêu.")


# --- the as-of view ------------------------------------------------------------------------

def test_as_of_counts_what_was_held_and_sent_by_then_latest_version(campaign_dir, indicator_headers, plan):
    trees = indicator_headers[3]  # CT04 Cây xanh trồng mới
    rows = [
        # A: held 15/6, sent 22/6 → counted as of 23/6
        report_row(indicator_headers, sent="22/06/2024", held="15/06/2024", activity="A", figures={trees: 100}),
        # B: held 20/6 but sent 25/6 → not counted as of 23/6, counted as of 30/6
        report_row(indicator_headers, sent="25/06/2024", held="20/06/2024", activity="B", figures={trees: 50}),
        # C: sent 15/6 with 30, corrected on 20/6 to 40 → 40 as of 23/6
        report_row(indicator_headers, sent="15/06/2024", held="10/06/2024", activity="C", figures={trees: 30}),
        report_row(indicator_headers, sent="20/06/2024", held="10/06/2024", activity="C", figures={trees: 40}),
        # D: sent 16/6 with 70, corrected on 28/6 to 90 → 70 as of 23/6, 90 as of 30/6
        report_row(indicator_headers, sent="16/06/2024", held="12/06/2024", activity="D", figures={trees: 70}),
        report_row(indicator_headers, sent="28/06/2024", held="12/06/2024", activity="D", figures={trees: 90}),
    ]
    write_xlsx(campaign_dir / "bao_cao" / "BVDK.xlsx", {"Tuần": [report_header(indicator_headers), *rows]})
    campaign = load_campaign(campaign_dir)

    early = by_id(indicator_status(plan, activities_as_of(campaign, dt.date(2024, 6, 23)), dt.date(2024, 6, 23)))
    assert early.loc["CT04", "actual"] == 100 + 40 + 70
    assert early.loc["CT04", "rows"] == 3
    later = by_id(indicator_status(plan, activities_as_of(campaign, dt.date(2024, 6, 30)), dt.date(2024, 6, 30)))
    assert later.loc["CT04", "actual"] == 100 + 50 + 40 + 90
    assert later.loc["CT04", "rows"] == 4


def test_merged_versions_passed_in_are_not_counted_twice(plan):
    activities = frame(plan, activity(CT04=30, status="merged"), activity(CT04=40))
    assert by_id(indicator_status(plan, activities, dt.date(2024, 6, 23))).loc["CT04", "actual"] == 40


# --- statuses ------------------------------------------------------------------------------

def test_each_status(plan):
    # As of 23/6 the pace is 23/107.5: expected CT01 = 427.91, CT04 = 213.95, CT05a = 1.07.
    activities = frame(plan,
                       activity(CT01=300, CT02=1, CT04=60, CT05a=0),
                       activity(held="2024-06-20", CT01=200, CT04=40))
    status = indicator_status(plan, activities, dt.date(2024, 6, 23))
    assert list(status.columns[:len(STATUS_COLUMNS)]) == STATUS_COLUMNS
    assert list(status["indicator_id"]) == plan.indicator_ids()
    table = by_id(status)
    assert table.loc["CT01", ["actual", "expected_by_as_of", "status"]].tolist() == [500, 427.91, "on_track"]
    assert table.loc["CT04", ["actual", "expected_by_as_of", "status"]].tolist() == [100, 213.95, "behind"]
    assert table.loc["CT02", ["actual", "percent_of_target", "status"]].tolist() == [1, 100.0, "met"]
    assert table.loc["CT03", ["actual", "rows", "status"]].tolist() == [0, 0, "no_data"]
    # a 0 written is a figure: behind, not no_data
    assert table.loc["CT05a", ["actual", "rows", "status"]].tolist() == [0, 1, "behind"]
    assert table.loc["CT01", "percent_of_target"] == 25.0
    assert set(status["status"]) <= {"met", "on_track", "behind", "no_data"}


def test_no_activity_at_all_is_no_data_everywhere(plan):
    status = indicator_status(plan, frame(plan, activity()).iloc[0:0], dt.date(2024, 6, 23))
    assert (status["status"] == "no_data").all() and (status["actual"] == 0).all()


# --- forecast ------------------------------------------------------------------------------

def test_forecast_from_the_last_two_weeks(plan):
    # As of 23/6: window 10/6–23/6 holds 140 (the 100 of 5/6 is older) → 70 a week.
    # Weeks remaining: 24/6–31/8 = 69 days = 69/7 weeks → forecast 240 + 70 × 69/7 = 930.
    activities = frame(plan, activity(held="2024-06-05", CT04=100), activity(held="2024-06-20", CT04=140))
    table = by_id(indicator_status(plan, activities, dt.date(2024, 6, 23)))
    assert table.loc["CT04", "weekly_rate_recent"] == 70
    assert table.loc["CT04", "forecast_end"] == pytest.approx(930)
    assert table.loc["CT04", "weekly_rate_needed"] == pytest.approx(77.10)    # 760 / (69/7) = 77.101…
    # a one-week window: 17/6–23/6 holds 140 → 140 a week → 240 + 140 × 69/7 = 1620
    week = by_id(indicator_status(plan, activities, dt.date(2024, 6, 23), recent_days=7))
    assert week.loc["CT04", "forecast_end"] == pytest.approx(1620)


def test_forecast_window_is_cut_at_the_campaign_start(plan):
    # As of 7/6 only 7 campaign days have passed: 70 in 7 days is 70 a week, not 35.
    activities = frame(plan, activity(held="2024-06-03", CT04=70))
    table = by_id(indicator_status(plan, activities, dt.date(2024, 6, 7)))
    assert table.loc["CT04", "weekly_rate_recent"] == 70


def test_no_week_left(plan):
    activities = frame(plan, activity(held="2024-08-30", CT04=500, CT02=2))
    table = by_id(indicator_status(plan, activities, plan.campaign.end))
    assert table.loc["CT04", "forecast_end"] == 500
    assert math.isnan(table.loc["CT04", "weekly_rate_needed"])   # not met, no week left
    assert table.loc["CT02", "weekly_rate_needed"] == 0          # met
    assert table.loc["CT04", "expected_by_as_of"] == 1000


# --- behind, contributions -----------------------------------------------------------------

def test_behind_sentence(plan):
    # As of 23/7: 30 + 23 × 1.5 = 64.5 = 0.6 × 107.5 → 600 trees expected; 420 planted.
    activities = frame(plan, activity(held="2024-07-01", CT04=300, CT01=1500),
                       activity(held="2024-07-20", CT04=120))
    status = indicator_status(plan, activities, dt.date(2024, 7, 23))
    behind = behind_summary(status)
    trees = behind.set_index("indicator_id").loc["CT04"]
    assert trees["shortfall"] == 180
    assert trees["sentence"] == "Cây xanh trồng mới: 420/1.000 cây, chậm 180 cây so với tiến độ"
    assert "CT01" not in set(behind["indicator_id"])      # 1500 ≥ 1200: on track
    assert "CT03" not in set(behind["indicator_id"])      # no data is not 'behind'
    assert behind_summary(status[status["status"] != "behind"]).empty


@pytest.mark.parametrize("by", ["unit_id", "commune"])
def test_contributions_add_up_to_the_actuals(plan, by):
    activities = frame(plan,
                       activity(unit="BVDK", CT01=100, CT04=50),
                       activity(unit="BVDK", commune="Xuân Khánh", district="Ninh Kiều", CT01=20, CT05a=2.5),
                       activity(unit="SLDTBXH", commune=None, district=None, CT01=30, CT10=12),
                       activity(unit="SLDTBXH", CT04=5, status="merged"))
    status = by_id(indicator_status(plan, activities, dt.date(2024, 6, 30)))
    table = indicator_contributions(plan, activities, by=by)
    total = table.iloc[-1]
    assert total[by] == "Tổng cộng" and total["activities"] == 3
    for indicator in plan.indicator_ids():
        assert total[indicator] == pytest.approx(status.loc[indicator, "actual"]), indicator
        assert table.iloc[:-1][indicator].sum() == pytest.approx(total[indicator])
    if by == "commune":
        assert "Không rõ xã/phường" in set(table["commune"])
    else:
        assert table.set_index("unit_id").loc["BVDK", "CT01"] == 120
    assert len(indicator_contributions(plan, activities, by=by, total=False)) == len(table) - 1


# --- chart ---------------------------------------------------------------------------------

def test_indicator_bars_is_a_vietnamese_figure(plan, tmp_path):
    activities = frame(plan, activity(CT01=300, CT02=1, CT04=60), activity(held="2024-06-20", CT01=200))
    status = indicator_status(plan, activities, dt.date(2024, 6, 23))
    figure = indicator_bars(status)
    assert isinstance(figure, matplotlib.figure.Figure)
    axes = figure.axes[0]
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert {"Đạt", "Đúng tiến độ", "Chậm", "Dự kiến theo tiến độ"} <= set(legend)
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert "CT04 · Cây xanh trồng mới" in labels
    assert axes.get_xlabel() == "Tỷ lệ so với chỉ tiêu (%)"
    hatches = {p.get_hatch() for p in axes.patches}
    assert "////" in hatches                          # behind carries a hatch, not a hue
    without = (status["status"] == "no_data").sum()
    assert without and len(axes.patches) == len(status) - without  # no data: no bar, whose length would read
    assert sum(t.get_text().startswith("Chưa có số liệu") for t in axes.texts) == without
    path = tmp_path / "chi_tieu.png"
    figure.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
