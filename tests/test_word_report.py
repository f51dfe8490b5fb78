"""The period report as a Word document: opened with python-docx (page, margins, fonts, letterhead,
every figure of its indicator table equal to indicator_status.csv), converted to PDF by LibreOffice
and read with pdftotext, the phụ lục số liệu in the final report only, and a broken template refused
in one Vietnamese line before anything runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX

from campaignkit.analyses import analyse_period
from campaignkit.analyses.indicators import STATUS_LABELS
from campaignkit.intake import load_campaign
from campaignkit.paths import DEFAULT_PLAN, DEFAULT_WORD_TEMPLATE, SAMPLE_DATA_DIR
from campaignkit.plan import find_period, load_plan
from campaignkit.render.files import write_period_tables
from campaignkit.render.word import CONTEXT_KEYS, report_context, template_path, word_report_name, write_word_report
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
def test_libreoffice_converts_it_to_an_a4_pdf_with_the_text(reports, tmp_path):
    source = reports["dot1"]["path"]
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / source.with_suffix(".pdf").name
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
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
