"""Figure 4 — exporting one executed report: notebook_to_html, then html_to_pdf (WeasyPrint)."""

from __future__ import annotations

from pathlib import Path

import nbformat

from bench.common import ROOT, Context, Row, Timing


def _executed_notebooks(ctx: Context) -> list[Path]:
    folder = ctx.shared.get("batch_output")
    if folder is None:
        from bench.fig_batch import batch_notebooks, has_run_command, run_batch
        if not batch_notebooks() or not has_run_command():
            return []
        ctx.log("  running the batch once for executed notebooks …")
        out = ctx.work_dir / "export-batch"
        run_batch(out, "dot1")
        folder = out / "dot1"
    from campaignkit.batch.selection import executed_dir
    return sorted(executed_dir(Path(folder)).glob("*.ipynb"))


def run(ctx: Context) -> list[Row]:
    from campaignkit.render.export import html_to_pdf, notebook_to_html

    executed = _executed_notebooks(ctx)
    if not executed:
        return [Row("4", "HTML / PDF export per report", None, "s", 0, note="skipped: no executed notebooks")]
    runs = 1 if ctx.quick else ctx.runs
    base_dir = ROOT / "notebooks"
    per_report = {}
    for path in executed:
        ctx.log(f"  export {path.stem}: HTML and PDF, {runs} runs each …")
        nb = nbformat.read(path, as_version=4)
        notebook_to_html(nb, path.stem, {}, base_dir=base_dir)  # warm-up: builds the exporter once
        html_timing, page = _timed(lambda nb=nb, stem=path.stem: notebook_to_html(nb, stem, {}, base_dir=base_dir),
                                   runs)
        pdf_path = ctx.work_dir / f"{path.stem}.pdf"
        pdf_timing, _ = _timed(lambda page=page, pdf_path=pdf_path: html_to_pdf(page, pdf_path), runs)
        per_report[path.stem] = {"html": html_timing.runs, "pdf": pdf_timing.runs,
                                 "html_kb": len(page.encode()) // 1024, "pdf_kb": pdf_path.stat().st_size // 1024}
    rows = []
    for kind, label in (("html", "HTML export (notebook_to_html)"), ("pdf", "PDF export (html_to_pdf)")):
        medians = {name: Timing(r[kind]).median for name, r in per_report.items()}
        typical = Timing(list(medians.values())).median
        slowest = max(medians, key=medians.get)
        rows.append(Row("4", f"{label}, per report", typical, "s", runs,
                        note=(f"median over {len(medians)} reports; range {min(medians.values()):.2f}–"
                              f"{max(medians.values()):.2f} s, slowest {slowest} "
                              f"({per_report[slowest][kind + '_kb']:,} KB)"),
                        extra={name: r[kind] for name, r in per_report.items()}))
    return rows


def _timed(fn, runs):
    from bench.common import timed
    return timed(fn, runs)
