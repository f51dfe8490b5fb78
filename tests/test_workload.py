"""Workload per unit and per commune, quiet units, focus communes by phase, the units × communes
matrix, the plan's assignments, the charts. Small hand-built tables, figures counted by hand."""

from __future__ import annotations

import datetime as dt

import matplotlib.figure
import pandas as pd
import pytest

from campaignkit.analyses.as_of import activities_as_of, registrations_as_of
from campaignkit.analyses.assignments import assignment_tracking
from campaignkit.analyses.indicators import indicator_contributions, indicator_status
from campaignkit.analyses.workload import (
    focus_coverage,
    inactive_units,
    unit_commune_matrix,
    workload_by_commune,
    workload_by_unit,
)
from campaignkit.intake import load_campaign
from campaignkit.render.charts.workload import unit_bars, unit_commune_heatmap
from conftest import registration_header, registration_row, report_header, report_row, write_xlsx

NAN = float("nan")
AS_OF = dt.date(2024, 7, 23)


def registry() -> pd.DataFrame:
    return pd.DataFrame([
        ["BVDK", "Đoàn cơ sở Bệnh viện Đa khoa thành phố Cần Thơ", "ĐCS", "Cụm 1", "Y tế", ""],
        ["BVTM", "Đoàn cơ sở Bệnh viện Tim mạch thành phố Cần Thơ", "ĐCS", "Cụm 1", "Y TẾ", ""],
        ["SLDTBXH", "Đoàn cơ sở Sở Lao động, Thương binh và Xã hội", "ĐCS", "Cụm 2", "Văn hóa - Xã hội", ""],
        ["KDTU", "Chi đoàn Khối Đảng khu vực Thành ủy", "Chi đoàn", "Cụm 3", "Đảng", ""],
        ["STTTT", "Chi đoàn cơ sở Sở Thông tin và Truyền thông", "CĐCS", "Cụm 3", "Kinh tế", ""],
    ], columns=["unit_id", "name", "kind", "cluster", "sector", "aliases"])


def _with_figures(plan, rows: list[dict], extra: tuple[str, ...]) -> pd.DataFrame:
    table = pd.DataFrame(rows)
    for name in (*plan.indicator_ids(), *extra):
        values = table[name] if name in table else pd.Series(NAN, index=table.index)
        table[name] = pd.to_numeric(values, errors="coerce").astype("float64")
    return table


def registrations(plan) -> pd.DataFrame:
    def row(unit, program, commune, district, planned, status="counted", **figures):
        return {"unit_id": unit, "program_id": program, "start": pd.Timestamp("2024-06-10"),
                "end": pd.Timestamp("2024-06-10"), "commune": commune, "district": district,
                "planned_participations": planned, "status": status, **figures}
    return _with_figures(plan, [
        row("BVDK", "P2", "Trường Xuân", "Thới Lai", 100, CT01=100, funds=5_000_000),
        row("BVDK", "P6", "Xuân Khánh", "Ninh Kiều", 40, CT01=40, CT04=200),
        row("BVTM", "P6", "Trung Hưng", "Cờ Đỏ", 30, CT01=30),
        row("SLDTBXH", "P1", "Trường Xuân", "Thới Lai", 50, CT10=100, funds=2_000_000),
        row("SLDTBXH", "P1", "Trường Xuân", "Thới Lai", 45, status="merged", CT10=90),
    ], ("planned_participations", "funds"))


def activities(plan) -> pd.DataFrame:
    def row(unit, program, held, commune, district, **figures):
        return {"unit_id": unit, "program_id": program, "held_on": pd.Timestamp(held), "commune": commune,
                "district": district, "status": "counted", **figures}
    return _with_figures(plan, [
        row("BVDK", "P2", "2024-06-15", "Trường Xuân", "Thới Lai", CT01=120, funds=4_000_000),
        row("BVDK", "P6", "2024-07-13", "Xuân Khánh", "Ninh Kiều", CT01=35, CT04=150),
        row("BVDK", "P6", "2024-07-20", "Trường Xuân", "", CT01=20, CT04=60),            # no district written
        row("SLDTBXH", "P1", "2024-06-01", "Trường Xuân", "Thới Lai", CT01=60, CT10=110, funds=1_500_000),
        row("SLDTBXH", "P4", "2024-07-05", "Tân Thới", "Phong Điền", CT01=25, CT03=1),
        row("KDTU", "P3", "2024-06-20", None, None, CT01=10, CT05a=2.5),
    ], ("funds",))


# --- per unit ------------------------------------------------------------------------------

