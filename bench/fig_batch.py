"""Figure 3 — one period's batch (`python -m campaignkit run`) against its floor: the bare start
and stop of as many kernels as notebooks, as many at a time as the batch runs, plus the library's
own compute for the same tables without notebooks (`python -m campaignkit tables`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import PYTHON, ROOT, Context, Row, Timing

AIM_RATIO = 1.3
PERIOD = "dot1"
DATA = ROOT / "data" / "sample"
INTERACTIVE = ("07_kham_pha.ipynb",)


def batch_notebooks() -> list[Path]:
    try:
        from campaignkit.batch.run import batch_notebooks as listed
        return listed()
    except ImportError:
        return sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if p.name not in INTERACTIVE)


def has_run_command() -> bool:
    from campaignkit import cli
    return hasattr(cli, "command_run")


def _command(args: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "campaignkit", *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0,):
        raise RuntimeError(f"campaignkit {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def run_batch(out: Path, workers: int | None = None) -> float:
    shutil.rmtree(out, ignore_errors=True)
    args = ["run", "--period", PERIOD, "--data", str(DATA), "--out", str(out)]
    return _command(args + (["--workers", str(workers)] if workers else []))


def run_batch_library(out: Path, workers: int | None = None) -> float:
    """The same batch through campaignkit.batch.notebooks.run_notebooks, for a kit without the `run` command."""
    from campaignkit.batch.notebooks import NotebookJob, run_notebooks

    shutil.rmtree(out, ignore_errors=True)
    parameters = {"period": PERIOD, "as_of": "", "data_dir": str(DATA),
                  "plan": str(ROOT / "data" / "plans" / "ky-nghi-hong-2024.yaml")}
    jobs = [NotebookJob(nb, parameters=parameters) for nb in batch_notebooks()]
    started = time.perf_counter()
    run_notebooks(jobs, out / PERIOD, workers, progress=False)
    return time.perf_counter() - started


def start_stop_kernels(count: int, workers: int) -> float:
    """Start `count` python3 kernels and stop them, `workers` at a time, as the batch's threads do."""
    from jupyter_client.manager import start_new_kernel

    def one(_):
        manager, client = start_new_kernel(kernel_name="python3", startup_timeout=120)
        client.stop_channels()
        manager.shutdown_kernel(now=False)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, range(count)))
    return time.perf_counter() - started


def run(ctx: Context) -> list[Row]:
    notebooks = batch_notebooks()
    if not notebooks:
        ctx.log("  no notebooks yet: figure 3 skipped")
        return [Row("3", "Batch of one period", None, "s", 0, aim=f"≤ {AIM_RATIO:g}× floor",
                    note="skipped: no notebooks in notebooks/ yet")]
    count = len(notebooks)
    workers = max(1, min(os.cpu_count() or 1, count))  # the batch's default (batch.run_notebooks)
    use_cli = has_run_command()
    batch = run_batch if use_cli else run_batch_library
    how = f"python -m campaignkit run --period {PERIOD} --data data/sample" if use_cli \
        else "campaignkit.batch.notebooks.run_notebooks (no `run` command yet)"
    out = ctx.work_dir / "batch"
    runs = 1 if ctx.quick else ctx.runs
    parallel, kernels, library = [], [], []
    for number in range(runs):
        ctx.log(f"  batch ({count} notebooks, {workers} at a time), run {number + 1}/{runs} …")
        parallel.append(batch(out / f"parallel-{number}"))
        ctx.log(f"  floor: {count} bare kernels + `campaignkit tables`, run {number + 1}/{runs} …")
        kernels.append(start_stop_kernels(count, workers))
        library.append(_command(["tables", "--period", PERIOD, "--data", str(DATA),
                                 "--out", str(out / f"tables-{number}")]))
    ctx.shared["batch_output"] = out / f"parallel-{runs - 1}" / PERIOD
    ctx.log("  batch with 1 worker (serial), 1 run …")
    serial = Timing([batch(out / "serial", workers=1)])
    parallel_t, kernels_t, library_t = Timing(parallel), Timing(kernels), Timing(library)
    floor = kernels_t.median + library_t.median
    ratio = parallel_t.median / floor
    return [
        Row("3", f"Batch: {how} ({count} notebooks, HTML)", parallel_t.median, "s", runs,
            note=f"{workers} notebooks at a time (default workers = cores); runs {parallel_t.spread} s",
            extra={"runs": parallel}),
        Row("3", f"Floor: {count} bare kernels ({workers} at a time) + `campaignkit tables` (same tables)", floor,
            "s", runs, note=f"kernels {kernels_t.median:.2f} s + tables command {library_t.median:.2f} s",
            extra={"kernels": kernels, "tables": library}),
        Row("3", "Batch ÷ floor", ratio, "×", "", aim=f"≤ {AIM_RATIO:g}×", met=ratio <= AIM_RATIO),
        Row("3", "Batch with --workers 1 (serial)", serial.median, "s", 1,
            note=f"1 run only; parallel speed-up {serial.median / parallel_t.median:.2f}× on {workers} workers",
            extra={"runs": serial.runs}),
    ]
