"""The explorer: its pure filter and summary, its widgets driven as the planner would, its speed
on 100 000 rows, and the notebook that shows it."""

from __future__ import annotations

import ast
import datetime as dt
import re

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from campaignkit.analyses import load_period
from campaignkit.errors import UsageError
from campaignkit.paths import DEFAULT_PLAN, NOTEBOOKS_DIR, SAMPLE_DATA_DIR
from campaignkit.render.explore import (
    Explorer,
    axis_top,
    commune_options,
    figure_text,
    filter_activities,
    summarise,
    week_end_of,
)
from campaignkit.text import fold

NOTEBOOK = NOTEBOOKS_DIR / "07_kham_pha.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# --- helpers -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_period("dot2", "", SAMPLE_DATA_DIR, DEFAULT_PLAN)


@pytest.fixture
def explorer(data):
    return Explorer(data)


def vn_number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def summary(explorer) -> tuple[int, float, str]:
    """(activities, total, unit) from the table's summary line "N hoạt động, tổng X đơn vị"."""
    line = BeautifulSoup(explorer.table.value, "html.parser").find("p", class_="summary").get_text()
    match = re.match(r"^([\d.]+) hoạt động, tổng ([\d.,]+) (\S+)", line)
    assert match, line
    return int(vn_number(match.group(1))), vn_number(match.group(2)), match.group(3)


def table_column(explorer, header: str) -> list[str]:
    table = BeautifulSoup(explorer.table.value, "html.parser").find("table", class_="report")
    if table is None:
        return []
    headers = [th.get_text() for th in table.find("thead").find_all("th")]
    position = headers.index(header)
    return [tr.find_all("td")[position].get_text() for tr in table.find("tbody").find_all("tr")]


def unit_label(explorer, unit_id: str) -> str:
    """What the planner picks in the searchable unit box for `unit_id`."""
    return explorer.unit_label(unit_id)


def day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


def tiny_activities() -> pd.DataFrame:
    """Five hand-made activities: two units, three ways of writing Trường Xuân, two programs."""
    rows = [
        ("A", "P1", "Trường Xuân", "Thới Lai", "31294", "2024-06-01", 10.0, 5.0),
        ("A", "P2", "xã Trường Xuân", "Thới Lai", "31294", "2024-06-08", None, 1.5),
        ("B", "P1", "X. Thạnh An", "H. Vĩnh Thạnh", None, "2024-06-09", 3.0, None),
        ("B", "P5", "Thạnh An", "Vĩnh Thạnh", None, "2024-06-15", 4.0, 2.0),
        ("A", "P5", "Tân Thới", "Phong Điền", "31306", "2024-06-16", 1.0, 0.0),
    ]
    frame = pd.DataFrame(rows, columns=["unit_id", "program_id", "commune", "district", "commune_code", "held_on",
                                        "CT01", "CT04"])
    frame["held_on"] = pd.to_datetime(frame["held_on"])
    frame["activity"] = [f"Hoạt động {n}" for n in range(1, 6)]
    frame["unit_written"] = frame["unit_id"]
    return frame.set_index(pd.Index([10, 11, 12, 13, 14]))


# --- filter_activities ---------------------------------------------------------------------

def test_filter_none_keeps_everything_in_order():
    frame = tiny_activities()
    kept = filter_activities(frame)
    assert kept.index.tolist() == frame.index.tolist()


def test_filter_by_unit_and_program():
    frame = tiny_activities()
    assert filter_activities(frame, unit="A").index.tolist() == [10, 11, 14]
    assert filter_activities(frame, program="P5").index.tolist() == [13, 14]
    assert filter_activities(frame, unit="A", program="P5").index.tolist() == [14]
    assert filter_activities(frame, unit="NOBODY").empty


def test_filter_by_commune_code_or_name_written_any_way():
    frame = tiny_activities()
    for written in ("31294", "Trường Xuân", "xã Trường Xuân", "truong xuan", "TRƯỜNG XUÂN"):
        assert filter_activities(frame, commune=written).index.tolist() == [10, 11], written
    assert filter_activities(frame, commune="Thạnh An").index.tolist() == [12, 13]
    assert filter_activities(frame, commune="xã").empty


