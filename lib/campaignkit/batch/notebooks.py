"""Run the period's notebooks with papermill on warm kernels, and export each to HTML (and PDF).

A run builds the whole period folder in a hidden sibling (`.<period>.partial-…`) and swaps it
into place only at the end, so an interrupted or failed run leaves the previous outputs of the
period untouched. The notebooks receive that folder as their `out_dir` parameter (unless their job says
otherwise): what they write there (tables, figures) is swapped in together with the reports.

Notebooks run on the warm kernels of a `kernels.KernelPool` (one pool for the whole run: see
`batch.run`; `run_notebooks` makes one of its own when given none), through papermill's engine
mechanism (`engine.WarmKernelEngine`): parameters injected, cell timings and error markers in
the executed notebook, as with papermill's own engine. Each kernel's working directory is set
by the pool's reset before each notebook (never by os.chdir in this process, which is
process-wide: nteract/papermill#473).

While the kernels run the next notebooks, this thread exports each finished one to HTML
(nbconvert, in-process); PDFs are printed by a pool of processes (`pdfs.PdfPool`). The executed
notebook is written once, when it is done (not after every cell: see `engine`).

Executed notebooks hold the raw rows the reports were made from, contacts included, so they are
kept out of the shared period folder: in `<out>/.executed/<period>/` (built and swapped in the
same way), and `NotebookResult.executed` says where.

One notebook failing does not stop the others: its result carries a Vietnamese message naming
the error and the cell.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path

# isort: off
from . import jupyter_imports  # noqa: F401 — before nbformat is first imported (see that module)
# isort: on
import nbformat
import papermill

from ..errors import UsageError
from ..render.export import notebook_to_html
from .engine import ENGINE_NAME
from .kernels import KERNEL_NAME, KernelPool, WarmKernel
from .pdfs import PdfPool
from .progress import ProgressLine
from .selection import EXECUTED_DIR, default_workers, executed_dir, notebook_imports  # noqa: F401

PARTIAL_MARK = ".partial-"
OLD_MARK = ".old-"


@dataclass(frozen=True)
class NotebookJob:
    """One notebook to run for the period.

    `parameters` are injected by papermill; the folder being built is passed as the parameter
    named `out_dir_parameter` (default `out_dir`; None: not passed). `name` is the stem of
    the output files (default: the notebook's stem); `title` heads the report (default: the
    notebook's metadata title, else the name); `stamp` is the data stamp shown in the
    report's header and footer (see export.format_stamp); `cwd` is the kernel's working
    directory (default: the notebook's folder).
    """

    notebook: Path
    parameters: Mapping = field(default_factory=dict)
    name: str | None = None
    title: str | None = None
    stamp: Mapping = field(default_factory=dict)
    cwd: Path | None = None
    out_dir_parameter: str | None = "out_dir"

    @property
    def stem(self) -> str:
        return self.name or Path(self.notebook).stem


@dataclass
class NotebookResult:
    """What became of one job. `html` and `pdf` are relative to the period folder (out_dir);
    `executed` is the executed notebook's absolute path, outside that folder (see EXECUTED_DIR)."""

    name: str
    title: str
    notebook: Path
    ok: bool
    html: Path | None = None
    pdf: Path | None = None
    executed: Path | None = None
    error: str | None = None  # Vietnamese, for the index page
    error_name: str | None = None
    error_value: str | None = None
    error_cell: int | None = None  # 1-based position of the failing cell in the notebook
    timings: dict[str, float] = field(default_factory=dict)  # execute, html, pdf (seconds)
    kernel: int | None = None  # which warm kernel of the pool ran it


# ---------------------------------------------------------------------------- errors


def _source_cell_number(notebook: Path, source: str, fallback_index: int) -> int:
    """The failing cell's 1-based position in the notebook as its author sees it
    (papermill's index counts the injected-parameters cell)."""
    try:
        cells = nbformat.read(notebook, as_version=4).cells
    except Exception:
        return fallback_index + 1
    for number, cell in enumerate(cells, 1):
        if cell.cell_type == "code" and cell.source == source:
            return number
    return fallback_index + 1


def _first_line(source: str) -> str:
    line = next((ln.strip() for ln in source.splitlines() if ln.strip()), "")
    return line if len(line) <= 80 else line[:77] + "…"


def execution_error_result(job: NotebookJob, title: str, error, executed: Path | None) -> NotebookResult:
    """A papermill.PapermillExecutionError as a failed result with a Vietnamese message."""
    cell = _source_cell_number(Path(job.notebook), error.source or "", error.cell_index)
    evalue = (error.evalue or "").strip()
    message = (
        f"Sổ {Path(job.notebook).name} dừng ở ô thứ {cell}"
        f" (dòng đầu: “{_first_line(error.source or '')}”): {error.ename}"
        + (f": {evalue}" if evalue else "")
    )
    return NotebookResult(
        name=job.stem, title=title, notebook=Path(job.notebook), ok=False, executed=executed,
        error=message, error_name=error.ename, error_value=evalue, error_cell=cell,
    )


def other_error_result(job: NotebookJob, title: str, step: str, error: BaseException,
                       executed: Path | None) -> NotebookResult:
    """Any other failure (missing notebook, kernel died, export failed) as a failed result."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    message = f"Không {step} sổ {Path(job.notebook).name}: {type(error).__name__}" + (
        f": {text}" if text else ""
    )
    return NotebookResult(
        name=job.stem, title=title, notebook=Path(job.notebook), ok=False, executed=executed,
        error=message, error_name=type(error).__name__, error_value=text,
    )


# ---------------------------------------------------------------------------- one notebook


def _title(job: NotebookJob) -> str:
    if job.title:
        return job.title
    try:
        return nbformat.read(job.notebook, as_version=4).metadata.get("title") or job.stem
    except Exception:
        return job.stem


def kernel_cwd(job: NotebookJob) -> Path:
    """The kernel's working directory for the job: its own, else the notebook's folder."""
    return Path(job.cwd or Path(job.notebook).resolve().parent)


def execute_job(job: NotebookJob, folder: Path, executed: Path | None, kernel: WarmKernel):
    """Run one notebook with papermill on a warm kernel; return the executed NotebookNode."""
    parameters = dict(job.parameters)
    if job.out_dir_parameter:
        parameters[job.out_dir_parameter] = str(folder)
    return papermill.execute_notebook(
        str(Path(job.notebook).resolve()),
        str(executed) if executed else None,
        parameters=parameters,
        engine_name=ENGINE_NAME,
        warm_kernel=kernel,
        kernel_name=KERNEL_NAME,
        progress_bar=False,
    )


def run_job(job: NotebookJob, kernel: WarmKernel, folder: Path, executed: Path | None,
            executed_final: Path | None) -> tuple[NotebookResult, object]:
    """Execute one job on `kernel` (in the pool's thread); never raises for the notebook's own
    errors. `executed` is where papermill writes the executed notebook, `executed_final` where
    it will be once the run is swapped in. Returns the result and the executed notebook."""
    title = _title(job)
    start = time.perf_counter()
    try:
        nb = execute_job(job, folder, executed, kernel)
    except papermill.PapermillExecutionError as error:
        result, nb = execution_error_result(job, title, error, executed_final), None
    except Exception as error:
        result, nb = other_error_result(job, title, "chạy được", error, executed_final), None
    else:
        result = NotebookResult(name=job.stem, title=title, notebook=Path(job.notebook), ok=True,
                                executed=executed_final)
    result.timings = {"execute": time.perf_counter() - start}
    result.kernel = kernel.number
    return result, nb


def export_job(job: NotebookJob, result: NotebookResult, nb, folder: Path,
               pdfs: PdfPool | None) -> Future | None:
    """Write the job's HTML page into `folder`; with `pdfs`, submit its PDF and return the Future."""
    try:
        start = time.perf_counter()
        page = notebook_to_html(nb, result.title, dict(job.stamp), base_dir=Path(job.notebook).resolve().parent)
        (folder / f"{job.stem}.html").write_text(page, encoding="utf-8")
        result.html = Path(f"{job.stem}.html")
        result.timings["html"] = time.perf_counter() - start
    except Exception as error:
        _export_failed(job, result, error)
        return None
    return pdfs.submit(folder / result.html, folder / f"{job.stem}.pdf") if pdfs is not None else None


def _export_failed(job: NotebookJob, result: NotebookResult, error: BaseException) -> None:
    failed = other_error_result(job, result.title, "xuất được báo cáo từ", error, result.executed)
    failed.timings, failed.kernel = result.timings, result.kernel
    vars(result).update(vars(failed))


def pdf_done(job: NotebookJob, result: NotebookResult, future: Future) -> None:
    try:
        result.timings["pdf"] = future.result()
        result.pdf = Path(f"{job.stem}.pdf")
    except Exception as error:
        _export_failed(job, result, error)


# ---------------------------------------------------------------------------- the folder swap


def _siblings(out_dir: Path, mark: str) -> list[Path]:
    prefix = f".{out_dir.name}{mark}"
    return sorted(p for p in out_dir.parent.glob(f"{prefix}*") if p.is_dir())


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_interrupted(out_dir: Path) -> None:
    """Undo what an interrupted earlier run left: put back a period folder moved aside but
    not replaced, and remove partial folders of runs that are no longer alive."""
    olds = _siblings(out_dir, OLD_MARK)
    if not out_dir.exists() and olds:
        os.replace(olds[-1], out_dir)
        olds = olds[:-1]
    for old in olds:
        shutil.rmtree(old, ignore_errors=True)
    for partial in _siblings(out_dir, PARTIAL_MARK):
        match = re.search(r"\.partial-(\d+)-", partial.name)
        if match is None or not _pid_alive(int(match[1])):
            shutil.rmtree(partial, ignore_errors=True)


def make_staging(out_dir: Path) -> Path:
    """An empty hidden sibling of out_dir where the new period folder is built."""
    staging = out_dir.parent / f".{out_dir.name}{PARTIAL_MARK}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    return staging



def swap_into_place(staging: Path, out_dir: Path) -> None:
    """Make `staging` the period folder. The previous folder is moved aside first and
    deleted only once the new one is in place (directories cannot be swapped atomically)."""
    old = None
    if out_dir.exists():
        old = out_dir.parent / f".{out_dir.name}{OLD_MARK}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        os.replace(out_dir, old)
    try:
        os.replace(staging, out_dir)
    except BaseException:
        if old is not None:
            os.replace(old, out_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------------------- the batch


def _check_names(jobs: Sequence[NotebookJob]) -> None:
    seen: dict[str, Path] = {}
    for job in jobs:
        if job.stem in seen:
            raise UsageError(
                f"Hai sổ cùng tên đầu ra «{job.stem}»: {seen[job.stem]} và {job.notebook}. "
                "Hãy đặt `name` khác nhau cho từng NotebookJob."
            )
        seen[job.stem] = Path(job.notebook)


class PeriodBatch:
    """One period folder being built: its notebooks submitted to the pool, each exported as soon
    as it is done, then the folder finalized and swapped in.

    `start()` prepares the hidden folders and submits every job (the pool queues them, first in,
    first out: a second period started early waits behind the first and fills the kernels the
    first leaves idle at its end); `drive([...])` handles what completes, for any number of
    batches; `finish()` runs `finalize` and swaps the folders in. `order` is the order in which
    jobs are submitted (longest first, see `expected_order`); results keep the jobs' order.
    """

    def __init__(self, jobs: Sequence[NotebookJob], out_dir: Path, pool: KernelPool, pdfs: PdfPool | None,
                 progress: ProgressLine, *, keep_notebooks: bool = True,
                 finalize: Callable[[Path, list[NotebookResult]], None] | None = None,
                 order: Sequence[int] | None = None):
        self.jobs = list(jobs)
        _check_names(self.jobs)
        self.out_dir = Path(out_dir).resolve()
        self.pool, self.pdfs, self.progress = pool, pdfs, progress
        self.private_dir = executed_dir(self.out_dir) if keep_notebooks else None
        self.finalize = finalize
        self.order = list(order) if order is not None else list(range(len(self.jobs)))
        self.results: list[NotebookResult | None] = [None] * len(self.jobs)
        self.executions: dict[Future, int] = {}
        self.printing: dict[Future, int] = {}
        self.handled: set[Future] = set()
        self.staging: Path | None = None
        self.private: Path | None = None

    def start(self) -> PeriodBatch:
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        recover_interrupted(self.out_dir)
        if self.private_dir is not None:
            self.private_dir.parent.mkdir(parents=True, exist_ok=True)
            recover_interrupted(self.private_dir)
        self.staging = make_staging(self.out_dir)
        self.private = make_staging(self.private_dir) if self.private_dir is not None else None
        try:
            for index in self.order:
                self.executions[self.pool.submit(self._task(index), cwd=kernel_cwd(self.jobs[index]))] = index
        except BaseException:
            self.abort()
            raise
        return self

    def _task(self, index: int):
        job = self.jobs[index]
        executed = self.private / f"{job.stem}.ipynb" if self.private is not None else None
        final = self.private_dir / f"{job.stem}.ipynb" if self.private_dir is not None else None

        def task(kernel: WarmKernel):
            return run_job(job, kernel, self.staging, executed, final)
        return task

    def outstanding(self) -> list[Future]:
        return [f for f in (*self.executions, *self.printing) if f not in self.handled]

    def handle(self, future: Future) -> None:
        """A future of this batch is done: export the notebook, or record its PDF."""
        self.handled.add(future)
        if future in self.executions:
            index = self.executions[future]
            result, nb = future.result()  # run_job never raises for the notebook's errors
            self.results[index] = result
            printed = export_job(self.jobs[index], result, nb, self.staging, self.pdfs) if result.ok else None
            if printed is None:
                self.progress.update(result.ok, result.name)
            else:
                self.printing[printed] = index
        else:
            index = self.printing[future]
            pdf_done(self.jobs[index], self.results[index], future)
            self.progress.update(self.results[index].ok, self.results[index].name)

    @property
    def done(self) -> bool:
        return self.staging is not None and not self.outstanding()

    def finish(self) -> list[NotebookResult]:
        results = [r for r in self.results if r is not None]
        try:
            if self.finalize is not None:
                self.finalize(self.staging, results)
            if self.private is not None:
                swap_into_place(self.private, self.private_dir)
            swap_into_place(self.staging, self.out_dir)
        except BaseException:
            self.abort()
            raise
        self.progress.finish()
        return results

    def abort(self) -> None:
        """Cancel what has not started, let a running notebook end (it writes into the folder),
        remove the hidden folders: the previous outputs stay as they were."""
        for future in [*self.executions, *self.printing]:
            future.cancel()
        for future in self.executions:
            if not future.cancelled():
                try:
                    future.exception()
                except BaseException:
                    pass
        for folder in (self.staging, self.private):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)


def drive(batches: Sequence[PeriodBatch], until: PeriodBatch | None = None) -> None:
    """Handle completions of every batch (exports, PDFs) until `until` is done (default: all)."""
    target = [until] if until is not None else list(batches)
    while not all(batch.done for batch in target):
        owners = {future: batch for batch in batches for future in batch.outstanding()}
        if not owners:
            return
        finished, _ = wait(owners, return_when=FIRST_COMPLETED)
        for future in finished:
            owners[future].handle(future)


def expected_order(jobs: Sequence[NotebookJob], seconds: Mapping[str, float]) -> list[int]:
    """Job indexes, the longest expected first (so the last to end is a short one); jobs with no
    timing from an earlier run go first, in their own order."""
    return sorted(range(len(jobs)), key=lambda i: -seconds.get(jobs[i].stem, math.inf))


def run_notebooks(
    jobs: list[NotebookJob],
    out_dir: Path,
    workers: int | None = None,
    progress: bool | ProgressLine = True,
    *,
    pdf: bool = False,
    keep_notebooks: bool = True,
    finalize: Callable[[Path, list[NotebookResult]], None] | None = None,
    pool: KernelPool | None = None,
    pdfs: PdfPool | None = None,
    order: Sequence[int] | None = None,
) -> list[NotebookResult]:
    """Run the period's notebooks into `out_dir` (the period folder, e.g. outputs/dot1).

    Writes <name>.html (and <name>.pdf when `pdf`) for each notebook that ran, the executed
    notebooks into `executed_dir(out_dir)` (unless not `keep_notebooks`), and whatever the
    notebooks write to their `out_dir`. `finalize(folder, results)` may add or remove
    files (index page, run.json, tables) before the swap. Everything is built in a hidden sibling
    folder and replaces out_dir only when complete; if anything raises (or the run is
    interrupted) the previous out_dir is left as it was.

    `pool` (warm kernels) and `pdfs` (PDF processes) are the run's, shared by its periods;
    without them the call makes its own, of `workers` kernels (default: the CPU count, at most
    one per notebook), and closes them at the end. `progress`: True for a line of progress on
    stdout, or a ProgressLine of the caller's.
    """
    workers = default_workers(workers, len(jobs))
    _check_names(jobs)
    own_pool, own_pdfs = pool is None, pdf and pdfs is None
    if own_pool:
        pool = KernelPool(workers, notebook_imports(job.notebook for job in jobs))
    if own_pdfs:
        pdfs = PdfPool(workers)
    if not isinstance(progress, ProgressLine):
        progress = ProgressLine(Path(out_dir).name, len(jobs), enabled=bool(progress))
    try:
        batch = PeriodBatch(jobs, out_dir, pool, pdfs if pdf else None, progress, keep_notebooks=keep_notebooks,
                            finalize=finalize, order=order).start()
        try:
            drive([batch])
        except BaseException:
            batch.abort()
            raise
        return batch.finish()
    finally:
        if own_pool:
            pool.close()
        if own_pdfs:
            pdfs.close()


# ---------------------------------------------------------------------------- run.json


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def describe_inputs(input_files: Iterable) -> list[dict]:
    """Each input file with its size and sha256 (a file that vanished is recorded as missing)."""
    described = []
    for item in input_files:
        path = Path(item)
        if path.is_file():
            described.append({"path": str(path), "size": path.stat().st_size, "sha256": sha256_file(path)})
        else:
            described.append({"path": str(path), "missing": True, "sha256": None})
    return described


def timings_of(results: Iterable[NotebookResult]) -> dict[str, dict[str, float]]:
    """Per-notebook timings, rounded to milliseconds, for run.json."""
    return {r.name: {k: round(v, 3) for k, v in r.timings.items()} for r in results}


def _json_default(value):
    if isinstance(value, (Path, dt.date, dt.datetime, dt.time)):
        return str(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def write_run_json(path, parameters: Mapping, input_files: Iterable, timings: Mapping,
                   kit_version: str, results: Iterable[NotebookResult] = ()) -> Path:
    """Record a run: parameters, input files (size, sha256), timings, kit version and when.
    Written to a temporary file then renamed, so a reader never sees half a file."""
    path = Path(path)
    record = {
        "kit_version": kit_version,
        "generated_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "parameters": dict(parameters),
        "input_files": describe_inputs(input_files),
        "timings": dict(timings),
        "reports": [{"name": r.name, "title": r.title, "ok": r.ok, "error": r.error,
                     "executed": str(r.executed) if r.executed else None} for r in results],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(
        json.dumps(record, ensure_ascii=False, indent=2, default=_json_default) + "\n",
        encoding="utf-8",
    )
    os.replace(temporary, path)
    return path
