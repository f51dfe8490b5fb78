"""The per-period run, as named steps: check the parameters (`prepare`), start the warm kernels
and read the spreadsheets once (`run`), then for each period (`start_period`) compute its
analyses once, hand them to the notebooks in one file (the analyses' cache file), run and export
the notebooks on the run's kernels (`notebooks.PeriodBatch`), write the tables, the appendix,
the index page and run.json; finally the site index.

One pool of kernels (and, with --pdf, of PDF processes) serves every period of the run
(`RunWorkers`): `--period all` starts `workers` kernels, not one per notebook. The next period
is started while the current one ends (its analyses computed, its notebooks queued), so the
kernels the current period no longer needs take the next period's notebooks instead of waiting
for its tables and index page; at most two periods are in flight.

The console shows the accounting, one line per period and, from the command line, where to look;
the kernels' own start-up output goes to `<out>/.executed/kernels.log`."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import InputError
from ..paths import INGEST_DIR, NOTEBOOKS_DIR
from ..plan import Period, load_plan
from ..render.console import accounting_text
from ..render.files import APPENDIX_FILE, TABLES_DIR, staged, write_ingest_tables, write_period_tables
from .cache import analysis_path, cache_dir, cached_analysis, cached_campaign, inputs_fingerprint
from .kernels import KernelPool
from .pdfs import PdfPool
from .progress import ProgressLine
from .selection import EXECUTED_DIR, batch_notebooks, default_workers, executed_dir, notebook_imports, resolve_periods

# papermill, nbconvert and matplotlib (`notebooks`, `render.index_pages`, `render.sections`) are
# imported by the steps that use them, after `run` has started the kernels: they boot meanwhile.
if TYPE_CHECKING:
    from ..intake import CampaignTables
    from .notebooks import NotebookJob, NotebookResult, PeriodBatch

RUN_RECORD = "run.json"
KERNEL_LOG = "kernels.log"  # in <out>/.executed/: what the kernels print while starting


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
    from ..render.word import check_template

    check_template(plan, plan_path)  # a broken Word template stops the run before any notebook
    if not Path(data_dir).is_dir():
        raise InputError(f"Không tìm thấy thư mục dữ liệu {data_dir}. Hãy kiểm tra --data.")
    if not batch_notebooks():
        raise InputError(f"Không có sổ (notebook) nào trong {NOTEBOOKS_DIR}")
    return RunRequest(periods, Path(data_dir).resolve(), Path(plan_path).resolve(), Path(out_root).resolve(),
                      pdf, workers, progress)


def _jobs(request: RunRequest, period: Period, stamp: dict, analysis_file: Path) -> list[NotebookJob]:
    """Every notebook of the period; each reads the period's analyses from the cache's file of them
    (written once, outside the shared folders: the rows in it carry contacts)."""
    from .notebooks import NotebookJob

    parameters = {"period": period.id, "as_of": period.as_of.isoformat(), "data_dir": str(request.data_dir),
                  "plan": str(request.plan_path), "analysis_file": str(analysis_file)}
    return [NotebookJob(notebook, parameters=parameters, stamp=stamp, out_dir_parameter=None)
            for notebook in batch_notebooks()]


def write_period_files(analysis, folder: Path, plan_path: Path) -> list[Path]:
    """Step: what a period folder holds beside its reports — the tables and the appendix, the Word
    report, the units' feedback workbooks (written while the notebooks run)."""
    from ..render.feedback import write_feedback
    from ..render.word import check_template, word_report_name, write_word_report

    written = write_period_tables(analysis, folder)
    template = check_template(analysis.plan, plan_path)
    written.append(write_word_report(analysis, template, folder / word_report_name(analysis.period.id)))
    written += write_feedback(analysis, folder)
    return written


def period_index_page(analysis, results, written: list[Path], folder: Path, stamp: dict) -> str:
    """The period's index page: its reports, tables, appendix, Word report, feedback and accounting."""
    from ..render.feedback import MESSAGES_FILE, feedback_links
    from ..render.index_pages import period_index_html
    from ..render.word import word_report_name

    tables = sorted(p.relative_to(folder) for p in written if p.parent.name == TABLES_DIR)
    unread = [f"{r.file}" + (f", trang '{r.sheet}'" if r.sheet else "") + f": {r.problem}"
              for r in analysis.unread_files.itertuples()]
    return period_index_html(analysis.period.label, results, tables, Path(APPENDIX_FILE),
                             analysis.ingest_summary, stamp, unread=unread,
                             word_report=Path(word_report_name(analysis.period.id)),
                             feedback=feedback_links(analysis), messages=Path(MESSAGES_FILE))


