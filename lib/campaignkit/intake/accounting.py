"""Row accounting: where every input row went, per source (registrations, reports) and in all."""

from __future__ import annotations

import pandas as pd

from .status import STATUSES
from .tables import CampaignTables

SOURCES = {"dang_ky": "Đăng ký (dang_ky/)", "bao_cao": "Báo cáo (bao_cao/)"}
SOURCE_WORDS = {"dang_ky": "đăng ký", "bao_cao": "báo cáo"}
SUMMARY_COLUMNS = ["rows_read", *STATUSES]


def summarise(ledger: pd.DataFrame) -> pd.DataFrame:
    """One row: rows read and how many ended in each status (ingest_summary.csv)."""
    counts = ledger["status"].value_counts()
    row = {status: int(counts.get(status, 0)) for status in STATUSES}
    return pd.DataFrame([{"rows_read": len(ledger), **row}], columns=SUMMARY_COLUMNS)


def accounting_by_source(tables: CampaignTables) -> pd.DataFrame:
    """Rows read and their statuses per source (index: dang_ky, bao_cao)."""
    table = pd.crosstab(tables.ledger["kind"], tables.ledger["status"])
    table = table.reindex(index=list(SOURCES), columns=list(STATUSES), fill_value=0)
    table.insert(0, "rows_read", table.sum(axis=1))
    table.index.name = "source"
    return table
