"""Charts of the schedule table (`campaignkit.schedule.build_schedule`): a Gantt chart of the
plan's windows and the units' registrations with the key days and deadlines marked, and a
calendar heat map of how many registered activities fall on each day.

Grey-safe: bars differ by lightness and hatching, lines by dash style; every mark is labelled.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ...analyses.schedule import CYCLE_KINDS, DEADLINE_KINDS, FLAG_COLUMNS, KEY_DAY_KINDS, KIND_LABELS
from ...plan.calendar import WEEKDAY_NAMES
from ...text import format_date
from . import GREYS, new_figure

MARKED_KINDS = [*KEY_DAY_KINDS, "report_due", "award_due"]
SHORT_MARKS = {**{k: KIND_LABELS[k] for k in KEY_DAY_KINDS}, "report_due": "Hạn nộp", "award_due": "Hạn khen thưởng"}
ROW_STYLE = {
    "phase": {"color": GREYS[3], "hatch": "", "edgecolor": GREYS[1]},
    "program": {"color": GREYS[2], "hatch": "", "edgecolor": GREYS[0]},
    "registration": {"color": GREYS[0], "hatch": "", "edgecolor": GREYS[0]},
    "flagged": {"color": "#ffffff", "hatch": "////", "edgecolor": GREYS[0]},
}
MAX_LABEL = 48
MAX_UNIT_LANES = 20   # lanes of registrations at most, however many units
MOSTLY_FLAGGED = 0.5  # above this share of flagged registrations a lane is not hatched
ONE_DAY = pd.Timedelta(days=1)


def _shorten(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _days(start: pd.Series, end: pd.Series) -> list[tuple[float, float]]:
    """(left, width) in matplotlib date units: a bar covers its start day to the end of its end day."""
    left = mdates.date2num(pd.to_datetime(start))
    right = mdates.date2num(pd.to_datetime(end) + ONE_DAY)
    return list(zip(left, right - left))


# --- Gantt chart ---------------------------------------------------------------------------

def _gantt_lanes(schedule: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(y label, style, rows) from top to bottom: phases, programs, then one lane per unit."""
    lanes = []
    programs = schedule[schedule["kind"] == "program"]
    programs = programs.iloc[np.argsort([int(i[1:]) if i[1:].isdigit() else 0 for i in programs["item_id"]],
                                        kind="stable")]
    for kind, rows in (("phase", schedule[schedule["kind"] == "phase"]), ("program", programs)):
        for index, rec in rows.iterrows():
            lanes.append((_shorten(rec["label"]), kind, schedule.loc[[index]]))
    registrations = schedule[schedule["kind"] == "registration"]
    counts = registrations["unit_id"].value_counts()
    if len(counts) > MAX_UNIT_LANES:  # the busiest units, then one lane for all the others
        kept = sorted(counts.sort_values(ascending=False, kind="stable").index[: MAX_UNIT_LANES - 1])
    else:
        kept = sorted(counts.index)
    for unit in kept:
        rows = registrations[registrations["unit_id"] == unit]
        lanes.append((_lane_label(f"Đơn vị {unit}" if unit else "Đơn vị chưa rõ", rows), "registration", rows))
    others = registrations[~registrations["unit_id"].isin(kept)]
    if len(others):
        label = f"{others['unit_id'].nunique()} đơn vị khác ({len(others)} đăng ký)"
        lanes.append((_lane_label(label, others), "registration", others))
    return lanes


def _flagged(rows: pd.DataFrame) -> pd.Series:
    return rows[FLAG_COLUMNS].any(axis=1) | (rows["public_holiday"] != "")


def _lane_label(label: str, rows: pd.DataFrame) -> str:
    """A lane whose registrations are mostly flagged says how many, instead of hatching them all."""
    flagged = _flagged(rows)
    return f"{label} ({int(flagged.sum())}/{len(rows)} cảnh báo)" if flagged.mean() > MOSTLY_FLAGGED else label


def _draw_lane(ax, y: int, style: str, rows: pd.DataFrame):
    if style != "registration":
        ax.broken_barh(_days(rows["start"], rows["end"]), (y - 0.35, 0.7), facecolors=ROW_STYLE[style]["color"],
                       edgecolors=ROW_STYLE[style]["edgecolor"], linewidth=0.6)
        return
    flagged = _flagged(rows)
    if flagged.mean() > MOSTLY_FLAGGED:  # hatching everything would mean nothing: the label gives the count
        flagged = flagged & False
    for part, name in ((rows[~flagged], "registration"), (rows[flagged], "flagged")):
        if part.empty:
            continue
        look = ROW_STYLE[name]
        ax.broken_barh(_days(part["start"], part["end"]), (y - 0.35, 0.7), facecolors=look["color"],
                       edgecolors=look["edgecolor"], hatch=look["hatch"], linewidth=0.6)


