"""`make_campaign`: the generator's named steps, in order, from an empty folder to the expected counts.

Like papermill's `execute_notebook`, the orchestrator only calls the steps, one after the other:

1. prepare the folder (remove what an earlier run wrote, nothing else);
2. the units of the bloc and how each one writes (registry, styles);
3. the activities they hold;
4. the reports they send (sends, calibration of the figures, earlier versions), then the
   reports' deliberate mistakes;
5. the registrations they send, with their mistakes;
6. the workbooks: the unit registry, then every report and registration, rendered and written;
7. the expected counts (expected_counts.json) and the folder's README.md.

Every step that draws random numbers draws from its own stream (`stream(seed, name)`), so that
changing one step leaves the draws of the others alone; the order of the draws within a stream
is part of the output (same seed and scale, same bytes).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from .activities import Activity, make_activities
from .expected import expectations, readme
from .facts import Facts
from .facts_2024 import FACTS as FACTS_2024
from .messiness import add_structure_cases, fill_mismatch_values, inject_registration_messiness, inject_report_messiness
from .registry import Unit, make_registry, write_registry
from .rendering import Grid, assign_styles, build_sheet_grid
from .sending import (
    BookSpec,
    calibrate,
    finalize_versions,
    make_registration_books,
    make_report_books,
    reported_activities,
)
from .writers import write_book


@dataclass
class Reports:
    """The report workbooks, the activities they list, the calibration factors, the mistakes' log."""
    books: list[BookSpec]
    activities: list[Activity]
    factors: dict
    log: list[dict]


@dataclass
class Registrations:
    """The registration workbooks and the log of their mistakes."""
    books: list[BookSpec]
    log: list[dict]


def make_campaign(out_dir, seed: int | None = None, scale: float = 1.0, facts: Facts = FACTS_2024) -> dict:
    """Write a synthetic campaign folder for `facts` (by default the 2024 campaign) and return its
    expected counts (also saved as expected_counts.json). `seed`: by default the campaign's own."""
    if scale <= 0:
        raise ValueError("scale must be > 0")
    f = facts
    seed = f.default_seed if seed is None else seed
    out = prepare_folder(out_dir)

    units = make_units(f, seed, scale)
    activities = make_activities(f, stream(seed, "activities"), units, scale)
    reports = plan_reports(f, seed, units, activities, scale)
    add_report_mistakes(f, seed, reports, units)
    registrations = plan_registrations(f, seed, units, reports.activities, scale)

    write_registry(f, out, units)
    report_grids, registration_grids = write_workbooks(f, out, seed, units, reports.books, registrations.books)

    return write_expectations(f, out, seed, scale, units, reports, registrations, report_grids, registration_grids)


def stream(seed: int, step: str) -> random.Random:
    """The random stream of one step, independent of the other steps' streams."""
    return random.Random(f"{seed}:{step}")


def prepare_folder(out_dir) -> Path:
    """Step 1: the output folder, created if need be, without what an earlier run wrote."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    clean_output(out)
    return out


def clean_output(out: Path) -> None:
    """Remove only what the generator writes (a plan file or other material in the folder stays)."""
    for sub in ("dang_ky", "bao_cao"):
        d = out / sub
        if d.is_dir():
            for f in d.iterdir():
                if f.is_file() and f.suffix.lower() in (".xlsx", ".xls", ".ods"):
                    f.unlink()
    for name in ("don_vi.xlsx", "expected_counts.json", "README.md"):
        if (out / name).is_file():
            (out / name).unlink()


def make_units(f: Facts, seed: int, scale: float) -> list[Unit]:
    """Step 2: the units of the bloc, each with the style it writes in (some with last year's
    template: the district column and the communes' names before the reorganisation)."""
    units = make_registry(f, stream(seed, "registry"), scale)
    assign_styles(stream(seed, "styles"), units)
    for unit in units:
        if unit.id in f.mistakes.old_name_units:
            unit.style["old_template"] = True
    return units


def plan_reports(f: Facts, seed: int, units: list[Unit], activities: list[Activity], scale: float) -> Reports:
    """Step 4a: which reports every unit sends and what they list, with figures calibrated towards the
    targets and the earlier versions of activities sent again."""
    books = make_report_books(f, stream(seed, "sends"), units, activities)
    reported = reported_activities(books)
    factors = calibrate(f, reported, scale)
    finalize_versions(f, stream(seed, "versions"), books)
    return Reports(books, reported, factors, log=[])


def add_report_mistakes(f: Facts, seed: int, reports: Reports, units: list[Unit]) -> None:
    """Step 4b: the reports' deliberate mistakes, in their rows and in their structure."""
    by_id = {u.id: u for u in units}
    reports.log += inject_report_messiness(f, stream(seed, "mistakes"), reports.books, by_id)
    reports.log += add_structure_cases(f, stream(seed, "structure"), reports.books, by_id)
    fill_mismatch_values(f, reports.books)


def plan_registrations(f: Facts, seed: int, units: list[Unit], reported: list[Activity],
                       scale: float) -> Registrations:
    """Step 5: every registering unit's registration workbook (planned from what it will report), with
    the registrations' deliberate mistakes (one random stream for both)."""
    rng = stream(seed, "registrations")
    books = make_registration_books(f, rng, units, reported, scale)
    log = inject_registration_messiness(f, rng, books, units)
    fill_mismatch_values(f, books)
    return Registrations(books, log)


def write_workbooks(f: Facts, out: Path, seed: int, units: list[Unit], report_books: list[BookSpec],
                    registration_books: list[BookSpec]) -> tuple[list[list[Grid]], list[list[Grid]]]:
    """Step 6: render every report, then every registration, to grids and write its workbook; the grids
    (with the fate record of every data row) are returned for the expected counts."""
    by_id = {u.id: u for u in units}
    render = stream(seed, "render")
    report_grids, registration_grids = [], []
    for book in report_books:
        grids = [build_sheet_grid(f, book, s, by_id, f.report_cols, render, registration=False) for s in book.sheets]
        write_book(out, book, grids, f.start)
        report_grids.append(grids)
    for book in registration_books:
        grids = [build_sheet_grid(f, book, s, by_id, f.reg_cols, render, registration=True) for s in book.sheets]
        write_book(out, book, grids, f.start)
        registration_grids.append(grids)
    return report_grids, registration_grids


def write_expectations(f: Facts, out: Path, seed: int, scale: float, units: list[Unit], reports: Reports,
                       registrations: Registrations, report_grids: list, registration_grids: list) -> dict:
    """Step 7: what a correct ingest must find, saved as expected_counts.json, and the folder's README.md."""
    exp = expectations(f, units, reports.books, report_grids, registrations.books, registration_grids,
                       reports.factors, seed, scale)
    exp["deliberate_mistakes"] = {"registrations": registrations.log, "reports": reports.log}
    (out / "expected_counts.json").write_text(json.dumps(exp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "README.md").write_text(readme(f, exp, registrations.log + reports.log, scale, seed), encoding="utf-8")
    return exp