def test_filter_by_dates_is_inclusive_and_takes_any_date_form():
    frame = tiny_activities()
    assert filter_activities(frame, start=dt.date(2024, 6, 8), end=dt.date(2024, 6, 15)).index.tolist() == [11, 12, 13]
    assert filter_activities(frame, start="2024-06-09").index.tolist() == [12, 13, 14]
    assert filter_activities(frame, end=pd.Timestamp("2024-06-08 17:30")).index.tolist() == [10, 11]
    assert filter_activities(frame, start=dt.datetime(2024, 6, 16, 9, 0)).index.tolist() == [14]
    assert filter_activities(frame, start="2024-06-20", end="2024-06-01").empty


# --- summarise -----------------------------------------------------------------------------

def test_week_ends_without_plan_are_saturdays():
    ends = week_end_of(tiny_activities()["held_on"])
    assert [d.date() for d in ends] == [dt.date(2024, 6, 1), dt.date(2024, 6, 8), dt.date(2024, 6, 15),
                                       dt.date(2024, 6, 15), dt.date(2024, 6, 22)]


def test_summarise_per_plan_week_lists_every_week(data):
    table = summarise(tiny_activities(), "CT01", "week", data.plan)
    assert list(table.columns) == ["end", "done_activities", "CT01"]
    assert len(table) == 13  # the plan's 13 reporting Saturdays, 08/06 … 31/08
    assert table["end"].iloc[0].date() == dt.date(2024, 6, 8)
    first_weeks = table.head(3)
    assert first_weeks["done_activities"].tolist() == [2, 2, 1]  # 01/06 falls in week 1, up to 08/06
    assert first_weeks["CT01"].tolist() == [10.0, 7.0, 1.0]  # a blank figure counts 0
    assert table["done_activities"].sum() == 5


def test_summarise_per_unit_and_program():
    frame = tiny_activities()
    per_unit = summarise(frame, "CT04", "unit")
    assert per_unit.to_dict("list") == {"unit_id": ["A", "B"], "done_activities": [3, 2], "CT04": [6.5, 2.0]}
    per_program = summarise(frame, "CT04", "program_id")
    assert per_program["program_id"].tolist() == ["P1", "P2", "P5"]
    with pytest.raises(UsageError):
        summarise(frame, "CT04", "nothing")


def test_numbers_and_axis():
    assert figure_text(1250) == "1.250"
    assert figure_text(2.5) == "2,5"
    assert figure_text(0.75) == "0,75"
    assert [axis_top(v) for v in (0, 0.4, 3.3, 7, 95, 1000, 5657)] == [1.0, 0.5, 4.0, 8.0, 100.0, 1200.0, 6000.0]


# --- the explorer, driven through its widgets ----------------------------------------------

def test_explorer_starts_on_everything(explorer, data):
    count, total, unit = summary(explorer)
    assert count == len(data.activities)
    assert total == pytest.approx(data.activities["CT01"].sum())
    assert unit == "lượt"
    assert len(table_column(explorer, "Mã đơn vị")) == len(data.activities)  # every row, not the first 50
    assert bytes(explorer.chart.value).startswith(b"\x89PNG")
    assert explorer.last_refresh_seconds is not None
    labels = list(explorer.controls["unit"].options)
    assert labels == sorted(labels, key=fold)
    assert "SNGV — Chi đoàn cơ sở Sở Ngoại vụ thành phố Cần Thơ" in labels  # the code and the name, searchable
    assert explorer.controls["unit"].value == "" and explorer.controls["unit"].ensure_option
    assert all(c.description for c in explorer.controls.values())


def test_changing_the_unit_shows_only_that_unit(explorer, data):
    before = explorer.table.value
    unit = data.activities["unit_id"].value_counts().index[0]
    explorer.controls["unit"].value = unit_label(explorer, unit)
    assert explorer.table.value != before
    expected = data.activities[data.activities["unit_id"] == unit]
    count, total, _ = summary(explorer)
    assert count == len(expected)
    assert total == pytest.approx(expected["CT01"].sum())
    shown = table_column(explorer, "Mã đơn vị")
    assert shown and set(shown) == {unit}
    assert len(shown) == len(expected)

    explorer.controls["unit"].value = ""
    assert summary(explorer)[0] == len(data.activities)


def test_changing_the_indicator_redraws_the_chart(explorer, data):
    before = explorer.chart.value
    explorer.controls["indicator"].value = "CT04"
    assert explorer.chart.value != before
    assert bytes(explorer.chart.value).startswith(b"\x89PNG")
    count, total, unit = summary(explorer)
    assert (count, unit) == (len(data.activities), "cây")
    assert total == pytest.approx(data.activities["CT04"].sum())
    assert "CT04 – Cây xanh trồng mới" in explorer.table.value
    expected = summarise(data.activities, "CT04", "week", data.plan)
    pd.testing.assert_frame_equal(explorer.weekly(), expected, check_dtype=False)


