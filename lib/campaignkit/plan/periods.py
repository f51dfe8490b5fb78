"""Reporting periods, all derived from the plan: the phase reports (dot1, dot2, tongket) and one
period per deadline of the reporting cycle (weekly tuan01…, or monthly thang06…), each with its
as-of date and its due date-time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import PeriodError
from ..text import format_date
from .deadlines import CYCLE_KIND, cycle_deadlines, due_at, next_due_day
from .schema import Plan


@dataclass(frozen=True)
class Period:
    id: str
    label: str
    as_of: dt.date
    kind: str            # "phase", or the cycle's: "weekly" or "monthly"
    due: dt.datetime     # when the units' report for this period is due


def phase_periods(plan: Plan) -> list[Period]:
    return [Period(r.period, f"{r.period_label or r.name} (số liệu đến {format_date(r.due.date)})", r.due.date,
                   "phase", due_at(r.due))
            for r in plan.reporting.reports if r.period]


def cycle_periods(plan: Plan) -> list[Period]:
    """One period per deadline of the reporting cycle: 'Tuần 3 (…)' or 'Tháng 6 (…)'."""
    return [Period(d.id, f"{d.name.capitalize()} (số liệu đến {format_date(d.day)})", d.day,
                   CYCLE_KIND[d.every], d.due)
            for d in cycle_deadlines(plan)]


def weekly_periods(plan: Plan) -> list[Period]:
    """The cycle's periods when the plan reports weekly; none when it reports monthly."""
    return cycle_periods(plan) if plan.reporting.cycle.every == "week" else []


def campaign_periods(plan: Plan) -> list[Period]:
    return [*phase_periods(plan), *cycle_periods(plan)]


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
    """An as-of date as a Vietnamese user writes it (23/06/2024, 23/6/2024) or ISO (2024-06-23)."""
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise PeriodError(f"Ngày chốt số liệu '{text}' không hợp lệ: cần dạng DD/MM/YYYY hoặc YYYY-MM-DD, "
                      "ví dụ 23/06/2024 hoặc 2024-06-23")


def period_start(plan: Plan, period: Period) -> dt.date:
    """First day a period covers: the day after the previous report of its kind (a week for a
    weekly period, a month for a monthly one), the campaign's start for the first one."""
    if period.kind != "phase":
        previous = next_due_day(plan.reporting.cycle, period.as_of, -1)
        return max(plan.campaign.start, previous + dt.timedelta(days=1))
    earlier = [p.as_of for p in phase_periods(plan) if p.as_of < period.as_of]
    return max(earlier) + dt.timedelta(days=1) if earlier else plan.campaign.start
