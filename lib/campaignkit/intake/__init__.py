"""Stage 2, intake: the units' files to raw tables (`workbooks`), then clean tables, the issues
table and the row accounting (`clean`, `accounting`), resolving units, places and programs on
the way. `load_campaign` does both steps for one campaign folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..paths import DEFAULT_PLAN
from ..plan import load_plan
from .clean import clean_campaign, clean_registry
from .issues import issues_frame
from .tables import CampaignTables
from .workbooks import check_data_dir, read_campaign_folder, read_registry

__all__ = ["CampaignTables", "check_data_dir", "load_campaign", "load_registry"]


def load_campaign(data_dir: str | Path, plan_path: str | Path | None = None) -> CampaignTables:
    """Read the plan (stops with PlanError if it is broken), then every spreadsheet of `data_dir`."""
    plan = load_plan(plan_path or DEFAULT_PLAN)
    return clean_campaign(read_campaign_folder(data_dir, plan), plan)


def load_registry(data_dir: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Only the unit registry `don_vi.xlsx` of `data_dir`: its clean units and the issues found in it."""
    issues: list[dict] = []
    raw = read_registry(Path(data_dir), issues, [])
    units = clean_registry(raw, issues)
    return units, issues_frame(issues)
