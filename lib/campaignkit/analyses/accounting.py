"""The row accounting of one period: what *this* report's numbers rest on.

Per source, every row read ends in one place (`rows_read = counted + merged + skipped +
rejected + after_as_of`):

* reports (`bao_cao`): of the usable rows (intake status counted or merged), R are those held
  and sent by the as-of date (`as_of.reports_as_of`); `counted` is the activities the period
  counts (`count_once(R)`, the period's `activities`), `merged` the other rows of R (versions
  superseded by a later one sent by then), `after_as_of` the usable rows not in R;
* registrations (`dang_ky`): of the usable rows, R are those known by the as-of date
  (`as_of.known_by`; a sheet without a sending date is known from the start); `counted` is the
  period's registrations, `merged` the other rows of R, `after_as_of` the usable rows not in R;
* `skipped` and `rejected` are the folder's (a blank, totals or broken row has no date to cut).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..intake.accounting import accounting_table
from ..intake.status import REJECTED, SKIPPED
from ..intake.tables import CampaignTables
from .as_of import known_by, reports_as_of


def _unusable(tables: CampaignTables, source: str) -> dict[str, int]:
    statuses = tables.ledger.loc[tables.ledger["kind"] == source, "status"].value_counts()
    return {SKIPPED: int(statuses.get(SKIPPED, 0)), REJECTED: int(statuses.get(REJECTED, 0))}


def _places(usable: int, by_cut_off: int, counted: int) -> dict[str, int]:
    return {"counted": counted, "merged": by_cut_off - counted, "after_as_of": usable - by_cut_off}


def period_accounting(tables: CampaignTables, as_of: dt.date, activities: pd.DataFrame,
                      registrations: pd.DataFrame) -> pd.DataFrame:
    """The contract's ingest_summary of a period (as of `as_of`)."""
    reports = tables.reports
    held_and_sent = len(reports_as_of(reports, as_of)) if len(reports) else 0
    known = tables.registrations
    if len(known) and "sent_at" in known:
        known_count = int(known_by(known, as_of).sum())
    else:
        known_count = len(known)
    places = {
        "bao_cao": {**_unusable(tables, "bao_cao"), **_places(len(reports), held_and_sent, len(activities))},
        "dang_ky": {**_unusable(tables, "dang_ky"), **_places(len(known), known_count, len(registrations))},
    }
    return accounting_table(places)
