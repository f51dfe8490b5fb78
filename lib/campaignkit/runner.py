"""The per-period batch: check the parameters, read the spreadsheets once, run the notebooks of
each period with papermill, export them, write the tables, the index pages and run.json."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .accounting import accounting_text
from .batch import NotebookJob, NotebookResult, run_notebooks, timings_of, write_run_json
from .index_page import period_index_html, site_index_html
from .loading import cache_dir_for, cached_analysis, cached_campaign
from .paths import NOTEBOOKS_DIR
from .periods import Period, PeriodError, campaign_periods, find_period, parse_as_of
from .plan import load_plan
from .report import stamp_values
from .tables_out import APPENDIX_FILE, TABLES_DIR, write_period_tables

INTERACTIVE_NOTEBOOKS = ("07_kham_pha.ipynb",)
PHASE_PERIODS = "phases"
ALL_PERIODS = "all"
RUN_RECORD = "run.json"


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
        raise PeriodError(f"Không tìm thấy thư mục dữ liệu {data_dir}. Hãy kiểm tra --data.")
    if not batch_notebooks():
        raise PeriodError(f"Không có sổ (notebook) nào trong {NOTEBOOKS_DIR}")
    return RunRequest(periods, Path(data_dir).resolve(), Path(plan_path).resolve(), Path(out_root).resolve(),
                      pdf, workers, progress)


def _jobs(request: RunRequest, period: Period, stamp: dict) -> list[NotebookJob]:
    parameters = {"period": period.id, "as_of": period.as_of.isoformat(), "data_dir": str(request.data_dir),
                  "plan": str(request.plan_path)}
    return [NotebookJob(notebook, parameters=parameters, stamp=stamp) for notebook in batch_notebooks()]


def _finalizer(request: RunRequest, analysis, stamp: dict, started: float):
    def finalize(folder: Path, results: list[NotebookResult]) -> None:
        written = write_period_tables(analysis, folder)
        tables = sorted(p.relative_to(folder) for p in written if p.parent.name == TABLES_DIR)
        accounting = analysis.campaign.summary.iloc[0].to_dict()
        page = period_index_html(analysis.period.label, results, tables, Path(APPENDIX_FILE),
                                 {k: int(v) for k, v in accounting.items()}, stamp)
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
    analysis = cached_analysis(request.data_dir, request.plan_path, _cache_dir(request), period)
    stamp = stamp_values(analysis)
    return run_notebooks(_jobs(request, period, stamp), request.out_root / period.id, request.workers,
                         request.progress, pdf=request.pdf, finalize=_finalizer(request, analysis, stamp, started))


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


def _cache_dir(request: RunRequest) -> Path:
    """The cache the notebooks find beside their (staging) period folder."""
    return cache_dir_for(request.out_root / "_")


def run(request: RunRequest) -> dict[str, list[NotebookResult]]:
    """Read once, then each period in turn (its notebooks in parallel)."""
    campaign = cached_campaign(request.data_dir, request.plan_path, _cache_dir(request))
    print(accounting_text(campaign))
    outcomes = {}
    for period in request.periods:
        print(f"Kỳ {period.id}: {period.label}")
        outcomes[period.id] = run_period(request, period)
    write_site_index(request.out_root)
    return outcomes
