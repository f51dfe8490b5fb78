"""Writing tables to disk: UTF-8 CSV with a header row, the same bytes for the same table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..intake.tables import CampaignTables

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


def write_ingest_tables(campaign: CampaignTables, out_dir: str | Path) -> list[Path]:
    """The clean tables, the issues table and the accounting of one ingestion."""
    out_dir = Path(out_dir)
    return [write_csv(getattr(campaign, attribute), out_dir / name) for name, attribute in INGEST_TABLES.items()]


APPENDIX_FILE = "phu_luc_so_lieu.xlsx"
TABLES_DIR = "tables"


def write_period_tables(analysis, period_dir: str | Path) -> list[Path]:
    """Every table of the period (the contract's section 2 first) into `period_dir/tables/`, and
    the appendix workbook `period_dir/phu_luc_so_lieu.xlsx`. Same inputs, same bytes."""
    from .appendix import write_appendix

    period_dir = Path(period_dir)
    tables = analysis.tables()
    written = [write_csv(table, period_dir / TABLES_DIR / f"{name}.csv") for name, table in tables.items()]
    title = f"Phụ lục số liệu — {analysis.plan.campaign.name} — {analysis.period.label}"
    written.append(write_appendix(tables, period_dir / APPENDIX_FILE, analysis.plan, title))
    return written
