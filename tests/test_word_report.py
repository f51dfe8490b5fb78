"""The period report as a Word document: opened with python-docx (page, margins, fonts, letterhead,
every figure of its indicator table equal to indicator_status.csv), converted to PDF by LibreOffice
and read with pdftotext, the phụ lục số liệu in the final report only, and a broken template refused
in one Vietnamese line before anything runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn

from campaignkit.analyses import analyse_period
from campaignkit.analyses.indicators import STATUS_LABELS
from campaignkit.intake import load_campaign
from campaignkit.paths import DEFAULT_PLAN, DEFAULT_WORD_TEMPLATE, SAMPLE_DATA_DIR
from campaignkit.plan import find_period, load_plan
from campaignkit.render.files import write_period_tables
from campaignkit.render.word import (
    CONTEXT_KEYS,
    drop_blank_columns,
    report_context,
    template_path,
    word_report_name,
    write_word_report,
)
from campaignkit.text import parse_number


@pytest.fixture(scope="module")
def campaign():
    return load_campaign(SAMPLE_DATA_DIR)


@pytest.fixture(scope="module")
def reports(campaign, tmp_path_factory):
    """dot1 and tongket: the Word report and the period's tables, written as the batch writes them."""
    written = {}
    for period_id in ("dot1", "tongket"):
        folder = tmp_path_factory.mktemp(period_id)
        analysis = analyse_period(campaign, find_period(campaign.plan, period_id))
        write_period_tables(analysis, folder)
        path = write_word_report(analysis, DEFAULT_WORD_TEMPLATE, folder / word_report_name(period_id))
        written[period_id] = {"analysis": analysis, "path": path, "folder": folder, "doc": docx.Document(path)}
    return written


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_the_plan_names_the_template_relative_to_itself():
    plan = load_plan(DEFAULT_PLAN)
    assert plan.reporting.word_template == "../templates/bao-cao-doan-khoi.docx"
    assert template_path(plan, DEFAULT_PLAN) == DEFAULT_WORD_TEMPLATE.resolve()
    assert DEFAULT_WORD_TEMPLATE.stat().st_size < 100_000  # small enough to keep in git


def test_a4_portrait_margins_and_times_new_roman(reports):
    document = reports["dot1"]["doc"]
    for section in document.sections:  # in mm, to the tenth (Word stores twentieths of a point)
        sizes = [round(v.mm, 1) for v in (section.page_width, section.page_height, section.top_margin,
                                          section.bottom_margin, section.left_margin, section.right_margin)]
        assert sizes == [210.0, 297.0, 20.0, 20.0, 30.0, 20.0]
    assert document.styles["Normal"].font.name == "Times New Roman"
    runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
             if r.text.strip()]
    assert runs and {r.font.name for r in runs} == {"Times New Roman"}


def test_letterhead_title_signature_and_recipients(reports):
    document = reports["dot1"]["doc"]
    letterhead = document.tables[0].rows[0].cells
    left = [p.text for p in letterhead[0].paragraphs if p.text]
    right = letterhead[1].paragraphs
    assert left[0] == "THÀNH ĐOÀN CẦN THƠ" and left[-2:] == ["***", "Số: …-BC/…"]
    assert any(p.runs and p.runs[0].bold for p in letterhead[0].paragraphs if "BCH ĐOÀN KHỐI" in p.text)
    heading = right[0].runs[0]
    assert heading.text == "ĐOÀN TNCS HỒ CHÍ MINH" and heading.bold and heading.font.size.pt == 15
    dated = next(p for p in right if "ngày" in p.text)
    assert dated.text == "Cần Thơ, ngày … tháng … năm 2024" and dated.runs[0].italic
    paragraphs = document.paragraphs
    place = next(i for i, p in enumerate(paragraphs) if p.text == "BÁO CÁO")
    title, subject = paragraphs[place], paragraphs[place + 1]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold
    assert subject.text == "Kết quả đợt 1 Chiến dịch tình nguyện “Kỳ nghỉ hồng 2024”"
    assert subject.alignment == WD_ALIGN_PARAGRAPH.CENTER
    headings = [p.text for p in document.paragraphs if p.text[:3] in ("I. ", "II.", "III", "IV.")]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
                        "IV. ĐỀ XUẤT, KIẾN NGHỊ"]
    signature = document.tables[-1].rows[0].cells
    assert [p.text for p in signature[1].paragraphs][:2] == ["TM. BAN THƯỜNG VỤ", "BÍ THƯ"]
    assert all(not p.text for p in signature[1].paragraphs[2:])  # the name is left blank
    assert signature[0].paragraphs[0].text == "Nơi nhận:" and "Lưu VP." in signature[0].paragraphs[-1].text


