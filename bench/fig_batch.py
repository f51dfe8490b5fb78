"""Figure 3 — the batch (`python -m campaignkit run`) against its honest floor (`bench.floor`:
one process, no kernel, the same charts, tables and pages), for one period and for
`--period phases`, on the bundled sample and on generated campaigns of scale 10 and 50.

Every measurement is a fresh process timed from outside (imports included), into a fresh output
folder (so no cache of an earlier run helps), batch and floor interleaved run by run so that the
shared machine's load weighs on both alike. The floor's pages are compared with the batch's
(byte for byte, but for the random id papermill gives the injected cell): the note says how many
are identical.
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import time
from pathlib import Path

from bench.common import PYTHON, ROOT, Context, Row, Timing
from campaignkit.batch.selection import default_workers

SAMPLE = ROOT / "data" / "sample"
AIM_SAMPLE = 1.3       # one period on the sample: batch ≤ 1.3× its floor
AIM_SCALE = 1.1        # from scale 10 up
AIM_PHASES = 1.1       # phases: batch ≤ about (floor of its three periods + one pool start)
SCALES = (10, 50)
PERIODS = ("dot1", "phases")


def batch_notebooks() -> list[Path]:
    from campaignkit.batch.selection import batch_notebooks as listed
    return listed()


def has_run_command() -> bool:
    from campaignkit import cli
    return hasattr(cli, "command_run")


CPU: list[float] = []  # CPU seconds of each process tree timed, in order (see _timed_process)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_process(args: list[str], what: str) -> tuple[float, str]:
    """Wall seconds of `python ARGS`; its CPU seconds (user + system, its kernels and other
    children included: they are waited for, so counted) are appended to CPU."""
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run([PYTHON, *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    CPU.append(_children_cpu() - cpu)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds, done.stdout


def run_batch(out: Path, period: str = "dot1", data: Path = SAMPLE, workers: int | None = None,
              pdf: bool = False) -> float:
    shutil.rmtree(out, ignore_errors=True)
    args = ["-m", "campaignkit", "run", "--period", period, "--data", str(data), "--out", str(out)]
    args += (["--workers", str(workers)] if workers else []) + (["--pdf"] if pdf else [])
    return _timed_process(args, "campaignkit run")[0]


def run_floor(out: Path, period: str = "dot1", data: Path = SAMPLE) -> tuple[float, dict]:
    shutil.rmtree(out, ignore_errors=True)
    seconds, stdout = _timed_process(["-m", "bench.floor", "--period", period, "--data", str(data),
                                      "--out", str(out)], "bench.floor")
    return seconds, json.loads(stdout.strip().splitlines()[-1])


def pool_start(workers: int) -> dict:
    seconds, stdout = _timed_process(["-m", "bench.floor", "--pool-start", str(workers)], "bench.floor --pool-start")
    return json.loads(stdout.strip().splitlines()[-1])


_CELL_ID = re.compile(r'id="cell-id=[0-9a-f-]+"')


def same_pages(batch_out: Path, floor_out: Path) -> tuple[int, int]:
    """How many of the floor's report pages are the batch's, byte for byte but the cell ids."""
    same = total = 0
    for page in sorted(floor_out.glob("*/[0-9]*.html")):
        total += 1
        other = batch_out / page.parent.name / page.name
        if other.is_file() and _CELL_ID.sub("", other.read_text(encoding="utf-8")) == \
                _CELL_ID.sub("", page.read_text(encoding="utf-8")):
            same += 1
    return same, total


def _data(ctx: Context, scale: int | None) -> tuple[Path, str]:
    if scale is None:
        return SAMPLE, "sample"
    from bench.data import campaign_dir
    return campaign_dir(ctx.seed, scale, ctx.log), f"scale {scale}"


def _runs(ctx: Context, scale: int | None, period: str) -> int:
    if ctx.quick:
        return 1
    if scale is None:
        return ctx.runs
    return 2 if scale <= 10 and period != "phases" else 1  # the big ones are slow and the machine is shared


def measure(ctx: Context, scale: int | None, period: str, pool: dict | None) -> list[Row]:
    data, where = _data(ctx, scale)
    runs = _runs(ctx, scale, period)
    work = ctx.work_dir / f"fig3-{where.replace(' ', '')}-{period}"
    batch, floor, steps, batch_cpu, floor_cpu = [], [], [], [], []
    for number in range(runs):
        ctx.log(f"  {where}, --period {period}: batch, run {number + 1}/{runs} …")
        batch.append(run_batch(work / "batch", period, data))
        batch_cpu.append(CPU[-1])
        ctx.log(f"  {where}, --period {period}: floor, run {number + 1}/{runs} …")
        seconds, record = run_floor(work / "floor", period, data)
        floor.append(seconds)
        floor_cpu.append(CPU[-1])
        steps.append(record["steps"])
    same, total = same_pages(work / "batch", work / "floor")
    if scale is None and period == "dot1":
        ctx.shared["batch_output"] = work / "batch" / "dot1"
    batch_t, floor_t = Timing(batch), Timing(floor)
    ratio = batch_t.median / floor_t.median
    last = steps[-1]
    floor_note = (f"runs {floor_t.spread} s; imports {last['imports']:.1f}, read {last['read']:.1f}, "
                  f"analyse {last['analyse']:.1f}, notebooks {last['notebooks']:.1f}, pages {last['pages']:.1f}, "
                  f"tables {last['tables']:.1f} s; pages identical to the batch's: {same}/{total}")
    label = f"{where}, --period {period}"
    cpu_b, cpu_f = Timing(batch_cpu).median, Timing(floor_cpu).median
    rows = [
        Row("3", f"Batch: {label}", batch_t.median, "s", runs,
            note=f"runs {batch_t.spread} s; CPU {cpu_b:.1f} s (its kernels included)",
            extra={"runs": batch, "cpu": batch_cpu}),
        Row("3", f"Floor: {label} (one process, no kernel)", floor_t.median, "s", runs,
            note=f"CPU {cpu_f:.1f} s; " + floor_note,
            extra={"runs": floor, "cpu": floor_cpu, "steps": steps, "same_pages": [same, total]}),
        Row("3", f"Batch CPU ÷ floor CPU, {label}", cpu_b / cpu_f, "×", "",
            note="the work the batch adds (kernels, messages, papermill), whatever the machine's load"),
    ]
    if period == "phases" and pool is not None:
        bound = floor_t.median + pool["ready"]
        rows.append(Row("3", f"Batch ÷ floor, {label}", ratio, "×", "", note="for information"))
        rows.append(Row("3", f"Batch ÷ (floor + one pool start), {label}", batch_t.median / bound, "×", "",
                        aim=f"≤ {AIM_PHASES:g}×", met=batch_t.median / bound <= AIM_PHASES,
                        note=f"pool start {pool['ready']:.2f} s ({len(pool['kernels'])} warm kernels, alone)"))
    else:
        aim = AIM_SAMPLE if scale is None else AIM_SCALE
        rows.append(Row("3", f"Batch ÷ floor, {label}", ratio, "×", "", aim=f"≤ {aim:g}×", met=ratio <= aim))
    return rows


def run(ctx: Context) -> list[Row]:
    notebooks = batch_notebooks()
    if not notebooks or not has_run_command():
        return [Row("3", "Batch of one period", None, "s", 0, note="skipped: no notebooks or no `run` command")]
    workers = default_workers(None, len(notebooks))  # the batch's default
    ctx.log(f"  the pool alone: {workers} warm kernels …")
    pool = pool_start(workers)
    rows = [Row("3", f"Pool start: {workers} warm kernels, notebooks' imports made", pool["ready"], "s", 1,
                note=f"alone, nothing else running; each kernel {', '.join(f'{s:.2f}' for s in pool['kernels'])} s",
                extra=pool)]
    scales = (None,) if ctx.quick else (None, *SCALES)
    periods = ("dot1",) if ctx.quick else PERIODS
    for scale in scales:
        for period in periods:
            rows += measure(ctx, scale, period, pool)
    if not ctx.quick:
        sample_dot1 = next(r for r in rows if r.measure == "Batch: sample, --period dot1")
        ctx.log("  sample, dot1: batch with --workers 1, 1 run …")
        serial = run_batch(ctx.work_dir / "fig3-serial", "dot1", SAMPLE, workers=1)
        rows.append(Row("3", "Batch with --workers 1 (one kernel), sample, --period dot1", serial, "s", 1,
                        note=f"1 run; {workers} kernels are {serial / sample_dot1.value:.2f}× faster"))
        ctx.log("  sample, dot1: batch with --pdf, 1 run …")
        with_pdf = run_batch(ctx.work_dir / "fig3-pdf", "dot1", SAMPLE, pdf=True)
        rows.append(Row("3", "Batch with --pdf, sample, --period dot1", with_pdf, "s", 1,
                        note=f"1 run; PDFs in {workers} processes: +{with_pdf - sample_dot1.value:.1f} s "
                             "over the HTML-only batch"))
    return rows
