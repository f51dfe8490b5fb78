"""One call from a campaign folder and a plan file to the clean tables."""

from __future__ import annotations

from pathlib import Path

from .clean import Campaign, clean_campaign
from .ingest import read_campaign_folder
from .paths import DEFAULT_PLAN
from .plan import load_plan


def load_campaign(data_dir: str | Path, plan_path: str | Path | None = None) -> Campaign:
    """Read the plan (stops with PlanError if it is broken), then every spreadsheet of `data_dir`."""
    plan = load_plan(plan_path or DEFAULT_PLAN)
    return clean_campaign(read_campaign_folder(data_dir, plan), plan)
