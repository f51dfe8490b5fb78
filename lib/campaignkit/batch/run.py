"""The per-period run, as named steps: check the parameters (`prepare`), start the warm kernels
and read the spreadsheets once (`run`), then for each period (`run_period`) compute its
analyses once, hand them to the notebooks in one file, run and export the notebooks on the
run's kernels (`notebooks.run_notebooks`), write the tables, the appendix, the index page and
run.json; finally the site index.

One pool of kernels (and, with --pdf, of PDF processes) serves every period of the run
(`RunWorkers`): `--period all` starts `workers` kernels, not one per notebook.

The console shows the accounting, one line per period and, from the command line, where to look;
the kernels' own start-up output goes to `<out>/.executed/kernels.log`."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..analyses import write_analysis
from ..errors import InputError
from ..paths import NOTEBOOKS_DIR
from ..plan import Period, load_plan
from ..render.console import accounting_text
from ..render.files import APPENDIX_FILE, TABLES_DIR, write_period_tables
from .cache import cache_dir, cached_analysis, cached_campaign
from .kernels import KernelPool
from .pdfs import PdfPool
from .progress import ProgressLine
from .selection import (  # noqa: F401 — ALL_PERIODS, PHASE_PERIODS: the --period words, here as before
    ALL_PERIODS,
    EXECUTED_DIR,
    INTERACTIVE_NOTEBOOKS,
    PHASE_PERIODS,
    batch_notebooks,
    executed_dir,
    notebook_imports,
    resolve_periods,
)

# papermill, nbconvert and matplotlib (`notebooks`, `render.index_pages`, `render.sections`) are
# imported by the steps that use them, after `run` has started the kernels: they boot meanwhile.
if TYPE_CHECKING:
    from .notebooks import NotebookJob, NotebookResult

RUN_RECORD = "run.json"
KERNEL_LOG = "kernels.log"  # in <out>/.executed/: what the kernels print while starting
HANDOFF_FILE = ".phan_tich.pickle"  # the period's analyses, for the notebooks; removed before the swap


@dataclass(frozen=True)
class RunRequest:
    periods: list[Period]
    data_dir: Path
    plan_path: Path
    out_root: Path
    pdf: bool = False
    workers: int | None = None
    progress: bool = True


def prepare(period_arg: str, as_of: str | None, data_dir: Path, plan_path: Path, out_root: Path,
            pdf: bool = False, workers: int | None = None, progress: bool = True) -> RunRequest:
    """Every parameter checked (plan, periods, date, data folder) before any notebook runs."""
    plan = load_plan(plan_path)
    periods = resolve_periods(plan, period_arg, as_of)
    if not Path(data_dir).is_dir():
        raise InputError(f"Không tìm thấy thư mục dữ liệu {data_dir}. Hãy kiểm tra --data.")
    if not batch_notebooks():
        raise InputError(f"Không có sổ (notebook) nào trong {NOTEBOOKS_DIR}")
    return RunRequest(periods, Path(data_dir).resolve(), Path(plan_path).resolve(), Path(out_root).resolve(),
                      pdf, workers, progress)


def _jobs(request: RunRequest, period: Period, stamp: dict) -> list[NotebookJob]:
    from .notebooks import NotebookJob

    parameters = {"period": period.id, "as_of": period.as_of.isoformat(), "data_dir": str(request.data_dir),
                  "plan": str(request.plan_path)}
    return [NotebookJob(notebook, parameters=parameters, stamp=stamp, out_dir_parameter=None)
            for notebook in batch_notebooks()]


def _handoff(analysis):
    """Step: the period's analyses written once into the folder being built, for every notebook."""
    def prepare(folder: Path) -> dict:
        return {"analysis_file": str(write_analysis(analysis, folder / HANDOFF_FILE))}
    return prepare


