"""The plan's key targets (chỉ tiêu) against what the units reported, as of a date.

Definitions (every one from the plan object, nothing of a given year here):

- `actual`: the sum of the indicator's column over the activities given. The caller passes
  the activities counted as of the date (`as_of.activities_as_of`); earlier versions of a
  re-reported activity (status 'merged') are dropped here too, so each activity counts once.
- `expected_by_as_of` (the plan's pace model `proportional_days`): target × weighted campaign
  days elapsed up to and including `as_of` ÷ weighted campaign days, where every day of
  `plan.campaign.peak_month` weighs `plan.pace.peak_month_weight` and every other day 1.
- `status`: 'met' when actual ≥ target; 'no_data' when no activity wrote a figure for the
  indicator (every cell blank); 'on_track' when actual ≥ expected_by_as_of; else 'behind'.
  Status is decided on the rounded figures the table shows, so the table never contradicts itself.
- `weekly_rate_recent`: the sum over activities held in the last `recent_days` days up to and
  including `as_of` (default 14), per week (÷ 2 for 14 days). Early in the campaign the window
  is cut at the campaign's first day, and the rate is over the days actually elapsed.
- `forecast_end` = actual + weekly_rate_recent × weeks remaining, weeks remaining being the days
  after `as_of` up to the campaign's last day ÷ 7 (0 once the campaign is over).
- `weekly_rate_needed` = max(0, target − actual) ÷ weeks remaining; 0 when the target is met,
  NaN when the target is not met and no week remains (it can no longer be caught up).
- `rows`: activities that wrote a figure for the indicator (a written 0 included), so
  'no_data' ⇔ rows == 0.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from ..errors import UsageError
from ..intake.status import counted
from ..plan.schema import Indicator, Plan
from ..text import format_number, nfc, text_column
from .focus import UNKNOWN_COMMUNE

STATUS_COLUMNS = ["indicator_id", "name", "unit", "target", "actual", "expected_by_as_of",
                  "percent_of_target", "status", "forecast_end"]
EXTRA_COLUMNS = ["weekly_rate_recent", "weekly_rate_needed", "rows"]
STATUSES = ("met", "on_track", "behind", "no_data")
STATUS_LABELS = {"met": "Đạt", "on_track": "Đúng tiến độ", "behind": "Chậm", "no_data": "Chưa có số liệu"}
RECENT_DAYS = 14
DECIMALS = 2
TOTAL_LABEL = "Tổng cộng"


def figure_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A numeric column of `frame`, all blank when the column is absent."""
    if name not in frame:
        return pd.Series(float("nan"), index=frame.index, dtype="float64")
    return pd.to_numeric(frame[name], errors="coerce").astype("float64")


# --- the pace model ------------------------------------------------------------------------

def _as_date(value) -> dt.date:
    return pd.Timestamp(value).date()


def day_weights(plan: Plan) -> pd.Series:
    """One weight per campaign day: the peak month's days weigh `peak_month_weight`, others 1."""
    days = pd.date_range(plan.campaign.start, plan.campaign.end, freq="D")
    weights = [plan.pace.peak_month_weight if day.month == plan.campaign.peak_month else 1.0 for day in days]
    return pd.Series(weights, index=days, name="weight")


def pace_fraction(plan: Plan, as_of) -> float:
    """Weighted campaign days elapsed up to and including `as_of` ÷ all weighted campaign days."""
    weights = day_weights(plan)
    elapsed = weights[weights.index <= pd.Timestamp(_as_date(as_of))].sum()
    return float(elapsed / weights.sum())


def pace_sentence(plan: Plan) -> str:
    """The one sentence stating the pace model, for the report (the plan's own wording)."""
    sentence = nfc(plan.pace.description)
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def pace_detail(plan: Plan, as_of) -> str:
    """The pace at one date in figures: '… 23/107,5 ngày quy đổi (21,4% chỉ tiêu).'"""
    weights = day_weights(plan)
    elapsed = weights[weights.index <= pd.Timestamp(_as_date(as_of))].sum()
    share = 100 * pace_fraction(plan, as_of)
    return (f"Đến ngày {_as_date(as_of):%d/%m/%Y} đã qua {format_number(round(elapsed, 1))}/"
            f"{format_number(round(weights.sum(), 1))} ngày chiến dịch quy đổi, nên số dự kiến bằng "
            f"{format_number(round(share, 1))}% chỉ tiêu.")


def weeks_remaining(plan: Plan, as_of) -> float:
    """Days after `as_of` up to the campaign's last day, in weeks (never negative)."""
    days = (plan.campaign.end - _as_date(as_of)).days
    return max(0, days) / 7


def recent_window(plan: Plan, as_of, recent_days: int = RECENT_DAYS) -> tuple[dt.date, dt.date]:
    """First and last day of the recent window: `recent_days` days ending on `as_of`,
    cut at the campaign's first day."""
    last = _as_date(as_of)
    first = max(plan.campaign.start, last - dt.timedelta(days=recent_days - 1))
    return first, last


# --- the status table ----------------------------------------------------------------------

def _rounded(value: float) -> float:
    return round(float(value), DECIMALS) if not math.isnan(value) else value


def _status(actual: float, expected: float, target: float, rows: int) -> str:
    if actual >= target:
        return "met"
    if rows == 0:
        return "no_data"
    if actual >= expected:
        return "on_track"
    return "behind"


def _recent_rate(values: pd.Series, held_on: pd.Series, window: tuple[dt.date, dt.date]) -> float:
    first, last = window
    days = (last - first).days + 1
    if days <= 0:
        return 0.0
    inside = (held_on >= pd.Timestamp(first)) & (held_on <= pd.Timestamp(last))
    return float(values[inside].sum()) / (days / 7)


