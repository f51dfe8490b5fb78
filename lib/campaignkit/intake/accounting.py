"""Row accounting: where every input row went, per source (registrations, reports) and in all,
and which files and sheets could not be read at all.

`ingest_summary.csv` (data contract, section 2): `source, rows_read, counted, merged, skipped,
rejected, after_as_of`, one row each for `dang_ky`, `bao_cao` and `tong`; on every row
`rows_read = counted + merged + skipped + rejected + after_as_of`. Over a whole folder (no
cut-off) `after_as_of` is 0; a period's table (analyses.accounting) moves the rows held or sent
after its cut-off there.
"""

from __future__ import annotations

import pandas as pd

from .issues import Action
from .status import STATUSES

SOURCES = {"dang_ky": "Đăng ký (dang_ky/)", "bao_cao": "Báo cáo (bao_cao/)"}
SOURCE_WORDS = {"dang_ky": "đăng ký", "bao_cao": "báo cáo"}
TOTAL = "tong"
SOURCE_LABELS = {**SOURCES, TOTAL: "Tổng"}
AFTER_AS_OF = "after_as_of"
PLACES = (*STATUSES, AFTER_AS_OF)            # the places a row can end, every one counted
SUMMARY_COLUMNS = ["source", "rows_read", *PLACES]


def accounting_table(places: dict[str, dict[str, int]]) -> pd.DataFrame:
    """The contract's table from the count of each place per source, with `rows_read` and the total."""
    rows = []
    for source in SOURCES:
        counts = {place: int(places.get(source, {}).get(place, 0)) for place in PLACES}
        rows.append({"source": source, "rows_read": sum(counts.values()), **counts})
    total = {column: sum(r[column] for r in rows) for column in SUMMARY_COLUMNS[1:]}
    rows.append({"source": TOTAL, **total})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def summarise(ledger: pd.DataFrame) -> pd.DataFrame:
    """Rows read and where each ended, per source and in all, over everything read (no cut-off)."""
    table = pd.crosstab(ledger["kind"], ledger["status"]) if len(ledger) else pd.DataFrame()
    places = {source: {status: int(table.loc[source, status]) if source in table.index and status in table
                       else 0 for status in STATUSES} for source in SOURCES}
    return accounting_table(places)


def total_row(summary: pd.DataFrame) -> pd.Series:
    """The `tong` row of an accounting table."""
    return summary.set_index("source").loc[TOTAL]


def unread(files: pd.DataFrame, issues: pd.DataFrame) -> pd.DataFrame:
    """Every file and sheet that could not be read (file, sheet, problem): they may hold rows the
    accounting cannot count, so a summary never says it adds up while one is listed."""
    skipped = issues[issues["action"].isin(Action.UNREAD)]
    return skipped[["file", "sheet", "problem"]].reset_index(drop=True)


def unread_counts(unread_table: pd.DataFrame) -> tuple[int, int]:
    """(files, sheets) left unread."""
    sheets = unread_table["sheet"].fillna("").astype(str) != ""
    return int((~sheets).sum()), int(sheets.sum())
