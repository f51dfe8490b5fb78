"""The schedule table: every dated fact of the plan, the registrations, and each flag exactly
where it belongs; the focus-commune table, the holidays, and the two charts."""

from __future__ import annotations

import datetime as dt

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from campaignkit.analyses.schedule import (
    FOCUS_COLUMNS,
    HOLIDAY_COLUMNS,
    SCHEDULE_COLUMNS,
    build_schedule,
    focus_commune_registrations,
    holidays_in_campaign,
)
from campaignkit.intake import load_campaign
from campaignkit.plan import Plan
from campaignkit.render.charts.schedule import daily_counts, daily_load_heatmap, gantt_chart
from conftest import registration_header, registration_row, write_xlsx

T = pd.Timestamp
FLAGS = ["outside_program_window", "outside_campaign", "unit_double_booked", "commune_overloaded"]


def registration(row, unit, program, start, end=None, commune="Trường Xuân", district="Thới Lai", planned=10.0,
                 status="counted", sent_at=None, activity=None) -> dict:
    """One row of `campaign.registrations` as the cleaning step leaves it."""
    return {
        "file": "dang_ky/test.xlsx", "sheet": "DK", "row": row, "unit_id": unit, "unit_written": unit,
        "program_id": program, "activity": activity or f"Hoạt động dòng {row}", "start": T(start),
        "end": T(end or start), "sent_at": T(sent_at) if sent_at else pd.NaT, "commune": commune,
        "district": district, "commune_code": None, "planned_participations": planned, "status": status,
    }


def item(row: int) -> str:
    return f"dang_ky/test.xlsx:DK:{row}"


@pytest.fixture(scope="module")
def registrations() -> pd.DataFrame:
    """Hand-built: on 15/06 Trường Xuân has rows 1, 3, 4, 5 (four > threshold 3); BVDK is in
    Trường Xuân (1) and Thạnh Quới (2) that day; row 5 starts 14/06, before P5 opens on 15/06;
    row 6 is on 02/09 (Quốc khánh), after P1 and the campaign; rows 7 and 8 are BVDK twice in one
    commune on one day; row 9 has no commune; row 11 is a merged older version and never counts."""
    return pd.DataFrame([
        registration(1, "BVDK", "P2", "2024-06-15", planned=100),
        registration(2, "BVDK", "P2", "2024-06-15", commune="Thạnh Quới", district="Vĩnh Thạnh", planned=20),
        registration(3, "SLDTBXH", "P1", "2024-06-15", planned=30),
        registration(4, "KDTU", "P3", "2024-06-15", planned=40),
        registration(5, "STTTT", "P5", "2024-06-14", "2024-06-16", planned=50),
        registration(6, "BVDK", "P1", "2024-09-02", commune="Tân Thới", district="Phong Điền", planned=60),
        registration(7, "BVDK", "P4", "2024-07-10", commune="Trung Hưng", district="Cờ Đỏ", planned=5),
        registration(8, "BVDK", "P4", "2024-07-10", commune="Trung Hưng", district="Cờ Đỏ", planned=7),
        registration(9, "KDTU", "P4", "2024-07-20", commune=None, district=None, planned=9),
        registration(10, "KDTU", "P5", "2024-07-20", commune="Tân Thới", district="Phong Điền", planned=11),
        registration(11, "STTTT", "P2", "2024-06-15", commune="Tân Thới", district="Phong Điền", status="merged"),
    ])


@pytest.fixture(scope="module")
def schedule(plan, registrations) -> pd.DataFrame:
    return build_schedule(plan, registrations)


def rows_of(schedule: pd.DataFrame) -> pd.DataFrame:
    return schedule[schedule["kind"] == "registration"].set_index("item_id")


def flagged(schedule: pd.DataFrame, flag: str) -> set[str]:
    regs = rows_of(schedule)
    return set(regs.index[regs[flag]])


def modified(plan: Plan, change) -> Plan:
    data = plan.model_dump()
    change(data)
    return Plan.model_validate(data)


# --- the plan's own rows -------------------------------------------------------------------

