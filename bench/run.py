"""`python -m bench`: measure every figure, print one table, write it to bench/results/.

    python -m bench                 # everything (≈ 12 minutes on 2 cores, the first time longer)
    python -m bench --only 2,5      # some figures
    python -m bench --quick         # tiny sizes, one run: checks that the bench works, measures nothing
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import fig_analyses, fig_batch, fig_explore, fig_export, fig_ingest  # noqa: E402
from bench.common import RESULTS_DIR, Context, Row, format_table, machine, machine_line, rows_as_dicts  # noqa: E402

FIGURES = {
    "1": ("Ingestion: kit vs pandas/openpyxl", fig_ingest.run),
    "2": ("All analyses at 10k / 100k / 1M activity rows", fig_analyses.run),
    "3": ("One period's batch vs its floor", fig_batch.run),
    "4": ("HTML and PDF export per report", fig_export.run),
    "5": ("Explore notebook: widget change to redraw", fig_explore.run),
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(FIGURES), help="figures to run, e.g. 1,3 (default: all)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (≥ 3 for a median; default 3)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes and one run: a smoke test")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the generated campaign")
    parser.add_argument("--scale", type=float, default=200.0,
                        help="scale of the generated campaign (200 ≈ 100 000 report rows)")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    chosen = [f.strip() for f in args.only.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FIGURES]
    if unknown:
        print(f"unknown figure(s): {', '.join(unknown)}; choose among {', '.join(FIGURES)}", file=sys.stderr)
        return 2
    info = machine()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    work_dir = Path(tempfile.mkdtemp(prefix="campaignkit-bench-"))
    ctx = Context(runs=1 if args.quick else args.runs, quick=args.quick, seed=args.seed,
                  scale=2.0 if args.quick else args.scale, work_dir=work_dir,
                  log=lambda text: print(text, flush=True))
    print(f"campaignkit bench — {machine_line(info)}", flush=True)
    rows: list[Row] = []
    seconds = {}
    started = time.perf_counter()
    try:
        for figure in chosen:
            title, measure = FIGURES[figure]
            print(f"[{figure}] {title}", flush=True)
            begun = time.perf_counter()
            try:
                rows += measure(ctx)
            except Exception as error:  # one figure failing does not lose the others
                traceback.print_exc()
                rows.append(Row(figure, title, None, "", 0, note=f"failed: {type(error).__name__}: {error}"[:200]))
            seconds[figure] = round(time.perf_counter() - begun, 1)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    total = time.perf_counter() - started
    table = format_table(rows)
    print()
    print(table)
    print(f"\n{machine_line(info)}; bench took {total / 60:.1f} min")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    record = {"generated_at": dt.datetime.now().isoformat(timespec="seconds"), "machine": info,
              "arguments": vars(args), "seconds_per_figure": seconds, "total_seconds": round(total, 1),
              "rows": rows_as_dicts(rows)}
    text = json.dumps(record, ensure_ascii=False, indent=1, default=str)
    (RESULTS_DIR / f"results-{stamp}{'-quick' if args.quick else ''}.json").write_text(text, encoding="utf-8")
    if not args.quick:
        (RESULTS_DIR / "latest.json").write_text(text, encoding="utf-8")
        (RESULTS_DIR / "latest.md").write_text(
            f"Results of {record['generated_at']} — {machine_line(info)}; bench took {total / 60:.1f} min\n\n"
            + format_table(rows, markdown=True) + "\n", encoding="utf-8")
    shown = RESULTS_DIR.relative_to(Path.cwd()) if RESULTS_DIR.is_relative_to(Path.cwd()) else RESULTS_DIR
    print(f"Written to {shown}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
