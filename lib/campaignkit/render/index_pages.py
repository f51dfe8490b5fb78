"""The index pages: one per period (outputs/<period>/index.html) and one over all periods
(outputs/index.html). Self-contained like the reports: the same inlined stylesheet, no script,
no network; every value is escaped (jinja2 autoescape) and links are relative, so the folder
can be copied to a USB stick or zipped and opened anywhere.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

import jinja2
import pandas as pd
from markupsafe import Markup

from .. import __version__
from ..intake.accounting import SOURCE_LABELS, SUMMARY_COLUMNS
from ..intake.status import AFTER_AS_OF_LABEL, STATUS_LABELS
from ..text import format_number
from .export import REPORT_CSS, finish_page, format_date, format_stamp
from .labels import TABLE_DESCRIPTIONS

ACCOUNTING_LABELS = {"rows_read": "Số dòng đã đọc", **STATUS_LABELS, "after_as_of": AFTER_AS_OF_LABEL}

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(REPORT_CSS.parent.parent),
    autoescape=True,
    trim_blocks=False,
    keep_trailing_newline=True,
)


def number_vi(value) -> str:
    """12345 → '12.345' (Vietnamese thousands separator); other values as text."""
    if isinstance(value, bool) or not isinstance(value, int):
        return str(value)
    return format_number(value)


def href(path, base: Path | None = None) -> str:
    """A relative, percent-encoded link to `path` (relative to `base` when path is absolute)."""
    path = Path(path)
    if path.is_absolute() and base is not None:
        path = Path(os.path.relpath(path, Path(base)))
    elif path.is_absolute():
        path = Path(path.name)
    return quote(path.as_posix(), safe="/")


def _link(path, base: Path | None) -> dict:
    return {"href": href(path, base), "name": Path(path).name,
            "description": TABLE_DESCRIPTIONS.get(Path(path).stem, "")}


def accounting_rows(accounting) -> list[dict]:
    """The run's accounting in a fixed order (known keys first), with Vietnamese labels.

    `accounting` is a period's ingest_summary table (one row per source: each row gets its
    `cells`) or a plain mapping of figures (one row per figure)."""
    if isinstance(accounting, pd.DataFrame):
        columns = [c for c in SUMMARY_COLUMNS if c in accounting.columns and c != "source"]
        return [{"label": SOURCE_LABELS.get(rec["source"], str(rec["source"])),
                 "cells": [number_vi(int(rec[c])) for c in columns]} for rec in accounting.to_dict("records")]
    keys = [k for k in ACCOUNTING_LABELS if k in accounting]
    keys += [k for k in accounting if k not in ACCOUNTING_LABELS]
    return [
        {"label": ACCOUNTING_LABELS.get(k, str(k)), "value": number_vi(accounting[k])} for k in keys
    ]


def accounting_headers(accounting) -> list[str]:
    """The column headers of a per-source accounting table (none for a plain mapping)."""
    if not isinstance(accounting, pd.DataFrame):
        return []
    return [ACCOUNTING_LABELS[c] for c in SUMMARY_COLUMNS if c in accounting.columns and c != "source"]


def _result_row(result, base: Path | None) -> dict:
    return {
        "title": result.title,
        "ok": result.ok,
        "html": href(result.html, base) if result.html else None,
        "pdf": href(result.pdf, base) if result.pdf else None,
        "error": result.error or "Lỗi không rõ nguyên nhân.",
    }


def _generated_label(when: dt.datetime | None = None) -> str:
    when = when or dt.datetime.now()
    return f"Lập bằng campaignkit {__version__}, lúc {when:%H:%M} ngày {when:%d/%m/%Y}"


def _render(template: str, **context) -> str:
    context.setdefault("css", Markup(REPORT_CSS.read_text(encoding="utf-8")))
    context.setdefault("generated_label", _generated_label())
    return finish_page(_env.get_template(template).render(**context))


def period_index_html(
    period: str,
    results: Sequence,
    tables: list[Path],
    appendix: Path | None,
    accounting,
    stamp: Mapping | None,
    *,
    base: Path | None = None,
    unread: Sequence[str] = (),
    word_report: Path | None = None,
    feedback: Sequence[tuple[Path, str]] = (),
    messages: Path | None = None,
) -> str:
    """The period's index page: every report (HTML, PDF) or its error, the Word report, the CSV
    tables, the appendix workbook, each unit's feedback workbook (path, what it holds) and the
    messages, and the period's accounting (its ingest_summary per source, and `unread`: the files
    and sheets that could not be read). Paths relative to the period folder are used as they are;
    absolute ones are made relative to `base`."""
    return _render(
        "period_index.html.j2",
        page_title=f"Báo cáo kỳ {period}",
        stamp=format_stamp(stamp) if stamp is not None else None,
        results=[_result_row(r, base) for r in results],
        word_report=_link(word_report, base) if word_report else None,
        tables=[_link(t, base) for t in tables],
        appendix=_link(appendix, base) if appendix else None,
        feedback=[{**_link(path, base), "label": label} for path, label in feedback],
        feedback_count=number_vi(len(feedback)),
        messages=_link(messages, base) if messages else None,
        accounting=accounting_rows(accounting if accounting is not None else {}),
        accounting_headers=accounting_headers(accounting),
        unread=list(unread),
    )


def _period_row(period: Mapping) -> dict:
    name = str(period["period"])
    generated = period.get("generated_at")
    if isinstance(generated, str) and generated:
        try:
            generated = dt.datetime.fromisoformat(generated)
        except ValueError:
            pass
    if isinstance(generated, dt.datetime):
        generated = f"{generated:%H:%M} {generated:%d/%m/%Y}"
    return {
        "label": period.get("label") or name,
        "href": href(period.get("href") or f"{name}/index.html"),
        "as_of": format_date(period.get("as_of")),
        "reports": number_vi(period.get("reports", "")),
        "failed": period.get("failed", 0),
        "generated": generated or "",
    }


def site_index_html(periods: list[dict]) -> str:
    """outputs/index.html: one row per period with a link to its index page.

    Each dict: `period` (folder name, required); optional `label`, `href`
    (default <period>/index.html), `as_of`, `reports`, `failed`, `generated_at`."""
    return _render(
        "site_index.html.j2",
        page_title="Báo cáo chiến dịch — các kỳ",
        stamp=None,
        periods=[_period_row(p) for p in periods],
    )


def period_summary(period: str, results: Iterable, stamp: Mapping | None = None, **extra) -> dict:
    """The row site_index_html needs, from a period's results."""
    results = list(results)
    return {
        "period": period,
        "as_of": (stamp or {}).get("as_of"),
        "reports": sum(1 for r in results if r.ok),
        "failed": sum(1 for r in results if not r.ok),
        "generated_at": dt.datetime.now(),
        **extra,
    }