def test_columns_and_plan_rows(plan):
    table = build_schedule(plan, pd.DataFrame())
    assert list(table.columns) == SCHEDULE_COLUMNS
    counts = table["kind"].value_counts()
    assert counts["campaign"] == 1 and counts["phase"] == 3 and counts["program"] == 9
    # 12 key-day dates: 3 volunteer Saturdays + 9 single dates
    assert counts[["launch", "peak_day", "green_sunday", "volunteer_saturday", "host_day", "anniversary",
                   "ceremony"]].sum() == 12
    assert counts["report_due"] == 4 and counts["weekly_report_due"] == 13 and counts["award_due"] == 2
    assert "registration" not in counts


def test_windows_dates_and_times(plan):
    table = build_schedule(plan, pd.DataFrame()).set_index(["kind", "item_id", "start"]).sort_index()
    campaign = table.loc[("campaign", "campaign")].iloc[0]
    assert campaign["end"] == T("2024-08-31")
    assert table.loc[("program", "P5")].iloc[0]["end"] == T("2024-08-10")
    assert table.loc[("program", "P5")].index[0] == T("2024-06-15")
    assert table.loc[("peak_month", "peak_month_2024", T("2024-07-01")), "end"] == T("2024-07-31")
    launch = table.loc[("launch", "ra_quan", T("2024-06-15"))]
    assert launch["commune"] == "Trường Xuân" and launch["district"] == "Thới Lai" and launch["focus_commune"]
    assert bool(launch["tentative"])
    saturdays = table.loc[("volunteer_saturday", "thu_bay_tinh_nguyen")].index
    assert list(saturdays) == [T("2024-06-15"), T("2024-07-13"), T("2024-08-10")]
    award = table.loc[("award_due", "thanh_doan", T("2024-08-23"))]
    assert award["time"] == "17:00" and "Thành đoàn" in award["label"]
    assert table.loc[("award_due", "doan_khoi", T("2024-08-25")), "time"] == "17:00"
    weekly = table.loc["weekly_report_due"]
    assert set(weekly["time"]) == {"17:00"}
    assert weekly.index.get_level_values("start").min() == T("2024-06-08")
    assert weekly.index.get_level_values("start").max() == T("2024-08-31")
    assert table.loc[("report_due", "dot1", T("2024-06-23")), "time"] == ""
    assert table.loc[("ceremony", "tong_ket", T("2024-09-01")), "phase_id"] == ""


def test_plan_rows_raise_no_flag(plan):
    """The bundled plan's own dates fit their programs, lie in the campaign (the ceremony and the
    deadlines may lie after it) and no Vietnamese public holiday falls on them."""
    table = build_schedule(plan, pd.DataFrame())
    assert not table[FLAGS].any().any()
    assert (table["public_holiday"] == "").all() and (table["flags"] == "").all()


def test_key_day_outside_its_program_is_flagged(plan):
    def early_peak_day(data):
        day = next(d for d in data["key_days"] if d["id"] == "cao_diem_do_thi_van_minh")
        day["dates"][0]["date"] = dt.date(2024, 6, 10)   # P5 opens 15/06
    table = build_schedule(modified(plan, early_peak_day), pd.DataFrame())
    marked = table[table["outside_program_window"]]
    assert list(marked["item_id"]) == ["cao_diem_do_thi_van_minh"]
    assert "ngoài thời gian chương trình P5 (15/06/2024–10/08/2024)" in marked["flags"].iloc[0]


def test_ordering_is_deterministic(plan, registrations, schedule):
    shuffled = registrations.sample(frac=1, random_state=7).reset_index(drop=True)
    pd.testing.assert_frame_equal(build_schedule(plan, shuffled), schedule)
    assert schedule["start"].is_monotonic_increasing


# --- registrations and their flags ---------------------------------------------------------

def test_registrations_are_the_counted_ones(schedule):
    regs = rows_of(schedule)
    assert set(regs.index) == {item(r) for r in range(1, 11)}      # row 11 was merged
    assert regs.loc[item(5), "end"] == T("2024-06-16")
    assert regs.loc[item(1), "unit_id"] == "BVDK" and regs.loc[item(1), "program_id"] == "P2"
    assert regs.loc[item(1), "phase_id"] == "chuoi1" and regs.loc[item(7), "phase_id"] == "chuoi2"
    assert regs.loc[item(6), "phase_id"] == ""
    assert set(regs.index[regs["focus_commune"]]) == {item(r) for r in (1, 2, 3, 4, 5, 6, 7, 8, 10)}


