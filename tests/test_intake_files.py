"""The files units really send (issue #9): each case on a real workbook written by a real writer
(xlsxwriter, xlwt, msoffcrypto-tool, LibreOffice), with exact counts, and the accounting adding
up on every row of every summary."""

from __future__ import annotations

import datetime as dt
import html
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter

from campaignkit.intake import load_campaign
from campaignkit.intake.accounting import total_row
from campaignkit.intake.status import COUNTED, REJECTED, SKIPPED
from campaignkit.render.console import accounting_text
from conftest import report_header, report_row, write_xlsx

PLACES = ["counted", "merged", "skipped", "rejected", "after_as_of"]


def assert_adds_up(summary: pd.DataFrame) -> None:
    """rows_read = counted + merged + skipped + rejected + after_as_of on every row; tong = the sum."""
    table = summary.set_index("source")
    assert list(table.index) == ["dang_ky", "bao_cao", "tong"]
    assert (table["rows_read"] == table[PLACES].sum(axis=1)).all()
    assert (table.loc["tong"] == table.loc[["dang_ky", "bao_cao"]].sum()).all()


def _problems(campaign, file=None) -> str:
    issues = campaign.issues if file is None else campaign.issues[campaign.issues["file"] == file]
    return " | ".join(issues["problem"])