def _marks(schedule: pd.DataFrame) -> pd.DataFrame:
    """One mark per date: the key days and deadlines of that date, named shortly."""
    marked = schedule[schedule["kind"].isin(MARKED_KINDS)]
    rows = []
    for day, group in marked.groupby("start", sort=True):
        names = list(dict.fromkeys(SHORT_MARKS[k] for k in group["kind"]))
        rows.append({"day": day, "text": f"{day:%d/%m} · " + " · ".join(names),
                     "deadline": group["kind"].isin(DEADLINE_KINDS).any(),
                     "key_day": group["kind"].isin(KEY_DAY_KINDS).any()})
    return pd.DataFrame(rows, columns=["day", "text", "deadline", "key_day"])


def _draw_marks(ax, marks: pd.DataFrame):
    centres = mdates.date2num(pd.to_datetime(marks["day"])) + 0.5
    for x, rec in zip(centres, marks.itertuples()):
        if rec.key_day:
            ax.axvline(x, color=GREYS[1], linewidth=0.9, linestyle="-", zorder=0.5)
        if rec.deadline:
            ax.axvline(x, color=GREYS[0], linewidth=0.9, linestyle=(0, (4, 2)), zorder=0.6)
    top = ax.secondary_xaxis("top")
    top.set_xticks(centres, labels=list(marks["text"]), rotation=90, fontsize=6.5)
    top.tick_params(length=2)


def _cycle_rows(schedule: pd.DataFrame) -> pd.DataFrame:
    """The deadlines of the plan's reporting cycle (weekly or monthly)."""
    return schedule[schedule["kind"].isin(list(CYCLE_KINDS.values()))]


def _draw_weekly(ax, schedule: pd.DataFrame, y: int):
    weekly = _cycle_rows(schedule)
    x = mdates.date2num(pd.to_datetime(weekly["start"])) + 0.5
    ax.plot(x, [y] * len(x), linestyle="none", marker="v", markersize=5, color=GREYS[0])


def _legend(fig, cycle_label: str | None):
    handles = [
        Patch(facecolor=ROW_STYLE["phase"]["color"], edgecolor=GREYS[1], label="Chuỗi hoạt động"),
        Patch(facecolor=ROW_STYLE["program"]["color"], edgecolor=GREYS[0], label="Thời gian chương trình"),
        Patch(facecolor=ROW_STYLE["registration"]["color"], label="Hoạt động đăng ký"),
        Patch(facecolor="#ffffff", edgecolor=GREYS[0], hatch="////", label="Hoạt động đăng ký có cảnh báo"),
        Line2D([], [], color=GREYS[1], linewidth=0.9, label="Ngày trọng điểm"),
        Line2D([], [], color=GREYS[0], linewidth=0.9, linestyle=(0, (4, 2)), label="Hạn nộp, hạn khen thưởng"),
    ]
    if cycle_label:
        handles.append(Line2D([], [], color=GREYS[0], marker="v", linestyle="none", label=cycle_label))
    fig.legend(handles=handles, loc="outside lower center", ncol=4, fontsize=7, frameon=False)


