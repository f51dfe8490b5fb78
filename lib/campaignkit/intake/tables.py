"""What intake hands to the analyses: the clean tables of one campaign folder."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..plan import Plan
from .status import counted


@dataclass
class CampaignTables:
    """The clean tables of one campaign folder, ready for the analyses."""

    plan: Plan
    units: pd.DataFrame            # the unit registry: unit_id, name, kind, cluster, sector, aliases
    registrations: pd.DataFrame    # every usable registration row: status counted or merged
    reports: pd.DataFrame          # every usable report row, every version: status counted or merged
    issues: pd.DataFrame           # the issues table (file, sheet, row, column, value, problem, action)
    ledger: pd.DataFrame           # file, sheet, row, kind, status: one row per input row
    files: pd.DataFrame            # file, kind, format, read, sheets, sheets_unread, bytes, sha256: one per file
    summary: pd.DataFrame          # ingest_summary: source, rows_read, counted, merged, skipped, rejected,
                                   # after_as_of (0 here); rows dang_ky, bao_cao, tong

    def activities(self) -> pd.DataFrame:
        """Reported activities counted once (latest version), over everything sent."""
        return counted(self.reports).reset_index(drop=True)