def test_workload_by_unit_every_unit_and_hand_figures(plan):
    table = workload_by_unit(plan, registry(), registrations(plan), activities(plan))
    assert table["unit_id"].tolist() == ["BVDK", "BVTM", "SLDTBXH", "KDTU", "STTTT", "TONG"]
    for name in ("unit_name", "kind", "cluster", "sector", "planned_activities", "planned_participations",
                 "planned_funds", "done_activities", "funds", "first_activity", "last_activity",
                 "has_registration", "has_report", *(f"planned_{i}" for i in plan.indicator_ids()),
                 *(f"done_{i}" for i in plan.indicator_ids())):
        assert name in table.columns, name
    units = table.set_index("unit_id")
    bvdk = units.loc["BVDK"]
    assert (bvdk["planned_activities"], bvdk["planned_participations"], bvdk["planned_CT04"]) == (2, 140, 200)
    assert (bvdk["done_activities"], bvdk["done_CT01"], bvdk["done_CT04"], bvdk["funds"]) == (3, 175, 210, 4_000_000)
    assert bvdk["first_activity"] == pd.Timestamp("2024-06-15") and bvdk["last_activity"] == pd.Timestamp("2024-07-20")
    # the merged (earlier) registration of SLDTBXH is not counted again
    assert units.loc["SLDTBXH", "planned_activities"] == 1 and units.loc["SLDTBXH", "planned_CT10"] == 100
    # a unit with nothing is a row of zeros
    quiet = units.loc["STTTT"]
    assert (quiet["planned_activities"], quiet["done_activities"], quiet["done_CT01"]) == (0, 0, 0)
    assert not quiet["has_registration"] and not quiet["has_report"] and pd.isna(quiet["first_activity"])
    assert units.loc["KDTU", "has_registration"] == False and units.loc["KDTU", "has_report"] == True  # noqa: E712
    total = units.loc["TONG"]
    assert total["unit_name"] == "Tổng cộng"
    body = table.iloc[:-1]
    for column in table.columns:
        if column.startswith(("planned_", "done_")) or column == "funds":
            assert total[column] == pytest.approx(body[column].sum()), column
    assert (total["planned_activities"], total["done_activities"]) == (4, 6)


def test_unit_total_equals_commune_total_equals_indicator_actual(plan):
    acts = activities(plan)
    status = indicator_status(plan, acts, AS_OF).set_index("indicator_id")
    units = workload_by_unit(plan, registry(), registrations(plan), acts).iloc[-1]
    communes = workload_by_commune(plan, registrations(plan), acts).iloc[-1]
    by_unit = indicator_contributions(plan, acts, by="unit_id").iloc[-1]
    by_commune = indicator_contributions(plan, acts, by="commune").iloc[-1]
    for indicator in plan.indicator_ids():
        actual = status.loc[indicator, "actual"]
        assert units[f"done_{indicator}"] == pytest.approx(actual), indicator
        assert communes[f"done_{indicator}"] == pytest.approx(actual), indicator
        assert by_unit[indicator] == pytest.approx(actual) and by_commune[indicator] == pytest.approx(actual)
    assert units["done_activities"] == communes["done_activities"] == len(acts)
    assert units["funds"] == communes["funds"] == 5_500_000


def test_totals_agree_after_ingestion(campaign_dir, indicator_headers, plan):
    people, trees = indicator_headers[0], indicator_headers[3]
    reports = [report_row(indicator_headers, figures={people: 120, trees: 10}),
               report_row(indicator_headers, unit="Sở LĐTBXH", activity="Tặng quà", commune="Xuân Khánh",
                          district="Ninh Kiều", figures={people: 30}, number=2),
               report_row(indicator_headers, unit="KDTU", activity="Dọn vệ sinh", commune="",
                          district="", figures={trees: 40}, number=3),
               report_row(indicator_headers, sent="30/06/2024", figures={people: 150, trees: 10}, number=4)]
    write_xlsx(campaign_dir / "bao_cao" / "tong_hop.xlsx", {"Báo cáo": [report_header(indicator_headers), *reports]})
    write_xlsx(campaign_dir / "dang_ky" / "BVDK.xlsx",
               {"Đăng ký": [registration_header(indicator_headers), registration_row(indicator_headers)]})
    campaign = load_campaign(campaign_dir)
    as_of = dt.date(2024, 6, 23)
    acts, regs = activities_as_of(campaign, as_of), registrations_as_of(campaign, as_of)
    status = indicator_status(plan, acts, as_of).set_index("indicator_id")
    units = workload_by_unit(plan, campaign.units, regs, acts)
    communes = workload_by_commune(plan, regs, acts)
    assert status.loc["CT01", "actual"] == 150 and status.loc["CT04", "actual"] == 50   # the 30/6 version is later
    for indicator in plan.indicator_ids():
        assert units.iloc[-1][f"done_{indicator}"] == communes.iloc[-1][f"done_{indicator}"] \
            == status.loc[indicator, "actual"], indicator
    assert len(units) == len(campaign.units) + 1
    assert units.iloc[-1]["planned_activities"] == 1


