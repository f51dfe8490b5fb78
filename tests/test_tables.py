"""The period tables on the command line and the appendix workbook."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from campaignkit.analyses import CONTRACT_TABLES, analyse_period
from campaignkit.intake import load_campaign
from campaignkit.paths import SAMPLE_DATA_DIR
from campaignkit.plan import find_period
from campaignkit.render.files import write_period_tables
from conftest import report_header, report_row, write_xlsx

INDICATOR_COLUMNS = ["indicator_id", "name", "unit", "target", "actual", "expected_by_as_of", "percent_of_target",
                     "status", "forecast_end"]


def _run(*args):
    return subprocess.run([sys.executable, "-m", "campaignkit", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def sample_dot2():
    campaign = load_campaign(SAMPLE_DATA_DIR)
    return analyse_period(campaign, find_period(campaign.plan, "dot2"))


def test_tables_command_writes_every_contract_file_twice_identically(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = _run("tables", "--period", "dot1", "--out", str(out))
        assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (first / "dot1" / "tables").iterdir())
    assert {f"{t}.csv" for t in CONTRACT_TABLES} <= set(names)
    for path in [*(first / "dot1" / "tables").iterdir(), first / "dot1" / "phu_luc_so_lieu.xlsx"]:
        twin = second / path.relative_to(first)
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_contract_columns(tmp_path):
    assert _run("tables", "--period", "tongket", "--out", str(tmp_path)).returncode == 0
    tables = tmp_path / "tongket" / "tables"
    status = pd.read_csv(tables / "indicator_status.csv")
    assert list(status.columns[:9]) == INDICATOR_COLUMNS
    assert set(status["status"]) <= {"met", "on_track", "behind", "no_data"}
    assert list(pd.read_csv(tables / "data_issues.csv").columns) == ["file", "sheet", "row", "column", "value",
                                                                     "problem", "action"]
    assert list(pd.read_csv(tables / "ingest_summary.csv").columns) == ["source", "rows_read", "counted", "merged",
                                                                        "skipped", "rejected", "after_as_of"]


def test_units_total_equals_communes_total_equals_indicator_actual(sample_dot2):
    status = sample_dot2.tables()["indicator_status"].set_index("indicator_id")["actual"]
    by_unit = sample_dot2.tables()["workload_unit"]
    by_commune = sample_dot2.tables()["workload_commune"]
    unit_rows, unit_total = by_unit[by_unit["unit_id"] != "TONG"], by_unit[by_unit["unit_id"] == "TONG"].iloc[0]
    commune_total = by_commune.iloc[-1]
    for indicator, actual in status.items():
        column = f"done_{indicator}"
        assert unit_rows[column].sum() == pytest.approx(unit_total[column])
        assert unit_total[column] == pytest.approx(actual), indicator
        assert commune_total[column] == pytest.approx(actual), indicator
    assert unit_total["done_activities"] == len(sample_dot2.activities) == commune_total["done_activities"]


def test_periods_and_bad_parameters_refused_in_vietnamese(tmp_path):
    listing = _run("periods")
    assert listing.returncode == 0 and "dot1" in listing.stdout and "tuan13" in listing.stdout
    unknown = _run("tables", "--period", "dot9", "--out", str(tmp_path))
    assert unknown.returncode == 2 and "Không có kỳ báo cáo 'dot9'" in unknown.stderr
    outside = _run("tables", "--period", "dot1", "--as-of", "2025-01-01", "--out", str(tmp_path))
    assert outside.returncode == 2 and "nằm ngoài chiến dịch" in outside.stderr
    missing = _run("tables", "--period", "dot1", "--data", str(tmp_path / "khong_co"), "--out", str(tmp_path))
    assert missing.returncode == 2 and "Không tìm thấy thư mục dữ liệu" in missing.stderr
    assert not (tmp_path / "dot1").exists()


def test_appendix_numbers_dates_and_no_formulas(campaign_dir, indicator_headers, tmp_path):
    rows = [report_row(indicator_headers, activity='=HYPERLINK("http://x","bấm")',
                       figures={indicator_headers[0]: "1.000"})]
    write_xlsx(campaign_dir / "bao_cao" / "BVDK.xlsx", {"Tuần 3": [report_header(indicator_headers), *rows]})
    campaign = load_campaign(campaign_dir)
    analysis = analyse_period(campaign, find_period(campaign.plan, "dot1"))
    write_period_tables(analysis, tmp_path)
    path = tmp_path / "phu_luc_so_lieu.xlsx"
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any("<f>" in archive.read(n).decode("utf-8") for n in sheets)
    workbook = CalamineWorkbook.from_path(str(path))
    assert "Chỉ tiêu" in workbook.sheet_names and "Lỗi dữ liệu" in workbook.sheet_names
    indicators = workbook.get_sheet_by_name("Chỉ tiêu").to_python()
    assert indicators[0][:3] == ["Mã chỉ tiêu", "Tên", "Đơn vị tính"]
    ct01 = next(r for r in indicators if r[0] == "CT01")
    assert ct01[4] == 1000.0  # a number, not the text '1000'
    schedule = workbook.get_sheet_by_name("Lịch").to_python()
    assert any(isinstance(c, (dt.date, dt.datetime)) for c in schedule[1])
    reporting = workbook.get_sheet_by_name("Chế độ báo cáo").to_python()
    assert any(isinstance(c, dt.datetime) for c in reporting[1])
