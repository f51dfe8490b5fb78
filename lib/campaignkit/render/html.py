"""What a notebook displays: report tables as escaped, Vietnamese-formatted HTML.

Every table shown passes through `table_html`: contact details redacted, headers and
identifier values in Vietnamese (`labels`), numbers Vietnamese style (1.000; 2,5), dates
dd/mm/yyyy, every cell escaped (an activity called `<script>` shows as text). Units appear by
their short name (the registry's `Mã đơn vị`), the full name in the cell's tooltip and in the
report's legend. Each output carries the kit's stylesheet (`outputs.css`) so that it looks the
same in JupyterLab as in the exported page. A table marked interactive gets the class
`ck-interactive`: the exported page makes it sortable and filterable (see `interactive.py`);
the table itself is always complete and static, so the PDF prints every row.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import math

import numpy as np
import pandas as pd
from IPython.display import HTML

from ..paths import TEMPLATES_DIR
from ..plan.schema import Plan
from ..text import format_date, format_number
from .labels import reader_values, vietnamese_headers
from .privacy import redact, redact_frame

DEFAULT_MAX_ROWS = 60
WIDE_COLUMNS = 9             # a table with more columns prints on a landscape page
OUTPUTS_CSS = (TEMPLATES_DIR / "offline" / "static" / "outputs.css").read_text(encoding="utf-8")
STYLE = f"<style>{OUTPUTS_CSS}</style>"
CHART_DPI = 110


def styled(fragment: str) -> HTML:
    """An output of the kit: its stylesheet, then the fragment inside `.ck-out`."""
    return HTML(f"{STYLE}<div class=\"ck-out\">{fragment}</div>")


def _cell(value) -> tuple[str, str | None]:
    """(text shown, sort key or None) of one value."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "", None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        text = format_date(value)
        timed = (value.hour, value.minute) != (0, 0)
        return text + (value.strftime(" %H:%M") if timed else ""), value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return format_date(value), value.isoformat()
    if isinstance(value, (bool, np.bool_)):
        return ("Có" if value else "Không"), None
    if isinstance(value, (int, float)):
        return format_number(value, 0 if float(value).is_integer() else 1), repr(float(value))
    return str(value), None


def _numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def unit_names(table: pd.DataFrame, units: pd.DataFrame | None) -> dict[str, str]:
    """Full name of each unit id of `table`, from the table itself or the registry."""
    names: dict[str, str] = {}
    if units is not None and len(units):
        names.update(zip(units["unit_id"].astype(str), units["name"].astype(str)))
    if {"unit_id", "unit_name"} <= set(table.columns):
        names.update((str(i), str(n)) for i, n in zip(table["unit_id"], table["unit_name"]) if n == n and n)
    return names


def short_units(table: pd.DataFrame, units: pd.DataFrame | None = None) -> pd.DataFrame:
    """Units by their short name only: `unit_name` gives way to `unit_id` (or is replaced by it
    when the table has no id column)."""
    if "unit_name" not in table.columns:
        return table
    if "unit_id" in table.columns:
        return table.drop(columns="unit_name")
    ids = {}
    if units is not None and len(units):
        ids = dict(zip(units["name"].astype(str), units["unit_id"].astype(str)))
    shown = table.copy()
    shown.insert(list(table.columns).index("unit_name"), "unit_id",
                 [ids.get(str(n), n) for n in table["unit_name"]])
    return shown.drop(columns="unit_name")


def cell_text(value) -> str:
    """How one value of a table reads, in every format the kit writes (HTML, Word)."""
    return _cell(value)[0]