# --- per commune ---------------------------------------------------------------------------

def test_workload_by_commune(plan):
    table = workload_by_commune(plan, registrations(plan), activities(plan))
    focus = [f.commune for f in plan.focus_communes]
    assert table["commune"].tolist()[:len(focus)] == focus            # always there, in the plan's order
    assert table["focus_commune"].tolist()[:len(focus)] == [True] * len(focus)
    assert table["commune"].tolist()[len(focus):] == ["Xuân Khánh", "Không rõ xã/phường", "Tổng cộng"]
    rows = table.set_index("commune")
    # Trường Xuân: BVDK 15/6 (120), SLDTBXH 1/6 (60), BVDK 20/7 written without its district (20)
    truong_xuan = rows.loc["Trường Xuân"]
    assert (truong_xuan["done_activities"], truong_xuan["done_CT01"], truong_xuan["units"]) == (3, 200, 2)
    assert truong_xuan["planned_activities"] == 2 and truong_xuan["district"] == "Thới Lai"
    assert rows.loc["Thạnh Quới", "done_activities"] == 0 and rows.loc["Thạnh Quới", "units"] == 0
    assert rows.loc["Trung Hưng", "planned_activities"] == 1 and rows.loc["Trung Hưng", "done_activities"] == 0
    assert rows.loc["Tổng cộng", "units"] == 3        # distinct units, not the sum of the rows (5)
    assert rows.loc["Tổng cộng", "done_activities"] == 6 and rows.loc["Tổng cộng", "planned_activities"] == 4


def test_focus_coverage_by_phase(plan):
    table = focus_coverage(plan, activities(plan))
    assert len(table) == len(plan.focus_communes) * len(plan.phases)
    cells = table.set_index(["commune", "phase_id"])
    first, second = plan.phases[0].id, plan.phases[1].id
    assert cells.loc[("Trường Xuân", first), ["activities", "units", "participations"]].tolist() == [2, 2, 180]
    assert cells.loc[("Trường Xuân", second), ["activities", "units", "participations"]].tolist() == [1, 1, 20]
    assert cells.loc[("Tân Thới", second), ["activities", "units", "participations"]].tolist() == [1, 1, 25]
    assert cells.loc[("Thạnh Quới", first), "activities"] == 0


def test_unit_commune_matrix(plan):
    matrix = unit_commune_matrix(activities(plan))
    assert matrix.loc["BVDK", "Trường Xuân"] == 2 and matrix.loc["BVDK", "Xuân Khánh"] == 1
    assert matrix.loc["KDTU", "Không rõ xã/phường"] == 1
    assert matrix.to_numpy().sum() == len(activities(plan))
    assert matrix.index[0] == "BVDK" and matrix.columns[0] == "Trường Xuân"   # busiest first


# --- quiet units ---------------------------------------------------------------------------

def test_inactive_units_with_reasons(plan):
    table = inactive_units(registry(), registrations(plan), activities(plan), dt.date(2024, 7, 1), AS_OF)
    reasons = table.set_index("unit_id")["reason"].to_dict()
    assert "BVDK" not in reasons and "SLDTBXH" not in reasons        # registered, reported, active in July
    assert reasons["BVTM"] == "Chưa báo cáo hoạt động nào"
    assert reasons["KDTU"] == ("Chưa đăng ký hoạt động; Không có hoạt động nào tổ chức trong kỳ "
                               "(01/07/2024–23/07/2024)")
    assert reasons["STTTT"] == "Chưa đăng ký hoạt động; Chưa báo cáo hoạt động nào"


# --- assignments ---------------------------------------------------------------------------

def _assignment_rows(table, program_id, assignment):
    return table[(table["program_id"] == program_id) & (table["task"] == assignment.task)].set_index("unit_id")


