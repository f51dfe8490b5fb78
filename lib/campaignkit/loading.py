"""Loading a period's analyses for a notebook, reading the spreadsheets once per batch.

The batch ingests the campaign folder once and leaves a cache beside the period folders;
each notebook then loads that cache instead of reading every workbook again. The cache is
keyed by the inputs (every file's path, size and modification time, the plan's bytes) and
the kit's version, so a changed input is always read afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from . import __version__
from .analysis import PeriodAnalysis, analyse_period
from .campaign import load_campaign
from .clean import Campaign
from .periods import Period, find_period, parse_as_of
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


def _cached(cache: Path, compute):
    """The pickled result at `cache`, computed and stored (atomically) when missing."""
    if cache.is_file():
        with cache.open("rb") as handle:
            return pickle.load(handle)
    result = compute()
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.partial")
    with partial.open("wb") as handle:
        pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(cache)
    return result


def cached_campaign(data_dir: str | Path, plan_path: str | Path, cache_dir: Path | None) -> Campaign:
    data_dir, plan_path = Path(data_dir), Path(plan_path)
    if cache_dir is None or not data_dir.is_dir():
        return load_campaign(data_dir, plan_path)
    cache = cache_dir / f"campaign-{inputs_fingerprint(data_dir, plan_path)}.pickle"
    return _cached(cache, lambda: load_campaign(data_dir, plan_path))


def cached_analysis(data_dir: str | Path, plan_path: str | Path, cache_dir: Path | None,
                    period: Period) -> PeriodAnalysis:
    """A period's analyses, computed once per batch (the batch before its notebooks, which reuse them)."""
    data_dir, plan_path = Path(data_dir), Path(plan_path)

    def compute() -> PeriodAnalysis:
        return analyse_period(cached_campaign(data_dir, plan_path, cache_dir), period)

    if cache_dir is None or not data_dir.is_dir():
        return compute()
    key = f"{inputs_fingerprint(data_dir, plan_path)}-{period.id}-{period.as_of.isoformat()}"
    return _cached(cache_dir / f"analysis-{key}.pickle", compute)


def load_period(period: str, as_of: str | None, data_dir: str | Path, plan: str | Path,
                out_dir: str | Path | None = None) -> PeriodAnalysis:
    """What a notebook needs: the period's analyses as of its date (or `as_of`, YYYY-MM-DD)."""
    chosen = find_period(load_plan(plan), period, parse_as_of(as_of or None))
    cache_dir = cache_dir_for(Path(out_dir)) if out_dir else None
    return cached_analysis(data_dir, plan, cache_dir, chosen)