def gantt_chart(schedule: pd.DataFrame):
    """Phases and program windows as bars, each unit's registered activities as bars on its own
    lane (hatched when a flag is raised), key days and deadlines as labelled vertical lines."""
    if schedule.empty:
        fig, ax = new_figure(9.0, 3.0)
        ax.set_title("Lịch chiến dịch", fontsize=10)
        ax.text(0.5, 0.5, "Chưa có dữ liệu lịch", ha="center", va="center", transform=ax.transAxes)
        return fig
    lanes = _gantt_lanes(schedule)
    weekly = _cycle_rows(schedule)
    cycle_label = KIND_LABELS[weekly["kind"].iloc[0]] if len(weekly) else None
    count = len(lanes) + (1 if len(weekly) else 0)
    fig, ax = new_figure(9.0, min(3.8 + 0.24 * count, 11.0))
    for y, (_, style, rows) in enumerate(lanes):
        _draw_lane(ax, y, style, rows)
    labels = [label for label, _, _ in lanes]
    if len(weekly):
        _draw_weekly(ax, schedule, len(lanes))
        labels.append(cycle_label)
    marks = _marks(schedule)
    if len(marks):
        _draw_marks(ax, marks)
    ax.set_yticks(range(len(labels)), labels=labels, fontsize=7)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    first, last = schedule["start"].min(), schedule["end"].max()
    ax.set_xlim(mdates.date2num(first - ONE_DAY), mdates.date2num(last + 2 * ONE_DAY))
    ax.xaxis.set_major_locator(mdates.DayLocator(bymonthday=[1, 8, 15, 22]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(f"Ngày (ngày/tháng, từ {format_date(first)} đến {format_date(last)})")
    ax.set_ylabel("Chuỗi, chương trình và đơn vị đăng ký")
    title = "Lịch chiến dịch: chương trình, hoạt động đăng ký, ngày trọng điểm và hạn nộp"
    if not (schedule["kind"] == "registration").any():
        title += "\n(chưa có hoạt động đăng ký)"
    ax.set_title(title, fontsize=10)
    _legend(fig, cycle_label)
    return fig


# --- daily load heat map -------------------------------------------------------------------

def _window(schedule: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    campaign = schedule[schedule["kind"] == "campaign"]
    registrations = schedule[schedule["kind"] == "registration"]
    starts = [*campaign["start"], *registrations["start"]]
    ends = [*campaign["end"], *registrations["end"]]
    if not starts:
        return None
    return min(starts), max(ends)


def daily_counts(schedule: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.Series:
    """Registered activities going on each day from `first` to `last` (a window counts every day)."""
    days = pd.date_range(first, last, freq="D")
    registrations = schedule[schedule["kind"] == "registration"]
    occupied = [d for s, e in zip(registrations["start"], registrations["end"]) for d in pd.date_range(s, e)]
    counts = pd.Series(occupied, dtype="datetime64[ns]").value_counts() if occupied else pd.Series(dtype=int)
    counts.index = pd.to_datetime(counts.index).as_unit("ns")
    return counts.reindex(days.as_unit("ns"), fill_value=0).astype(int)


def _calendar_grid(counts: pd.Series) -> tuple[np.ndarray, list[pd.Timestamp]]:
    """A weekday × week matrix of counts (NaN outside the window) and each column's Monday."""
    first_monday = counts.index[0] - pd.Timedelta(days=counts.index[0].weekday())
    columns = (counts.index - first_monday).days // 7
    grid = np.full((7, int(columns.max()) + 1), np.nan)
    for day, column, value in zip(counts.index, columns, counts.to_numpy()):
        grid[day.weekday(), column] = value
    mondays = [first_monday + pd.Timedelta(weeks=i) for i in range(grid.shape[1])]
    return grid, mondays


def _month_labels(ax, counts: pd.Series, mondays: list[pd.Timestamp]):
    starts = counts.index[(counts.index == counts.index[0]) | (counts.index.day == 1)]
    positions = [int((day - mondays[0]).days // 7) for day in starts]
    top = ax.secondary_xaxis("top")
    top.set_xticks(positions, labels=[f"Tháng {d.month}/{d.year}" for d in starts], fontsize=8)
    top.tick_params(length=0)
    for day, column in zip(starts[1:], positions[1:]):
        _month_boundary(ax, column, day.weekday())


def _month_boundary(ax, column: int, weekday: int):
    """The step line between two months: left of the new month's first week, above its first day."""
    x = [column - 0.5, column - 0.5, column + 0.5, column + 0.5]
    y = [6.5, weekday - 0.5, weekday - 0.5, -0.5]
    ax.plot(x, y, color=GREYS[0], linewidth=1.2, solid_joinstyle="miter")


def daily_load_heatmap(schedule: pd.DataFrame):
    """A calendar (weeks × weekdays) shaded by the number of registered activities per day."""
    fig, ax = new_figure(9.0, 3.8)
    ax.set_title("Số hoạt động đăng ký theo từng ngày", fontsize=10)
    window = _window(schedule)
    if window is None:
        ax.text(0.5, 0.5, "Chưa có dữ liệu lịch", ha="center", va="center", transform=ax.transAxes)
        return fig
    counts = daily_counts(schedule, *window)
    grid, mondays = _calendar_grid(counts)
    peak = max(int(counts.max()), 1)
    image = ax.imshow(grid, cmap="Greys", vmin=0, vmax=peak, aspect="auto", interpolation="nearest")
    for (row, column), value in np.ndenumerate(grid):
        if np.isnan(value):
            continue
        ax.add_patch(Rectangle((column - 0.5, row - 0.5), 1, 1, fill=False, edgecolor=GREYS[3], linewidth=0.5))
        day = mondays[column] + pd.Timedelta(days=row)
        ax.text(column - 0.45, row - 0.42, f"{day.day}", ha="left", va="top", fontsize=5,
                color=GREYS[1] if value <= 0.55 * peak else GREYS[4])
        if value > 0:
            ax.text(column, row, f"{int(value)}", ha="center", va="center", fontsize=7,
                    color="#ffffff" if value > 0.55 * peak else "#000000")
    ax.grid(False)
    ax.set_yticks(range(7), labels=[name.capitalize() for name in WEEKDAY_NAMES])
    ax.set_xticks(range(len(mondays)), labels=[f"{m:%d/%m}" for m in mondays], fontsize=7)
    _month_labels(ax, counts, mondays)
    ax.set_xlabel("Tuần (ngày thứ hai đầu tuần, ngày/tháng)")
    ax.set_ylabel("Thứ trong tuần")
    bar = fig.colorbar(image, ax=ax, shrink=0.9)
    bar.set_label("Số hoạt động đăng ký trong ngày")
    return fig
