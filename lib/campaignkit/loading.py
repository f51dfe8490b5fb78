"""Loading a period's analyses for a notebook, reading the spreadsheets once per batch.

The batch ingests the campaign folder once and leaves a cache beside the period folders;
each notebook then loads that cache instead of reading every workbook again. The cache is
keyed by the inputs (every file's path, size and modification time, the plan's bytes) and
the kit's version, so a changed input is always read afresh.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from . import __version__
from .analysis import PeriodAnalysis, analyse_period
from .campaign import load_campaign
from .clean import Campaign
from .periods import find_period, parse_as_of
from .plan import load_plan

CACHE_DIR_NAME = ".cache"


def inputs_fingerprint(data_dir: Path, plan_path: Path) -> str:
    digest = hashlib.sha256(__version__.encode())
    digest.update(Path(plan_path).read_bytes())
    for path in sorted(p for p in Path(data_dir).rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(data_dir).as_posix()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def cache_dir_for(out_dir: Path) -> Path:
    """Beside the period folders (the batch runs notebooks in a staging sibling of the period)."""
    return Path(out_dir).resolve().parent / CACHE_DIR_NAME


def cached_campaign(data_dir: str | Path, plan_path: str | Path, cache_dir: Path | None) -> Campaign:
    data_dir, plan_path = Path(data_dir), Path(plan_path)
    if cache_dir is None or not data_dir.is_dir():
        return load_campaign(data_dir, plan_path)
    cache = cache_dir / f"campaign-{inputs_fingerprint(data_dir, plan_path)}.pickle"
    if cache.is_file():
        with cache.open("rb") as handle:
            return pickle.load(handle)
    campaign = load_campaign(data_dir, plan_path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(".partial")
    with partial.open("wb") as handle:
        pickle.dump(campaign, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(cache)
    return campaign


def load_period(period: str, as_of: str | None, data_dir: str | Path, plan: str | Path,
                out_dir: str | Path | None = None) -> PeriodAnalysis:
    """What a notebook needs: the period's analyses as of its date (or `as_of`, YYYY-MM-DD)."""
    chosen = find_period(load_plan(plan), period, parse_as_of(as_of or None))
    cache_dir = cache_dir_for(Path(out_dir)) if out_dir else None
    return analyse_period(cached_campaign(data_dir, plan, cache_dir), chosen)
