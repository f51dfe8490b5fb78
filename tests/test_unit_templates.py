"""`campaignkit templates`: the workbooks sent to the units, filled in by a real writer (openpyxl, as a
unit's Excel would save them) and read back by intake with zero data issues and every value exact;
re-running never overwrites a filled workbook; a registry row without `Mã đơn vị` is refused."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from campaignkit.intake import columns as cols
from campaignkit.intake import load_campaign
from campaignkit.intake.accounting import total_row
from campaignkit.intake.places import gazetteer
from campaignkit.intake.programs import ProgramResolver
from campaignkit.paths import DEFAULT_PLAN
from campaignkit.plan import load_plan
from campaignkit.render.unit_templates import (
    DATA_ROWS,
    REGISTRATION,
    REPORT,
    TITLE_ROWS,
    cycle_sheet_name,
    example_day,
    program_choices,
)
from conftest import REGISTRY_ROWS, write_registry, write_xlsx

HEADER_ROW = TITLE_ROWS + 1  # Excel row of the header


def _templates(data: Path, out: Path, *extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "campaignkit", "templates", "--data", str(data), "--out", str(out),
                           *extra], capture_output=True, text=True)


@pytest.fixture
def written(tmp_path):
    """The templates of the test registry, written into a campaign folder beside its don_vi.xlsx."""
    campaign = tmp_path / "chien_dich"
    write_registry(campaign)
    result = _templates(campaign, campaign)
    assert result.returncode == 0, result.stderr
    assert "Đã ghi 8 mẫu cho 4 đơn vị" in result.stdout
    return campaign


def _fill(path: Path, sheet: str, rows: list[dict], copy_as: str | None = None) -> None:
    """Type values under the headers, as a unit would, and save with openpyxl."""
    book = openpyxl.load_workbook(path)
    page = book[sheet]
    headers = {page.cell(HEADER_ROW, c).value: c for c in range(1, page.max_column + 1)}
    for offset, values in enumerate(rows, start=1):
        for header, value in values.items():
            page.cell(HEADER_ROW + offset, headers[header]).value = value
    if copy_as:  # a week's sheet copied from the template's, as the instructions say
        book.copy_worksheet(page).title = copy_as
    book.save(path)


def _read_back(folder: Path, plan_file: Path, rows: int):
    """The filled campaign folder ingested: zero data issues, every row counted; its activities by date."""
    campaign = load_campaign(folder, plan_file)
    assert campaign.issues.empty, campaign.issues.to_string()
    columns = ["rows_read", "counted", "merged", "skipped", "rejected", "after_as_of"]
    assert total_row(campaign.summary)[columns].tolist() == [rows, rows, 0, 0, 0, 0]
    return campaign, campaign.activities().sort_values("held_on").reset_index(drop=True)


def test_generated_headers_are_intakes_own(written, plan):
    book = openpyxl.load_workbook(written / "bao_cao" / "BC_BVDK.xlsx")
    assert book.sheetnames == ["Hướng dẫn", "Báo cáo", "Danh mục"]
    page = book["Báo cáo"]
    headers = [page.cell(HEADER_ROW, c).value for c in range(1, page.max_column + 1)]
    assert headers == [c.header for c in cols.report_columns(plan)]
    registration = openpyxl.load_workbook(written / "dang_ky" / "DK_BVDK.xlsx")["Đăng ký"]
    headers = [registration.cell(HEADER_ROW, c).value for c in range(1, registration.max_column + 1)]
    assert headers == [c.header for c in cols.registration_columns(plan) if c.name != "sent_at"]


def test_unit_locked_header_protected_cells_validated(written, plan):
    page = openpyxl.load_workbook(written / "bao_cao" / "BC_BVDK.xlsx")["Báo cáo"]
    assert page.protection.sheet and not page.protection.password
    assert page.freeze_panes == f"A{HEADER_ROW + 1}"
    name = REGISTRY_ROWS[1][1]
    unit_column = 2
    for row in (HEADER_ROW + 1, HEADER_ROW + DATA_ROWS):
        assert page.cell(row, unit_column).value == name
        assert page.cell(row, unit_column).protection.locked
        assert not page.cell(row, 3).protection.locked  # Ngày gửi: to fill
    assert page.cell(HEADER_ROW, 3).protection.locked
    rules = {str(v.sqref).split(":")[0]: v for v in page.data_validations.dataValidation}
    headers = {page.cell(HEADER_ROW, c).value: openpyxl.utils.get_column_letter(c)
               for c in range(1, page.max_column + 1)}
    first = HEADER_ROW + 1

    def rule(header):
        return rules[f"{headers[header]}{first}"]

    assert rule("Chương trình").type == "list" and "Danh mục" in rule("Chương trình").formula1
    assert rule("Xã/Phường").type == "list" and rule("Xã/Phường").errorStyle == "warning"
    assert rule("Quận/Huyện").type == "list"
    assert page.cell(HEADER_ROW, 8).value == "Quận/Huyện" and page.cell(HEADER_ROW, 8).comment is None
    held = rule("Ngày tổ chức")
    serial = (plan.campaign.start - dt.date(1899, 12, 30)).days, (plan.campaign.end - dt.date(1899, 12, 30)).days
    assert held.type == "date" and held.operator in (None, "between") and held.errorStyle in (None, "stop")
    assert (held.formula1, held.formula2) == tuple(str(s) for s in serial)
    assert "ngày/tháng/năm" in held.error and held.promptTitle
    assert rule("Số lượt ĐVTN tham gia").type == "whole" and rule("Số lượt ĐVTN tham gia").formula1 == "0"
    assert rule("Đường GTNT sửa chữa (km)").type == "decimal"
    assert rule("Kinh phí (đồng)").type == "whole"
    assert "số nguyên không âm" in rule("Cây xanh trồng mới").prompt
    assert page.cell(first, ord(headers["Ngày tổ chức"]) - 64).number_format == "dd/mm/yyyy"


def test_lists_name_the_programs_and_each_commune_with_its_district(written, plan):
    lists = openpyxl.load_workbook(written / "dang_ky" / "DK_KDTU.xlsx")["Danh mục"]
    rows = [[c.value for c in r] for r in lists.iter_rows(min_row=3)]
    programs = [r[0] for r in rows if r[0]]
    assert programs == program_choices(plan) and len(programs) == len(plan.programs)
    resolver = ProgramResolver(plan)
    assert [resolver.resolve(p) for p in programs] == [(p.id, None) for p in plan.programs]
    places = {r[3]: r[4] for r in rows if r[3]}
    assert places["xã Trường Xuân"] == "huyện Thới Lai"
    assert places["phường Cái Khế"] == "quận Ninh Kiều"
    assert len(places) == 80  # Cần Thơ's communes and wards before the 2025 merger
    guide = openpyxl.load_workbook(written / "dang_ky" / "DK_KDTU.xlsx")["Hướng dẫn"]
    text = " ".join(str(c.value) for r in guide.iter_rows() for c in r if c.value)
    assert "Trang này không nhập số liệu" in text and "15/06/2024" in text and "Kỳ nghỉ hồng 2024" in text
    assert "Ví dụ một dòng" in text


def test_filled_templates_read_back_with_zero_issues_and_exact_values(written, plan):
    p2, p5 = program_choices(plan)[1], program_choices(plan)[4]
    report = {"STT": 1, "Ngày gửi": dt.datetime(2024, 6, 21, 16, 30), "Chương trình": p2,
              "Tên hoạt động": "Khám bệnh, phát thuốc miễn phí", "Ngày tổ chức": dt.datetime(2024, 6, 15),
              "Xã/Phường": "xã Trường Xuân", "Quận/Huyện": "huyện Thới Lai", "Số lượt ĐVTN tham gia": 45,
              "Đường GTNT sửa chữa (km)": 2.25, "Kinh phí (đồng)": 12_500_000, "Minh chứng": "https://example.org/a",
              "Ghi chú": "Phối hợp Trạm y tế xã"}
    second = {**report, "STT": 2, "Chương trình": p5, "Tên hoạt động": "Trồng cây xanh",
              "Ngày tổ chức": dt.datetime(2024, 6, 20), "Xã/Phường": "phường Cái Khế", "Quận/Huyện": "quận Ninh Kiều",
              "Số lượt ĐVTN tham gia": 30, "Cây xanh trồng mới": 150, "Đường GTNT sửa chữa (km)": None,
              "Kinh phí (đồng)": None, "Minh chứng": None, "Ghi chú": None}
    week = {**second, "STT": 1, "Ngày gửi": dt.datetime(2024, 6, 29, 9, 0), "Tên hoạt động": "Dọn vệ sinh",
            "Ngày tổ chức": dt.datetime(2024, 6, 27), "Cây xanh trồng mới": None, "Đường GTNT làm mới (km)": 0.8}
    _fill(written / "bao_cao" / "BC_BVDK.xlsx", "Báo cáo", [], copy_as="Tuần 4")  # the blank sheet, copied
    _fill(written / "bao_cao" / "BC_BVDK.xlsx", "Báo cáo", [report, second])
    _fill(written / "bao_cao" / "BC_BVDK.xlsx", "Tuần 4", [week])
    registration = {"STT": 1, "Chương trình": p2, "Tên hoạt động": "Ngày hội Thầy thuốc trẻ",
                    "Từ ngày": dt.datetime(2024, 6, 15), "Đến ngày": dt.datetime(2024, 6, 16),
                    "Xã/Phường": "xã Trường Xuân", "Quận/Huyện": "huyện Thới Lai", "Số lượt ĐVTN dự kiến": 120,
                    "Số lượt ĐVTN tham gia": 100, "Kinh phí dự kiến (đồng)": 30_000_000, "Ghi chú": "Dự kiến"}
    _fill(written / "dang_ky" / "DK_BVDK.xlsx", "Đăng ký", [registration])

    campaign, activities = _read_back(written, DEFAULT_PLAN, rows=4)
    assert activities["unit_id"].tolist() == ["BVDK"] * 3
    assert activities["program_id"].tolist() == ["P2", "P5", "P5"]
    assert activities["held_on"].tolist() == [pd.Timestamp(2024, 6, 15), pd.Timestamp(2024, 6, 20),
                                              pd.Timestamp(2024, 6, 27)]
    assert activities["sent_at"].tolist() == [pd.Timestamp(2024, 6, 21, 16, 30), pd.Timestamp(2024, 6, 21, 16, 30),
                                              pd.Timestamp(2024, 6, 29, 9, 0)]
    assert activities["commune"].tolist() == ["Trường Xuân", "Cái Khế", "Cái Khế"]
    assert activities["district"].tolist() == ["Thới Lai", "Ninh Kiều", "Ninh Kiều"]
    assert activities["activity"].tolist() == ["Khám bệnh, phát thuốc miễn phí", "Trồng cây xanh", "Dọn vệ sinh"]
    assert activities["CT01"].tolist() == [45.0, 30.0, 30.0]
    assert activities["CT05a"].iloc[0] == 2.25 and activities["CT05b"].iloc[2] == 0.8
    assert activities["CT04"].iloc[1] == 150.0 and pd.isna(activities["CT04"].iloc[0])
    assert activities["funds"].iloc[0] == 12_500_000.0
    assert activities["evidence"].iloc[0] == "https://example.org/a" and activities["note"].iloc[1] == ""
    (row,) = campaign.registrations.to_dict("records")
    assert (row["unit_id"], row["program_id"], row["activity"]) == ("BVDK", "P2", "Ngày hội Thầy thuốc trẻ")
    assert (row["start"], row["end"]) == (pd.Timestamp(2024, 6, 15), pd.Timestamp(2024, 6, 16))
    assert (row["planned_participations"], row["CT01"], row["funds"]) == (120.0, 100.0, 30_000_000.0)
    assert (row["commune"], row["district"], row["note"]) == ("Trường Xuân", "Thới Lai", "Dự kiến")


def test_rerun_rewrites_blank_templates_and_refuses_filled_ones(written):
    target = written / "bao_cao" / "BC_SLDTBXH.xlsx"
    blank = target.read_bytes()
    again = _templates(written, written)
    assert again.returncode == 0, again.stderr
    assert target.read_bytes() == blank  # the same template, byte for byte
    _fill(target, "Báo cáo", [{"Tên hoạt động": "Thăm Mẹ Việt Nam anh hùng", "Ngày tổ chức": dt.datetime(2024, 7, 20)}])
    filled = target.read_bytes()
    before = {p: p.stat().st_mtime_ns for p in written.rglob("*.xlsx")}
    refused = _templates(written, written)
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in refused.stderr
    assert lines[0].startswith("Lỗi dữ liệu: ") and "BC_SLDTBXH.xlsx" in lines[0] and "không ghi đè" in lines[0]
    assert target.read_bytes() == filled
    assert {p: p.stat().st_mtime_ns for p in written.rglob("*.xlsx")} == before  # nothing written at all


def test_a_unit_without_its_id_is_refused_naming_the_row(tmp_path):
    campaign = tmp_path / "chien_dich"
    rows = [list(r) for r in REGISTRY_ROWS]
    rows[3][0] = ""  # KDTU without its Mã đơn vị
    write_xlsx(campaign / "don_vi.xlsx", {"Đơn vị": rows})
    out = tmp_path / "mau"
    result = _templates(campaign, out)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "don_vi.xlsx" in lines[0] and "dòng 4" in lines[0] and "cột 'Mã đơn vị'" in lines[0]
    assert "chưa ghi mẫu nào" in lines[0]
    assert not out.exists()


def test_kinds_name_files_as_the_campaign_folder_does(tmp_path):
    assert REGISTRATION.path(tmp_path, "BVDK") == tmp_path / "dang_ky" / "DK_BVDK.xlsx"
    assert REPORT.path(tmp_path, "BVDK") == tmp_path / "bao_cao" / "BC_BVDK.xlsx"


# --- any plan: the 2025 campaign (its map without districts, monthly reports, CT11) ---------------

PLAN_2025 = DEFAULT_PLAN.parent / "ky-nghi-hong-2025.yaml"


@pytest.fixture(scope="module")
def plan_2025():
    return load_plan(PLAN_2025)


@pytest.fixture
def written_2025(tmp_path):
    campaign = tmp_path / "chien_dich_2025"
    write_registry(campaign)
    result = _templates(campaign, campaign, "--plan", str(PLAN_2025))
    assert result.returncode == 0, result.stderr
    return campaign


def _rules(page) -> dict:
    """Header → the data validation of its column."""
    headers = {openpyxl.utils.get_column_letter(c): page.cell(HEADER_ROW, c).value
               for c in range(1, page.max_column + 1)}
    return {headers[re.match(r"[A-Z]+", str(v.sqref)).group()]: v for v in page.data_validations.dataValidation}


def _book_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value]
    prompts = [f"{v.promptTitle} {v.prompt} {v.errorTitle} {v.error}" for sheet in book.worksheets
               for v in sheet.data_validations.dataValidation]
    return " ".join(cells + prompts)


def test_2025_lists_are_the_merged_citys_communes_with_no_district(written_2025, plan_2025):
    lists = openpyxl.load_workbook(written_2025 / "dang_ky" / "DK_BVDK.xlsx")["Danh mục"]
    header = [c.value for c in lists[2] if c.value]
    assert header == ["Chương trình", "Thời gian chương trình", "Xã/Phường"]       # no district list at all
    rows = [[c.value for c in r] for r in lists.iter_rows(min_row=3)]
    assert [r[0] for r in rows if r[0]] == program_choices(plan_2025) and len(plan_2025.programs) == 6
    communes = [r[3] for r in rows if len(r) > 3 and r[3]]
    assert len(communes) == len(gazetteer("Cần Thơ", "2025")) == 103        # Cần Thơ, Hậu Giang, Sóc Trăng merged
    assert {"xã Kế Sách", "xã Vị Thủy", "xã Vĩnh Trinh", "phường Ninh Kiều", "phường Sóc Trăng"} <= set(communes)
    assert "phường An Khánh" not in communes                                 # a 2024 ward merged into Tân An
    assert all(len(r) <= 4 or not any(r[4:]) for r in rows)


def test_2025_data_sheet_has_no_district_dropdown_and_the_2025_window(written_2025, plan_2025):
    page = openpyxl.load_workbook(written_2025 / "bao_cao" / "BC_BVDK.xlsx")["Báo cáo"]
    headers = [page.cell(HEADER_ROW, c).value for c in range(1, page.max_column + 1)]
    assert headers == [c.header for c in cols.report_columns(plan_2025)]      # the contract's columns, Quận/Huyện kept
    assert "Số lượt ĐVTN tham gia" not in headers and "Lượt ĐVTN, CBCCVC trẻ tham gia" in headers
    rules = _rules(page)
    district = rules["Quận/Huyện"]
    assert district.type in (None, "none") and not district.formula1            # no list, nothing validated
    assert district.prompt.startswith("Không cần ghi")
    district_column = headers.index("Quận/Huyện") + 1
    assert not page.cell(HEADER_ROW + 1, district_column).protection.locked   # a pasted old row still goes in
    assert page.cell(HEADER_ROW, district_column).comment.text.startswith("Không cần ghi")
    commune = rules["Xã/Phường"]
    assert commune.type == "list" and commune.formula1.endswith(f"$D${2 + 103}")
    assert "quận/huyện" not in commune.prompt
    held = rules["Ngày tổ chức"]
    serials = [(d - dt.date(1899, 12, 30)).days for d in (plan_2025.campaign.start, plan_2025.campaign.end)]
    assert (held.formula1, held.formula2) == tuple(str(s) for s in serials)
    assert "02/06/2025–15/08/2025" in held.error and "21/06/2025" in held.prompt
    assert rules["Lượt ĐVTN, CBCCVC trẻ tham gia"].type == "whole"


def test_2025_instructions_come_from_the_plan(written_2025):
    guide = openpyxl.load_workbook(written_2025 / "bao_cao" / "BC_BVDK.xlsx")["Hướng dẫn"]
    rows = {r[0].value: [c.value for c in r[1:]] for r in guide.iter_rows() if r[0].value}
    text = _book_text(written_2025 / "bao_cao" / "BC_BVDK.xlsx")
    for words in ("Kỳ nghỉ hồng 2025 (02/06/2025–15/08/2025)", "gõ 21/06/2025", "hãy gõ 06/21/2025",
                  "Mỗi tháng, mỗi đợt", "ví dụ “Tháng 6”", "Cột Quận/Huyện để trống",
                  "gửi báo cáo tháng trước 17h00 ngày 25 hằng tháng", "31/05/2025", "10/07/2025", "20/08/2025"):
        assert words in text, words
    assert rows["Hằng tháng"][0] == "gửi báo cáo tháng trước 17h00 ngày 25 hằng tháng"
    # the example row: the plan's own peak day of P2, at its focus commune, on its date
    assert rows["Chương trình"][1].startswith("P2 – ")
    assert rows["Tên hoạt động"][1] == "Ngày cao điểm “Bình dân học vụ số”"
    assert rows["Ngày tổ chức"][1] == "21/06/2025" and rows["Xã/Phường"][1] == "xã Kế Sách"
    assert rows["Quận/Huyện"] == ["để trống (không còn cấp quận, huyện)", None]
    assert rows["Lượt ĐVTN, CBCCVC trẻ tham gia"][1] == "20"
    for word in ("2024", "Tuần", "tuần", "huyện Thới Lai", "quận/huyện nào", "huyện ", "CT01", "Số lượt ĐVTN tham gia"):
        assert word not in text, word
    registration = _book_text(written_2025 / "dang_ky" / "DK_BVDK.xlsx")
    assert "Mỗi tháng" not in registration and "2024" not in registration


def test_2025_filled_templates_read_back_with_zero_issues_and_exact_values(written_2025, plan_2025):
    p2, p5 = program_choices(plan_2025)[1], program_choices(plan_2025)[4]
    report = {"STT": 1, "Ngày gửi": dt.datetime(2025, 6, 25, 16, 30), "Chương trình": p2,
              "Tên hoạt động": "Hướng dẫn cài đặt VNeID", "Ngày tổ chức": dt.datetime(2025, 6, 21),
              "Xã/Phường": "xã Kế Sách", "Lượt ĐVTN, CBCCVC trẻ tham gia": 25,
              "Lượt người dân được hướng dẫn kỹ năng số": 140, "Hồ sơ dịch vụ công trực tuyến được hỗ trợ": 36,
              "Kinh phí (đồng)": 4_500_000, "Minh chứng": "https://example.org/vneid", "Ghi chú": "Cùng UBND xã"}
    second = {"STT": 2, "Ngày gửi": dt.datetime(2025, 6, 25, 16, 30), "Chương trình": p2,
              "Tên hoạt động": "Bình dân học vụ số tại phường", "Ngày tổ chức": dt.datetime(2025, 6, 24),
              "Xã/Phường": "phường Ninh Kiều", "Lượt ĐVTN, CBCCVC trẻ tham gia": 12,
              "Lượt người dân được hướng dẫn kỹ năng số": 60}
    july = {"STT": 1, "Ngày gửi": dt.datetime(2025, 7, 25, 9, 0), "Chương trình": p5,
            "Tên hoạt động": "Khám bệnh, phát thuốc miễn phí", "Ngày tổ chức": dt.datetime(2025, 7, 12),
            "Xã/Phường": "xã Vĩnh Trinh", "Lượt ĐVTN, CBCCVC trẻ tham gia": 40,
            "Lượt người dân được khám, tư vấn sức khỏe": 310, "Gia đình chính sách được thăm, tặng quà": 5}
    path = written_2025 / "bao_cao" / "BC_BVDK.xlsx"
    _fill(path, "Báo cáo", [], copy_as="Tháng 7")          # the blank sheet copied, as the instructions say
    _fill(path, "Báo cáo", [report, second])
    _fill(path, "Tháng 7", [july])
    registration = {"STT": 1, "Chương trình": p5, "Tên hoạt động": "Ngày hội Thầy thuốc trẻ",
                    "Từ ngày": dt.datetime(2025, 7, 12), "Đến ngày": dt.datetime(2025, 7, 13),
                    "Xã/Phường": "xã Vĩnh Trinh", "Số lượt ĐVTN dự kiến": 60,
                    "Lượt người dân được khám, tư vấn sức khỏe": 500, "Kinh phí dự kiến (đồng)": 20_000_000}
    _fill(written_2025 / "dang_ky" / "DK_BVDK.xlsx", "Đăng ký", [registration])

    campaign, activities = _read_back(written_2025, PLAN_2025, rows=4)
    assert activities["program_id"].tolist() == ["P2", "P2", "P5"]
    assert activities["held_on"].tolist() == [pd.Timestamp(2025, 6, 21), pd.Timestamp(2025, 6, 24),
                                              pd.Timestamp(2025, 7, 12)]
    assert activities["sent_at"].tolist() == [pd.Timestamp(2025, 6, 25, 16, 30), pd.Timestamp(2025, 6, 25, 16, 30),
                                              pd.Timestamp(2025, 7, 25, 9, 0)]
    assert activities["commune"].tolist() == ["Kế Sách", "Ninh Kiều", "Vĩnh Trinh"]
    assert activities["district"].fillna("").tolist() == ["", "", ""]
    assert activities["CT11"].tolist() == [25.0, 12.0, 40.0]
    assert activities["CT07"].tolist()[:2] == [140.0, 60.0] and activities["CT12"].iloc[0] == 36.0
    assert activities["CT13"].iloc[2] == 310.0 and activities["CT14"].iloc[2] == 5.0
    assert pd.isna(activities["CT04"]).all() and "CT01" not in activities
    assert activities["funds"].iloc[0] == 4_500_000.0 and activities["note"].iloc[0] == "Cùng UBND xã"
    (row,) = campaign.registrations.to_dict("records")
    assert (row["program_id"], row["activity"], row["commune"]) == ("P5", "Ngày hội Thầy thuốc trẻ", "Vĩnh Trinh")
    assert (row["start"], row["end"]) == (pd.Timestamp(2025, 7, 12), pd.Timestamp(2025, 7, 13))
    assert (row["planned_participations"], row["CT13"], row["funds"]) == (60.0, 500.0, 20_000_000.0)


def test_a_plan_without_a_participation_indicator_gives_an_example_without_a_count(tmp_path):
    text = PLAN_2025.read_text(encoding="utf-8")
    plan_file = tmp_path / "ke-hoach.yaml"
    plan_file.write_text(text.replace("    participations: true\n", "    participations: false\n"), encoding="utf-8")
    campaign = tmp_path / "chien_dich"
    write_registry(campaign)
    result = _templates(campaign, campaign, "--plan", str(plan_file))
    assert result.returncode == 0, result.stderr
    guide = openpyxl.load_workbook(campaign / "bao_cao" / "BC_KDTU.xlsx")["Hướng dẫn"]
    rows = {r[0].value: [c.value for c in r[1:]] for r in guide.iter_rows() if r[0].value}
    assert rows["Lượt ĐVTN, CBCCVC trẻ tham gia"] == ["số, để trống nếu không có", None]   # no figure made up
    assert rows["Tên hoạt động"][1] == "Ngày cao điểm “Bình dân học vụ số”"


def test_the_example_day_cannot_be_read_month_first(plan, plan_2025):
    assert example_day(plan) == dt.date(2024, 6, 13)                 # 01/06 could be 6 January
    assert example_day(plan, dt.date(2024, 6, 15)) == dt.date(2024, 6, 15)
    assert example_day(plan_2025, dt.date(2025, 7, 7)) == dt.date(2025, 7, 13)
    assert cycle_sheet_name(plan) == "Tuần 1" and cycle_sheet_name(plan_2025) == "Tháng 6"
