"""Writing tables to disk: UTF-8 CSV with a header row, the same bytes for the same table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .clean import Campaign

INGEST_TABLES = {
    "units.csv": "units",
    "registrations.csv": "registrations",
    "activities.csv": "reports",
    "data_issues.csv": "issues",
    "ingest_summary.csv": "summary",
    "input_files.csv": "files",
}


def write_csv(table: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", date_format="%Y-%m-%d %H:%M")
    return path


def write_ingest_tables(campaign: Campaign, out_dir: str | Path) -> list[Path]:
    """The clean tables, the issues table and the accounting of one ingestion."""
    out_dir = Path(out_dir)
    return [write_csv(getattr(campaign, attribute), out_dir / name) for name, attribute in INGEST_TABLES.items()]