def _book(path: Path, sheets: dict[str, list[list]], setup=None) -> Path:
    """An xlsx by xlsxwriter; `setup(workbook, {name: worksheet})` adds merges, formulas, hiding."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(path)
    pages = {}
    for name, rows in sheets.items():
        page = pages[name] = workbook.add_worksheet(name)
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                if isinstance(value, str):
                    page.write_string(r, c, value)
                elif value is not None:
                    page.write(r, c, value)
    if setup:
        setup(workbook, pages)
    workbook.close()
    return path


def _col(headers: list[str], name: str) -> int:
    return headers.index(name)


# --- 1. one stray cell far away costs only its sheet ------------------------------------------

def test_stray_cell_in_xfd1048576_costs_only_its_sheet(campaign_dir, indicator_headers):
    header = report_header(indicator_headers)
    rows = [header, report_row(indicator_headers, figures={indicator_headers[0]: 40})]

    def stray(workbook, pages):
        pages["Tuần 3"].write_string(1048575, 16383, "x")  # XFD1048576: Ctrl+End, then a key

    _book(campaign_dir / "bao_cao" / "BVDK_loi.xlsx", {"Tuần 3": rows}, stray)
    _book(campaign_dir / "bao_cao" / "BVDK.xlsx",
          {"Tuần 4": [header, report_row(indicator_headers, activity="Hiến máu", figures={indicator_headers[0]: 7})]})
    campaign = load_campaign(campaign_dir)
    assert campaign.activities()["CT01"].tolist() == [7.0]
    skipped = campaign.issues[(campaign.issues["file"] == "bao_cao/BVDK_loi.xlsx")]
    assert skipped["action"].tolist() == ["bỏ qua trang"]
    assert "ô dữ liệu ở rất xa (XFD1048576)" in skipped.iloc[0]["problem"]
    assert "hãy xoá các ô thừa" in skipped.iloc[0]["problem"]
    assert "CHƯA ĐỦ" in accounting_text(campaign) and "(khớp)" not in accounting_text(campaign)


def test_stray_cell_file_through_the_command_line(campaign_dir, indicator_headers, tmp_path):
    header = report_header(indicator_headers)
    _book(campaign_dir / "bao_cao" / "BVDK_loi.xlsx", {"Tuần 3": [header, report_row(indicator_headers)]},
          lambda wb, pages: pages["Tuần 3"].write_number(1048575, 16383, 1))
    _book(campaign_dir / "bao_cao" / "BVDK.xlsx", {"Tuần 4": [header, report_row(indicator_headers, activity="B")]})
    result = subprocess.run([sys.executable, "-m", "campaignkit", "ingest", "--data", str(campaign_dir),
                             "--out", str(tmp_path / "ingest")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "bao_cao/BVDK_loi.xlsx, trang 'Tuần 3'" in result.stdout and "XFD1048576" in result.stdout
    summary = pd.read_csv(tmp_path / "ingest" / "ingest_summary.csv")
    assert_adds_up(summary)
    assert summary.set_index("source").loc["bao_cao", "counted"] == 1


def test_xls_read_in_a_memory_limited_child(campaign_dir, indicator_headers):
    from conftest import write_xls

    write_xls(campaign_dir / "bao_cao" / "CTHUE.xls",
              [report_header(indicator_headers), report_row(indicator_headers, figures={indicator_headers[0]: 12})])
    campaign = load_campaign(campaign_dir)
    assert campaign.activities()["CT01"].tolist() == [12.0]
    assert campaign.files.set_index("file").loc["bao_cao/CTHUE.xls", "format"] == "xls"


# --- 2. merged cells ---------------------------------------------------------------------------

def test_merged_figure_counts_once_and_identifying_cells_fill(campaign_dir, indicator_headers):
    header = report_header(indicator_headers)
    rows = [header, *[report_row(indicator_headers, activity=f"Hoạt động {i}", number=i,
                                 funds="30.000.000" if i == 1 else "") for i in (1, 2, 3)]]
    people, funds, unit = _col(header, indicator_headers[0]), _col(header, "Kinh phí (đồng)"), _col(header, "Đơn vị")

    def merge(workbook, pages):
        page = pages["Tuần 3"]
        page.merge_range(1, people, 3, people, 150)           # 150 lượt over three rows
        page.merge_range(1, funds, 3, funds, "30.000.000")    # 30 000 000 đồng over three rows
        page.merge_range(1, unit, 3, unit, "BVDK")            # the unit typed once for the three

    _book(campaign_dir / "bao_cao" / "BVDK.xlsx", {"Tuần 3": rows}, merge)
    campaign = load_campaign(campaign_dir)
    activities = campaign.activities()
    assert len(activities) == 3 and activities["unit_id"].tolist() == ["BVDK"] * 3
    assert activities["CT01"].sum() == 150 and activities["funds"].sum() == 30_000_000
    merged = campaign.issues[campaign.issues["problem"].str.startswith("Ô gộp")]
    assert merged["row"].tolist() == [2, 2] and merged["column"].tolist() == [indicator_headers[0], "Kinh phí (đồng)"]
    assert "chỉ tính một lần" in merged.iloc[0]["problem"] and merged.iloc[0]["value"] == "150"


# --- 3. formula error cells ----------------------------------------------------------------

def test_formula_error_cells_are_logged_with_place(campaign_dir, indicator_headers):
    header = report_header(indicator_headers)
    rows = [header, *[report_row(indicator_headers, activity=f"HĐ {i}", number=i) for i in range(1, 5)]]
    trees = _col(header, indicator_headers[3])

    def errors(workbook, pages):
        for row, (formula, value) in enumerate([("=1/0", "#DIV/0!"), ("=NA()", "#N/A"), ('="a"+1', "#VALUE!"),
                                                ("=#REF!", "#REF!")], start=1):
            pages["Tuần 3"].write_formula(row, trees, formula, None, value)

    _book(campaign_dir / "bao_cao" / "BVDK.xlsx", {"Tuần 3": rows}, errors)
    campaign = load_campaign(campaign_dir)
    found = campaign.issues[campaign.issues["problem"].str.startswith("Ô có lỗi công thức")]
    assert found[["row", "column", "value"]].values.tolist() == [
        [2, indicator_headers[3], "#DIV/0!"], [3, indicator_headers[3], "#N/A"],
        [4, indicator_headers[3], "#VALUE!"], [5, indicator_headers[3], "#REF!"]]
    assert set(found["action"]) == {"vẫn tính, cần kiểm tra"}
    assert len(campaign.activities()) == 4 and campaign.activities()["CT04"].isna().all()


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="Chưa cài LibreOffice (soffice): bỏ qua kiểm thử tệp LibreOffice lưu lại")


def _libreoffice(source: Path, target_dir: Path, to: str, tmp_path: Path) -> Path:
    target_dir.mkdir(parents=True, exist_ok=True)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", to,
                    "--outdir", str(target_dir), str(source)], check=True, capture_output=True, timeout=180)
    return target_dir / f"{source.stem}.{to.split(':')[0]}"


@needs_soffice
def test_libreoffice_resaved_workbook_with_error_cells(campaign_dir, indicator_headers, tmp_path):
    """A workbook opened and saved again by LibreOffice (as units do): its error cells are still found."""
    header = report_header(indicator_headers)
    rows = [header, report_row(indicator_headers, activity="A"), report_row(indicator_headers, activity="B", number=2)]
    trees = _col(header, indicator_headers[3])

    def formulas(workbook, pages):
        pages["Tuần 3"].write_formula(1, trees, "=1/0", None, "#DIV/0!")
        pages["Tuần 3"].write_formula(2, trees, "=2+3", None, 5)

    source = _book(tmp_path / "src" / "BVDK.xlsx", {"Tuần 3": rows}, formulas)
    _libreoffice(source, campaign_dir / "bao_cao", "xlsx:Calc MS Excel 2007 XML", tmp_path)
    campaign = load_campaign(campaign_dir)
    found = campaign.issues[campaign.issues["problem"].str.startswith("Ô có lỗi công thức")]
    assert found[["row", "value"]].values.tolist() == [[2, "#DIV/0!"]]
    assert campaign.activities().sort_values("activity")["CT04"].fillna(-1).tolist() == [-1, 5.0]


def _xml_spreadsheet(rows: list[list]) -> str:
    """Excel 2003's "XML Spreadsheet" as Excel writes it (no writer of it is installed here:
    LibreOffice's own export filter fails on this machine)."""
    def cell(value) -> str:
        kind = "Number" if isinstance(value, (int, float)) else "String"
        return f'<Cell><Data ss:Type="{kind}">{html.escape(str(value))}</Data></Cell>'

    body = "".join("<Row>" + "".join(cell(v) for v in row) + "</Row>" for row in rows)
    return ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
            f'<Worksheet ss:Name="Tuần 3"><Table>{body}</Table></Worksheet></Workbook>')