def test_every_figure_of_the_indicator_table_equals_indicator_status_csv(reports):
    document, folder = reports["dot1"]["doc"], reports["dot1"]["folder"]
    status = pd.read_csv(folder / "tables" / "indicator_status.csv")
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kế hoạch",
                                                     "Thực hiện", "Tỷ lệ (%)", "Đánh giá"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == len(status)
    for shown, expected in zip(rows, status.to_dict("records")):
        assert shown[1] == expected["name"] and shown[2] == expected["unit"]
        assert parse_number(shown[3])[0] == expected["target"]
        assert parse_number(shown[4])[0] == pytest.approx(expected["actual"], abs=0.05)
        assert parse_number(shown[5])[0] == pytest.approx(expected["percent_of_target"], abs=0.05)
        assert shown[6] == STATUS_LABELS[expected["status"]]
    ct01 = status.set_index("indicator_id").loc["CT01"]
    assert rows[0][4] == f"{int(ct01['actual']):,}".replace(",", ".")  # 1.000 the Vietnamese way


def test_other_sections_come_from_the_periods_tables(reports):
    analysis, document = reports["dot1"]["analysis"], reports["dot1"]["doc"]
    text = _all_text(document)
    programs = analysis.activities_by_program
    total = programs[programs["program_id"] == "TONG"].iloc[0]
    assert total["done_activities"] == len(analysis.activities)
    program_table = document.tables[2]
    assert program_table.rows[-1].cells[1].text == "Tổng cộng"
    assert program_table.rows[-1].cells[3].text == str(int(total["done_activities"]))
    focus_table = document.tables[3]
    assert [r.cells[0].text for r in focus_table.rows[1:]] == [f.commune for f in analysis.plan.focus_communes]
    missing = analysis.units_reporting[~analysis.units_reporting["sent_report"]]
    assert f"Chưa gửi báo cáo nào: {len(missing)} đơn vị" in text
    assert all(name in text for name in missing["unit_name"])
    compliance_table = document.tables[4]
    assert len(compliance_table.rows) - 1 == len(analysis.compliance_by_report)
    assert set(report_context(analysis)) == CONTEXT_KEYS


def test_placeholders_for_what_people_write_are_highlighted(reports):
    document = reports["dot1"]["doc"]
    marked = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert len(marked) == 4 and all(m.startswith("[Văn phòng viết") for m in marked)


def test_only_the_final_report_carries_the_appendix(reports):
    assert "PHỤ LỤC SỐ LIỆU" not in _all_text(reports["dot1"]["doc"])
    final = reports["tongket"]
    text = _all_text(final["doc"])
    assert "PHỤ LỤC SỐ LIỆU" in text and "Phụ lục 2. Kết quả theo đơn vị" in text
    units = final["analysis"].workload_unit
    assert all(name in text for name in units["unit_name"])
    assert len(final["doc"].tables) == len(reports["dot1"]["doc"].tables) + 4


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="Không có LibreOffice (soffice) hoặc pdftotext: bỏ qua kiểm tra chuyển Word sang PDF")
def as_pdf(source: Path, folder: Path) -> tuple[Path, str]:
    """The Word file converted by LibreOffice (a fresh profile), and its text as pdftotext reads it."""
    profile = folder / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    pdf = folder / source.with_suffix(".pdf").name
    return pdf, subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout


def test_libreoffice_converts_it_to_an_a4_pdf_with_the_text(reports, tmp_path):
    pdf, text = as_pdf(reports["dot1"]["path"], tmp_path)
    for words in ("ĐOÀN TNCS HỒ CHÍ MINH", "BÁO CÁO", "TM. BAN THƯỜNG VỤ", "BÍ THƯ", "Nơi nhận:",
                  "Cần Thơ, ngày … tháng … năm 2024", "Lượt ĐVTN tham gia"):
        assert words in text, words
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info


