"""Reporting periods, all derived from the plan: the phase reports (dot1, dot2, tongket) and
one weekly period per reporting Saturday; and the as-of view of a campaign's tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .clean import COUNTED, Campaign
from .plan import Plan
from .text import format_date

WEEKLY_PREFIX = "tuan"


class PeriodError(ValueError):
    """An unknown period or an as-of date the campaign cannot answer for."""


@dataclass(frozen=True)
class Period:
    id: str
    label: str
    as_of: dt.date
    kind: str            # "phase" or "weekly"
    due: dt.datetime     # when the units' report for this period is due


def _due(fact) -> dt.datetime:
    return dt.datetime.combine(fact.date, fact.time or dt.time(23, 59, 59))


def phase_periods(plan: Plan) -> list[Period]:
    return [Period(r.period, f"{r.period_label or r.name} (số liệu đến {format_date(r.due.date)})", r.due.date,
                   "phase", _due(r.due))
            for r in plan.reporting.reports if r.period]


def weekly_periods(plan: Plan) -> list[Period]:
    weekly = plan.reporting.weekly
    days, day = [], weekly.first
    while day <= weekly.last:
        days.append(day)
        day += dt.timedelta(days=7)
    return [Period(f"{WEEKLY_PREFIX}{n:02d}", f"Tuần {n} (số liệu đến {format_date(d)})", d, "weekly",
                   dt.datetime.combine(d, weekly.time))
            for n, d in enumerate(days, start=1)]


def campaign_periods(plan: Plan) -> list[Period]:
    return [*phase_periods(plan), *weekly_periods(plan)]


def find_period(plan: Plan, period_id: str, as_of: dt.date | None = None) -> Period:
    """The period named `period_id`, its date overridden by `as_of` when given."""
    periods = {p.id: p for p in campaign_periods(plan)}
    if period_id not in periods:
        known = ", ".join(periods)
        raise PeriodError(f"Không có kỳ báo cáo '{period_id}'. Các kỳ có: {known}")
    period = periods[period_id]
    if as_of is None:
        return period
    start = plan.campaign.start
    last = max(plan.campaign.end, *(r.due.date for r in plan.reporting.reports))
    if not start <= as_of <= last:
        raise PeriodError(f"Ngày chốt số liệu {format_date(as_of)} nằm ngoài chiến dịch "
                          f"({format_date(start)}–{format_date(last)})")
    return Period(period.id, f"{period.label.split(' (')[0]} (số liệu đến {format_date(as_of)})", as_of,
                  period.kind, period.due)


def parse_as_of(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise PeriodError(f"Ngày chốt số liệu '{text}' không hợp lệ: cần dạng YYYY-MM-DD, ví dụ 2024-06-23") from error


# --- the as-of view ------------------------------------------------------------------------

def end_of(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day) + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)


def reports_as_of(reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Report rows of activities held on or before `as_of` and sent on or before it."""
    cutoff = end_of(as_of)
    return reports[(reports["held_on"] <= cutoff) & (reports["sent_at"] <= cutoff)]


def count_once(reports: pd.DataFrame) -> pd.DataFrame:
    """Each activity once: among the versions given, the latest `Ngày gửi` wins (the later row
    on a tie; a blank `Ngày gửi` counts as latest; rows without an activity key are dropped)."""
    if reports.empty:
        return reports.assign(status=COUNTED).reset_index(drop=True)
    # Sort only the two columns the order needs, then take the winning rows once, in their
    # order: sorting the whole (wide) table twice took seconds at a million rows.
    order = pd.DataFrame({"sent_at": reports["sent_at"].to_numpy(), "_order": np.arange(len(reports))})
    ordered = order.sort_values(["sent_at", "_order"], kind="stable")["_order"].to_numpy()
    keys = pd.Series(reports["activity_key"].to_numpy()[ordered])
    latest = (keys.notna() & ~keys.duplicated(keep="last")).to_numpy()
    return reports.iloc[np.sort(ordered[latest])].assign(status=COUNTED).reset_index(drop=True)


def activities_as_of(campaign: Campaign, as_of: dt.date) -> pd.DataFrame:
    """The activities a report as of `as_of` counts: held and sent by then, latest version by then."""
    return count_once(reports_as_of(campaign.reports, as_of))


def registrations_as_of(campaign: Campaign, as_of: dt.date) -> pd.DataFrame:
    """Registrations known by `as_of` (all of them where the sheet gives no sending date)."""
    registrations = campaign.registrations
    known = registrations["sent_at"].isna() | (registrations["sent_at"] <= end_of(as_of))
    return registrations[known & (registrations["status"] == COUNTED)].reset_index(drop=True)


def period_start(plan: Plan, period: Period) -> dt.date:
    """First day a period covers: the day after the previous report of its kind (a week for a
    weekly period), the campaign's start for the first one."""
    if period.kind == "weekly":
        return max(plan.campaign.start, period.as_of - dt.timedelta(days=6))
    earlier = [p.as_of for p in phase_periods(plan) if p.as_of < period.as_of]
    return max(earlier) + dt.timedelta(days=1) if earlier else plan.campaign.start