def test_excel_2003_xml_saved_as_xls_is_an_unread_file_with_what_to_do(campaign_dir, indicator_headers):
    """Excel 2003's "XML Spreadsheet" renamed .xls, as some offices send it: not read, named,
    counted as an unread file — never taken for a web page with no table."""
    header = report_header(indicator_headers)
    (campaign_dir / "bao_cao" / "BVDK_2003.xls").write_text(
        _xml_spreadsheet([header, report_row(indicator_headers)]), encoding="utf-8")
    _book(campaign_dir / "bao_cao" / "BVDK.xlsx", {"Tuần 4": [header, report_row(indicator_headers, activity="B")]})
    campaign = load_campaign(campaign_dir)
    assert len(campaign.activities()) == 1
    problems = campaign.issues[campaign.issues["file"] == "bao_cao/BVDK_2003.xls"]
    assert problems["action"].tolist() == ["bỏ qua tệp"]
    assert "XML của Excel 2003" in problems.iloc[0]["problem"] and "(.xlsx)" in problems.iloc[0]["problem"]
    assert not campaign.files.set_index("file").loc["bao_cao/BVDK_2003.xls", "read"]
    assert "CHƯA ĐỦ" in accounting_text(campaign) and "BVDK_2003.xls" in accounting_text(campaign)


# --- 4. Vietnamese quantities --------------------------------------------------------------

@pytest.mark.parametrize("written, expected", [
    ("5 triệu", 5_000_000), ("2,5 tr", 2_500_000), ("1,2 tỷ", 1_200_000_000), ("500 nghìn", 500_000),
    ("500 ngàn", 500_000), ("500k", 500_000), ("5 triệu 500 nghìn", 5_500_000), ("30.000.000 đồng", 30_000_000)])
def test_money_words_are_amounts(campaign_dir, indicator_headers, written, expected):
    _book(campaign_dir / "bao_cao" / "BVDK.xlsx",
          {"Tuần 3": [report_header(indicator_headers), report_row(indicator_headers, funds=written)]})
    campaign = load_campaign(campaign_dir)
    assert campaign.activities()["funds"].tolist() == [expected]
    assert not campaign.issues["column"].eq("Kinh phí (đồng)").any()


@pytest.mark.parametrize("written, counted, said", [
    ("5-7", 5.0, "là một khoảng: tính số nhỏ hơn 5"), ("5 – 7", 5.0, "là một khoảng"),
    ("1/2", 0.5, "là phân số: tính 0,5"), ("khoảng 50", 50.0, "là số ước lượng"), ("50+", 50.0, "là số ước lượng"),
    ("trên 100", 100.0, "là số ước lượng: tính 100")])
def test_ranges_fractions_approximations_are_logged(campaign_dir, indicator_headers, written, counted, said):
    km = indicator_headers[4]
    _book(campaign_dir / "bao_cao" / "BVDK.xlsx",
          {"Tuần 3": [report_header(indicator_headers), report_row(indicator_headers, figures={km: written})]})
    campaign = load_campaign(campaign_dir)
    assert campaign.activities()["CT05a"].tolist() == [counted]
    logged = campaign.issues[campaign.issues["column"] == km]
    assert len(logged) == 1 and said in logged.iloc[0]["problem"] and logged.iloc[0]["row"] == 2
    assert logged.iloc[0]["action"] == "vẫn tính, cần kiểm tra"


def test_ambiguous_thousands_are_rejected_with_what_to_write(campaign_dir, indicator_headers):
    people = indicator_headers[0]
    _book(campaign_dir / "bao_cao" / "BVDK.xlsx",
          {"Tuần 3": [report_header(indicator_headers), report_row(indicator_headers, figures={people: "12,000"})]})
    campaign = load_campaign(campaign_dir)
    assert campaign.ledger["status"].tolist() == [REJECTED]
    problem = campaign.issues[campaign.issues["column"] == people].iloc[0]["problem"]
    assert "không rõ là 12 hay 12.000" in problem and "hãy ghi 12.000" in problem


# --- 5. table layout inside a sheet -------------------------------------------------------