def table_html(table: pd.DataFrame, plan: Plan | None = None, caption: str | None = None,
               max_rows: int | None = DEFAULT_MAX_ROWS, note_more: str = "", *, names: dict | None = None,
               interactive: bool = False) -> str:
    """An HTML table (no style block: see `show_table`); numbers right-aligned; more rows than
    `max_rows` (None: all) are summarised. `names`: full names of the unit ids, shown as the
    cell's tooltip and searched by the filter."""
    if table.empty:
        return f"<p class=\"empty\">{html.escape(caption + ': ' if caption else '')}không có dòng nào.</p>"
    shown = redact_frame(reader_values(table if max_rows is None else table.head(max_rows), plan))
    headers = vietnamese_headers(shown.columns, plan)
    numeric = [_numeric(shown[c]) for c in shown.columns]
    head = "".join(f"<th class=\"{'num' if is_num else 'text'}\" scope=\"col\">{html.escape(h)}</th>"
                   for h, is_num in zip(headers, numeric))
    is_unit = [c == "unit_id" for c in shown.columns]
    body = []
    for values in shown.itertuples(index=False):
        cells = []
        for value, is_num, unit in zip(values, numeric, is_unit):
            text, order = _cell(value)
            attributes = f" class=\"{'num' if is_num else ('id' if unit else 'text')}\""
            if order is not None:
                attributes += f" data-order=\"{html.escape(order)}\""
            full = (names or {}).get(text) if unit else None
            if full:
                attributes += f" title=\"{html.escape(redact(full))}\" data-search=\"{html.escape(text + ' ' + full)}\""
            cells.append(f"<td{attributes}>{html.escape(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    more = ""
    if max_rows is not None and len(table) > max_rows:
        more = (f"<p class=\"more\">… và {format_number(len(table) - max_rows)} dòng nữa"
                f"{html.escape(note_more)}.</p>")
    title = f"<p class=\"ck-caption\">{html.escape(caption)}</p>" if caption else ""
    classes = "report" + (" ck-interactive" if interactive else "")
    wrapper = "ck-table" + (" ck-wide" if len(shown.columns) >= WIDE_COLUMNS else "")
    return (f"<div class=\"{wrapper}\">{title}<div class=\"ck-scroll\"><table class=\"{classes}\">"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>{more}</div>")


def show_table(table: pd.DataFrame, plan: Plan | None = None, caption: str | None = None,
               max_rows: int | None = DEFAULT_MAX_ROWS, note_more: str = "", *, names: dict | None = None,
               interactive: bool = False) -> HTML:
    return styled(table_html(table, plan, caption, max_rows, note_more, names=names, interactive=interactive))


def paragraph(text: str) -> HTML:
    return styled(f"<p>{html.escape(redact(text))}</p>")


def bullet_list(items, empty: str = "Không có.") -> HTML:
    items = [i for i in items if i]
    if not items:
        return styled(f"<p>{html.escape(empty)}</p>")
    return styled("<ul>" + "".join(f"<li>{html.escape(redact(str(i)))}</li>" for i in items) + "</ul>")


def key_figures(figures: list[tuple[str, str, str]]) -> HTML:
    """Cards: (label, value, note) — the period report's headline figures."""
    cards = "".join(
        f"<div class=\"card\"><div class=\"card-label\">{html.escape(label)}</div>"
        f"<div class=\"card-value\">{html.escape(value)}</div>"
        f"<div class=\"card-note\">{html.escape(note)}</div></div>"
        for label, value, note in figures)
    return styled(f"<div class=\"cards\">{cards}</div>")


def png_data(figure, dpi: int = CHART_DPI) -> tuple[str, int]:
    """The figure as a base64 PNG and its width in pixels; the figure is closed."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    width = int(round(figure.get_figwidth() * dpi))
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii"), width


def figure_fragment(figure, alt: str, data: str = "") -> str:
    """A chart as an embedded PNG with a Vietnamese description and, on screen, its exact figures
    (`data`: an HTML table) in a fold below it. On a phone a wide chart keeps a readable size and
    scrolls sideways inside its box; the page itself never gets wider than the screen."""
    encoded, width = png_data(figure)
    wide = " class=\"ck-wide-chart\"" if width > 600 else ""
    folded = (f"<details class=\"ck-chart-data ck-screen-only\"><summary>Số liệu của biểu đồ</summary>{data}</details>"
              if data else "")
    return (f"<figure><div class=\"ck-chart-box\"><img src=\"data:image/png;base64,{encoded}\"{wide} "
            f"alt=\"{html.escape(alt)}\"></div><figcaption>{html.escape(alt)}</figcaption>{folded}</figure>")


def figure_html(figure, alt: str, data: str = "") -> HTML:
    return styled(figure_fragment(figure, alt, data))