def _finalizer(request: RunRequest, analysis, stamp: dict, started: float, written: list[Path]):
    """Step, once the notebooks are done: the index page and run.json (the tables, the Word report
    and the feedback, `written`, were written while the notebooks ran)."""
    from .notebooks import timings_of, write_run_json

    def finalize(folder: Path, results: list[NotebookResult]) -> None:
        (folder / "index.html").write_text(period_index_page(analysis, results, written, folder, stamp),
                                           encoding="utf-8")
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


def start_workers(request: RunRequest) -> RunWorkers:
    """Start the kernels (and PDF processes) now: they boot while the spreadsheets are read."""
    notebooks = batch_notebooks()
    workers = default_workers(request.workers, len(notebooks))
    kernels = KernelPool(workers, notebook_imports(notebooks),
                         log_path=request.out_root / EXECUTED_DIR / KERNEL_LOG)
    return RunWorkers(kernels, PdfPool(workers) if request.pdf else None)


def previous_seconds(out_root: Path) -> dict[str, float]:
    """Each notebook's execution time in the runs recorded under `out_root` (its mean), to
    submit the longest first."""
    seen: dict[str, list[float]] = {}
    for record_path in out_root.glob(f"*/{RUN_RECORD}"):
        try:
            timings = json.loads(record_path.read_text(encoding="utf-8")).get("timings", {})
        except (OSError, ValueError):
            continue
        for name, values in timings.items():
            if isinstance(values, dict) and isinstance(values.get("execute"), (int, float)):
                seen.setdefault(name, []).append(float(values["execute"]))
    return {name: sum(values) / len(values) for name, values in seen.items()}


@dataclass
class PeriodRun:
    period: Period
    batch: PeriodBatch


def start_period(request: RunRequest, period: Period, workers: RunWorkers, campaign: CampaignTables, key: str,
                 active: bool = True) -> PeriodRun:
    """The period's analyses (computed once, or from the cache), its notebooks submitted, then its
    tables and appendix written (they need no notebook: the kernels run meanwhile)."""
    from ..render.sections import stamp_values
    from .notebooks import PeriodBatch, expected_order

    started = time.perf_counter()
    progress = ProgressLine(period.label, len(batch_notebooks()), enabled=request.progress, active=active)
    handoff = analysis_path(cache_dir(request.out_root), key, period)  # the cache's file is the notebooks' too
    analysis = cached_analysis(campaign, handoff, period)
    stamp = stamp_values(analysis)
    jobs = _jobs(request, period, stamp, handoff)
    written: list[Path] = []
    batch = PeriodBatch(jobs, request.out_root / period.id, workers.kernels, workers.pdfs, progress,
                        finalize=_finalizer(request, analysis, stamp, started, written),
                        order=expected_order(jobs, previous_seconds(request.out_root)))
    batch.start()
    try:
        written += write_period_files(analysis, batch.staging, request.plan_path)
    except BaseException:
        batch.abort()
        raise
    return PeriodRun(period, batch)


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
    """Start the kernels, read once, then the periods in turn, the next one started while the
    current one ends; each period's notebooks in parallel on the run's kernels."""
    from .notebooks import drive

    workers = start_workers(request)
    in_flight: list[PeriodRun] = []
    outcomes: dict[str, list[NotebookResult]] = {}
    completed = False
    try:
        key = inputs_fingerprint(request.data_dir, request.plan_path)  # once: it reads the plan, stats every file
        campaign = cached_campaign(request.data_dir, request.plan_path, cache_dir(request.out_root), key)
        if request.progress:
            print(accounting_text(campaign), flush=True)
        with staged(request.out_root / INGEST_DIR) as staging:  # the office's working copy, as `ingest` writes it
            write_ingest_tables(campaign, staging)
        for period in request.periods:
            in_flight.append(start_period(request, period, workers, campaign, key, active=not in_flight))
            if len(in_flight) == 2:
                _finish_oldest(in_flight, outcomes, drive)
        while in_flight:
            _finish_oldest(in_flight, outcomes, drive)
        write_site_index(request.out_root)
        completed = True
    except BaseException:
        for running in in_flight:
            running.batch.abort()
        raise
    finally:
        workers.close(cancel=not completed)
    return outcomes


def _finish_oldest(in_flight: list[PeriodRun], outcomes: dict, drive) -> None:
    """Export what completes (of every period in flight) until the oldest period is done, then
    finalize and swap it in; the next one's progress line takes over."""
    oldest = in_flight[0]
    drive([r.batch for r in in_flight], until=oldest.batch)
    outcomes[oldest.period.id] = oldest.batch.finish()
    in_flight.pop(0)
    if in_flight:
        in_flight[0].batch.progress.activate()
