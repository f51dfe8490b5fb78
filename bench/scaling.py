"""Campaigns of any size, made in memory from an ingested one: its report rows replicated and
perturbed, so the analyses can be timed at 10 000 … 1 000 000 activity rows without writing a
million rows of workbooks.

Rules (seeded, so the same base, size and seed give the same rows):
- fewer rows than the base: a random subset of the base's report rows;
- more: the base's rows in turn, copy after copy; every copy after the first gets another unit
  of the registry, the commune (with its district and code) of another base row, and its date
  held moved by up to ±14 days;
- every row: its date held brought inside the campaign up to `as_of` (wrapping round), sent the
  same delay after it as its base row (0 to 7 days) but not after `as_of`; its `activity_key`
  made unique, and its status 'counted' — so every row is one activity counted as of `as_of`.
The registrations, units and plan are the base's, unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd

MAX_SHIFT_DAYS = 14
MAX_LAG = pd.Timedelta(days=7)


def scale_reports(reports: pd.DataFrame, n_rows: int, unit_ids, start: dt.date, as_of: dt.date,
                  seed: int = 0) -> pd.DataFrame:
    """`n_rows` report rows made from `reports` (see the module's rules)."""
    if n_rows < 0:
        raise ValueError("n_rows must be ≥ 0")
    base = reports.reset_index(drop=True)
    size = len(base)
    if size == 0:
        raise ValueError("the base campaign has no report rows")
    rng = np.random.default_rng(seed)
    if n_rows <= size:
        picked = np.sort(rng.choice(size, n_rows, replace=False))
        copy = np.zeros(n_rows, dtype=np.int64)
    else:
        picked = np.arange(n_rows) % size
        copy = np.arange(n_rows) // size
    out = base.iloc[picked].reset_index(drop=True)
    moved = copy > 0
    n_moved = int(moved.sum())

    if n_moved:
        unit_ids = np.asarray(list(unit_ids), dtype=object)
        out.loc[moved, "unit_id"] = unit_ids[rng.integers(0, len(unit_ids), n_moved)]
        donors = rng.integers(0, size, n_moved)
        for column in ("commune", "district", "commune_code"):
            if column in out:
                out.loc[moved, column] = base[column].to_numpy()[donors]

    first = pd.Timestamp(start)
    span = (pd.Timestamp(as_of) - first).days + 1
    held = pd.to_datetime(out["held_on"])
    lag = (pd.to_datetime(out["sent_at"]) - held).fillna(pd.Timedelta(0)).clip(pd.Timedelta(0), MAX_LAG)
    shift = np.where(moved, rng.integers(-MAX_SHIFT_DAYS, MAX_SHIFT_DAYS + 1, n_rows), 0)
    offset = ((held - first).dt.days.fillna(0).to_numpy(dtype=np.int64) + shift) % span
    new_held = first + pd.to_timedelta(offset, unit="D")
    cutoff = pd.Timestamp(as_of) + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    out["held_on"] = pd.Series(new_held, index=out.index).astype(held.dtype)
    out["sent_at"] = (out["held_on"] + lag).clip(upper=cutoff).astype(out["sent_at"].dtype)
    out["activity_key"] = out["activity_key"].astype(str) + "#" + pd.Series(np.arange(n_rows), dtype=str)
    out["status"] = "counted"
    return out


def scale_campaign(campaign, n_rows: int, as_of: dt.date, seed: int = 0):
    """A copy of `campaign` whose reports are `n_rows` rows made from its own (see the module)."""
    reports = scale_reports(campaign.reports, n_rows, campaign.units["unit_id"], campaign.plan.campaign.start,
                            as_of, seed)
    return dataclasses.replace(campaign, reports=reports)