def test_unit_double_booked(schedule):
    assert flagged(schedule, "unit_double_booked") == {item(1), item(2)}
    regs = rows_of(schedule)
    assert "Thạnh Quới" in regs.loc[item(1), "flags"] and "15/06/2024" in regs.loc[item(1), "flags"]
    assert "Trường Xuân" in regs.loc[item(2), "flags"]


def test_commune_overloaded(plan, registrations, schedule):
    assert flagged(schedule, "commune_overloaded") == {item(1), item(3), item(4), item(5)}
    assert "xã Trường Xuân có 4 hoạt động đăng ký ngày 15/06/2024 (quá ngưỡng 3)" in rows_of(schedule).loc[
        item(3), "flags"]
    relaxed = build_schedule(plan, registrations, busy_commune_threshold=4)
    assert flagged(relaxed, "commune_overloaded") == set()
    strict = build_schedule(plan, registrations, busy_commune_threshold=1)
    # two in Trung Hưng on 10/07 is now too many as well
    assert flagged(strict, "commune_overloaded") == {item(1), item(3), item(4), item(5), item(7), item(8)}


def test_outside_program_window_and_campaign(schedule):
    assert flagged(schedule, "outside_program_window") == {item(5), item(6)}
    assert flagged(schedule, "outside_campaign") == {item(6)}
    regs = rows_of(schedule)
    assert "ngoài thời gian chương trình P5 (15/06/2024–10/08/2024)" in regs.loc[item(5), "flags"]
    assert "ngoài thời gian chiến dịch (01/06/2024–31/08/2024)" in regs.loc[item(6), "flags"]


def test_public_holiday(schedule):
    regs = rows_of(schedule)
    assert regs.loc[item(6), "public_holiday"] == "Quốc khánh"
    assert "trùng ngày lễ: Quốc khánh (02/09/2024)" in regs.loc[item(6), "flags"]
    assert set(regs.index[regs["public_holiday"] != ""]) == {item(6)}


def test_unflagged_rows_are_silent(schedule):
    regs = rows_of(schedule)
    quiet = regs.loc[[item(7), item(8), item(9), item(10)]]
    assert not quiet[FLAGS].any().any()
    assert (quiet["flags"] == "").all() and (quiet["public_holiday"] == "").all()


def test_as_of_keeps_registrations_sent_by_then(plan):
    regs = pd.DataFrame([
        registration(1, "BVDK", "P2", "2024-06-20", sent_at="2024-06-10"),
        registration(2, "BVDK", "P2", "2024-06-21", sent_at="2024-06-12"),
        registration(3, "BVDK", "P2", "2024-06-22"),                      # no sending date: always known
    ])
    table = build_schedule(plan, regs, as_of=dt.date(2024, 6, 10))
    assert set(rows_of(table).index) == {item(1), item(3)}
    assert set(rows_of(build_schedule(plan, regs)).index) == {item(1), item(2), item(3)}


def test_from_a_workbook(plan, campaign_dir, indicator_headers):
    rows = [registration_header(indicator_headers),
            registration_row(indicator_headers, unit="BVDK", start="15/06/2024", end="15/06/2024"),
            registration_row(indicator_headers, unit="Sở LĐTBXH", program="P1", start="01/06/2024", end="02/06/2024",
                             commune="Tân Thới", district="Phong Điền", number=2)]
    write_xlsx(campaign_dir / "dang_ky" / "dk.xlsx", {"Đăng ký": rows})
    campaign = load_campaign(campaign_dir)
    regs = rows_of(build_schedule(campaign.plan, campaign.registrations)).reset_index()
    assert sorted(regs["unit_id"]) == ["BVDK", "SLDTBXH"]
    bvdk = regs[regs["unit_id"] == "BVDK"].iloc[0]
    assert bvdk["commune"] == "Trường Xuân" and bvdk["focus_commune"] and bvdk["start"] == T("2024-06-15")
    assert regs[regs["unit_id"] == "SLDTBXH"].iloc[0]["end"] == T("2024-06-02")


# --- focus communes and holidays -----------------------------------------------------------

