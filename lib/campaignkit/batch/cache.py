"""The batch's cache: a campaign's clean tables and a period's analyses, kept between runs.

A planner reruns the batch on unchanged data many times; reading every workbook again each time
would be wasted. A cached result is keyed by everything that can change a number:

- the inputs: every file intake reads (path, size, modification time) and the plan's bytes;
- the code: a hash of the source of the installed kit (`lib/campaignkit/**/*.py`), so after any
  change or upgrade of the kit nothing computed by an older version is ever served;
- for analyses, the period and its as-of date.

The cache lives in `<out>/.cache/`; deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path

from ..analyses import PeriodAnalysis, analyse_period
from ..analyses.handoff import write_pickle
from ..intake import CampaignTables, load_campaign
from ..intake.workbooks import workbooks_in
from ..paths import REGISTRATIONS_DIR, REGISTRY_FILE, REPORTS_DIR
from ..plan import Period

CACHE_DIR_NAME = ".cache"
PACKAGE_DIR = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=4)
def code_fingerprint(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of every Python source file of the kit (relative path and bytes, in sorted order)."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*.py")):
        digest.update(path.relative_to(package_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def input_files(data_dir: Path) -> list[Path]:
    """Every file intake reads in a campaign folder (`workbooks_in`): the unit registry and the
    files under dang_ky/ and bao_cao/ — not a lock file of a workbook open in Excel, not an output
    folder kept inside the campaign folder."""
    data_dir = Path(data_dir)
    files = [data_dir / REGISTRY_FILE] if (data_dir / REGISTRY_FILE).is_file() else []
    for folder in (REGISTRATIONS_DIR, REPORTS_DIR):
        if (data_dir / folder).is_dir():
            files += workbooks_in(data_dir / folder)
    return sorted(files)


def inputs_fingerprint(data_dir: Path, plan_path: Path) -> str:
    """A hash of the code, the plan's bytes and every input file's path, size and modification time."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(Path(plan_path).read_bytes())
    for path in input_files(data_dir):
        stat = path.stat()
        digest.update(f"{path.relative_to(data_dir).as_posix()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def cache_dir(out_root: Path) -> Path:
    return Path(out_root) / CACHE_DIR_NAME


def _cached(path: Path, compute):
    """The pickled result at `path`, computed and stored (atomically) when missing or unreadable."""
    if path.is_file():
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except Exception:  # a cache written by an interrupted run or another Python: compute again
            path.unlink(missing_ok=True)
    result = compute()
    write_pickle(result, path)
    return result


def cached_campaign(data_dir: str | Path, plan_path: str | Path, cache: Path, key: str | None = None) -> CampaignTables:
    """The campaign's clean tables for given inputs and code (`key`: their `inputs_fingerprint`)."""
    data_dir, plan_path = Path(data_dir), Path(plan_path)
    key = key or inputs_fingerprint(data_dir, plan_path)
    return _cached(cache / f"campaign-{key}.pickle", lambda: load_campaign(data_dir, plan_path))


def analysis_path(cache: Path, key: str, period: Period) -> Path:
    """Where a period's analyses for given inputs and code (`key`) are kept (the notebooks' hand-off too)."""
    return cache / f"analysis-{key}-{period.id}-{period.as_of.isoformat()}.pickle"


def cached_analysis(campaign: CampaignTables, path: Path, period: Period) -> PeriodAnalysis:
    """A period's analyses of `campaign`, computed once and kept at `path` (`analysis_path`)."""
    return _cached(path, lambda: analyse_period(campaign, period))