def _finalizer(request: RunRequest, analysis, stamp: dict, started: float):
    from ..render.index_pages import period_index_html
    from .notebooks import timings_of, write_run_json

    def finalize(folder: Path, results: list[NotebookResult]) -> None:
        (folder / HANDOFF_FILE).unlink(missing_ok=True)  # raw rows stay out of the shared folder
        written = write_period_tables(analysis, folder)
        tables = sorted(p.relative_to(folder) for p in written if p.parent.name == TABLES_DIR)
        accounting = analysis.campaign.summary.iloc[0].to_dict()
        page = period_index_html(analysis.period.label, results, tables, Path(APPENDIX_FILE),
                                 {k: int(v) for k, v in accounting.items()}, stamp)
        (folder / "index.html").write_text(page, encoding="utf-8")
        parameters = {"period": analysis.period.id, "label": analysis.period.label,
                      "as_of": analysis.period.as_of, "data_dir": request.data_dir, "plan": request.plan_path,
                      "pdf": request.pdf, "executed_notebooks": executed_dir(request.out_root / analysis.period.id)}
        files = [request.plan_path, *(request.data_dir / f for f in analysis.campaign.files["file"])]
        timings = {**timings_of(results), "total_seconds": round(time.perf_counter() - started, 3)}
        write_run_json(folder / RUN_RECORD, parameters, files, timings, __version__, results)
    return finalize


@dataclass
class RunWorkers:
    """The run's warm kernels and PDF processes, shared by all its periods."""

    kernels: KernelPool
    pdfs: PdfPool | None = None

    def close(self, cancel: bool = False) -> None:
        try:
            if cancel:
                self.kernels.cancel_pending()
            self.kernels.close()
        finally:
            if self.pdfs is not None:
                self.pdfs.close(cancel=cancel)


def default_workers(request: RunRequest, notebooks: int) -> int:
    """`--workers`, else the CPU count; never more than the notebooks of one period."""
    return max(1, min(request.workers or os.cpu_count() or 1, notebooks or 1))


def start_workers(request: RunRequest) -> RunWorkers:
    """Start the kernels (and PDF processes) now: they boot while the spreadsheets are read."""
    notebooks = batch_notebooks()
    workers = default_workers(request, len(notebooks))
    kernels = KernelPool(workers, notebook_imports(notebooks),
                         log_path=request.out_root / EXECUTED_DIR / KERNEL_LOG)
    return RunWorkers(kernels, PdfPool(workers) if request.pdf else None)


def run_period(request: RunRequest, period: Period, workers: RunWorkers | None = None) -> list[NotebookResult]:
    from ..render.sections import stamp_values
    from .notebooks import run_notebooks

    started = time.perf_counter()
    analysis = cached_analysis(request.data_dir, request.plan_path, cache_dir(request.out_root), period)
    stamp = stamp_values(analysis)
    jobs = _jobs(request, period, stamp)
    progress = ProgressLine(period.label, len(jobs), enabled=request.progress)
    results = run_notebooks(jobs, request.out_root / period.id, request.workers, progress,
                            pdf=request.pdf, prepare=_handoff(analysis),
                            finalize=_finalizer(request, analysis, stamp, started),
                            pool=workers.kernels if workers else None, pdfs=workers.pdfs if workers else None)
    return results


def site_rows(out_root: Path) -> list[dict]:
    """One row per period folder that holds a finished run."""
    rows = []
    for record_path in sorted(out_root.glob(f"*/{RUN_RECORD}")):
        record = json.loads(record_path.read_text(encoding="utf-8"))
        reports = record.get("reports", [])
        rows.append({"period": record_path.parent.name, "label": record["parameters"].get("label"),
                     "as_of": record["parameters"].get("as_of"), "reports": sum(r["ok"] for r in reports),
                     "failed": sum(not r["ok"] for r in reports), "generated_at": record.get("generated_at", "")})
    return sorted(rows, key=lambda r: (str(r["as_of"]), r["period"]))


def write_site_index(out_root: Path) -> Path:
    from ..render.index_pages import site_index_html

    path = out_root / "index.html"
    path.write_text(site_index_html(site_rows(out_root)), encoding="utf-8")
    return path


def run(request: RunRequest) -> dict[str, list[NotebookResult]]:
    """Start the kernels, read once, then each period in turn (its notebooks in parallel)."""
    workers = start_workers(request)
    completed = False
    try:
        campaign = cached_campaign(request.data_dir, request.plan_path, cache_dir(request.out_root))
        if request.progress:
            print(accounting_text(campaign), flush=True)
        outcomes = {period.id: run_period(request, period, workers) for period in request.periods}
        write_site_index(request.out_root)
        completed = True
    finally:
        workers.close(cancel=not completed)
    return outcomes