def test_focus_commune_registrations(plan, registrations):
    table = focus_commune_registrations(plan, registrations)
    assert list(table.columns) == FOCUS_COLUMNS
    assert len(table) == 12                                          # 4 communes × 3 phases
    counts = table.set_index(["commune", "phase_id"])["registrations"]
    expected = {("Trường Xuân", "chuoi1"): 4, ("Thạnh Quới", "chuoi1"): 1, ("Trung Hưng", "chuoi2"): 2,
                ("Tân Thới", "chuoi2"): 1}                           # row 6 (02/09) is in no phase
    for key, value in counts.items():
        assert value == expected.get(key, 0), key
    planned = table.set_index(["commune", "phase_id"])["planned_participations"]
    assert planned[("Trường Xuân", "chuoi1")] == 100 + 30 + 40 + 50
    assert planned[("Trung Hưng", "chuoi2")] == 12


def test_focus_communes_without_registrations(plan):
    table = focus_commune_registrations(plan, pd.DataFrame())
    assert len(table) == 12 and (table["registrations"] == 0).all()


def test_holidays(plan):
    table = holidays_in_campaign(plan)
    assert list(table.columns) == HOLIDAY_COLUMNS
    assert table.empty                                               # none from 01/06 to 01/09/2024

    def longer(data):
        data["campaign"]["end"] = dt.date(2024, 9, 5)
    table = holidays_in_campaign(modified(plan, longer))
    assert list(table["date"]) == [T("2024-09-02"), T("2024-09-03")]
    assert list(table["name"]) == ["Quốc khánh", "Quốc khánh"]
    assert list(table["weekday"]) == ["thứ hai", "thứ ba"]


# --- charts --------------------------------------------------------------------------------

def texts(labels) -> list[str]:
    return [label.get_text() for label in labels]


def test_gantt_chart(schedule, tmp_path):
    fig = gantt_chart(schedule)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    ticks = texts(ax.get_yticklabels())
    assert "Chuỗi hoạt động thứ 1" in ticks and "Hạn báo cáo tuần" in ticks
    assert any(t.startswith("Đơn vị BVDK") for t in ticks)  # "(n/m cảnh báo)" when most are flagged
    assert any(t.startswith("P5: Tuổi trẻ") for t in ticks)
    assert "Ngày" in ax.get_xlabel() and "đơn vị" in ax.get_ylabel()
    assert "Lịch chiến dịch" in ax.get_title()
    marks = texts(ax.child_axes[0].get_xticklabels())
    assert any("15/06" in m and "Lễ ra quân" in m for m in marks)
    assert any("23/08" in m and "Hạn khen thưởng" in m for m in marks)
    path = tmp_path / "gantt.png"
    fig.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    plt.close(fig)


def test_gantt_without_registrations(plan, tmp_path):
    fig = gantt_chart(build_schedule(plan, pd.DataFrame()))
    assert "chưa có hoạt động đăng ký" in fig.axes[0].get_title()
    fig.savefig(tmp_path / "empty.png")
    plt.close(fig)


def test_daily_counts(schedule):
    counts = daily_counts(schedule, T("2024-06-01"), T("2024-09-02"))
    assert counts[T("2024-06-15")] == 5           # rows 1–5
    assert counts[T("2024-06-14")] == 1 and counts[T("2024-06-16")] == 1
    assert counts[T("2024-07-10")] == 2 and counts[T("2024-07-20")] == 2 and counts[T("2024-09-02")] == 1
    assert counts.sum() == 5 + 2 + 2 + 2 + 1


def test_daily_load_heatmap(schedule, tmp_path):
    fig = daily_load_heatmap(schedule)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert texts(ax.get_yticklabels()) == ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy",
                                           "Chủ nhật"]
    assert "Tuần" in ax.get_xlabel() and "Thứ" in ax.get_ylabel()
    assert "Số hoạt động đăng ký" in ax.get_title()
    months = texts(ax.child_axes[0].get_xticklabels())
    assert months == ["Tháng 6/2024", "Tháng 7/2024", "Tháng 8/2024", "Tháng 9/2024"]
    assert "27/05" in texts(ax.get_xticklabels())                   # the Monday before 01/06/2024
    assert fig.axes[1].get_ylabel() == "Số hoạt động đăng ký trong ngày"
    cells = [t.get_text() for t in ax.texts]
    assert "5" in cells                                             # 15/06
    path = tmp_path / "heat.png"
    fig.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    plt.close(fig)
