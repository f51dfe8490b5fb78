"""What a notebook displays: report tables as escaped, Vietnamese-formatted HTML.

Every table shown passes through `show_table`: contact details redacted, headers in
Vietnamese, numbers Vietnamese style (1.000; 2,5), dates dd/mm/yyyy, every cell escaped
(an activity called `<script>` shows as text).
"""

from __future__ import annotations

import datetime as dt
import html
import math

import pandas as pd
from IPython.display import HTML

from ..plan.schema import Plan
from ..text import format_date, format_number
from .labels import vietnamese_headers
from .privacy import redact, redact_frame

DEFAULT_MAX_ROWS = 60


def _cell(value) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        text = format_date(value)
        return text + (value.strftime(" %H:%M") if (value.hour, value.minute) != (0, 0) else "")
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float)):
        return format_number(value, 0 if float(value).is_integer() else 1)
    return str(value)


cell_text = _cell  # how one value of a table reads, in every format the kit writes (HTML, Word)


def table_html(table: pd.DataFrame, plan: Plan | None = None, caption: str | None = None,
               max_rows: int = DEFAULT_MAX_ROWS, note_more: str = "") -> str:
    """An HTML table; numbers right-aligned; more rows than `max_rows` are summarised."""
    shown = redact_frame(table.head(max_rows))
    headers = vietnamese_headers(shown.columns, plan)
    numeric = [pd.api.types.is_numeric_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c])
               for c in shown.columns]
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = []
    for values in shown.itertuples(index=False):
        cells = "".join(f"<td class=\"{'num' if is_num else 'text'}\">{html.escape(_cell(v))}</td>"
                        for v, is_num in zip(values, numeric))
        body.append(f"<tr>{cells}</tr>")
    more = ""
    if len(table) > max_rows:
        more = (f"<p class=\"more\">… và {format_number(len(table) - max_rows)} dòng nữa"
                f"{html.escape(note_more)}.</p>")
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    if table.empty:
        return f"<p class=\"empty\">{html.escape(caption + ': ' if caption else '')}không có dòng nào.</p>"
    return (f"<table class=\"report\">{title}<thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>{more}")


def show_table(table: pd.DataFrame, plan: Plan | None = None, caption: str | None = None,
               max_rows: int = DEFAULT_MAX_ROWS, note_more: str = "") -> HTML:
    return HTML(table_html(table, plan, caption, max_rows, note_more))


def paragraph(text: str) -> HTML:
    return HTML(f"<p>{html.escape(redact(text))}</p>")


def bullet_list(items, empty: str = "Không có.") -> HTML:
    items = [i for i in items if i]
    if not items:
        return HTML(f"<p>{html.escape(empty)}</p>")
    return HTML("<ul>" + "".join(f"<li>{html.escape(redact(str(i)))}</li>" for i in items) + "</ul>")


def key_figures(figures: list[tuple[str, str, str]]) -> HTML:
    """Cards: (label, value, note) — the period report's headline figures."""
    cards = "".join(
        f"<div class=\"card\"><div class=\"card-label\">{html.escape(label)}</div>"
        f"<div class=\"card-value\">{html.escape(value)}</div>"
        f"<div class=\"card-note\">{html.escape(note)}</div></div>"
        for label, value, note in figures)
    return HTML(f"<div class=\"cards\">{cards}</div>")


def figure_html(figure, alt: str) -> HTML:
    """A chart as an embedded PNG with a Vietnamese description; the figure is closed."""
    import base64
    import io

    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return HTML(f"<figure><img src=\"data:image/png;base64,{encoded}\" alt=\"{html.escape(alt)}\">"
                f"<figcaption>{html.escape(alt)}</figcaption></figure>")