def test_setting_a_date_range_drops_rows_outside_it(explorer, data):
    first, last = dt.date(2024, 6, 20), dt.date(2024, 7, 5)
    explorer.controls["dates"].value = (first, last)
    held = data.activities["held_on"].dt.date
    expected = data.activities[(held >= first) & (held <= last)]
    assert summary(explorer)[0] == len(expected)
    shown = [day(text) for text in table_column(explorer, "Ngày tổ chức")]
    assert shown and all(first <= d <= last for d in shown)
    assert shown == sorted(shown)
    weekly = explorer.weekly()
    outside = (weekly["end"].dt.date < first) | (weekly["end"].dt.date > dt.date(2024, 7, 6))
    assert weekly.loc[outside, "done_activities"].sum() == 0


def test_every_control_together_matches_filter_activities(explorer, data):
    controls = explorer.controls
    controls["commune"].value = "31294"  # Trường Xuân
    controls["program"].value = "P1"
    controls["dates"].value = (dt.date(2024, 6, 1), dt.date(2024, 7, 10))
    expected = filter_activities(data.activities, commune="31294", program="P1", start="2024-06-01",
                                 end="2024-07-10")
    assert summary(explorer)[0] == len(expected) > 0
    assert set(table_column(explorer, "Xã/Phường")) == {"Trường Xuân"}
    assert set(table_column(explorer, "Chương trình")) == {"P1"}
    unit = expected["unit_id"].value_counts().index[0]
    controls["unit"].value = unit_label(explorer, unit)
    narrowed = expected[expected["unit_id"] == unit]
    assert summary(explorer)[0] == len(narrowed) > 0
    assert set(table_column(explorer, "Mã đơn vị")) == {unit}


def test_each_commune_option_matches_filter_activities(explorer, data):
    for label, value in explorer.controls["commune"].options[1:]:
        explorer.controls["commune"].value = value
        assert summary(explorer)[0] == len(filter_activities(data.activities, commune=value)) > 0, label


def test_commune_options_name_each_commune_once(data):
    options = commune_options(tiny_activities(), data.plan)
    assert options == [("Tân Thới (Phong Điền) – xã trọng điểm", "31306"),
                       ("Thạnh An (chưa khớp danh mục xã)", "Thạnh An"),  # X. Thạnh An, Thạnh An: no code
                       ("Trường Xuân (Thới Lai) – xã trọng điểm", "31294")]
    explorer = Explorer(activities=tiny_activities(), plan=data.plan)
    explorer.controls["commune"].value = "Thạnh An"
    assert summary(explorer)[:2] == (2, 7.0)


def test_dates_stop_at_the_cut_off_and_later_weeks_read_not_reached(explorer, data):
    days = [value for _, value in explorer.controls["dates"].options]
    assert days[0] == data.plan.campaign.start and days[-1] == data.as_of  # dot2: 01/06 … 23/07, not 31/08
    weeks = BeautifulSoup(explorer.table.value, "html.parser").find("p", class_="weeks").get_text()
    parts = weeks.split(": ", 1)[1].split(" · ")
    assert parts[0].startswith("T1 ") and parts[-1] == f"T{len(parts)} chưa đến"
    reached = [p for p in parts if not p.endswith("chưa đến")]
    assert len(reached) == 8  # weeks 1–8 began by 23/07/2024
    assert "0" not in [p.split(" ", 1)[1] for p in parts[len(reached):]]


def test_the_table_sorts_on_any_column(explorer, data):
    explorer.controls["sort"].value = "unit_id"
    explorer.controls["order"].value = False
    shown = table_column(explorer, "Mã đơn vị")
    assert shown == sorted(shown, reverse=True) and len(shown) == len(data.activities)
    explorer.controls["sort"].value = "held_on"
    explorer.controls["order"].value = True
    held = [day(t) for t in table_column(explorer, "Ngày tổ chức")]
    assert held == sorted(held)