def _plan_with_template(tmp_path: Path, template: Path) -> Path:
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    old = "word_template: ../templates/bao-cao-doan-khoi.docx"
    assert old in text
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text.replace(old, f"word_template: {template.name}"), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["not_a_docx", "unknown_tag", "broken_tag"])
def test_a_broken_template_is_one_line_exit_2_and_nothing_overwritten(tmp_path, kind):
    template = tmp_path / "mau-hong.docx"
    if kind == "not_a_docx":
        template.write_bytes(b"PK\x03\x04 day khong phai tep Word")
    else:
        document = docx.Document()
        document.add_paragraph("{{ so_lieu_khong_co }}" if kind == "unknown_tag" else "{{ as_of ")
        document.save(template)
    plan = _plan_with_template(tmp_path, template)
    out = tmp_path / "outputs"
    (out / "dot1").mkdir(parents=True)
    (out / "dot1" / "index.html").write_text("kết quả lần trước", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "campaignkit", "run", "--period", "dot1", "--plan", str(plan),
                             "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("Lỗi dữ liệu: ") and "mau-hong.docx" in lines[0]
    assert "reporting.word_template" in lines[0]
    if kind == "unknown_tag":
        assert "so_lieu_khong_co" in lines[0]
    assert (out / "dot1" / "index.html").read_text(encoding="utf-8") == "kết quả lần trước"
    assert sorted(p.name for p in (out / "dot1").iterdir()) == ["index.html"]


# --- any plan: the 2025 campaign (monthly reports, no districts, CT11) and a plan without a participation count ---

PLAN_2025 = DEFAULT_PLAN.parent / "ky-nghi-hong-2025.yaml"
DATA_2025 = SAMPLE_DATA_DIR.parent / "sample-2025"
PERIODS_2025 = ["dot1", "tongket", "thang06", "thang07"]
# what only the 2024 plan (or a weekly plan, or a map with districts) would put on the page
NOT_IN_2025 = ["2024", "Thới Lai", "Trường Xuân", "Thạnh Quới", "CT01", "tuần", "huyện", "quận", "Quận", "Huyện",
               "Đợt 2", "[đã ẩn]"]


def plan_without_participations(folder: Path) -> Path:
    """The 2025 plan with its participation indicator (CT11) made an ordinary indicator."""
    text = PLAN_2025.read_text(encoding="utf-8")
    assert text.count("    participations: true\n") == 1
    path = folder / "ke-hoach-khong-dem-luot.yaml"
    path.write_text(text.replace("    participations: true\n", "    participations: false\n"), encoding="utf-8")
    return path


def _write_reports(campaign, periods, tmp_path_factory, name) -> dict:
    written = {}
    for period_id in periods:
        folder = tmp_path_factory.mktemp(f"{name}-{period_id}")
        analysis = analyse_period(campaign, find_period(campaign.plan, period_id))
        write_period_tables(analysis, folder)
        path = write_word_report(analysis, DEFAULT_WORD_TEMPLATE, folder / word_report_name(period_id))
        written[period_id] = {"analysis": analysis, "path": path, "folder": folder, "doc": docx.Document(path)}
    return written


@pytest.fixture(scope="module")
def reports_2025(tmp_path_factory):
    return _write_reports(load_campaign(DATA_2025, PLAN_2025), PERIODS_2025, tmp_path_factory, "2025")


@pytest.fixture(scope="module")
def reports_without_participations(tmp_path_factory):
    plan = plan_without_participations(tmp_path_factory.mktemp("plan"))
    return _write_reports(load_campaign(DATA_2025, plan), ["dot1", "tongket"], tmp_path_factory, "no-count")


def _headers(table) -> list[str]:
    return [c.text for c in table.rows[0].cells]


def _table(document, first_header: str, second_header: str):
    return next(t for t in document.tables if _headers(t)[:2] == [first_header, second_header])


@pytest.mark.parametrize("period_id", PERIODS_2025)
def test_the_2025_report_reads_right_for_every_period(reports_2025, period_id):
    report = reports_2025[period_id]
    analysis, document, folder = report["analysis"], report["doc"], report["folder"]
    plan, text = analysis.plan, _all_text(document)
    found = [w for w in NOT_IN_2025 if w in text]
    assert not found, found
    label = {"dot1": "đợt 1", "tongket": "tổng kết", "thang06": "tháng 6", "thang07": "tháng 7"}[period_id]
    assert f"Kết quả {label} Chiến dịch tình nguyện “Kỳ nghỉ hồng 2025”" in text
    assert "Cần Thơ, ngày … tháng … năm 2025" in text and "ĐOÀN TNCS HỒ CHÍ MINH" in text
    # the indicator table: the plan's eight, each figure as in indicator_status.csv
    status = pd.read_csv(folder / "tables" / "indicator_status.csv")
    indicators = [[c.text for c in r.cells] for r in _table(document, "STT", "Chỉ tiêu").rows[1:]]
    assert len(indicators) == len(status) == 8
    for shown, expected in zip(indicators, status.to_dict("records")):
        assert shown[1:3] == [expected["name"], expected["unit"]]
        assert parse_number(shown[3])[0] == expected["target"]
        assert parse_number(shown[4])[0] == pytest.approx(expected["actual"], abs=0.05)
        assert shown[6] == STATUS_LABELS[expected["status"]]
    # activities by program: six programs and the total, the participation column named as the plan names CT11
    programs = _table(document, "Mã", "Chương trình")
    assert _headers(programs) == ["Mã", "Chương trình", "Số hoạt động đăng ký", "Số hoạt động đã tổ chức",
                                  "Số đơn vị", "Lượt ĐVTN, CBCCVC trẻ tham gia"]
    assert [r.cells[0].text for r in programs.rows[1:-1]] == [p.id for p in plan.programs]
    by_program = analysis.activities_by_program.set_index("program_id")
    assert programs.rows[-1].cells[3].text == f"{int(by_program.at['TONG', 'done_activities']):,}".replace(",", ".")
    # the focus communes: three, with no district column
    focus = _table(document, "Xã", "Số hoạt động đã tổ chức")
    assert _headers(focus) == ["Xã", "Số hoạt động đã tổ chức", "Số đơn vị", "Lượt ĐVTN, CBCCVC trẻ tham gia"]
    assert [r.cells[0].text for r in focus.rows[1:]] == ["Vị Thủy", "Kế Sách", "Vĩnh Trinh"]
    # the participation sentence: CT11's figure, target and percentage
    ct11 = status.set_index("indicator_id").loc["CT11"]
    sentence = next(p.text for p in document.paragraphs if p.text.startswith("Lượt ĐVTN, CBCCVC trẻ tham gia:"))
    actual, percent = sentence.split(": ", 1)[1].split(" lượt (chỉ tiêu 1.500 lượt, đạt ")
    assert parse_number(actual)[0] == ct11["actual"]
    assert parse_number(percent.rstrip("%)."))[0] == pytest.approx(ct11["percent_of_target"], abs=0.05)
    # compliance: the monthly reports as the plan names them, one row per report due by then
    compliance = _table(document, "Báo cáo", "Hạn")
    names = [r.cells[0].text for r in compliance.rows[1:]]
    assert names == list(analysis.compliance_by_report["report_name"])
    assert "Báo cáo tháng 6 (25/06/2025)" in names and "17:00 ngày 25/06/2025" in _all_text(document)
    assert all(h.strip() for t in document.tables[1:-1] for h in _headers(t))   # no blank column left


def test_the_2025_final_report_carries_its_appendix_without_districts(reports_2025):
    final = reports_2025["tongket"]
    document, analysis = final["doc"], final["analysis"]
    assert "PHỤ LỤC SỐ LIỆU" in _all_text(document)
    assert "PHỤ LỤC SỐ LIỆU" not in _all_text(reports_2025["thang07"]["doc"])
    units = _table(document, "STT", "Mã")
    assert _headers(units)[-2:] == ["Lượt ĐVTN, CBCCVC trẻ tham gia", "Kinh phí (đồng)"]
    table = analysis.workload_unit
    for row, expected in zip(units.rows[1:], table.to_dict("records")):
        assert row.cells[2].text == expected["unit_name"]
        assert parse_number(row.cells[-1].text)[0] == expected["funds"]      # an amount, never '[đã ẩn]'
    communes = _table(document, "STT", "Xã/Phường")
    assert _headers(communes) == ["STT", "Xã/Phường", "Số hoạt động đã tổ chức", "Số đơn vị",
                                  "Lượt ĐVTN, CBCCVC trẻ tham gia"]
    assert len(communes.rows) - 1 == len(analysis.workload_commune)
    # the table keeps its width when a column goes: the grid adds up to the cells of each row
    for table in document.tables:
        grid = sum(int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol")))
        for row in table._tbl.findall(qn("w:tr")):
            cells = [c.find(f"{qn('w:tcPr')}/{qn('w:tcW')}") for c in row.findall(qn("w:tc"))]
            if all(c is not None for c in cells):
                assert abs(sum(int(c.get(qn("w:w"))) for c in cells) - grid) <= len(cells)
    template = docx.Document(DEFAULT_WORD_TEMPLATE).tables[-1]   # the template's appendix of communes
    width = sum(int(c.get(qn("w:w"))) for c in template._tbl.tblGrid.findall(qn("w:gridCol")))
    kept = sum(int(c.get(qn("w:w"))) for c in communes._tbl.tblGrid.findall(qn("w:gridCol")))
    assert abs(kept - width) <= len(_headers(communes))


def test_the_2024_report_keeps_its_district_and_participation_columns(reports):
    document = reports["tongket"]["doc"]
    assert _headers(_table(document, "Xã", "Quận/Huyện")) == ["Xã", "Quận/Huyện", "Số hoạt động đã tổ chức",
                                                             "Số đơn vị", "Lượt ĐVTN tham gia"]
    assert _headers(_table(document, "STT", "Xã/Phường"))[2] == "Quận/Huyện"
    status = pd.read_csv(reports["tongket"]["folder"] / "tables" / "indicator_status.csv").set_index("indicator_id")
    sentence = next(p.text for p in document.paragraphs if p.text.startswith("Lượt ĐVTN tham gia:"))
    assert sentence.startswith(f"Lượt ĐVTN tham gia: {int(status.at['CT01', 'actual']):,} lượt (chỉ tiêu 2.000 lượt"
                               .replace(",", "."))


@pytest.mark.parametrize("period_id", ["dot1", "tongket"])
def test_without_a_participation_indicator_the_column_and_sentence_go(reports_without_participations, period_id):
    document = reports_without_participations[period_id]["doc"]
    text = "\n".join(p.text for p in document.paragraphs)
    headers = [h for t in document.tables for h in _headers(t)]
    assert "Lượt ĐVTN" not in text and "lượt (chỉ tiêu" not in text and "đạt %" not in text
    assert not [h for h in headers if "Lượt ĐVTN" in h]
    assert next(p.text for p in document.paragraphs if p.text.startswith("Các tổ chức cơ sở đoàn đã tổ chức")
                ).endswith("đơn vị có hoạt động.")
    assert _headers(_table(document, "Mã", "Chương trình"))[-1] == "Số đơn vị"
    assert _headers(_table(document, "Xã", "Số hoạt động đã tổ chức")) == ["Xã", "Số hoạt động đã tổ chức", "Số đơn vị"]
    assert all(h.strip() for t in document.tables[1:-1] for h in _headers(t))
    indicators = _table(document, "STT", "Chỉ tiêu")
    assert "Lượt ĐVTN, CBCCVC trẻ tham gia" in [r.cells[1].text for r in indicators.rows[1:]]  # still an indicator


def test_a_column_is_taken_out_only_when_its_header_and_cells_are_all_blank():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [["A", "", ""], ["1", "", "x"], ["2", "", ""]]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    drop_blank_columns(table)
    assert [[c.text for c in r.cells] for r in table.rows] == [["A", ""], ["1", "x"], ["2", ""]]
    single = document.add_table(rows=1, cols=2)       # a table of one row (a letterhead) is left alone
    drop_blank_columns(single)
    assert len(single.rows[0].cells) == 2


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="Không có LibreOffice (soffice) hoặc pdftotext: bỏ qua kiểm tra báo cáo Word 2025 sang PDF")
def test_the_2025_final_report_as_pdf_has_nothing_of_2024(reports_2025, tmp_path):
    pdf, text = as_pdf(reports_2025["tongket"]["path"], tmp_path)
    flat = " ".join(text.split())
    for words in ("Kết quả tổng kết Chiến dịch tình nguyện “Kỳ nghỉ hồng 2025”", "Cần Thơ, ngày … tháng … năm 2025",
                  "Vĩnh Trinh", "Báo cáo tháng 7", "PHỤ LỤC SỐ LIỆU", "TM. BAN THƯỜNG VỤ"):
        assert words in flat, words
    found = [w for w in NOT_IN_2025 if w in text]
    assert not found, found
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info and int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 5   # the appendix on its own pages
