"""Exploring a period's activities in JupyterLab: filter by unit (a searchable box of names),
commune, program and dates within the period, see and sort the rows, download them as an Excel
workbook, and see one indicator per week (the weeks after the cut-off shown as not yet reached).

Two pure functions carry the meaning and are tested on their own:
`filter_activities` (which rows) and `summarise` (activities and an indicator's sum per week,
unit, commune or program). `Explorer` puts ipywidgets controls in front of them for the
planner; it precomputes integer codes, day numbers and week numbers once, so that a change of
a control only costs boolean masks over arrays, the table of the rows (at most `TABLE_ROWS`, in
the order chosen) and one small bar chart whose axes are redrawn only for a new indicator or
scale. Nothing of the widgets is kept in the notebook: saved from JupyterLab, the kit's notebooks
lose their outputs (`lab.strip_on_save`), so reopening one shows no stale widget.
Measured on 100 000 activity rows (2 busy
cores): about 10 ms per change, up to about 100 ms when the axes are drawn anew; see
`last_refresh_seconds`.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import math
import time
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..analyses.focus import focus_of
from ..errors import UsageError
from ..intake.places import commune_key
from ..plan.periods import weekly_periods
from ..plan.schema import Plan
from ..text import fold, format_date, format_number
from .appendix import appendix_bytes
from .html import STYLE, table_html
from .labels import vietnamese_header

ALL = ""                    # the value of every "(Tất cả)" option
ALL_LABEL = "(Tất cả)"
TABLE_ROWS = 400             # rows drawn at most (every period of the sample fits; the Excel download has all)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOT_REACHED = "chưa đến"
CHART_SIZE = (7.5, 2.6)     # inches
CHART_DPI = 90
KEPT_BACKGROUNDS = 24       # drawn chart backgrounds kept (about 0,6 MB each)
AXIS_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
COUNT_COLUMN = "done_activities"    # "Số hoạt động đã tổ chức" in labels.HEADERS
WEEK_END_COLUMN = "end"             # "Đến ngày"
KEY_COLUMNS = ["held_on", "unit_id", "program_id", "activity", "commune", "district"]
BY_ALIASES = {"unit": "unit_id", "program": "program_id", "tuan": "week", "week_end": "week"}
EXPLORE_STYLE = ("<style>.ck-explore p.summary{font-weight:bold;margin:4px 0}"
                 ".ck-explore .ck-scroll{max-height:28em}</style>")


# --- pure functions ------------------------------------------------------------------------

def _day(value) -> pd.Timestamp | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return pd.Timestamp(dt.date.fromisoformat(value.strip()))
    return pd.Timestamp(value).normalize()


def _commune_keys(communes: pd.Series) -> pd.Series:
    """`commune_key` of every row, computed once per distinct name."""
    names = communes.fillna("")
    uniques = names.unique()
    return names.map(dict(zip(uniques, (commune_key(u) for u in uniques))))


def filter_activities(activities: pd.DataFrame, unit: str | None = None, commune: str | None = None,
                      program: str | None = None, start=None, end=None) -> pd.DataFrame:
    """The activities matching every filter given; None means all.

    `unit`: a unit id (`BVDK`); `program`: a program id (`P5`); `commune`: a commune code
    (`31294`) or a commune name written any way (`Trường Xuân`, `xã Trường Xuân`,
    `truong xuan`), which matches every row of that name whether its code was resolved or not;
    `start`/`end`: the first and last day held, inclusive (date, datetime, Timestamp or
    `YYYY-MM-DD`). The rows keep their order and index.
    """
    mask = np.ones(len(activities), dtype=bool)
    if unit is not None:
        mask &= (activities["unit_id"] == unit).fillna(False).to_numpy(dtype=bool)
    if program is not None:
        mask &= (activities["program_id"] == program).fillna(False).to_numpy(dtype=bool)
    if commune is not None:
        wanted = str(commune).strip()
        by_code = (activities["commune_code"] == wanted).fillna(False).to_numpy(dtype=bool)
        by_name = (_commune_keys(activities["commune"]) == commune_key(wanted)).to_numpy(dtype=bool)
        mask &= by_code | (by_name if commune_key(wanted) else False)
    held = activities["held_on"]
    if (first := _day(start)) is not None:
        mask &= (held >= first).fillna(False).to_numpy(dtype=bool)
    if (last := _day(end)) is not None:
        mask &= (held < last + pd.Timedelta(days=1)).fillna(False).to_numpy(dtype=bool)
    return activities[mask]


def week_ends(plan: Plan) -> list[dt.date]:
    """The Saturdays closing the plan's reporting weeks (week 1 = everything up to the first); for
    a plan reporting monthly, the Saturdays closing the campaign's calendar weeks."""
    ends = [p.as_of for p in weekly_periods(plan)]
    if ends:
        return ends
    first = plan.campaign.start + dt.timedelta(days=(5 - plan.campaign.start.weekday()) % 7)
    weeks = max(0, -(-(plan.campaign.end - first).days // 7))
    return [first + dt.timedelta(days=7 * i) for i in range(weeks + 1)]


def week_end_of(held_on: pd.Series, plan: Plan | None = None) -> pd.Series:
    """The last day of each activity's week (datetime64[ns]): with a plan, the reporting
    Saturday of its week (week 1 runs from the campaign's start to the first one); beyond the
    plan's last week, or without a plan, the next Saturday (the day itself on a Saturday)."""
    days = pd.to_datetime(held_on).dt.normalize().astype("datetime64[ns]")
    weekday = plan.reporting.cycle.weekday if plan and plan.reporting.cycle.every == "week" else 5
    rolled = days + pd.to_timedelta((weekday - days.dt.day_of_week) % 7, unit="D")
    if plan is None:
        return rolled
    ends = pd.DatetimeIndex([pd.Timestamp(d) for d in week_ends(plan)]).astype("datetime64[ns]")
    position = ends.searchsorted(days.to_numpy(), side="left")
    inside = pd.Series(position < len(ends), index=days.index)
    planned = pd.Series(ends.to_numpy()[np.minimum(position, len(ends) - 1)], index=days.index)
    return planned.where(inside, rolled).where(days.notna()).astype("datetime64[ns]")


def summarise(filtered: pd.DataFrame, indicator: str, by: str = "week", plan: Plan | None = None) -> pd.DataFrame:
    """Number of activities and the sum of `indicator` per group, sorted by the group.

    `by`: "week" (column `end`: the last day of the week, see `week_end_of`; with a plan every
    week of the plan is listed, empty ones with 0), "unit" / "unit_id", "commune", "district",
    "program" / "program_id", or any other column. Columns: the group, `done_activities`,
    `indicator` (blank figures count as 0).
    """
    by = BY_ALIASES.get(by, by)
    values = pd.to_numeric(filtered[indicator], errors="coerce").fillna(0.0)
    if by == "week":
        key = week_end_of(filtered["held_on"], plan).rename(WEEK_END_COLUMN)
    elif by in filtered.columns:
        key = filtered[by]
    else:
        raise UsageError(f"Không có cột '{by}' để nhóm số liệu")
    grouped = (pd.DataFrame({key.name: key, COUNT_COLUMN: 1, indicator: values})
               .groupby(key.name, sort=True, dropna=False)
               .agg({COUNT_COLUMN: "sum", indicator: "sum"}))
    if by == "week" and plan is not None:
        every = pd.DatetimeIndex([pd.Timestamp(d) for d in week_ends(plan)]).astype("datetime64[ns]")
        found = pd.DatetimeIndex(grouped.index.dropna()).astype("datetime64[ns]")
        grouped.index = pd.DatetimeIndex(grouped.index).astype("datetime64[ns]")
        grouped = grouped.reindex(every.union(found), fill_value=0)
        grouped.index.name = WEEK_END_COLUMN
    grouped[COUNT_COLUMN] = grouped[COUNT_COLUMN].astype("int64")
    grouped[indicator] = grouped[indicator].astype("float64")
    return grouped.reset_index()


# --- option labels -------------------------------------------------------------------------

def _display_name(written: pd.Series, place: bool = False) -> str:
    """The nicest way a name was written: with diacritics, then most frequent; for a place,
    first without its prefix (`Thạnh An` rather than `X. Thạnh An`)."""
    counts = written.dropna().value_counts()
    if counts.empty:
        return ""

    def rank(pair):
        name, count = pair
        prefixed = place and commune_key(name) != fold(name)
        return prefixed, name == fold(name), -count, name

    return sorted(counts.items(), key=rank)[0][0]


def unit_options(units: pd.DataFrame | None, activities: pd.DataFrame) -> list[tuple[str, str]]:
    """('CODE — name', unit id), sorted: the registry's units, and any other unit of the rows. The
    code comes first: names mostly begin alike ("Chi đoàn cơ sở …"), the searchable box finds both."""
    names: dict[str, str] = {}
    if units is not None and len(units):
        names.update(zip(units["unit_id"], units["name"]))
    written = activities["unit_written"] if "unit_written" in activities else activities["unit_id"]
    for unit_id, rows in written.groupby(activities["unit_id"], sort=False):
        names.setdefault(unit_id, _display_name(rows) or unit_id)
    return sorted(((f"{unit_id} — {name}", unit_id) for unit_id, name in names.items()),
                  key=lambda pair: (fold(pair[0]), pair[0]))


def commune_options(activities: pd.DataFrame, plan: Plan | None = None) -> list[tuple[str, str]]:
    """(label, value) per commune of the rows: value is the commune code, or the name when the
    commune could not be matched to the register (then the rows of that name, whatever district)."""
    options: dict[str, str] = {}
    rows = activities[["commune", "district", "commune_code"]]
    for code, group in rows[rows["commune_code"].notna()].groupby("commune_code", sort=False):
        name, district = _display_name(group["commune"], place=True), _display_name(group["district"], place=True)
        mark = " – xã trọng điểm" if plan is not None and focus_of(plan, name, district) else ""
        options[code] = f"{name} ({district}){mark}" if district else f"{name}{mark}"
    unmatched = rows[rows["commune_code"].isna() & rows["commune"].notna()]
    for key, group in unmatched.groupby(_commune_keys(unmatched["commune"]), sort=False):
        if not key:
            continue
        name = _display_name(group["commune"], place=True)
        options[name] = f"{name} (chưa khớp danh mục xã)"
    return sorted(((label, value) for value, label in options.items()), key=lambda pair: (fold(pair[0]), pair[0]))


def program_options(plan: Plan) -> list[tuple[str, str]]:
    return [(f"{p.id} — {p.short_names[0] if p.short_names else p.name}", p.id) for p in plan.programs]


def indicator_options(plan: Plan) -> list[tuple[str, str]]:
    return [(f"{i.name} ({i.unit})", i.id) for i in plan.indicators]


def figure_text(value: float) -> str:
    """An indicator's figure Vietnamese style: 1.250, 2,5 or 0,75 (at most two decimals)."""
    value = round(float(value), 2)
    if value.is_integer():
        return format_number(value)
    return format_number(value, 2).rstrip("0")


def axis_top(value: float) -> float:
    """The top of a y axis showing `value` with a little room: 1, 1,2, 1,5, 2, 2,5, 3, 4, 5, 6,
    8 times a power of ten (1 when there is nothing to show)."""
    if not value > 0:
        return 1.0
    wanted = value * 1.05
    scale = 10.0 ** math.floor(math.log10(wanted))
    return next(round(step * scale, 12) for step in AXIS_STEPS if step * scale >= wanted * (1 - 1e-12))


# --- the explorer --------------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    unit: str | None
    commune: str | None
    program: str | None
    start: dt.date | None
    end: dt.date | None
    indicator: str


class Explorer:
    """Controls, a table and a weekly chart over a period's activities.

    `Explorer(data)` with a `PeriodAnalysis`, or `Explorer(activities=..., plan=..., units=...,
    as_of=...)`. Display `.widget`; the controls are in `.controls` (unit: a searchable box of
    "CODE — name" labels; commune, program, dates: within the period; indicator; sort and
    order of the table); `.table` (HTML: a summary line and the rows in the chosen order) and
    `.chart` (Image, PNG) are redrawn by `refresh()` on every change; the "Tải về Excel" button
    (`.download`) puts a link to the filtered rows as a workbook in `.link`;
    `.last_refresh_seconds` is how long the last redraw took.
    """

    def __init__(self, data=None, *, activities: pd.DataFrame | None = None, plan: Plan | None = None,
                 units: pd.DataFrame | None = None, indicator: str | None = None, as_of: dt.date | None = None):
        import ipywidgets as widgets

        if data is not None:
            activities = data.activities if activities is None else activities
            plan = data.plan if plan is None else plan
            units = data.campaign.units if units is None else units
            as_of = data.as_of if as_of is None else as_of
        if activities is None or plan is None:
            raise UsageError("Explorer cần số liệu của kỳ (load_period) hoặc activities và plan")
        self.plan, self.as_of = plan, as_of
        self.period_id = data.period.id if data is not None else "kham_pha"
        self.indicators = {i.id: i for i in plan.indicators}
        order = [c for c in ("held_on", "unit_id", "file", "sheet", "row") if c in activities]
        frame = activities.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)
        self.activities = frame
        self._precompute(frame)

        days = self._days_range(frame)
        self._unit_labels = dict(unit_options(units, frame))
        self._unit_names = {unit_id: label.split(" — ", 1)[-1] for label, unit_id in self._unit_labels.items()}
        sortable = [c for c in self._shown.columns if c not in self.indicators]
        self.controls = {
            "unit": widgets.Combobox(description="Đơn vị", options=list(self._unit_labels), value="",
                                     placeholder="gõ mã hoặc tên đơn vị; để trống: tất cả", ensure_option=True),
            "commune": widgets.Dropdown(description="Xã/Phường", options=[(ALL_LABEL, ALL),
                                                                         *commune_options(frame, plan)], value=ALL),
            "program": widgets.Dropdown(description="Chương trình", options=[(ALL_LABEL, ALL),
                                                                            *program_options(plan)], value=ALL),
            "dates": widgets.SelectionRangeSlider(description="Thời gian", options=[(format_date(d), d) for d in days],
                                                  index=(0, len(days) - 1), continuous_update=False, readout=False),
            "indicator": widgets.Dropdown(description="Chỉ tiêu", options=indicator_options(plan),
                                          value=indicator or plan.indicators[0].id),
            "sort": widgets.Dropdown(description="Sắp xếp theo",
                                     options=[(vietnamese_header(c, plan), c) for c in sortable], value="held_on"),
            "order": widgets.ToggleButtons(description="Thứ tự", options=[("Tăng dần", True), ("Giảm dần", False)],
                                           value=True),
        }
        wide = widgets.Layout(width="46em")
        for name, control in self.controls.items():
            control.layout = wide if name != "order" else widgets.Layout(width="auto")
            control.style.description_width = "8em"
        self.dates_text = widgets.HTML()
        self.table = widgets.HTML(layout=widgets.Layout(max_height="32em", overflow="auto"))
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.download = widgets.Button(description="Tải về Excel", icon="download",
                                       tooltip="Tải về các dòng đang lọc, dạng bảng tính Excel")
        self.link = widgets.HTML()
        self.download.on_click(lambda _button: self.prepare_download())
        self.last_refresh_seconds: float | None = None
        self._build_chart()
        self.widget = widgets.VBox([
            widgets.HTML(f"<b>Khám phá hoạt động đã báo cáo</b> — {html.escape(self._period_text(data))}"),
            self.controls["unit"], self.controls["commune"], self.controls["program"], self.controls["dates"],
            self.dates_text, self.controls["indicator"], self.chart,
            widgets.HBox([self.controls["sort"], self.controls["order"]]),
            widgets.HBox([self.download, self.link]), self.table,
        ])
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.refresh()

    # -- precomputation, once -----------------------------------------------------------------

    def _precompute(self, frame: pd.DataFrame):
        def codes(values: pd.Series) -> tuple[np.ndarray, dict]:
            numbers, uniques = pd.factorize(values, use_na_sentinel=True)
            return numbers.astype(np.int32), {value: n for n, value in enumerate(uniques)}

        self._unit, self._unit_index = codes(frame["unit_id"])
        self._program, self._program_index = codes(frame["program_id"])
        self._commune_code, self._commune_code_index = codes(frame["commune_code"])
        self._commune_name, self._commune_name_index = codes(_commune_keys(frame["commune"]))
        held = frame["held_on"].dt.normalize()
        self._day = held.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)  # NaT: minimum
        week_end = week_end_of(frame["held_on"], self.plan)
        ends = pd.DatetimeIndex([pd.Timestamp(d) for d in week_ends(self.plan)]).astype("datetime64[ns]")
        self._week_ends = ends.union(pd.DatetimeIndex(week_end.dropna().unique()).astype("datetime64[ns]"))
        week = self._week_ends.searchsorted(week_end.to_numpy(), side="left")
        self._week = np.where(week_end.notna().to_numpy(), week, -1).astype(np.int64)
        self._values = {i: pd.to_numeric(frame[i], errors="coerce").fillna(0.0).to_numpy(dtype=np.float64)
                        if i in frame else np.zeros(len(frame)) for i in self.indicators}
        self._shown = frame[[c for c in KEY_COLUMNS if c in frame] + [i for i in self.indicators if i in frame]]
        self._sort_keys: dict[str, np.ndarray] = {}
        first_week = self.plan.campaign.start
        self._reached = np.array([self.as_of is None or (end - pd.Timedelta(days=6)).date() <= self.as_of
                                  or end.date() <= first_week for end in self._week_ends])

    def _days_range(self, frame: pd.DataFrame) -> list[dt.date]:
        """The days a selection may span: the campaign's start to the period's cut-off (or the
        campaign's end without one), widened to any activity held outside."""
        held = frame["held_on"].dropna()
        last_day = min(self.plan.campaign.end, self.as_of) if self.as_of else self.plan.campaign.end
        first = min(self.plan.campaign.start, held.min().date()) if len(held) else self.plan.campaign.start
        last = max(last_day, held.max().date()) if len(held) else last_day
        return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]

    @staticmethod
    def _period_text(data) -> str:
        period = getattr(data, "period", None)
        return period.label if period is not None else "số liệu đã nạp"

    def unit_label(self, unit_id: str) -> str:
        """What the unit box shows (and the planner picks) for `unit_id`: 'BVDK — Đoàn cơ sở …'."""
        return next(label for label, value in self._unit_labels.items() if value == unit_id)

    # -- the current selection ----------------------------------------------------------------

    def selection(self) -> Selection:
        value = {name: control.value for name, control in self.controls.items()}
        first, last = value["dates"]
        days = self.controls["dates"].options
        whole = (first, last) == (days[0][1], days[-1][1])
        unit = self._unit_labels.get(value["unit"].strip()) if value["unit"] else None
        return Selection(
            unit=unit, commune=value["commune"] or None, program=value["program"] or None,
            start=None if whole else first, end=None if whole else last, indicator=value["indicator"],
        )

    def mask(self, selection: Selection | None = None) -> np.ndarray:
        """Which rows of `self.activities` the selection keeps (the same as `filter_activities`)."""
        s = selection or self.selection()
        keep = np.ones(len(self._day), dtype=bool)
        if s.unit is not None:
            keep &= self._unit == self._unit_index.get(s.unit, -2)
        if s.program is not None:
            keep &= self._program == self._program_index.get(s.program, -2)
        if s.commune is not None:
            by_code = self._commune_code == self._commune_code_index.get(s.commune, -2)
            key = commune_key(s.commune)
            by_name = self._commune_name == (self._commune_name_index.get(key, -2) if key else -2)
            keep &= by_code | by_name
        epoch = dt.date(1970, 1, 1)
        if s.start is not None:
            keep &= self._day >= (s.start - epoch).days
        if s.end is not None:
            keep &= self._day <= (s.end - epoch).days
        return keep

    def filtered(self) -> pd.DataFrame:
        return self.activities[self.mask()]

    def weekly(self, selection: Selection | None = None, keep: np.ndarray | None = None) -> pd.DataFrame:
        """The numbers behind the chart, shaped like `summarise(..., by="week", plan=plan)`."""
        s = selection or self.selection()
        keep = self.mask(s) if keep is None else keep
        week = self._week[keep]
        inside = week >= 0
        count = np.bincount(week[inside], minlength=len(self._week_ends))
        total = np.bincount(week[inside], weights=self._values[s.indicator][keep][inside],
                            minlength=len(self._week_ends))
        return pd.DataFrame({WEEK_END_COLUMN: self._week_ends, COUNT_COLUMN: count.astype("int64"),
                             s.indicator: total.astype("float64")})

    def _sort_key(self, column: str) -> np.ndarray:
        """Each row's rank in `column` (blanks last), computed once per column."""
        if column not in self._sort_keys:
            codes, _ = pd.factorize(self._shown[column], sort=True, use_na_sentinel=True)
            self._sort_keys[column] = np.where(codes < 0, codes.max() + 1, codes).astype(np.int64)
        return self._sort_keys[column]

    def _ordered(self, keep: np.ndarray, limit: int | None = None) -> np.ndarray:
        """Positions of the kept rows in the order of the sort controls (stable; blanks last)."""
        rows = np.flatnonzero(keep)
        key = self._sort_key(self.controls["sort"].value)[rows]
        if not self.controls["order"].value:
            blank = key == key.max(initial=0) + 1
            key = np.where(blank, key, -key)
        order = rows[np.argsort(key, kind="stable")]
        return order if limit is None else order[:limit]

    def rows(self, selection: Selection | None = None, limit: int | None = None) -> pd.DataFrame:
        """The rows kept, in the order of the sort controls, with the chosen indicator only."""
        s = selection or self.selection()
        columns = [c for c in self._shown.columns if c not in self.indicators or c == s.indicator]
        return self._shown.iloc[self._ordered(self.mask(s), limit)][columns]

    def workbook(self) -> bytes:
        """The filtered rows (every one, every indicator) as an Excel workbook."""
        kept = self._shown.iloc[self._ordered(self.mask())]
        return appendix_bytes({"Hoạt động đã lọc": kept}, self.plan, "Hoạt động đã lọc")  # the sheet's title

    def prepare_download(self) -> str:
        """Make the workbook of the filtered rows and offer it as a link (a data: address, so it
        works in JupyterLab with no server route and no file left behind)."""
        data = base64.b64encode(self.workbook()).decode("ascii")
        name = f"kham_pha_{self.period_id}.xlsx"
        count = int(self.mask().sum())
        self.link.value = (f"<a download=\"{name}\" href=\"data:{XLSX_MIME};base64,{data}\">"
                           f"Lưu tệp {name} ({format_number(count)} dòng)</a>")
        return name

    # -- drawing ------------------------------------------------------------------------------

    def _changed(self, _change):
        self.link.value = ""  # a link made for another selection would download the wrong rows
        self.refresh()

    def refresh(self):
        """Redraw the table and the chart for the controls' current values."""
        started = time.perf_counter()
        s = self.selection()
        keep = self.mask(s)
        indicator = self.indicators[s.indicator]
        count = int(keep.sum())
        total = float(self._values[s.indicator][keep].sum())
        summary = (f"{format_number(count)} hoạt động, tổng {figure_text(total)} {indicator.unit} "
                   f"({indicator.name})")
        weekly = self.weekly(s, keep)
        per_week = " · ".join(f"T{n} {figure_text(v) if reached else NOT_REACHED}"
                              for n, (v, reached) in enumerate(zip(weekly[s.indicator], self._reached), start=1))
        first, last = self.controls["dates"].value
        self.dates_text.value = (f"<span style=\"margin-left:8.5em\">từ {format_date(first)} đến {format_date(last)}"
                                 "</span>")
        table = table_html(self.rows(s, TABLE_ROWS), self.plan, max_rows=None, names=self._unit_names)
        if count > TABLE_ROWS:
            table += (f"<p class=\"more\">… và {format_number(count - TABLE_ROWS)} hoạt động nữa "
                      f"(chỉ hiện {format_number(TABLE_ROWS)} dòng đầu theo thứ tự đã chọn; "
                      "“Tải về Excel” có đủ mọi dòng).</p>")
        elif count == 0:
            table = "<p class=\"empty\">Không có hoạt động nào khớp các điều kiện đã chọn.</p>"
        weeks = f"Theo tuần ({indicator.unit}): {per_week}"
        self.table.value = (f"{STYLE}{EXPLORE_STYLE}<div class=\"ck-out ck-explore\"><p class=\"summary\">"
                            f"{html.escape(summary)}</p><p class=\"weeks\">{html.escape(weeks)}</p>{table}</div>")
        self.chart.value = self._chart_png(weekly, indicator)
        self.last_refresh_seconds = time.perf_counter() - started

    # -- the chart: one figure, its axes drawn once per (indicator, scale) -------------------

    def _build_chart(self):
        """The figure is made once with the kit's style and fixed margins (no layout pass). It is
        closed to pyplot at once, so a notebook never shows it by itself and no figure stays
        open; it keeps an Agg canvas of its own to draw on.

        Drawing text is most of a chart's cost, and only the bars change from one selection to
        the next: the axes, labels and title are drawn once per (indicator, top of the y axis),
        kept as a background, and each refresh restores it and draws the bars over it. The top
        of the axis is rounded up to a few steps per decade (1, 1,2, 1,5, 2 … 8, 10) so that
        backgrounds are shared."""
        import matplotlib.pyplot as plt
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        from .charts import GREYS, new_figure

        figure, axes = new_figure(*CHART_SIZE)
        plt.close(figure)
        FigureCanvasAgg(figure)
        figure.set_layout_engine(None)
        figure.set_dpi(CHART_DPI)
        width, height = CHART_SIZE
        figure.subplots_adjust(left=0.75 / width, right=1 - 0.15 / width, bottom=0.6 / height, top=1 - 0.35 / height)
        positions = np.arange(1, len(self._week_ends) + 1)
        self._bars = list(axes.bar(positions, np.zeros(len(positions)), color=GREYS[1], edgecolor=GREYS[0],
                                   width=0.7))
        axes.set_axisbelow(True)
        axes.set_xticks(positions, [str(p) for p in positions])
        axes.set_xlim(0.4, len(positions) + 0.6)
        axes.grid(axis="x", visible=False)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: figure_text(value)))
        first = format_date(self._week_ends[0]) if len(self._week_ends) else ""
        axes.set_xlabel(f"Tuần (mỗi tuần tính đến thứ bảy; tuần 1 đến {first}; gạch chéo: tuần chưa đến)")
        self._figure, self._axes = figure, axes
        self._title = axes.set_title("", loc="left", fontweight="bold")
        self._backgrounds: OrderedDict[tuple[str, float], object] = OrderedDict()

    def _background(self, indicator, top: float):
        key = (indicator.id, top)
        if key in self._backgrounds:
            self._backgrounds.move_to_end(key)
            return self._backgrounds[key]
        for bar in self._bars:
            bar.set_visible(False)
        self._axes.set_ylabel(indicator.unit)
        self._title.set_text(f"{indicator.name} theo tuần ({indicator.unit})")
        self._figure.canvas.draw()
        background = self._figure.canvas.copy_from_bbox(self._figure.bbox)
        for bar in self._bars:
            bar.set_visible(True)
        self._backgrounds[key] = background
        while len(self._backgrounds) > KEPT_BACKGROUNDS:
            self._backgrounds.popitem(last=False)
        return background

    def _chart_png(self, weekly: pd.DataFrame, indicator) -> bytes:
        from PIL import Image

        values = weekly[indicator.id].to_numpy(dtype=float)
        top = axis_top(float(values.max()) if len(values) else 0.0)
        self._axes.set_ylim(0, top)
        canvas = self._figure.canvas
        canvas.restore_region(self._background(indicator, top))
        for bar, value, reached in zip(self._bars, values, self._reached):
            if not reached:  # a week after the cut-off: a hatched stub, never a bar of 0
                bar.set_height(top * 0.04)
                bar.set_hatch("////")
                bar.set_facecolor("#ffffff")
                self._axes.draw_artist(bar)
                continue
            bar.set_height(value)
            if value > 0:
                self._axes.draw_artist(bar)
        buffer = io.BytesIO()
        size = canvas.get_width_height(physical=True)
        Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB") \
            .save(buffer, format="png", compress_level=1)
        return buffer.getvalue()