def test_second_table_pasted_below_is_read_by_its_own_header(campaign_dir, indicator_headers):
    header = report_header(indicator_headers)
    people, trees = indicator_headers[0], indicator_headers[3]
    swapped = list(header)
    i, j = swapped.index(people), swapped.index(trees)
    swapped[i], swapped[j] = swapped[j], swapped[i]   # CT01 and CT04 change places in the second table
    first = report_row(indicator_headers, activity="A", figures={people: 10, trees: 200})
    second = report_row(indicator_headers, activity="B", figures={people: 20, trees: 300})
    second[i], second[j] = second[j], second[i]
    _book(campaign_dir / "bao_cao" / "BVDK.xlsx", {"Tuần 3": [header, first, swapped, second]})
    campaign = load_campaign(campaign_dir)
    activities = campaign.activities().sort_values("activity")
    assert activities[["CT01", "CT04"]].values.tolist() == [[10.0, 200.0], [20.0, 300.0]]
    assert campaign.ledger.set_index("row")["status"].to_dict() == {2: COUNTED, 3: SKIPPED, 4: COUNTED}
    assert "Dòng tiêu đề lặp lại" in _problems(campaign)


def test_duplicated_column_uses_the_filled_cell_and_logs_conflicts(campaign_dir, indicator_headers):
    header = [*report_header(indicator_headers), "Ngày tổ chức"]   # the column twice: F and the last one
    last = len(header) - 1
    letter = xlsxwriter.utility.xl_col_to_name(last)
    empty_first = report_row(indicator_headers, activity="A", held="") + ["16/06/2024"]
    agree = report_row(indicator_headers, activity="B", held="15/06/2024", number=2) + ["15/06/2024"]
    conflict = report_row(indicator_headers, activity="C", held="15/06/2024", number=3) + ["17/06/2024"]
    _book(campaign_dir / "bao_cao" / "BVDK.xlsx", {"Tuần 3": [header, empty_first, agree, conflict]})
    campaign = load_campaign(campaign_dir)
    held = campaign.activities().set_index("activity")["held_on"]
    assert held.to_dict() == {"A": pd.Timestamp(2024, 6, 16), "B": pd.Timestamp(2024, 6, 15),
                              "C": pd.Timestamp(2024, 6, 15)}
    problems = _problems(campaign)
    assert f"Cột 'Ngày tổ chức' có 2 lần (cột F và {letter})" in problems
    conflicts = campaign.issues[campaign.issues["problem"].str.startswith("Hai cột")]
    assert conflicts["row"].tolist() == [4] and f"cột {letter}: 17/06/2024" in conflicts.iloc[0]["problem"]
    assert "Thiếu ngày tổ chức" not in problems


# --- 6. hidden sheets ------------------------------------------------------------------------

def test_hidden_and_very_hidden_sheets_are_counted_and_named(campaign_dir, indicator_headers):
    header = report_header(indicator_headers)
    sheets = {"Tuần 3": [header, report_row(indicator_headers, activity="A")],
              "Cũ": [header, report_row(indicator_headers, activity="B")],
              "Ẩn hẳn": [header, report_row(indicator_headers, activity="C")]}

    def hide(workbook, pages):
        pages["Cũ"].hide()
        pages["Ẩn hẳn"].very_hidden()

    _book(campaign_dir / "bao_cao" / "BVDK.xlsx", sheets, hide)
    campaign = load_campaign(campaign_dir)
    assert sorted(campaign.activities()["activity"]) == ["A", "B", "C"]
    notes = campaign.issues[campaign.issues["problem"].str.contains("ẩn")]
    assert notes["sheet"].tolist() == ["Cũ", "Ẩn hẳn"]
    assert "vẫn được đọc và tính" in notes.iloc[0]["problem"] and "Very hidden" in notes.iloc[1]["problem"]


# --- 7. file type by content -----------------------------------------------------------------

def test_xlsx_renamed_xls_is_read_and_said(campaign_dir, indicator_headers):
    path = _book(campaign_dir / "bao_cao" / "BVDK.xlsx",
                 {"Tuần 3": [report_header(indicator_headers), report_row(indicator_headers)]})
    path.rename(path.with_suffix(".xls"))
    campaign = load_campaign(campaign_dir)
    assert len(campaign.activities()) == 1
    assert "thực chất là Excel .xlsx" in _problems(campaign, "bao_cao/BVDK.xls")


