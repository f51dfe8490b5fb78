"""Workload charts: units × communes as a grey heatmap, planned against done per unit."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ...analyses.workload import TOTAL_ID
from . import new_figure

TOP_UNITS = 15


def _empty(axes, message: str):
    axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes)
    axes.set_axis_off()


def unit_commune_heatmap(matrix: pd.DataFrame, title: str = "Số hoạt động theo đơn vị và xã/phường"):
    """Greyscale heatmap of `unit_commune_matrix`: darker is more activities, each cell annotated
    with its count (blank for zero), so the figure reads the same printed in grey."""
    rows, columns = matrix.shape
    figure, axes = new_figure(max(6.0, 0.55 * columns + 3.0), max(3.0, 0.35 * rows + 1.8))
    if matrix.empty:
        _empty(axes, "Chưa có hoạt động nào")
        return figure
    values = matrix.to_numpy(dtype=float)
    top = max(1.0, float(values.max()))
    image = axes.imshow(values, cmap="Greys", vmin=0, vmax=top, aspect="auto")
    for (r, c), value in np.ndenumerate(values):
        if value:
            axes.text(c, r, f"{int(value)}", ha="center", va="center", fontsize=7.5,
                      color="#ffffff" if value > top / 2 else "#1b1b1b")
    axes.set_xticks(range(columns), [str(c) for c in matrix.columns], rotation=45, ha="right")
    axes.set_yticks(range(rows), [str(i) for i in matrix.index])
    axes.set_xlabel("Xã/Phường")
    axes.set_ylabel("Đơn vị")
    axes.set_title(title, loc="left", fontweight="bold")
    axes.grid(False)
    colorbar = figure.colorbar(image, ax=axes, label="Số hoạt động", shrink=0.8)
    colorbar.locator = MaxNLocator(integer=True)
    colorbar.update_ticks()
    return figure


def unit_bars(workload_unit: pd.DataFrame, top: int = TOP_UNITS,
              title: str = "Hoạt động đăng ký và đã thực hiện theo đơn vị"):
    """Planned (hatched, white) against done (dark) activities for the `top` units with the most
    activities (done, then planned); the total row is left out."""
    units = workload_unit[workload_unit["unit_id"] != TOTAL_ID]
    units = units.sort_values(["done_activities", "planned_activities", "unit_id"],
                              ascending=[False, False, True], kind="stable").head(top)
    figure, axes = new_figure(9.0, max(3.0, 0.4 * len(units) + 1.4))
    if units.empty or not (units["done_activities"].sum() or units["planned_activities"].sum()):
        _empty(axes, "Chưa có đăng ký hay hoạt động nào")
        return figure
    positions = np.arange(len(units))[::-1]
    planned = axes.barh(positions + 0.2, units["planned_activities"], height=0.38, color="#ffffff", hatch="////",
                        edgecolor="#1b1b1b", label="Đăng ký")
    done = axes.barh(positions - 0.2, units["done_activities"], height=0.38, color="#5a5a5a",
                     edgecolor="#1b1b1b", label="Đã thực hiện")
    for bars in (planned, done):
        axes.bar_label(bars, fmt="%d", padding=3, fontsize=7.5)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_yticks(positions, units["unit_id"])
    axes.set_xlabel("Số hoạt động")
    axes.set_ylabel("Đơn vị")
    axes.set_title(title, loc="left", fontweight="bold")
    axes.grid(axis="y", visible=False)
    axes.legend(loc="best")
    return figure