def _needed_rate(target: float, actual: float, weeks: float) -> float:
    shortfall = max(0.0, target - actual)
    if shortfall == 0:
        return 0.0
    if weeks == 0:
        return float("nan")
    return shortfall / weeks


def _indicator_row(indicator: Indicator, activities: pd.DataFrame, fraction: float, weeks: float,
                   window: tuple[dt.date, dt.date]) -> dict:
    values = figure_column(activities, indicator.id)
    held_on = pd.to_datetime(activities.get("held_on", pd.Series(pd.NaT, index=activities.index)))
    actual = _rounded(values.sum())
    expected = _rounded(indicator.target * fraction)
    rows = int(values.notna().sum())
    rate = _rounded(_recent_rate(values, held_on, window))
    return {
        "indicator_id": indicator.id,
        "name": indicator.name,
        "unit": indicator.unit,
        "target": float(indicator.target),
        "actual": actual,
        "expected_by_as_of": expected,
        "percent_of_target": round(100 * actual / indicator.target, 1),
        "status": _status(actual, expected, indicator.target, rows),
        "forecast_end": _rounded(actual + rate * weeks),
        "weekly_rate_recent": rate,
        "weekly_rate_needed": _rounded(_needed_rate(indicator.target, actual, weeks)),
        "rows": rows,
    }


def indicator_status(plan: Plan, activities: pd.DataFrame, as_of, recent_days: int = RECENT_DAYS) -> pd.DataFrame:
    """One row per indicator of the plan (its order): indicator_status.csv. See the module doc."""
    activities = counted(activities)
    fraction = pace_fraction(plan, as_of)
    weeks = weeks_remaining(plan, as_of)
    window = recent_window(plan, as_of, recent_days)
    rows = [_indicator_row(i, activities, fraction, weeks, window) for i in plan.indicators]
    return pd.DataFrame(rows, columns=[*STATUS_COLUMNS, *EXTRA_COLUMNS])


# --- who contributed -----------------------------------------------------------------------

def _commune_labels(activities: pd.DataFrame) -> pd.DataFrame:
    communes = text_column(activities, "commune")
    return pd.DataFrame({"commune": communes.where(communes != "", UNKNOWN_COMMUNE),
                         "district": text_column(activities, "district")}, index=activities.index)


def indicator_contributions(plan: Plan, activities: pd.DataFrame, by: str = "unit_id",
                            total: bool = True) -> pd.DataFrame:
    """Each indicator summed per unit (`by="unit_id"`) or per commune (`by="commune"`, with its
    district; activities without a commune under 'Không rõ xã/phường'), with `activities` (number of
    activities) and, when `total`, a last row 'Tổng cộng' whose figures equal the indicator actuals."""
    if by not in ("unit_id", "commune"):
        raise UsageError(f"indicator_contributions(by=…) nhận 'unit_id' hoặc 'commune', không nhận {by!r}")
    activities = counted(activities)
    ids = plan.indicator_ids()
    keys = ["unit_id"] if by == "unit_id" else ["commune", "district"]
    frame = pd.DataFrame({name: figure_column(activities, name) for name in ids}, index=activities.index)
    if by == "unit_id":
        frame.insert(0, "unit_id", activities["unit_id"].fillna("").astype(str))
    else:
        frame = pd.concat([_commune_labels(activities), frame], axis=1)
    frame.insert(len(keys), "activities", 1)
    table = frame.groupby(keys, as_index=False, sort=True).sum(min_count=0)
    table["activities"] = table["activities"].astype(int)
    if not total:
        return table.reset_index(drop=True)
    sums = {name: table[name].sum() for name in ["activities", *ids]}
    labels = {keys[0]: TOTAL_LABEL, **({"district": ""} if by == "commune" else {})}
    return pd.concat([table, pd.DataFrame([{**labels, **sums}])], ignore_index=True)


# --- what is behind ------------------------------------------------------------------------

def target_of(indicator_id: str) -> str:
    """The plan's target an indicator belongs to: CT05a and CT05b are the two parts of CT05."""
    return indicator_id.rstrip("abcdefghijklmnopqrstuvwxyz")


def _behind_sentence(row) -> str:
    # counted things (people, ideas, houses) are whole in a sentence; measured ones (km) keep a decimal
    whole = float(row["actual"]).is_integer() and float(row["target"]).is_integer()
    shortfall = format_number(math.floor(row["shortfall"] + 0.5)) if whole else format_number(row["shortfall"], 1)
    return (f"{row['name']}: {format_number(row['actual'])}/{format_number(row['target'])} {row['unit']}, "
            f"chậm {shortfall} {row['unit']} so với tiến độ")


def behind_summary(status: pd.DataFrame) -> pd.DataFrame:
    """The indicators behind the pace, the shortfall against the expected figure (largest share
    of its target first) and one Vietnamese sentence each:
    'Cây xanh trồng mới: 420/1.000 cây, chậm 180 cây so với tiến độ'."""
    behind = status[status["status"] == "behind"].copy()
    columns = ["indicator_id", "name", "unit", "target", "actual", "expected_by_as_of", "shortfall", "sentence"]
    if behind.empty:
        return pd.DataFrame(columns=columns)
    behind["shortfall"] = (behind["expected_by_as_of"] - behind["actual"]).round(DECIMALS)
    behind["sentence"] = behind.apply(_behind_sentence, axis=1)
    share = behind["shortfall"] / behind["target"]
    behind = behind.assign(_share=share).sort_values("_share", ascending=False, kind="stable")
    return behind[columns].reset_index(drop=True)
