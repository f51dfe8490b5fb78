"""Stage 3, analyses: from the clean tables, what a report as of a date says — the as-of view,
indicators against targets, workload per unit and commune, the plan's assignments, the
schedule, reporting compliance, data quality — gathered by `analyse_period` into one typed
`PeriodAnalysis` per period. `load_period` is the notebooks' entry point (see `handoff`)."""

from .handoff import load_period, read_analysis
from .period import CONTRACT_TABLES, PeriodAnalysis, analyse_period

__all__ = ["CONTRACT_TABLES", "PeriodAnalysis", "analyse_period", "load_period", "read_analysis"]
