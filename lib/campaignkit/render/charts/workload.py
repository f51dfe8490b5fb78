"""Workload charts: units × communes as a grey heatmap, planned against done per unit, and a map
of the communes where the work happened. Every chart keeps a fixed, readable size however many
units and communes there are: the busiest are drawn, the rest grouped in one row or column."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ...analyses.indicators import TOTAL_LABEL
from ...analyses.workload import TOTAL_ID
from ...intake.places import commune_key, commune_points, district_key
from . import GREYS, new_figure

TOP_UNITS = 15
HEATMAP_UNITS = 24       # rows drawn at most (the busiest units, then one row for the others)
HEATMAP_COMMUNES = 16    # columns drawn at most
CELL_FONT = 7.5
OTHERS_UNITS = "Các đơn vị khác"
OTHERS_COMMUNES = "Xã khác"


def bounded_matrix(matrix: pd.DataFrame, rows: int = HEATMAP_UNITS, columns: int = HEATMAP_COMMUNES) -> pd.DataFrame:
    """The busiest `rows - 1` units and `columns - 1` communes of `matrix`, the others summed into one
    row 'Các đơn vị khác (n)' and one column 'Xã khác (n)' (only when there are more than fit)."""
    shown = matrix
    if len(shown.columns) > columns:
        order = shown.sum(axis=0).sort_values(ascending=False, kind="stable").index
        kept, rest = list(order[: columns - 1]), list(order[columns - 1:])
        shown = shown[kept].assign(**{f"{OTHERS_COMMUNES} ({len(rest)})": shown[rest].sum(axis=1)})
    if len(shown) > rows:
        order = shown.sum(axis=1).sort_values(ascending=False, kind="stable").index
        kept, rest = list(order[: rows - 1]), list(order[rows - 1:])
        others = shown.loc[rest].sum(axis=0).rename(f"{OTHERS_UNITS} ({len(rest)})")
        shown = pd.concat([shown.loc[kept], others.to_frame().T])
    return shown


def _empty(axes, message: str):
    axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes)
    axes.set_axis_off()


def unit_commune_heatmap(matrix: pd.DataFrame, title: str = "Số hoạt động theo đơn vị và xã/phường"):
    """Greyscale heatmap of `unit_commune_matrix`: darker is more activities, each cell annotated
    with its count (blank for zero), so the figure reads the same printed in grey."""
    matrix = bounded_matrix(matrix)
    rows, columns = matrix.shape
    figure, axes = new_figure(max(6.0, 0.55 * columns + 3.0), max(3.0, 0.3 * rows + 2.2))
    if matrix.empty:
        _empty(axes, "Chưa có hoạt động nào")
        return figure
    values = matrix.to_numpy(dtype=float)
    top = max(1.0, float(values.max()))
    image = axes.imshow(values, cmap="Greys", vmin=0, vmax=top, aspect="auto")
    for (r, c), value in np.ndenumerate(values):
        if value:
            axes.text(c, r, f"{int(value)}", ha="center", va="center", fontsize=CELL_FONT,
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


def _focus_keys(plan) -> set[tuple[str, str]]:
    return {(commune_key(f.commune), district_key(f.district)) for f in plan.focus_communes} if plan else set()


def commune_map(workload_commune: pd.DataFrame, plan, title: str = "Nơi các hoạt động đã diễn ra"):
    """Each commune with activities as a point at its coordinates (vietnamadminunits), its area
    proportional to the activities held, the plan's focus communes drawn as stars, district names
    at their centres. No map tiles: the figure is drawn offline from the coordinates alone."""
    figure, axes = new_figure(7.5, 6.2)
    points = (commune_points(plan.campaign.province, plan.campaign.admin_map) if plan is not None
              else pd.DataFrame())
    communes = workload_commune[workload_commune["commune"] != TOTAL_LABEL]  # the table's total row is no place
    table = communes[communes["done_activities"] > 0] if len(communes) else communes
    if table.empty or points.empty:
        _empty(axes, "Chưa có hoạt động nào ở xã/phường đã khớp danh mục")
        return figure
    successor = (table["successor_commune"].fillna("").astype(str) if "successor_commune" in table
                 else pd.Series("", index=table.index))
    keys = pd.DataFrame({"ward_key": table["commune"].map(commune_key),
                         "district_key": table["district"].map(district_key),
                         "done": table["done_activities"].to_numpy(), "name": table["commune"].to_numpy(),
                         "successor": successor.to_numpy()})
    placed = keys.merge(points, on=["ward_key", "district_key"], how="inner")
    focus = _focus_keys(plan)
    placed["focus"] = [(w, d) in focus for w, d in zip(placed["ward_key"], placed["district_key"])]
    axes.scatter(points["lon"], points["lat"], s=6, color=GREYS[3], zorder=1, label="Xã/phường khác của thành phố")
    top = max(1.0, float(placed["done"].max()))
    sizes = 30 + 900 * placed["done"] / top
    plain, starred = placed[~placed["focus"]], placed[placed["focus"]]
    axes.scatter(plain["lon"], plain["lat"], s=sizes[~placed["focus"]], color=GREYS[2], edgecolor=GREYS[0],
                 linewidth=0.8, alpha=0.85, zorder=2, label="Xã/phường có hoạt động (cỡ: số hoạt động)")
    axes.scatter(starred["lon"], starred["lat"], s=sizes[placed["focus"]] * 1.4, marker="*", color=GREYS[0],
                 edgecolor="#ffffff", linewidth=0.6, zorder=3, label="Xã trọng điểm của kế hoạch")
    for rec in placed.itertuples():
        # a 2024-map campaign: the commune or ward it became on 1/7/2025, under its name when it has another
        renamed = rec.successor and commune_key(rec.successor.split(" (")[0]) != commune_key(rec.name)
        after = f"\n→ {rec.successor}" if renamed else ""
        axes.annotate(f"{rec.name} ({int(rec.done)}){after}", (rec.lon, rec.lat), xytext=(5, 4),
                      textcoords="offset points", fontsize=7, zorder=4, fontweight="bold" if rec.focus else "normal")
    named = points[points["district"] != ""]  # the 2025 map has no districts to name
    districts = named.groupby("district", sort=True)[["district_lat", "district_lon"]].first()
    for name, rec in districts.iterrows():
        axes.text(rec["district_lon"], rec["district_lat"], name.upper(), fontsize=8, color=GREYS[1], ha="center",
                  va="center", alpha=0.9, zorder=0.5, style="italic")
    middle = float(np.radians(points["lat"].mean()))
    axes.set_aspect(1 / np.cos(middle))
    axes.set_xlabel("Kinh độ")
    axes.set_ylabel("Vĩ độ")
    axes.set_title(title, loc="left", fontweight="bold")
    axes.grid(True, linewidth=0.3)
    unplaced = len(table) - len(placed)
    note = f"{len(placed)} xã/phường có hoạt động" + (f"; {unplaced} chưa khớp danh mục, không vẽ" if unplaced else "")
    axes.legend(loc="lower left", fontsize=7, title=note, title_fontsize=7, framealpha=0.9, markerscale=0.45)
    return figure
