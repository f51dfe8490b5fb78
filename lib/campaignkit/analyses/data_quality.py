"""What the data check shows: files and sheets that could not be read, rows rejected, the list
to send back to each unit, findings by what was done about them, units without any report."""

from __future__ import annotations

import pandas as pd

from ..intake.accounting import unread
from ..intake.issues import Action
from ..intake.tables import CampaignTables

UNKNOWN_UNIT = "(chưa rõ)"
TO_FIX = (Action.REJECTED, Action.WARNING)


def unread_files(tables: CampaignTables) -> pd.DataFrame:
    """Files and sheets that could not be read, and why."""
    return unread(tables.files, tables.issues)


def rejected_rows(issues: pd.DataFrame) -> pd.DataFrame:
    """Every rejected row with its reason."""
    rejected = issues[issues["action"] == Action.REJECTED]
    return rejected[["file", "sheet", "row", "column", "value", "problem"]].reset_index(drop=True)


def unit_of_file(tables: CampaignTables) -> pd.Series:
    """Which unit a file belongs to: the unit most of its rows name."""
    rows = pd.concat([tables.reports[["file", "unit_id"]], tables.registrations[["file", "unit_id"]]])
    return rows.dropna().groupby("file")["unit_id"].agg(lambda s: s.mode().iloc[0])


def issues_by_unit(tables: CampaignTables) -> pd.DataFrame:
    """The list the planner sends back to units: per unit, what to fix and where."""
    issues = tables.issues
    to_fix = issues[issues["action"].isin(TO_FIX)].copy()
    to_fix.insert(0, "unit_id", to_fix["file"].map(unit_of_file(tables)).astype(object).fillna(UNKNOWN_UNIT))
    ordered = to_fix.sort_values(["unit_id", "file", "sheet", "row"], kind="stable")
    return ordered[["unit_id", "file", "sheet", "row", "column", "value", "problem", "action"]].reset_index(drop=True)


def issue_counts(issues: pd.DataFrame) -> pd.DataFrame:
    """How many findings per action taken."""
    return issues.groupby("action").size().rename("issues").reset_index()


def units_without_report(units: pd.DataFrame, sent_reports: pd.DataFrame) -> pd.DataFrame:
    """Units of the registry that have sent no report row by the as-of date (unit_id, name)."""
    sent = set(sent_reports["unit_id"])
    return units[~units["unit_id"].isin(sent)][["unit_id", "name"]].reset_index(drop=True)


def units_reporting(units: pd.DataFrame, sent_reports: pd.DataFrame) -> pd.DataFrame:
    """Every unit of the registry: whether it has sent any report row by the as-of date
    (`sent_report`, the complement of `units_without_report`) and how many (`report_rows`)."""
    rows = sent_reports["unit_id"].value_counts()
    table = units[["unit_id", "name"]].rename(columns={"name": "unit_name"}).reset_index(drop=True)
    table["report_rows"] = table["unit_id"].map(rows).fillna(0).astype(int)
    table["sent_report"] = table["report_rows"] > 0
    return table