def test_download_gives_the_filtered_rows_as_a_workbook(explorer, data, tmp_path):
    from python_calamine import CalamineWorkbook

    unit = data.activities["unit_id"].value_counts().index[0]
    explorer.controls["unit"].value = unit_label(explorer, unit)
    name = explorer.prepare_download()
    link = BeautifulSoup(explorer.link.value, "html.parser").find("a")
    assert link["download"] == name == "kham_pha_dot2.xlsx"
    assert link["href"].startswith("data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,")
    path = tmp_path / name
    path.write_bytes(explorer.workbook())
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    expected = data.activities[data.activities["unit_id"] == unit]
    assert rows[0][:2] == ["Ngày tổ chức", "Mã đơn vị"] and len(rows) - 1 == len(expected)
    assert {r[1] for r in rows[1:]} == {unit}
    explorer.controls["unit"].value = ""
    assert explorer.link.value == ""  # a new selection withdraws the old link


def test_nothing_matching_says_so(explorer):
    explorer.controls["commune"].value = "31294"
    explorer.controls["program"].value = "P9"
    assert summary(explorer)[0] == 0
    assert "Không có hoạt động nào" in explorer.table.value
    assert bytes(explorer.chart.value).startswith(b"\x89PNG")


def test_text_is_escaped_and_no_figure_is_left_open(data):
    open_before = plt.get_fignums()
    frame = tiny_activities()
    frame.loc[10, "activity"] = "<script>alert(1)</script>"
    explorer = Explorer(activities=frame, plan=data.plan)
    explorer.controls["indicator"].value = "CT04"
    assert "<script>" not in explorer.table.value
    assert "&lt;script&gt;" in explorer.table.value
    assert summary(explorer) == (5, 8.5, "cây")
    assert plt.get_fignums() == open_before


# --- scale (speed itself is measured by `make bench`, never asserted here) ---------------------

def synthetic_activities(base: pd.DataFrame, units: pd.Series, rows: int, seed: int = 7) -> pd.DataFrame:
    """`rows` activities drawn from the sample's, spread over every unit and campaign day."""
    rng = np.random.default_rng(seed)
    frame = base.iloc[rng.integers(0, len(base), rows)].reset_index(drop=True)
    frame["unit_id"] = pd.array(rng.choice(units.to_numpy(), rows), dtype=base["unit_id"].dtype)
    frame["held_on"] = pd.Timestamp("2024-06-01") + pd.to_timedelta(rng.integers(0, 92, rows), unit="D")
    frame["row"] = np.arange(rows)
    for column in ("CT01", "CT04", "CT05a"):
        frame[column] = np.where(rng.random(rows) < 0.5, rng.integers(1, 100, rows).astype(float), np.nan)
    return frame


def test_explorer_on_100_000_rows_follows_every_control(data):
    frame = synthetic_activities(data.activities, data.campaign.units["unit_id"], 100_000)
    explorer = Explorer(activities=frame, plan=data.plan, units=data.campaign.units)
    changes = [("unit", unit_label(explorer, "BVDK")), ("indicator", "CT04"), ("commune", "31294"),
               ("program", "P5"), ("dates", (dt.date(2024, 6, 10), dt.date(2024, 7, 20))), ("unit", ""),
               ("indicator", "CT05a")]
    for name, value in changes:
        explorer.controls[name].value = value
        assert explorer.last_refresh_seconds is not None
    expected = filter_activities(frame, commune="31294", program="P5", start="2024-06-10", end="2024-07-20")
    assert summary(explorer)[0] == len(expected)


# --- the notebook --------------------------------------------------------------------------

def test_notebook_is_thin_and_saved_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert notebook.nbformat == 4 and notebook.metadata.kernelspec.name == "python3"
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# Khám phá số liệu")
    code = [c for c in notebook.cells if c.cell_type == "code"]
    parameters = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    assigned = {node.targets[0].id: node.value.value for node in ast.parse(parameters[0].source).body}
    assert assigned == {"period": "dot1", "as_of": "", "data_dir": "../data/sample",
                        "plan": "../data/plans/ky-nghi-hong-2024.yaml", "analysis_file": ""}
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None
        assert not re.search(r"^\s*(def|for|while|class)\b", cell.source, re.MULTILINE)


def test_notebook_runs_and_shows_the_explorer(tmp_path):
    import papermill

    executed = papermill.execute_notebook(
        str(NOTEBOOK), str(tmp_path / "07_kham_pha.ipynb"),
        parameters={"period": "dot2", "as_of": "", "data_dir": str(SAMPLE_DATA_DIR), "plan": str(DEFAULT_PLAN),
                    "analysis_file": ""},
        kernel_name="python3", progress_bar=False,
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},  # the kernel starts in notebooks/
    )
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any(WIDGET_VIEW in o.get("data", {}) for o in outputs)
