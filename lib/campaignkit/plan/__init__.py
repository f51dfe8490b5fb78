"""Stage 1, the plan: the schema of a plan file, reading it, its reporting periods and
deadlines, and the checks of the plan itself. Nothing here reads the units' spreadsheets."""

from ..errors import PeriodError, PlanError
from .loading import PlanSchemaError, load_plan
from .periods import (
    Period,
    campaign_periods,
    cycle_periods,
    find_period,
    parse_as_of,
    period_start,
    phase_periods,
    weekly_periods,
)
from .schema import Plan

__all__ = ["Period", "PeriodError", "Plan", "PlanError", "PlanSchemaError", "campaign_periods", "cycle_periods",
           "find_period", "load_plan", "parse_as_of", "period_start", "phase_periods", "weekly_periods"]
