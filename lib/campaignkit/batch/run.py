"""The per-period run, as named steps: check the parameters (`prepare`), read the spreadsheets
once (`run`), then for each period (`run_period`) compute its analyses once, hand them to the
notebooks in one file, run and export the notebooks (`notebooks.run_notebooks`), write the
tables, the appendix, the index page and run.json; finally the site index."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..analyses import write_analysis
from ..errors import InputError, PeriodError
from ..paths import NOTEBOOKS_DIR
from ..plan import Period, campaign_periods, find_period, load_plan, parse_as_of
from ..render.console import accounting_text
from ..render.feedback import MESSAGES_FILE, feedback_links, write_feedback
from ..render.files import APPENDIX_FILE, TABLES_DIR, write_period_tables
from ..render.index_pages import period_index_html, site_index_html
from ..render.sections import stamp_values
from ..render.word import check_template, word_report_name, write_word_report
from .cache import cache_dir, cached_analysis, cached_campaign
from .notebooks import NotebookJob, NotebookResult, run_notebooks, timings_of, write_run_json

INTERACTIVE_NOTEBOOKS = ("07_kham_pha.ipynb",)
PHASE_PERIODS = "phases"
ALL_PERIODS = "all"
RUN_RECORD = "run.json"
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


def batch_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if p.name not in INTERACTIVE_NOTEBOOKS)


def resolve_periods(plan, period_arg: str, as_of_text: str | None) -> list[Period]:
    """'dot1', 'dot1,dot2', 'phases' (the phase reports) or 'all'; refused before anything runs."""
    as_of = parse_as_of(as_of_text)
    if period_arg == ALL_PERIODS:
        ids = [p.id for p in campaign_periods(plan)]
    elif period_arg == PHASE_PERIODS:
        ids = [p.id for p in campaign_periods(plan) if p.kind == "phase"]
    else:
        ids = [part.strip() for part in period_arg.split(",") if part.strip()]
    if not ids:
        raise PeriodError("Chưa chọn kỳ báo cáo (--period)")
    return [find_period(plan, period_id, as_of) for period_id in ids]


def prepare(period_arg: str, as_of: str | None, data_dir: Path, plan_path: Path, out_root: Path,
            pdf: bool = False, workers: int | None = None, progress: bool = True) -> RunRequest:
    """Every parameter checked (plan, periods, date, data folder) before any notebook runs."""
    plan = load_plan(plan_path)
    periods = resolve_periods(plan, period_arg, as_of)
    if not Path(data_dir).is_dir():
        raise InputError(f"Không tìm thấy thư mục dữ liệu {data_dir}. Hãy kiểm tra --data.")
    if not batch_notebooks():
        raise InputError(f"Không có sổ (notebook) nào trong {NOTEBOOKS_DIR}")
    check_template(plan, plan_path)  # a broken Word template stops the run before any notebook
    return RunRequest(periods, Path(data_dir).resolve(), Path(plan_path).resolve(), Path(out_root).resolve(),
                      pdf, workers, progress)


def _jobs(request: RunRequest, period: Period, stamp: dict) -> list[NotebookJob]:
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
    def finalize(folder: Path, results: list[NotebookResult]) -> None:
        (folder / HANDOFF_FILE).unlink(missing_ok=True)  # raw rows stay out of the shared folder
        written = write_period_tables(analysis, folder)
        tables = sorted(p.relative_to(folder) for p in written if p.parent.name == TABLES_DIR)
        word = write_word_report(analysis, check_template(analysis.plan, request.plan_path),
                                 folder / word_report_name(analysis.period.id))
        write_feedback(analysis, folder)
        unread = [f"{r.file}" + (f", trang '{r.sheet}'" if r.sheet else "") + f": {r.problem}"
                  for r in analysis.unread_files.itertuples()]
        page = period_index_html(analysis.period.label, results, tables, Path(APPENDIX_FILE),
                                 analysis.ingest_summary, stamp, unread=unread,
                                 word_report=word.relative_to(folder), feedback=feedback_links(analysis),
                                 messages=Path(MESSAGES_FILE))
        (folder / "index.html").write_text(page, encoding="utf-8")
        parameters = {"period": analysis.period.id, "label": analysis.period.label,
                      "as_of": analysis.period.as_of, "data_dir": request.data_dir, "plan": request.plan_path,
                      "pdf": request.pdf}
        files = [request.plan_path, *(request.data_dir / f for f in analysis.campaign.files["file"])]
        timings = {**timings_of(results), "total_seconds": round(time.perf_counter() - started, 3)}
        write_run_json(folder / RUN_RECORD, parameters, files, timings, __version__, results)
    return finalize


def run_period(request: RunRequest, period: Period) -> list[NotebookResult]:
    started = time.perf_counter()
    analysis = cached_analysis(request.data_dir, request.plan_path, cache_dir(request.out_root), period)
    stamp = stamp_values(analysis)
    return run_notebooks(_jobs(request, period, stamp), request.out_root / period.id, request.workers,
                         request.progress, pdf=request.pdf, prepare=_handoff(analysis),
                         finalize=_finalizer(request, analysis, stamp, started))


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
    path = out_root / "index.html"
    path.write_text(site_index_html(site_rows(out_root)), encoding="utf-8")
    return path


def run(request: RunRequest) -> dict[str, list[NotebookResult]]:
    """Read once, then each period in turn (its notebooks in parallel)."""
    campaign = cached_campaign(request.data_dir, request.plan_path, cache_dir(request.out_root))
    print(accounting_text(campaign))
    outcomes = {}
    for period in request.periods:
        print(f"Kỳ {period.id}: {period.label}")
        outcomes[period.id] = run_period(request, period)
    write_site_index(request.out_root)
    return outcomes
