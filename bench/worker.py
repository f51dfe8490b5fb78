"""Measurements that need a process of their own, so that one run's caches, imports and memory
do not flatter the next: `python -m bench.worker <what> …` prints one JSON line.

- `ingest-kit FOLDER [--save PICKLE]`: load_campaign(FOLDER), timed after the imports;
- `ingest-pandas FOLDER`: pd.read_excel(path, sheet_name=None) for every workbook the kit reads;
- `ingest-calamine FOLDER`: a bare python-calamine read of every cell of the same workbooks (the floor);
- `analyses --base PICKLE --rows N --runs K`: analyse_period on a campaign of N activity rows
  made from the base (bench.scaling), K times; with the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import warnings
from pathlib import Path


def workbooks(folder: Path) -> list[Path]:
    """Every workbook load_campaign reads: the registry, then dang_ky/ and bao_cao/."""
    from campaignkit.intake.workbooks import workbooks_in
    from campaignkit.paths import REGISTRATIONS_DIR, REGISTRY_FILE, REPORTS_DIR

    files = [folder / REGISTRY_FILE] if (folder / REGISTRY_FILE).is_file() else []
    for kind in (REGISTRATIONS_DIR, REPORTS_DIR):
        if (folder / kind).is_dir():
            files += workbooks_in(folder / kind)
    return files


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the kit's reader processes)."""
    import resource

    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def ingest_kit(folder: Path, save: Path | None) -> dict:
    from campaignkit.intake import load_campaign
    from campaignkit.intake.workbooks import PROCESSES

    cpu = _cpu_seconds()
    started = time.perf_counter()
    campaign = load_campaign(folder)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu
    from campaignkit.intake.accounting import total_row

    summary = total_row(campaign.summary).to_dict()
    if save:
        from bench.data import save_pickle
        save_pickle(campaign, save)
    reports = campaign.ledger[campaign.ledger["kind"] == "bao_cao"]
    return {"seconds": seconds, "cpu": cpu, "processes": PROCESSES,
            "rows_read": int(summary["rows_read"]), "report_rows_read": len(reports),
            "counted": int(summary["counted"]), "workbooks": len(campaign.files)}


def ingest_pandas(folder: Path) -> dict:
    import pandas as pd

    files = workbooks(folder)
    failed = []
    rows = 0
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' notice that its default xlsx engine will change
        for path in files:
            try:
                rows += sum(len(sheet) for sheet in pd.read_excel(path, sheet_name=None).values())
            except Exception as error:  # a reader pandas lacks (e.g. xlrd for .xls): counted, not fatal
                failed.append(f"{path.name}: {type(error).__name__}")
    seconds = time.perf_counter() - started
    from pandas.io.excel._base import get_default_engine
    engines = sorted({f"{p.suffix}: {get_default_engine(p.suffix.lstrip('.'), mode='reader')}" for p in files})
    return {"seconds": seconds, "workbooks": len(files), "rows": rows, "failed": failed, "engines": engines}


def ingest_calamine(folder: Path) -> dict:
    """Every sheet of every workbook to Python cells with python-calamine, nothing else."""
    from python_calamine import CalamineWorkbook

    files = workbooks(folder)
    cells = 0
    started = time.perf_counter()
    for path in files:
        with CalamineWorkbook.from_path(str(path)) as book:
            for name in book.sheet_names:
                rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                cells += sum(len(r) for r in rows)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "workbooks": len(files), "cells": cells}


def analyses(base: Path, n_rows: int, runs: int, period_id: str, seed: int) -> dict:
    from bench.common import max_rss_bytes, reset_peak_rss, rss_bytes
    from bench.data import load_pickle
    from bench.scaling import scale_campaign
    from campaignkit.analyses import analyse_period
    from campaignkit.plan import find_period

    campaign = load_pickle(base)
    period = find_period(campaign.plan, period_id)
    scaled = scale_campaign(campaign, n_rows, period.as_of, seed=seed)
    del campaign
    gc.collect()
    before = rss_bytes("VmRSS")
    reset = reset_peak_rss()
    seconds, activities = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        analysis = analyse_period(scaled, period)
        seconds.append(time.perf_counter() - started)
        activities = len(analysis.activities)
        del analysis
        gc.collect()
    peak = rss_bytes("VmHWM") if reset else None
    return {"seconds": seconds, "rows": n_rows, "activities": activities, "registrations": len(scaled.registrations),
            "units": len(scaled.units), "rss_before": before, "peak_rss": peak if peak else max_rss_bytes(),
            "peak_is_since_reset": bool(reset and peak), "period": period_id}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    sub = parser.add_subparsers(dest="what", required=True)
    kit = sub.add_parser("ingest-kit")
    kit.add_argument("folder", type=Path)
    kit.add_argument("--save", type=Path)
    sub.add_parser("ingest-pandas").add_argument("folder", type=Path)
    sub.add_parser("ingest-calamine").add_argument("folder", type=Path)
    an = sub.add_parser("analyses")
    an.add_argument("--base", type=Path, required=True)
    an.add_argument("--rows", type=int, required=True)
    an.add_argument("--runs", type=int, default=3)
    an.add_argument("--period", default="tongket")
    an.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.what == "ingest-kit":
        result = ingest_kit(args.folder, args.save)
    elif args.what == "ingest-pandas":
        result = ingest_pandas(args.folder)
    elif args.what == "ingest-calamine":
        result = ingest_calamine(args.folder)
    else:
        result = analyses(args.base, args.rows, args.runs, args.period, args.seed)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
