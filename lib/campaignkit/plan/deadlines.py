"""When things are due: the one rule for a deadline's date and time, and the weekly deadlines.

A deadline the plan gives without a time of day is due at the end of that day (23:59:59). The
weekly reports are due on the plan's weekday at its time, every week from the first to the last
date the plan names for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .schema import DatedFact, Plan

END_OF_DAY = dt.time(23, 59, 59)
WEEKLY_PREFIX = "tuan"  # weekly periods and weekly reports are tuan01, tuan02, …


def due_at(fact: DatedFact) -> dt.datetime:
    """The moment a dated fact of the plan is due: its date at its time, else at the end of the day."""
    return dt.datetime.combine(fact.date, fact.time or END_OF_DAY)


@dataclass(frozen=True)
class WeeklyDeadline:
    number: int          # 1 for the first week
    day: dt.date
    due: dt.datetime     # day at the plan's time for weekly reports

    @property
    def id(self) -> str:
        return f"{WEEKLY_PREFIX}{self.number:02d}"


def weekly_deadlines(plan: Plan) -> list[WeeklyDeadline]:
    """Every weekly report deadline of the plan, in order (number 1, 2, …)."""
    weekly = plan.reporting.weekly
    deadlines, day = [], weekly.first
    while day <= weekly.last:
        deadlines.append(WeeklyDeadline(len(deadlines) + 1, day, dt.datetime.combine(day, weekly.time)))
        day += dt.timedelta(days=7)
    return deadlines
