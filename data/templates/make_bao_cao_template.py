"""Makes `bao-cao-doan-khoi.docx`, the Word template of the period report (kept in git beside this script).

The template is an ordinary Word document in the format of Hướng dẫn 29-HD/TWĐTN-VP (29/10/2013) on
the Đoàn's documents: A4 portrait, margins top 20 mm, bottom 20 mm, left 30 mm, right 20 mm, Times
New Roman; at the top right the heading "ĐOÀN TNCS HỒ CHÍ MINH" (bold, size 15, a line under it) with
the place and date under it in italics; at the top left the body above and the issuing body (bold)
with its line "***" and the number "Số: …-BC/…"; the document type "BÁO CÁO" and its subject centred;
numbered sections; the signature block "TM. BAN THƯỜNG VỤ / BÍ THƯ" with the name left blank; "Nơi
nhận". The figures are Jinja tags that the kit fills (docxtpl): `{{ … }}` in text, `{%tr for … %}`
rows in tables, `{%p if appendix %}` around the phụ lục số liệu of the final report. The parts
only people write (assessment, strengths, limits, next steps) are highlighted yellow.

The office may open the .docx in Word and change anything — the letterhead, the recipients, the
wording — as long as the tags stay as they are; another bloc copies it, edits it and names its copy
in its plan file (`reporting.word_template`). This script only makes the first version:

    .venv/bin/python data/templates/make_bao_cao_template.py      (overwrites bao-cao-doan-khoi.docx)

Tags the kit fills (lib/campaignkit/render/word.py, `report_context`): subject, campaign, organiser,
period_label, as_of, place, year; indicators (stt, name, unit, target, actual, percent, status),
indicators_met, indicators_count; programs (program_id, name, planned, done, units, participations)
and programs_total; focus (commune, district, done, units, participations); participation
(name, unit, activities, participations, target, percent, active_note); district_header and
people_header (the headers of the district and participation columns: blank when the plan's map has
no districts or the plan no participation indicator, and the kit then takes that column out of its
table; the participation sentence sits in `{%p if participation.name %}`); reported_count, reported_names,
unreported_count, unreported_names; compliance (report_name, due, on_time, late, missing, units);
appendix and, when it is true, appendix_indicators (… expected, forecast), appendix_units (stt,
unit_id, name, planned, done, participations, funds), appendix_communes (stt, commune, district,
done, units, participations), appendix_compliance (stt, name, on_time, late, missing).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
TARGET = HERE / "bao-cao-doan-khoi.docx"
FONT = "Times New Roman"
BODY_SIZE, TABLE_SIZE = 14, 12


def _fonts(rpr_owner, size: int | None = None) -> None:
    fonts = rpr_owner.font
    fonts.name = FONT
    if size:
        fonts.size = Pt(size)
    rpr = rpr_owner.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attribute), FONT)


def _paragraph(container, text: str = "", *, size: int = BODY_SIZE, bold=False, italic=False, underline=False,
               align=None, indent=False, after: int = 3, highlight=False):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    if bold and align is None:
        paragraph.paragraph_format.keep_with_next = True  # a heading stays with what it heads
    if text:
        run = paragraph.add_run(text)
        _fonts(run, size)
        run.bold, run.italic, run.underline = bold, italic, underline
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell_text(cell, text: str, *, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.LEFT, size=TABLE_SIZE):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    _fonts(run, size)
    run.bold, run.italic = bold, italic


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _loop_table(document, headers: list[str], widths: list[int], loop: str, cells: list[str],
                total: list[str] | None = None, numeric_from: int = 2, text_after: int | None = None):
    """A table with a bold header row, one row repeated by docxtpl (`{%tr for … %}`) and an optional
    total. Columns from `numeric_from` on are figures (right-aligned), up to `text_after` if given."""
    table = document.add_table(rows=0, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    centre, right, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
    figures = set(range(numeric_from, text_after if text_after is not None else len(headers)))
    header = table.add_row()
    _repeat_header(header)
    for cell, text in zip(header.cells, headers):
        _cell_text(cell, text, bold=True, align=centre)
    _cell_text(table.add_row().cells[0], f"{{%tr for r in {loop} %}}")
    body = table.add_row()
    body._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row never breaks across two pages
    for index, (cell, text) in enumerate(zip(body.cells, cells)):
        _cell_text(cell, text, align=right if index in figures else (centre if headers[index] == "STT" else left))
    _cell_text(table.add_row().cells[0], "{%tr endfor %}")
    if total:
        row = table.add_row()
        for index, (cell, text) in enumerate(zip(row.cells, total)):
            _cell_text(cell, text, bold=True, align=right if index in figures else left)
    for column, width in zip(table.columns, widths):
        column.width = Mm(width)  # the grid, which LibreOffice follows
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Mm(width)  # each cell, which Word follows
    _paragraph(document, after=6)
    return table


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    normal = document.styles["Normal"]
    _fonts(normal, BODY_SIZE)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    shown, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    shown.append(text)
    field.append(shown)
    footer._p.append(field)


def _two_columns(document, left_mm: int, right_mm: int):
    """A borderless table of one row and two cells (the letterhead, the signature block)."""
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    table.columns[0].width, table.columns[1].width = Mm(left_mm), Mm(right_mm)
    left.width, right.width = Mm(left_mm), Mm(right_mm)
    return left, right


def _letterhead(document) -> None:
    left, right = _two_columns(document, 75, 85)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].alignment = centre
    _fonts(left.paragraphs[0].add_run("THÀNH ĐOÀN CẦN THƠ"), 14)
    _paragraph(left, "BCH ĐOÀN KHỐI CƠ QUAN", bold=True, align=centre, after=0)
    _paragraph(left, "DÂN CHÍNH ĐẢNG", bold=True, align=centre, after=0)
    _paragraph(left, "***", align=centre, after=0)
    _paragraph(left, "Số: …-BC/…", align=centre, after=0)
    right.paragraphs[0].alignment = centre
    heading = right.paragraphs[0].add_run("ĐOÀN TNCS HỒ CHÍ MINH")
    _fonts(heading, 15)
    heading.bold, heading.underline = True, True
    _paragraph(right, after=0)
    _paragraph(right, "{{ place }}, ngày … tháng … năm {{ year }}", italic=True, align=centre, after=0)
    _paragraph(document, after=6)


def _title(document) -> None:
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, "BÁO CÁO", size=16, bold=True, align=centre, after=0)
    _paragraph(document, "{{ subject }}", bold=True, align=centre, after=0)
    _paragraph(document, "-----", align=centre, after=6)
    _paragraph(document, "Thực hiện Kế hoạch tổ chức Chiến dịch tình nguyện “{{ campaign }}”, Ban Thường vụ "
               "{{ organiser }} báo cáo kết quả {{ period_label }}, số liệu tổng hợp từ báo cáo của các tổ "
               "chức cơ sở đoàn đến ngày {{ as_of }}, như sau:", indent=True, after=6)


def _results(document) -> None:
    _paragraph(document, "I. KẾT QUẢ THỰC HIỆN", bold=True, after=3)
    _paragraph(document, "1. Kết quả thực hiện các chỉ tiêu trọng tâm", bold=True)
    _paragraph(document, "Có {{ indicators_met }}/{{ indicators_count }} chỉ tiêu đã đạt; kết quả từng chỉ tiêu:",
               indent=True)
    _loop_table(document, ["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kế hoạch", "Thực hiện", "Tỷ lệ (%)",
                           "Đánh giá"], [12, 48, 18, 22, 20, 16, 24], "indicators",
                ["{{ r.stt }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.target }}", "{{ r.actual }}",
                 "{{ r.percent }}", "{{ r.status }}"], numeric_from=3, text_after=6)
    _paragraph(document, "2. Hoạt động theo chương trình", bold=True)
    _loop_table(document, ["Mã", "Chương trình", "Số hoạt động đăng ký", "Số hoạt động đã tổ chức",
                           "Số đơn vị", "{{ people_header }}"], [12, 70, 20, 20, 16, 22], "programs",
                ["{{ r.program_id }}", "{{ r.name }}", "{{ r.planned }}", "{{ r.done }}", "{{ r.units }}",
                 "{{ r.participations }}"],
                total=["", "Tổng cộng", "{{ programs_total.planned }}", "{{ programs_total.done }}",
                       "{{ programs_total.units }}", "{{ programs_total.participations }}"])
    _paragraph(document, "3. Hoạt động tại các xã trọng điểm", bold=True)
    _loop_table(document, ["Xã", "{{ district_header }}", "Số hoạt động đã tổ chức", "Số đơn vị",
                           "{{ people_header }}"],
                [40, 36, 30, 24, 30], "focus",
                ["{{ r.commune }}", "{{ r.district }}", "{{ r.done }}", "{{ r.units }}", "{{ r.participations }}"])
    _paragraph(document, "4. Lực lượng tham gia", bold=True)
    _paragraph(document, "Các tổ chức cơ sở đoàn đã tổ chức {{ participation.activities }} hoạt động; "
               "{{ participation.active_note }}.", indent=True)
    _paragraph(document, "{%p if participation.name %}", after=0)
    _paragraph(document, "{{ participation.name }}: {{ participation.participations }} {{ participation.unit }} "
               "(chỉ tiêu {{ participation.target }} {{ participation.unit }}, đạt {{ participation.percent }}%).",
               indent=True)
    _paragraph(document, "{%p endif %}", after=0)
    _paragraph(document, "5. Tình hình báo cáo của các đơn vị", bold=True)
    _paragraph(document, "Đã gửi báo cáo: {{ reported_count }} đơn vị ({{ reported_names }}).", indent=True)
    _paragraph(document, "Chưa gửi báo cáo nào: {{ unreported_count }} đơn vị ({{ unreported_names }}).",
               indent=True)
    _paragraph(document, "Chấp hành chế độ báo cáo theo từng hạn:", indent=True)
    _loop_table(document, ["Báo cáo", "Hạn", "Đúng hạn", "Trễ hạn", "Chưa gửi", "Số đơn vị"],
                [62, 30, 18, 18, 18, 14], "compliance",
                ["{{ r.report_name }}", "{{ r.due }}", "{{ r.on_time }}", "{{ r.late }}", "{{ r.missing }}",
                 "{{ r.units }}"])


def _assessment(document) -> None:
    _paragraph(document, "II. ĐÁNH GIÁ CHUNG", bold=True)
    _paragraph(document, "1. Ưu điểm", bold=True)
    _paragraph(document, "[Văn phòng viết: những mặt làm được, cách làm hay, đơn vị tiêu biểu.]", indent=True,
               highlight=True)
    _paragraph(document, "2. Hạn chế, nguyên nhân", bold=True)
    _paragraph(document, "[Văn phòng viết: những việc chưa làm được, chỉ tiêu còn chậm và nguyên nhân.]",
               indent=True, highlight=True)
    _paragraph(document, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", bold=True)
    _paragraph(document, "[Văn phòng viết: các việc trọng tâm, hoạt động sắp tới, đơn vị được giao.]", indent=True,
               highlight=True)
    _paragraph(document, "IV. ĐỀ XUẤT, KIẾN NGHỊ", bold=True)
    _paragraph(document, "[Văn phòng viết: đề xuất với Thành đoàn, Đảng ủy Khối (nếu có).]", indent=True,
               highlight=True)
    _paragraph(document, "Trên đây là báo cáo kết quả {{ period_label }} của Ban Thường vụ {{ organiser }}./.",
               indent=True, after=12)


def _signature(document) -> None:
    left, right = _two_columns(document, 80, 80)
    first = left.paragraphs[0].add_run("Nơi nhận:")
    _fonts(first, 12)
    first.bold, first.italic = True, True
    for line in ("- Thành đoàn Cần Thơ (b/c);", "- Thường trực Đảng ủy Khối (b/c);", "- Các TCCSĐ trực thuộc;",
                 "- Lưu VP."):
        _paragraph(left, line, size=11, after=0)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    right.paragraphs[0].alignment = centre
    block = right.paragraphs[0].add_run("TM. BAN THƯỜNG VỤ")
    _fonts(block, 14)
    block.bold = True
    _paragraph(right, "BÍ THƯ", bold=True, align=centre, after=0)
    for _ in range(4):
        _paragraph(right, after=0)  # the signature, then the name, written by hand


def _appendix(document) -> None:
    _paragraph(document, "{%p if appendix %}", after=0)
    _paragraph(document, after=0).add_run().add_break(WD_BREAK.PAGE)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, "PHỤ LỤC SỐ LIỆU", size=15, bold=True, align=centre, after=0)
    _paragraph(document, "(Kèm theo Báo cáo số …-BC/… ngày … của Ban Thường vụ {{ organiser }})", italic=True,
               align=centre, after=0)
    _paragraph(document, "Số liệu đến ngày {{ as_of }}", italic=True, align=centre, after=6)
    _paragraph(document, "Phụ lục 1. Kết quả thực hiện các chỉ tiêu trọng tâm", bold=True)
    _loop_table(document, ["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kế hoạch", "Cần đạt theo tiến độ",
                           "Thực hiện", "Tỷ lệ (%)", "Dự báo cuối chiến dịch"], [12, 36, 16, 20, 20, 20, 16, 20],
                "appendix_indicators",
                ["{{ r.stt }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.target }}", "{{ r.expected }}",
                 "{{ r.actual }}", "{{ r.percent }}", "{{ r.forecast }}"], numeric_from=3)
    _paragraph(document, "Phụ lục 2. Kết quả theo đơn vị", bold=True)
    _loop_table(document, ["STT", "Mã", "Đơn vị", "Số hoạt động đăng ký", "Số hoạt động đã tổ chức",
                           "{{ people_header }}", "Kinh phí (đồng)"], [12, 26, 46, 16, 16, 18, 26], "appendix_units",
                ["{{ r.stt }}", "{{ r.unit_id }}", "{{ r.name }}", "{{ r.planned }}", "{{ r.done }}",
                 "{{ r.participations }}", "{{ r.funds }}"], numeric_from=3)
    _paragraph(document, "Phụ lục 3. Kết quả theo xã, phường", bold=True)
    _loop_table(document, ["STT", "Xã/Phường", "{{ district_header }}", "Số hoạt động đã tổ chức", "Số đơn vị",
                           "{{ people_header }}"], [12, 42, 36, 26, 20, 24], "appendix_communes",
                ["{{ r.stt }}", "{{ r.commune }}", "{{ r.district }}", "{{ r.done }}", "{{ r.units }}",
                 "{{ r.participations }}"], numeric_from=3)
    _paragraph(document, "Phụ lục 4. Chấp hành chế độ báo cáo theo đơn vị", bold=True)
    _loop_table(document, ["STT", "Đơn vị", "Đúng hạn", "Trễ hạn", "Chưa gửi"], [12, 88, 20, 20, 20],
                "appendix_compliance",
                ["{{ r.stt }}", "{{ r.name }}", "{{ r.on_time }}", "{{ r.late }}", "{{ r.missing }}"])
    _paragraph(document, "{%p endif %}", after=0)


def make_template(path: Path = TARGET) -> Path:
    document = Document()
    _page(document)
    document.core_properties.title = "Báo cáo {{ subject }}"
    document.core_properties.author = "campaignkit"
    body = document.paragraphs[0] if document.paragraphs else None
    if body is not None:
        body._p.getparent().remove(body._p)
    _letterhead(document)
    _title(document)
    _results(document)
    _assessment(document)
    _signature(document)
    _appendix(document)
    document.save(path)
    return path


if __name__ == "__main__":
    print(f"Đã ghi {make_template()}")
