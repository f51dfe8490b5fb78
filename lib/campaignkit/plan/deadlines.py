"""When things are due: the one rule for a deadline's date and time, and the reporting cycle's
deadlines.

A deadline the plan gives without a time of day is due at the end of that day (23:59:59). The
regular reports (`reporting.cycle`) are due every week on the plan's weekday, or every month on
the plan's day (cut to the month's last day in a shorter month), at the plan's time, from the
first to the last date the plan names for them. Their ids are `tuan01, tuan02, …` (weekly, in
order) or `thang06, thang07, …` (monthly, by the month the report is due in).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import WEEKDAY_NAMES
from .schema import DatedFact, Plan, ReportingCycle

END_OF_DAY = dt.time(23, 59, 59)
CYCLE_PREFIX = {"week": "tuan", "month": "thang"}
WEEKLY_PREFIX = CYCLE_PREFIX["week"]
CYCLE_NOUN = {"week": "tuần", "month": "tháng"}
CYCLE_KIND = {"week": "weekly", "month": "monthly"}   # Period.kind of the cycle's periods


def due_at(fact: DatedFact) -> dt.datetime:
    """The moment a dated fact of the plan is due: its date at its time, else at the end of the day."""
    return dt.datetime.combine(fact.date, fact.time or END_OF_DAY)


def _add_months(cycle: ReportingCycle, day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, cycle.day_in(year, month + 1))


def next_due_day(cycle: ReportingCycle, day: dt.date, steps: int = 1) -> dt.date:
    """The cycle's deadline `steps` cycles after (or, negative, before) the deadline `day`."""
    if cycle.every == "week":
        return day + dt.timedelta(days=7 * steps)
    return _add_months(cycle, day, steps)


@dataclass(frozen=True)
class CycleDeadline:
    number: int          # 1 for the first
    day: dt.date
    due: dt.datetime     # day at the plan's time
    every: str           # "week" or "month"

    @property
    def id(self) -> str:
        if self.every == "month":
            return f"{CYCLE_PREFIX['month']}{self.day.month:02d}"
        return f"{CYCLE_PREFIX['week']}{self.number:02d}"

    @property
    def name(self) -> str:
        """'tuần 3' or 'tháng 6': what the report and its period are called."""
        return f"tuần {self.number}" if self.every == "week" else f"tháng {self.day.month}"


def cycle_deadlines(plan: Plan) -> list[CycleDeadline]:
    """Every deadline of the reporting cycle, in order (number 1, 2, …)."""
    cycle = plan.reporting.cycle
    deadlines, day = [], cycle.first
    while day <= cycle.last:
        deadlines.append(CycleDeadline(len(deadlines) + 1, day, dt.datetime.combine(day, cycle.time), cycle.every))
        day = next_due_day(cycle, day)
    return deadlines


def cycle_rhythm(plan: Plan) -> str:
    """When the cycle's reports are due, in words: '17h00 thứ bảy hằng tuần', '17h00 ngày 25 hằng tháng'."""
    cycle = plan.reporting.cycle
    hour = f"{cycle.time.hour}h{cycle.time.minute:02d}"
    if cycle.every == "week":
        return f"{hour} {WEEKDAY_NAMES[cycle.weekday]} hằng tuần"
    return f"{hour} ngày {cycle.day} hằng tháng"
