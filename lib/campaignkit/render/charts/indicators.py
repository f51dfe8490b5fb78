"""The indicator chart: percent of each target reached, the expected pace marked on each bar."""

from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ...analyses.indicators import STATUS_LABELS
from ...text import format_number
from . import STATUS_STYLE, new_figure

MAX_PERCENT_SHOWN = 200  # longer bars are cut here; their label still gives the true percent
EXPECTED_LABEL = "Dự kiến theo tiến độ"


def _style(status: str) -> dict:
    return STATUS_STYLE.get(status, STATUS_STYLE["no_data"])


def _bar(axes, y: float, width: float, state: str):
    """One indicator's bar; an indicator without data gets no bar at all (a bar of any length
    would read as a figure): its row holds only the words 'Chưa có số liệu'."""
    style = _style(state)
    if state == "no_data":
        return
    axes.barh(y, width, height=0.62, color=style["color"], hatch=style["hatch"], edgecolor="#1b1b1b",
              linewidth=0.8)


def _bar_label(row) -> str:
    if row["status"] == "no_data":
        return f"Chưa có số liệu (chỉ tiêu {format_number(row['target'])} {row['unit']})"
    figures = f"{format_number(row['actual'])}/{format_number(row['target'])} {row['unit']}"
    return f"{format_number(row['percent_of_target'], 1)}% ({figures})"


def indicator_bars(status: pd.DataFrame, title: str = "Tiến độ thực hiện các chỉ tiêu trọng tâm"):
    """Horizontal bars: percent of target per indicator (the plan's order, top to bottom), styled
    by status (fill and hatching, readable in grey), a black diamond at the percent expected by
    the date, a dashed line at 100%, and a Vietnamese legend."""
    table = status.reset_index(drop=True)
    figure, axes = new_figure(9.0, max(3.0, 0.42 * len(table) + 1.4))
    if table.empty:
        axes.text(0.5, 0.5, "Chưa có chỉ tiêu nào", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return figure
    positions = list(range(len(table)))[::-1]
    expected = 100 * table["expected_by_as_of"] / table["target"]
    shown = table["percent_of_target"].clip(upper=MAX_PERCENT_SHOWN)
    for y, width, state in zip(positions, shown, table["status"]):
        _bar(axes, y, width, state)
    axes.scatter(expected.clip(upper=MAX_PERCENT_SHOWN), positions, marker="D", s=28, color="#1b1b1b",
                 edgecolor="#ffffff", linewidth=0.6, zorder=3)
    limit = max(110.0, min(MAX_PERCENT_SHOWN, float(shown.max()) * 1.02)) + 45
    for y, width, mark, (_, row) in zip(positions, shown, expected, table.iterrows()):
        at = min(mark, MAX_PERCENT_SHOWN) if row["status"] == "no_data" else max(width, min(mark, MAX_PERCENT_SHOWN))
        axes.text(at + 2.5, y, _bar_label(row), va="center", fontsize=7.5)
    axes.axvline(100, color="#1b1b1b", linestyle="--", linewidth=0.9)
    axes.set_xlim(0, limit)
    axes.set_yticks(positions, [f"{i} · {n}" for i, n in zip(table["indicator_id"], table["name"])])
    axes.set_xlabel("Tỷ lệ so với chỉ tiêu (%)")
    axes.set_title(title, loc="left", fontweight="bold")
    axes.grid(axis="y", visible=False)
    handles = [Patch(facecolor=_style(s)["color"], hatch=_style(s)["hatch"], edgecolor="#1b1b1b",
                     label=STATUS_LABELS[s]) for s in STATUS_LABELS if s != "no_data"]  # no data: no bar, words
    handles.append(Line2D([], [], marker="D", linestyle="", color="#1b1b1b", label=EXPECTED_LABEL))
    handles.append(Line2D([], [], linestyle="--", color="#1b1b1b", label="100% chỉ tiêu"))
    figure.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=7.5, frameon=False)
    return figure