def _cp1258(text: str) -> bytes:
    """Windows' Vietnamese code page: precomposed base letters, tone marks as combining characters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
                   + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_csv_files_in_every_encoding(campaign_dir, indicator_headers, encoding):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(report_header(indicator_headers))
    writer.writerow(report_row(indicator_headers, unit="Bệnh viện Đa khoa TPCT", activity="Khám bệnh miễn phí",
                               figures={indicator_headers[0]: "1.000"}))
    text = buffer.getvalue()
    data = _cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    (campaign_dir / "bao_cao" / "BVDK.csv").write_bytes(data)
    campaign = load_campaign(campaign_dir)
    activities = campaign.activities()
    assert activities[["unit_id", "activity", "CT01"]].values.tolist() == [["BVDK", "Khám bệnh miễn phí", 1000.0]]
    assert activities["held_on"].tolist() == [pd.Timestamp(2024, 6, 15)]


def test_html_table_saved_as_xls_is_read(campaign_dir, indicator_headers):
    import html

    header = "".join(f"<th>{html.escape(h)}</th>" for h in report_header(indicator_headers))
    row = "".join(f"<td>{html.escape(str(v))}</td>" for v in report_row(indicator_headers,
                                                                          figures={indicator_headers[0]: "1.500"}))
    page = (f'<html><head><meta charset="utf-8"></head><body><table border="1"><tr>{header}</tr><tr>{row}</tr>'
            "</table></body></html>")
    (campaign_dir / "bao_cao" / "xuat_tu_he_thong.xls").write_text(page, encoding="utf-8")
    campaign = load_campaign(campaign_dir)
    assert campaign.activities()["CT01"].tolist() == [1500.0]
    assert "thực chất là trang web (HTML)" in _problems(campaign, "bao_cao/xuat_tu_he_thong.xls")


def test_lock_files_are_ignored(campaign_dir, indicator_headers):
    _book(campaign_dir / "bao_cao" / "BVDK.xlsx",
          {"Tuần 3": [report_header(indicator_headers), report_row(indicator_headers)]})
    (campaign_dir / "bao_cao" / "~$BVDK.xlsx").write_bytes(b"\x07user  " * 20)
    (campaign_dir / "bao_cao" / ".~lock.BVDK.xlsx#").write_text("Nguyen,may,1;", encoding="utf-8")
    campaign = load_campaign(campaign_dir)
    assert campaign.files["file"].tolist() == ["don_vi.xlsx", "bao_cao/BVDK.xlsx"]
    assert not campaign.issues["file"].str.contains("lock|~\\$").any()
    assert "(khớp)" in accounting_text(campaign)


# --- 1b. a folder read by several processes ----------------------------------------------------

def _many_files(campaign_dir: Path, indicator_headers, count: int = 40) -> None:
    """`count` report workbooks (enough for several reader processes), a few of them messy."""
    header = report_header(indicator_headers)
    people = indicator_headers[0]
    for number in range(count):
        rows = [header, *[report_row(indicator_headers, activity=f"Hoạt động {number}-{i}", number=i,
                                     figures={people: 10 * number + i}) for i in range(1, 6)]]
        setup = None
        if number == 3:
            def setup(workbook, pages):
                pages["Tuần 3"].merge_range(1, header.index(people), 3, header.index(people), 150)
        if number == 7:
            def setup(workbook, pages):
                pages["Tuần 3"].write_formula(2, header.index(people), "=1/0", None, "#DIV/0!")
        if number == 11:
            def setup(workbook, pages):
                other = workbook.add_worksheet("Khác")
                other.write_string(0, 0, "Bảng khác")
                other.activate()                # Excel hides no active sheet
                pages["Tuần 3"].hide()
        _book(campaign_dir / "bao_cao" / f"DV{number:02d}.xlsx", {"Tuần 3": rows}, setup)


def _same_campaign(first, second) -> None:
    for name in ("registrations", "reports", "issues", "ledger", "files", "summary"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name), check_exact=True)


def test_reader_processes_give_exactly_what_one_process_gives(campaign_dir, indicator_headers, monkeypatch):
    from campaignkit.intake import workbooks

    _many_files(campaign_dir, indicator_headers)
    monkeypatch.setattr(workbooks, "PROCESSES", 1)
    alone = load_campaign(campaign_dir)
    started = []

    class Counted(workbooks.Forked):
        def __init__(self, function, chunks):
            started.append(len(chunks))
            super().__init__(function, chunks)

    monkeypatch.setattr(workbooks, "PROCESSES", 2)
    monkeypatch.setattr(workbooks, "Forked", Counted)
    shared = load_campaign(campaign_dir)
    assert started == [2]                      # the 40 report files in two reader processes
    _same_campaign(alone, shared)
    assert len(shared.activities()) == 40 * 5
    assert "Ô gộp" in _problems(shared, "bao_cao/DV03.xlsx")
    assert "#DIV/0!" in _problems(shared, "bao_cao/DV07.xlsx")
    assert "đang bị ẩn" in _problems(shared, "bao_cao/DV11.xlsx")
    assert_adds_up(shared.summary)


def test_a_reader_process_that_dies_loses_only_its_file(campaign_dir, indicator_headers, monkeypatch):
    """A reader process killed (as an abort of calamine or the out-of-memory killer would): its
    files are read again one by one, the file that kills its reader is named, nothing else lost."""
    import os
    import signal

    from campaignkit.intake import workbooks

    _many_files(campaign_dir, indicator_headers)
    monkeypatch.setattr(workbooks, "PROCESSES", 2)
    read_workbook = workbooks.read_workbook
    parent = os.getpid()

    def deadly(path, *args):
        if path.name == "DV05.xlsx" and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return read_workbook(path, *args)

    monkeypatch.setattr(workbooks, "read_workbook", deadly)
    campaign = load_campaign(campaign_dir)
    lost = campaign.issues[campaign.issues["file"] == "bao_cao/DV05.xlsx"]
    assert lost["action"].tolist() == ["bỏ qua tệp"]
    assert "Tệp làm trình đọc dừng đột ngột" in lost.iloc[0]["problem"]
    files = campaign.files.set_index("file")
    assert not files.loc["bao_cao/DV05.xlsx", "read"] and files["read"].sum() == len(files) - 1
    activities = campaign.activities()
    assert len(activities) == 39 * 5 and not activities["activity"].str.startswith("Hoạt động 5-").any()
    assert "(khớp)" not in accounting_text(campaign) and "DV05.xlsx" in accounting_text(campaign)
    assert_adds_up(campaign.summary)


def test_a_broken_plan_ends_the_reader_processes(campaign_dir, indicator_headers, monkeypatch, tmp_path):
    """The plan's province is checked while the report files are being read: the error stops the
    reader processes instead of leaving them waiting to hand over their tables."""
    import multiprocessing

    from campaignkit.errors import PlanError
    from campaignkit.intake import workbooks
    from campaignkit.paths import DEFAULT_PLAN

    _many_files(campaign_dir, indicator_headers)
    monkeypatch.setattr(workbooks, "PROCESSES", 2)
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(DEFAULT_PLAN.read_text(encoding="utf-8").replace("province: Cần Thơ", "province: Đất Mũi Xa Xôi"),
                    encoding="utf-8")
    with pytest.raises(PlanError, match="Đất Mũi Xa Xôi"):
        load_campaign(campaign_dir, plan)
    assert multiprocessing.active_children() == []


# --- 8. accounting that cannot hide a skipped file ----------------------------------------

def test_password_file_is_an_unread_file_and_the_summary_says_so(campaign_dir, indicator_headers, tmp_path):
    msoffcrypto = pytest.importorskip("msoffcrypto", reason="Chưa cài msoffcrypto-tool (phần test của pyproject)")
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _book(tmp_path / "plain.xlsx",
                  {"Tuần 3": [report_header(indicator_headers), report_row(indicator_headers)]})
    locked = campaign_dir / "bao_cao" / "BVDK_matkhau.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("doan2024", target)
    assert msoffcrypto is not None
    _book(campaign_dir / "bao_cao" / "BVDK.xlsx",
          {"Tuần 4": [report_header(indicator_headers), report_row(indicator_headers, activity="B")]})
    campaign = load_campaign(campaign_dir)
    assert len(campaign.activities()) == 1
    row = campaign.files.set_index("file").loc["bao_cao/BVDK_matkhau.xlsx"]
    assert not row["read"] and row["format"] == "encrypted"
    assert "Tệp có mật khẩu" in _problems(campaign, "bao_cao/BVDK_matkhau.xlsx")
    text = accounting_text(campaign)
    assert "Tệp không đọc được: 1" in text and "BVDK_matkhau.xlsx" in text
    assert "CHƯA ĐỦ" in text and "(khớp)" not in text
    assert_adds_up(campaign.summary)


# --- 9. accounting per source and per period ---------------------------------------------

def test_period_accounting_rests_on_the_period(campaign_dir, indicator_headers, plan):
    from campaignkit.analyses import analyse_period
    from campaignkit.plan import find_period

    people = indicator_headers[0]
    rows = [report_row(indicator_headers, activity="Đợt 1", held="15/06/2024", sent="20/06/2024",
                       figures={people: 10}),
            report_row(indicator_headers, activity="Đợt 1", held="15/06/2024", sent="22/06/2024",
                       figures={people: 12}, number=2),                       # re-sent by the cut-off: merged
            report_row(indicator_headers, activity="Đợt 1", held="15/06/2024", sent="30/06/2024",
                       figures={people: 15}, number=3),                       # sent after 23/6
            [""] * 8,                                                          # blank: skipped
            report_row(indicator_headers, activity="Tháng 7", held="10/07/2024", sent="12/07/2024", number=4),
            report_row(indicator_headers, unit="Không rõ", number=5)]            # rejected
    write_xlsx(campaign_dir / "bao_cao" / "BVDK.xlsx", {"Tuần": [report_header(indicator_headers), *rows]})
    campaign = load_campaign(campaign_dir)
    dot1 = analyse_period(campaign, find_period(plan, "dot1"))
    summary = dot1.ingest_summary.set_index("source")
    assert summary.loc["bao_cao"].to_dict() == {"rows_read": 6, "counted": 1, "merged": 1, "skipped": 1,
                                                "rejected": 1, "after_as_of": 2}
    assert summary.loc["bao_cao", "counted"] == len(dot1.activities) and dot1.activities["CT01"].sum() == 12
    assert_adds_up(dot1.ingest_summary)
    whole = campaign.summary.set_index("source").loc["bao_cao"]
    assert whole.to_dict() == {"rows_read": 6, "counted": 2, "merged": 2, "skipped": 1, "rejected": 1,
                               "after_as_of": 0}


def test_sample_periods_add_up_and_rest_on_their_own_rows(plan):
    from campaignkit.analyses import analyse_period
    from campaignkit.paths import SAMPLE_DATA_DIR
    from campaignkit.plan import find_period

    campaign = load_campaign(SAMPLE_DATA_DIR)
    assert_adds_up(campaign.summary)
    for period_id in ("dot1", "dot2", "tongket"):
        analysis = analyse_period(campaign, find_period(plan, period_id))
        summary = analysis.ingest_summary.set_index("source")
        assert_adds_up(analysis.ingest_summary)
        assert summary.loc["bao_cao", "counted"] == len(analysis.activities)
        assert summary.loc["dang_ky", "counted"] == len(analysis.registrations)
        assert summary.loc["tong", "rows_read"] == total_row(campaign.summary)["rows_read"]
    dot1 = analyse_period(campaign, find_period(plan, "dot1")).ingest_summary.set_index("source")
    assert dot1.loc["bao_cao", "after_as_of"] > 0 and dot1.loc["tong", "counted"] < total_row(campaign.summary)[
        "counted"]


# --- 10. formula injection ---------------------------------------------------------------

def test_csv_text_cells_cannot_run_as_formulas(tmp_path):
    from campaignkit.render.files import write_csv

    table = pd.DataFrame({"text": ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "@SUM(1+1)", "+1", "-1+2",
                                   "\tx", "\rx", "bình thường", "5-7"],
                          "number": [-5, 1, 2, 3, 4, 5, 6, 7, 8]})
    path = write_csv(table, tmp_path / "t.csv")
    back = pd.read_csv(path, keep_default_na=False, lineterminator="\n")
    assert back["text"].tolist()[:7] == ["'=cmd|' /C calc'!A0", "'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(1+1)", "'+1",
                                         "'-1+2", "'\tx", "'\nx"]  # the CR, kept as a line break inside the cell
    assert back["text"].tolist()[7:] == ["bình thường", "5-7"] and back["number"].tolist()[0] == -5


# --- 11. redaction -------------------------------------------------------------------------

@pytest.mark.parametrize("phone", ["84907019345", "84 907 019 345", "(+84) 907 019 345", "+84 (0) 907 019 345",
                                   "0907.019.345", "0907019345", "+84 907 019 345", "(0292) 3 820 123",
                                   "0292.3820123", "0292 3820 123"])
def test_every_written_form_of_a_phone_is_hidden(phone):
    from campaignkit.render.privacy import HIDDEN, redact

    assert redact(f"Liên hệ anh Nam {phone} nhé") == f"Liên hệ anh Nam {HIDDEN} nhé"


@pytest.mark.parametrize("text", ["Kinh phí 30.000.000 đồng", "ngày 15/06/2024", "2024-06-15", "2.000 lượt",
                                  "1.250.000", "STT 12", "đợt 1 (23/6/2024) 150 lượt", "12345678",
                                  "Kinh phí 121.200.000 đồng", "tổng 999.999.999"])
def test_numbers_that_are_not_phones_stay(text):
    from campaignkit.render.privacy import redact

    assert redact(text) == text


def test_period_csvs_and_appendix_are_redacted(campaign_dir, indicator_headers, plan, tmp_path):
    from python_calamine import CalamineWorkbook

    from campaignkit.analyses import analyse_period
    from campaignkit.plan import find_period
    from campaignkit.render.files import write_ingest_tables, write_period_tables

    _book(campaign_dir / "bao_cao" / "BVDK.xlsx",
          {"Tuần 3": [report_header(indicator_headers),
                      report_row(indicator_headers, funds="30.000.000",
                                 figures={indicator_headers[0]: "gọi (+84) 907 019 345 hoặc nam@doan.vn"})]})
    campaign = load_campaign(campaign_dir)
    written = write_period_tables(analyse_period(campaign, find_period(plan, "dot1")), tmp_path / "dot1")
    shared = "".join(p.read_text(encoding="utf-8") for p in written if p.suffix == ".csv")
    book = CalamineWorkbook.from_path(str(tmp_path / "dot1" / "phu_luc_so_lieu.xlsx"))
    cells = " ".join(str(c) for name in book.sheet_names for r in book.get_sheet_by_name(name).to_python() for c in r)
    for text in (shared, cells):
        assert "907 019 345" not in text and "nam@doan.vn" not in text
        assert "gọi [đã ẩn] hoặc [đã ẩn]" in text
    own = write_ingest_tables(campaign, tmp_path / "ingest")
    assert any("907 019 345" in p.read_text(encoding="utf-8") for p in own)  # the planner's own copy keeps it


# --- 12. output faults ---------------------------------------------------------------------

def _as_nobody() -> list[str] | None:
    if not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() != 0 or shutil.which("setpriv") is None:
        return None
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_read_only_output_folder_is_one_line(tmp_path):
    import os

    from campaignkit.paths import SAMPLE_DATA_DIR

    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("Cần chạy với quyền root và có setpriv để thử thư mục chỉ đọc với người dùng không đặc quyền")
    probe = subprocess.run([*prefix, sys.executable, "-c", f"import os; print(os.access({str(SAMPLE_DATA_DIR)!r}, 4))"],
                           capture_output=True, text=True)
    if probe.stdout.strip() != "True":
        pytest.skip("Người dùng nobody không đọc được thư mục mã nguồn: không thử được thư mục chỉ đọc")
    root = Path(f"/tmp/ck-readonly-{os.getpid()}")
    root.mkdir(mode=0o755)
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "campaignkit", "ingest", "--data",
                                 str(SAMPLE_DATA_DIR), "--out", str(root / "ingest")],
                                capture_output=True, text=True, timeout=300,
                                env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HOME": "/tmp"})
    finally:
        shutil.rmtree(root)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert f"Lỗi ghi kết quả: Không ghi được vào {root}" in result.stderr and "--out" in result.stderr


def test_appendix_open_in_libreoffice_keeps_the_old_tables(tmp_path):
    from campaignkit.paths import SAMPLE_DATA_DIR

    tables = [sys.executable, "-m", "campaignkit", "tables", "--period", "dot1", "--data", str(SAMPLE_DATA_DIR),
              "--out", str(tmp_path)]
    assert subprocess.run(tables, capture_output=True, text=True, timeout=300).returncode == 0
    period = tmp_path / "dot1"
    before = {p.name: p.read_bytes() for p in (period / "tables").iterdir()}
    (period / "tables" / "schedule.csv").write_text("bản cũ", encoding="utf-8")
    (period / ".~lock.phu_luc_so_lieu.xlsx#").write_text("Nguyen,may,1;", encoding="utf-8")
    result = subprocess.run(tables, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "phu_luc_so_lieu.xlsx: tệp đang mở trong Excel hoặc LibreOffice" in result.stderr
    assert (period / "tables" / "schedule.csv").read_text(encoding="utf-8") == "bản cũ"  # nothing half-replaced
    assert sorted(p.name for p in (period / "tables").iterdir()) == sorted(before)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_ctrl_c_while_writing_leaves_the_previous_outputs(tmp_path, monkeypatch, capsys):
    from campaignkit import cli
    from campaignkit.paths import SAMPLE_DATA_DIR
    from campaignkit.render import files

    out = tmp_path / "ingest"
    out.mkdir()
    (out / "data_issues.csv").write_text("bản cũ", encoding="utf-8")
    real = files.write_csv
    calls = []

    def interrupted(table, path, redacted=False):
        calls.append(path.name)
        if len(calls) == 3:
            raise KeyboardInterrupt  # Ctrl-C in the middle of writing the tables
        return real(table, path, redacted)

    monkeypatch.setattr(files, "write_csv", interrupted)
    assert cli.main(["ingest", "--data", str(SAMPLE_DATA_DIR), "--out", str(out)]) == 130
    assert "Ctrl-C" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["data_issues.csv"]
    assert (out / "data_issues.csv").read_text(encoding="utf-8") == "bản cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["ingest"]


def test_dates_in_rows_are_kept(campaign_dir, indicator_headers):
    """A real Excel date in a merged identifying cell fills the rows below as a date."""
    header = report_header(indicator_headers)
    rows = [header, report_row(indicator_headers, activity="A", held=""),
            report_row(indicator_headers, activity="B", held="", number=2)]
    held = _col(header, "Ngày tổ chức")

    def merge(workbook, pages):
        pages["Tuần 3"].merge_range(1, held, 2, held, dt.datetime(2024, 6, 15), workbook.add_format(
            {"num_format": "dd/mm/yyyy"}))

    _book(campaign_dir / "bao_cao" / "BVDK.xlsx", {"Tuần 3": rows}, merge)
    activities = load_campaign(campaign_dir).activities()
    assert activities["held_on"].tolist() == [pd.Timestamp(2024, 6, 15)] * 2
