"""Ingestion: one test per messy case of the data contract, on real workbooks built here."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import unicodedata

import pandas as pd
import pytest

from campaignkit.intake import load_campaign
from campaignkit.intake.accounting import total_row
from campaignkit.intake.status import COUNTED, MERGED, SKIPPED
from conftest import registration_header, registration_row, report_header, report_row, write_ods, write_xls, write_xlsx


def _report_book(campaign_dir, name, rows, indicator_headers, title=None, sheet="Tuần 3", merge=None):
    body = [report_header(indicator_headers), *rows]
    return write_xlsx(campaign_dir / "bao_cao" / name, {sheet: [*(title or []), *body]}, merge)


def _statuses(campaign):
    return campaign.ledger.set_index(["file", "sheet", "row"])["status"].to_dict()


def _issues_at(campaign, row):
    return campaign.issues[campaign.issues["row"] == row]


def test_text_1000_is_one_thousand(campaign_dir, indicator_headers):
    trees = indicator_headers[3]  # Cây xanh trồng mới
    _report_book(campaign_dir, "BVDK.xlsx", [report_row(indicator_headers, figures={trees: "1.000"})],
                 indicator_headers)
    campaign = load_campaign(campaign_dir)
    assert campaign.activities()["CT04"].tolist() == [1000.0]


@pytest.mark.parametrize("written, expected", [
    ("2,5", 2.5), ("1.250,5", 1250.5), ("2,5 km", 2.5), ("1.000", 1000.0), (3, 3.0)])
def test_vietnamese_numbers_with_units(campaign_dir, indicator_headers, written, expected):
    km = indicator_headers[4]
    _report_book(campaign_dir, "BVDK.xlsx", [report_row(indicator_headers, figures={km: written})], indicator_headers)
    assert load_campaign(campaign_dir).activities()["CT05a"].tolist() == [expected]


@pytest.mark.parametrize("written", ["15/06/2024", "15/6/24", "15-06-2024", "ngày 15 tháng 6 năm 2024",
                                     dt.datetime(2024, 6, 15)])
def test_dates_day_first_in_every_form(campaign_dir, indicator_headers, written):
    _report_book(campaign_dir, "BVDK.xlsx", [report_row(indicator_headers, held=written)], indicator_headers)
    held = load_campaign(campaign_dir).activities()["held_on"].tolist()
    assert held == [pd.Timestamp(2024, 6, 15)]


def test_title_block_with_merged_cells_and_nfd_headers(campaign_dir, indicator_headers):
    title = [["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["ĐOÀN TNCS HỒ CHÍ MINH"], ["BÁO CÁO TUẦN 3"], []]
    header = [unicodedata.normalize("NFD", h).upper().replace(" ", "  ") for h in report_header(indicator_headers)]
    header[5] = "Ngày\ntổ chức"
    header[8] = "So luot DVTN tham gia"
    rows = [report_row(indicator_headers, unit=unicodedata.normalize("NFD", "Bệnh viện Đa khoa TPCT"),
                       figures={indicator_headers[0]: 120}),
            report_row(indicator_headers, activity="Tầm soát ung thư", figures={indicator_headers[0]: 30}, number=2)]
    path = campaign_dir / "bao_cao" / "BVDK.xlsx"
    write_xlsx(path, {"Tuần 3": [*title, header, *rows]}, merge={"Tuần 3": ["A1:H1"]})
    campaign = load_campaign(campaign_dir)
    activities = campaign.activities()
    assert activities["unit_id"].tolist() == ["BVDK", "BVDK"]
    assert activities["CT01"].sum() == 150
    assert activities["row"].tolist() == [6, 7]  # Excel row numbers below the 5-row title and header


def test_totals_row_not_counted_and_mismatch_logged(campaign_dir, indicator_headers):
    people = indicator_headers[0]
    rows = [report_row(indicator_headers, activity="A", figures={people: 100}),
            report_row(indicator_headers, activity="B", figures={people: 50}, number=2),
            ["", "", "", "", "", "", "", "", *([""] * len(indicator_headers)), "", "", ""],
            ["Tổng cộng", "", "", "", "", "", "", "", 160, *([""] * (len(indicator_headers) - 1)), "", "", ""]]
    _report_book(campaign_dir, "BVDK.xlsx", rows, indicator_headers)
    campaign = load_campaign(campaign_dir)
    assert campaign.activities()["CT01"].sum() == 150
    statuses = _statuses(campaign)
    assert statuses[("bao_cao/BVDK.xlsx", "Tuần 3", 4)] == SKIPPED  # blank row
    assert statuses[("bao_cao/BVDK.xlsx", "Tuần 3", 5)] == SKIPPED  # totals row
    problems = " ".join(_issues_at(campaign, 5)["problem"])
    assert "ghi 160 nhưng cộng các dòng phía trên được 150" in problems


def test_cumulative_re_report_counts_once_with_latest_figures(campaign_dir, indicator_headers):
    people = indicator_headers[0]
    week3 = [report_row(indicator_headers, sent="15/06/2024", activity="Khám bệnh", figures={people: 100})]
    week4 = [report_row(indicator_headers, sent="22/06/2024", activity="KHÁM BỆNH ", commune="X. Trường Xuân",
                        figures={people: 120}),
             report_row(indicator_headers, sent="22/06/2024", activity="Hiến máu", held="20/06/2024",
                        figures={people: 40}, number=2)]
    write_xlsx(campaign_dir / "bao_cao" / "BVDK.xlsx",
               {"Tuần 3": [report_header(indicator_headers), *week3],
                "Tuần 4": [report_header(indicator_headers), *week4]})
    campaign = load_campaign(campaign_dir)
    assert campaign.activities()["CT01"].sum() == 160
    statuses = _statuses(campaign)
    assert statuses[("bao_cao/BVDK.xlsx", "Tuần 3", 2)] == MERGED
    assert statuses[("bao_cao/BVDK.xlsx", "Tuần 4", 2)] == COUNTED
    merged = campaign.issues[campaign.issues["action"].str.startswith("gộp")]
    assert len(merged) == 1 and "22/06/2024" in merged.iloc[0]["problem"]


@pytest.mark.parametrize("overrides, column, reason", [
    ({"unit": "Đoàn phường Xuân Khánh"}, "Đơn vị", "không có trong danh sách đơn vị"),
    ({"held": ""}, "Ngày tổ chức", "Thiếu ngày tổ chức"),
    ({"held": "15/09/2024"}, "Ngày tổ chức", "ngoài thời gian chiến dịch"),
    ({"held": "31/02/2024"}, "Ngày tổ chức", "'31/02/2024' không phải ngày hợp lệ"),
    ({"figures": {"Số lượt ĐVTN tham gia": -5}}, "Số lượt ĐVTN tham gia", "Số âm"),
    ({"figures": {"Số lượt ĐVTN tham gia": "nhiều"}}, "Số lượt ĐVTN tham gia", "'nhiều' không phải số"),
])
def test_each_rejection_reason_is_logged(campaign_dir, indicator_headers, overrides, column, reason):
    rows = [report_row(indicator_headers, activity="Tốt"),
            report_row(indicator_headers, activity="Hỏng", number=2, **overrides)]
    _report_book(campaign_dir, "BVDK.xlsx", rows, indicator_headers)
    campaign = load_campaign(campaign_dir)
    assert total_row(campaign.summary).to_dict() == {"rows_read": 2, "counted": 1, "merged": 0, "skipped": 0,
                                                     "rejected": 1, "after_as_of": 0}
    rejected = campaign.issues[(campaign.issues["row"] == 3) & (campaign.issues["action"].str.startswith("loại"))]
    assert len(rejected) == 1
    assert rejected.iloc[0]["column"] == column and reason in rejected.iloc[0]["problem"]
    assert rejected.iloc[0]["file"] == "bao_cao/BVDK.xlsx" and rejected.iloc[0]["sheet"] == "Tuần 3"


@pytest.mark.parametrize("written", ["BVDK", "bv da khoa tpct", "ĐCS Bệnh viện Đa khoa TPCT",
                                     "Đoàn cơ sở Bệnh viện Đa khoa thành phố Cần Thơ", "ĐCS BVĐK"])
def test_unit_names_resolve(campaign_dir, indicator_headers, written):
    _report_book(campaign_dir, "x.xlsx", [report_row(indicator_headers, unit=written)], indicator_headers)
    assert load_campaign(campaign_dir).activities()["unit_id"].tolist() == ["BVDK"]


def test_near_match_unit_is_resolved_and_logged(campaign_dir, indicator_headers):
    _report_book(campaign_dir, "x.xlsx", [report_row(indicator_headers, unit="Benh vien Da khoaa TP Can Tho")],
                 indicator_headers)
    campaign = load_campaign(campaign_dir)
    assert campaign.activities()["unit_id"].tolist() == ["BVDK"]
    assert campaign.issues["problem"].str.contains("gần giống đơn vị BVDK").any()


@pytest.mark.parametrize("commune, district", [("xã Trường Xuân", "huyện Thới Lai"), ("X. Trường Xuân", ""),
                                               ("truong xuan", "thoi lai"), ("TRƯỜNG XUÂN", "H. Thới Lai")])
def test_communes_with_or_without_prefix(campaign_dir, indicator_headers, commune, district):
    _report_book(campaign_dir, "x.xlsx", [report_row(indicator_headers, commune=commune, district=district)],
                 indicator_headers)
    activities = load_campaign(campaign_dir).activities()
    assert activities[["commune", "district"]].values.tolist() == [["Trường Xuân", "Thới Lai"]]


@pytest.mark.parametrize("written, expected", [("5", "P5"), ("P5", "P5"), (5, "P5"), ("nông thôn mới", "P5"),
                                               ("Hành động vì trẻ em", "P1")])
def test_program_written_as_number_id_or_name(campaign_dir, indicator_headers, written, expected):
    _report_book(campaign_dir, "x.xlsx", [report_row(indicator_headers, program=written, held="01/07/2024")],
                 indicator_headers)
    assert load_campaign(campaign_dir).activities()["program_id"].tolist() == [expected]


def test_xls_and_ods_registrations_are_read(campaign_dir, indicator_headers):
    header = registration_header(indicator_headers)
    write_xls(campaign_dir / "dang_ky" / "SLDTBXH.xls",
              [header, registration_row(indicator_headers, unit="Sở LĐTBXH", program="1", activity="Ngày hội thiếu nhi",
                                        start="01/06/2024", end="01/06/2024")])
    write_ods(campaign_dir / "dang_ky" / "KDTU.ods",
              [header, registration_row(indicator_headers, unit="CĐCS Khối Đảng khu vực Thành ủy Cần Thơ",
                                        program="P3", activity="Hành trình biển đảo", start="10/07/2024",
                                        end="12/07/2024", funds="1.500.000")])
    campaign = load_campaign(campaign_dir)
    registrations = campaign.registrations.sort_values("unit_id")
    assert registrations["unit_id"].tolist() == ["KDTU", "SLDTBXH"]
    assert registrations["funds"].tolist() == [1_500_000.0, 5_000_000.0]
    assert registrations["start"].tolist() == [pd.Timestamp(2024, 7, 10), pd.Timestamp(2024, 6, 1)]


def test_bad_files_are_reported_and_the_rest_still_read(campaign_dir, indicator_headers):
    reports = campaign_dir / "bao_cao"
    (reports / "rong.xlsx").write_bytes(b"")
    (reports / "hong.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (reports / "ghi_chu.txt").write_text("xin chào", encoding="utf-8")
    write_xlsx(reports / "huong_dan.xlsx", {"Hướng dẫn": [["Điền vào mẫu"], ["Gửi trước thứ Bảy"]]})
    _report_book(campaign_dir, "BVDK.xlsx", [report_row(indicator_headers)], indicator_headers)
    campaign = load_campaign(campaign_dir)
    assert len(campaign.activities()) == 1
    by_file = campaign.issues.set_index("file")["problem"].to_dict()
    assert "Tệp rỗng" in by_file["bao_cao/rong.xlsx"]
    assert "Không đọc được tệp" in by_file["bao_cao/hong.xlsx"]
    assert "Không phải bảng tính" in by_file["bao_cao/ghi_chu.txt"]
    assert "không có bảng số liệu" in by_file["bao_cao/huong_dan.xlsx"]


def test_every_row_is_placed_exactly_once(campaign_dir, indicator_headers):
    rows = [report_row(indicator_headers, activity=f"Hoạt động {i}", number=i) for i in range(1, 6)]
    rows += [report_row(indicator_headers, activity="Hoạt động 1", sent="29/06/2024", number=6),
             report_row(indicator_headers, unit="Không rõ", number=7), [""] * 8,
             ["Cộng", *([""] * 7)]]
    _report_book(campaign_dir, "BVDK.xlsx", rows, indicator_headers)
    campaign = load_campaign(campaign_dir)
    summary = total_row(campaign.summary)
    assert summary.to_dict() == {"rows_read": 9, "counted": 5, "merged": 1, "skipped": 2, "rejected": 1,
                                 "after_as_of": 0}
    assert len(campaign.ledger.drop_duplicates(["file", "sheet", "row"])) == 9


def test_cli_ingest_missing_folder_exits_non_zero(tmp_path):
    result = subprocess.run([sys.executable, "-m", "campaignkit", "ingest", "--data", str(tmp_path / "khong_co"),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode != 0
    assert "không tìm thấy thư mục dữ liệu" in result.stderr.lower()