def test_assignment_tracking_sector_assignment(plan):
    # the plan's P6 assignment names five units and the sector 'Y tế' (role lead)
    program_id, assignment = next((p.id, a) for p in plan.programs for a in p.assignments if a.sector and a.units)
    assert program_id == "P6" and assignment.role == "lead"
    table = assignment_tracking(plan, registry(), registrations(plan), activities(plan))
    rows = _assignment_rows(table, program_id, assignment)
    # 'Y tế' and 'Y TẾ' fold alike: both hospitals are in; SLDTBXH is not of that sector
    assert {"BVDK", "BVTM"} <= set(rows.index) and "SLDTBXH" not in rows.index
    assert set(assignment.units) <= set(rows.index) and len(rows) == len(assignment.units) + 2
    bvdk, bvtm = rows.loc["BVDK"], rows.loc["BVTM"]
    assert (bvdk["registered"], bvdk["reported"], bvdk["status"]) == (1, 2, "Đã báo cáo")
    assert (bvtm["registered"], bvtm["reported"], bvtm["status"]) == (1, 0, "Mới đăng ký")
    absent = rows.loc[assignment.units[0]]
    assert (absent["registered"], absent["reported"], absent["status"]) == (0, 0, "Chưa có")
    assert "không có trong danh sách đơn vị" in absent["note"]
    assert set(rows["role"]) == {"chủ trì"}
    roles = {role for cell in table["role"] for role in cell.split(", ")}  # "đăng cai, chủ trì": two roles
    assert roles <= {"đăng cai", "chủ trì", "tham mưu", "phối hợp", "thực hiện"}


def test_assignment_tracking_sector_only(plan):
    # the plan's first sector-only assignment is in P2 (role advise): every 'Y tế' unit, counted for P2
    program_id, assignment = next((p.id, a) for p in plan.programs for a in p.assignments
                                  if a.sector and not a.units)
    assert program_id == "P2"
    rows = _assignment_rows(assignment_tracking(plan, registry(), registrations(plan), activities(plan)),
                            program_id, assignment)
    assert rows.index.tolist() == ["BVDK", "BVTM"]
    assert rows[["registered", "reported", "status"]].values.tolist() == [[1, 1, "Đã báo cáo"], [0, 0, "Chưa có"]]
    assert set(rows["role"]) == {"tham mưu"}


def test_assignment_to_a_person_is_marked_not_counted(plan):
    table = assignment_tracking(plan, registry(), registrations(plan), activities(plan))
    people = [a.person for a in plan.other_assignments if a.person]
    marked = table[table["unit_name"].isin(people)]
    assert len(marked) == len(people)
    assert marked["unit_id"].isna().all() and marked["reported"].isna().all()
    assert (marked["status"] == "Không theo dõi").all()


# --- charts --------------------------------------------------------------------------------

def test_workload_charts_are_vietnamese_figures(plan, tmp_path):
    matrix = unit_commune_matrix(activities(plan))
    heatmap = unit_commune_heatmap(matrix)
    assert isinstance(heatmap, matplotlib.figure.Figure)
    axes = heatmap.axes[0]
    assert axes.get_xlabel() == "Xã/Phường" and axes.get_ylabel() == "Đơn vị"
    assert "Trường Xuân" in [t.get_text() for t in axes.get_xticklabels()]
    assert "2" in [t.get_text() for t in axes.texts]                 # the counts are written in the cells
    bars = unit_bars(workload_by_unit(plan, registry(), registrations(plan), activities(plan)), top=3)
    bar_axes = bars.axes[0]
    assert [t.get_text() for t in bar_axes.get_legend().get_texts()] == ["Đăng ký", "Đã thực hiện"]
    labels = [t.get_text() for t in bar_axes.get_yticklabels()]
    at = dict(zip(bar_axes.get_yticks(), labels))
    assert len(labels) == 3 and "TONG" not in labels and at[max(at)] == "BVDK"   # busiest at the top
    for name, figure in (("ban_do_nhiet.png", heatmap), ("don_vi.png", bars)):
        path = tmp_path / name
        figure.savefig(path)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_charts_with_nothing_yet(plan):
    empty = activities(plan).iloc[0:0]
    assert isinstance(unit_commune_heatmap(unit_commune_matrix(empty)), matplotlib.figure.Figure)
    table = workload_by_unit(plan, registry(), registrations(plan).iloc[0:0], empty)
    assert isinstance(unit_bars(table), matplotlib.figure.Figure)


def test_commune_map_counts_only_communes_not_the_total_row():
    """The map's legend counts the communes drawn and those the list has no point for: the
    table's 'Tổng cộng' row is neither (it was counted as one commune not matched)."""
    from campaignkit.analyses import analyse_period
    from campaignkit.paths import SAMPLE_DATA_DIR
    from campaignkit.plan import find_period
    from campaignkit.render.charts.workload import commune_map

    campaign = load_campaign(SAMPLE_DATA_DIR)
    analysis = analyse_period(campaign, find_period(campaign.plan, "dot1"))
    table = analysis.workload_commune
    communes = table[(table["commune"] != "Tổng cộng") & (table["done_activities"] > 0)]
    legend = commune_map(table, campaign.plan).axes[0].get_legend().get_title().get_text()
    assert legend == f"{len(communes)} xã/phường có hoạt động"
