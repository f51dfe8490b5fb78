"""Builders of real workbooks for the tests: xlsx (xlsxwriter), xls (xlwt), ods (pandas + odfpy)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter

from campaignkit.paths import DEFAULT_PLAN
from campaignkit.plan import load_plan

REPORT_HEADERS = ["STT", "Đơn vị", "Ngày gửi", "Chương trình", "Tên hoạt động", "Ngày tổ chức", "Xã/Phường",
                  "Quận/Huyện"]
REGISTRATION_HEADERS = ["STT", "Đơn vị", "Chương trình", "Tên hoạt động", "Từ ngày", "Đến ngày", "Xã/Phường",
                        "Quận/Huyện", "Số lượt ĐVTN dự kiến"]
REGISTRY_ROWS = [
    ["Mã đơn vị", "Tên đơn vị", "Loại", "Cụm thi đua", "Khối", "Tên gọi khác"],
    ["BVDK", "Đoàn cơ sở Bệnh viện Đa khoa thành phố Cần Thơ", "ĐCS", "Cụm 1", "Y tế", "BV Đa khoa TPCT;ĐCS BVĐK"],
    ["SLDTBXH", "Đoàn cơ sở Sở Lao động, Thương binh và Xã hội thành phố Cần Thơ", "ĐCS", "Cụm 2", "Văn hóa - Xã hội",
     "Sở LĐTBXH"],
    ["KDTU", "Chi đoàn Khối Đảng khu vực Thành ủy", "Chi đoàn", "Cụm 3", "Đảng",
     "CĐCS Khối Đảng khu vực Thành ủy Cần Thơ"],
    ["STTTT", "Chi đoàn cơ sở Sở Thông tin và Truyền thông thành phố Cần Thơ", "CĐCS", "Cụm 3", "Kinh tế", ""],
]


CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]


def launch_chromium(playwright):
    """Debian's headless Chromium (never a downloaded browser), started as the tests start it."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)


@pytest.fixture(scope="session")
def plan():
    return load_plan(DEFAULT_PLAN)


@pytest.fixture(scope="session")
def indicator_headers(plan):
    return [i.header for i in plan.indicators]


def write_xlsx(path: Path, sheets: dict[str, list[list]], merge: dict[str, list[str]] | None = None) -> Path:
    """Every string is written as text (so '1.000' stays the text a unit typed); datetimes as Excel dates."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(path)
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for ranges in (merge or {}).get(name, []):
            sheet.merge_range(ranges, rows[0][0] if rows and rows[0] else "")
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                if isinstance(value, (dt.date, dt.datetime)):
                    sheet.write_datetime(r, c, value, date_format)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif value is not None:
                    sheet.write(r, c, value)
    workbook.close()
    return path


def write_xls(path: Path, rows: list[list], sheet: str = "Sheet1") -> Path:
    import xlwt

    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlwt.Workbook(encoding="utf-8")
    page = book.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if isinstance(value, (dt.date, dt.datetime)):
                page.write(r, c, value, date_style)
            elif value is not None:
                page.write(r, c, value)
    book.save(str(path))
    return path


def write_ods(path: Path, rows: list[list], sheet: str = "Sheet1") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows[1:], columns=rows[0]).to_excel(path, sheet_name=sheet, index=False, engine="odf")
    return path


def write_registry(folder: Path) -> Path:
    return write_xlsx(folder / "don_vi.xlsx", {"Đơn vị": REGISTRY_ROWS})


def report_row(indicator_headers, unit="BVDK", sent="22/06/2024", program="P2", activity="Khám bệnh miễn phí",
               held="15/06/2024", commune="Trường Xuân", district="Thới Lai", figures=None, funds="",
               evidence="", note="", number=1) -> list:
    values = dict.fromkeys(indicator_headers, "")
    values.update(figures or {})
    return [number, unit, sent, program, activity, held, commune, district,
            *[values[h] for h in indicator_headers], funds, evidence, note]


def report_header(indicator_headers) -> list[str]:
    return [*REPORT_HEADERS, *indicator_headers, "Kinh phí (đồng)", "Minh chứng", "Ghi chú"]


def registration_header(indicator_headers) -> list[str]:
    return [*REGISTRATION_HEADERS, *indicator_headers, "Kinh phí dự kiến (đồng)", "Ghi chú"]


def registration_row(indicator_headers, unit="BVDK", program="2", activity="Ngày hội Thầy thuốc trẻ",
                     start="15/06/2024", end="15/06/2024", commune="xã Trường Xuân", district="huyện Thới Lai",
                     planned=100, figures=None, funds="5.000.000", note="", number=1) -> list:
    values = dict.fromkeys(indicator_headers, "")
    values.update(figures or {})
    return [number, unit, program, activity, start, end, commune, district, planned,
            *[values[h] for h in indicator_headers], funds, note]


@pytest.fixture
def campaign_dir(tmp_path) -> Path:
    """An empty campaign folder with the unit registry and both subfolders."""
    write_registry(tmp_path)
    (tmp_path / "dang_ky").mkdir()
    (tmp_path / "bao_cao").mkdir()
    return tmp_path


def ledger_places(ledger, kind: str, status: str) -> set[tuple[str, str, int]]:
    """(file, sheet, row) of every row of one kind (dang_ky, bao_cao) that ended in `status`."""
    rows = ledger[(ledger["kind"] == kind) & (ledger["status"] == status)]
    return {(r.file, r.sheet, int(r.row)) for r in rows.itertuples()}
