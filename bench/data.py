"""The benchmarks' inputs: generated campaigns (cached by seed and scale) and their ingested form."""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from pathlib import Path

from bench.common import CACHE_DIR, ROOT, digest_of

# the generator's package: digest_of hashes every .py file in it, in sorted order
GENERATOR = ROOT / "lib" / "campaignkit_sample"
LIBRARY = ROOT / "lib" / "campaignkit"
PLANS = ROOT / "data" / "plans"


def campaign_dir(seed: int = 2024, scale: float = 200.0, log=print) -> Path:
    """A synthetic campaign folder made by campaignkit_sample.make_campaign, generated once into a
    temporary folder and kept under bench/results/cache/ (keyed by seed, scale and the
    generator's source, so a changed generator makes a new one)."""
    target = CACHE_DIR / f"campaign-seed{seed}-scale{scale:g}-{digest_of(GENERATOR)}"
    if (target / "expected_counts.json").is_file():
        return target
    prune(f"campaign-seed{seed}-scale{scale:g}-*", keep=target)  # made by an older generator
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    from campaignkit_sample import make_campaign

    log(f"  generating the campaign seed={seed} scale={scale:g} (once; cached in {target.relative_to(ROOT)}) …")
    partial = Path(tempfile.mkdtemp(prefix=".partial-", dir=CACHE_DIR))
    try:
        make_campaign(partial / "campaign", seed=seed, scale=scale)
        if target.exists():
            shutil.rmtree(target)
        os.replace(partial / "campaign", target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return target


def ingested_path(seed: int, scale: float) -> Path:
    """Where the ingested campaign (a pickled campaignkit Campaign) of that folder is kept; the
    key includes the library's and the plans' sources, so a changed kit ingests afresh (and the
    pickles of older versions are removed)."""
    path = CACHE_DIR / f"ingested-seed{seed}-scale{scale:g}-{digest_of(GENERATOR, LIBRARY, PLANS)}.pickle"
    prune(f"ingested-seed{seed}-scale{scale:g}-*.pickle", keep=path)
    return path


def prune(pattern: str, keep: Path) -> None:
    """Remove cached entries matching `pattern` other than `keep` (stale versions)."""
    for stale in CACHE_DIR.glob(pattern):
        if stale != keep:
            shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink(missing_ok=True)


def save_pickle(value, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)


def load_pickle(path: Path):
    with Path(path).open("rb") as handle:
        return pickle.load(handle)


def ingested_campaign(seed: int = 2024, scale: float = 200.0, log=print):
    """The campaign of `campaign_dir(seed, scale)` read by the kit (load_campaign), cached."""
    path = ingested_path(seed, scale)
    if path.is_file():
        return load_pickle(path)
    from campaignkit.intake import load_campaign

    folder = campaign_dir(seed, scale, log)
    log(f"  ingesting {folder.name} (once; cached) …")
    campaign = load_campaign(folder)
    save_pickle(campaign, path)
    return campaign
