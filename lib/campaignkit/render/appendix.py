"""The data appendix workbook (phụ lục số liệu): one sheet per table, Vietnamese headers,
numbers as numbers, dates as dates, and no text from the inputs ever written as a formula.
The same tables give the same bytes (fixed document dates, fixed zip timestamps)."""

from __future__ import annotations

import datetime as dt
import errno
import io
import math
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from ..plan.schema import Plan
from .labels import vietnamese_headers
from .privacy import redact

FIXED_CREATED = dt.datetime(2000, 1, 1)
SHEET_TITLES = {  # one per table of PeriodAnalysis.tables() (tests/test_tables.py checks)
    "indicator_status": "Chỉ tiêu", "workload_unit": "Theo đơn vị", "workload_commune": "Theo xã",
    "schedule": "Lịch", "reporting": "Chế độ báo cáo", "data_issues": "Lỗi dữ liệu",
    "plan_checks": "Kiểm tra kế hoạch", "ingest_summary": "Bảng kê số dòng",
    "headline": "Số liệu chính", "behind": "Chỉ tiêu chậm", "contributions_unit": "Đóng góp theo đơn vị",
    "contributions_commune": "Đóng góp theo xã", "focus_coverage": "Xã trọng điểm - đã làm",
    "focus_registrations": "Xã trọng điểm - đăng ký", "unit_commune_matrix": "Đơn vị × xã",
    "inactive_units": "Đơn vị cần quan tâm", "assignments": "Nhiệm vụ được giao", "plan_dates": "Các mốc kế hoạch",
    "upcoming_deadlines": "Hạn sắp tới", "flagged_registrations": "Đăng ký cần xem lại",
    "public_holidays": "Ngày lễ", "compliance_by_unit": "Báo cáo theo đơn vị", "compliance_matrix": "Báo cáo từng hạn",
    "late_reports": "Báo cáo trễ", "reminders": "Nhắc nhở", "units_without_report": "Chưa gửi báo cáo",
    "unread_files": "Tệp không đọc được", "rejected_rows": "Dòng bị loại",
    "issues_by_unit": "Gửi lại đơn vị", "issue_counts": "Phát hiện theo xử lý",
    "activities_by_program": "Theo chương trình", "compliance_by_report": "Báo cáo theo hạn",
    "units_reporting": "Đơn vị đã, chưa báo cáo", "feedback_summary": "Phản hồi - tổng hợp",
    "feedback_issues": "Phản hồi - lỗi cần sửa", "feedback_reports": "Phản hồi - báo cáo thiếu, trễ",
    "feedback_registrations": "Phản hồi - HĐ chưa báo cáo",
}
MAX_WIDTH = 60


def _write_cell(sheet, row: int, col: int, value, formats: dict) -> None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        sheet.write_blank(row, col, None)
    elif isinstance(value, (pd.Timestamp, dt.datetime)):
        has_time = (value.hour, value.minute) != (0, 0)
        sheet.write_datetime(row, col, value.to_pydatetime() if isinstance(value, pd.Timestamp) else value,
                             formats["datetime" if has_time else "date"])
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), formats["date"])
    elif isinstance(value, bool):
        sheet.write_string(row, col, "Có" if value else "Không")
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value, formats["number"])
    else:
        sheet.write_string(row, col, str(value))  # never write(): '=…' typed by a unit stays text


def _write_table(workbook, title: str, table: pd.DataFrame, plan: Plan | None, formats: dict,
                 redacted: bool = False) -> None:
    sheet = workbook.add_worksheet(title[:31])
    headers = vietnamese_headers(table.columns, plan)
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, formats["header"])
    for row, values in enumerate(table.itertuples(index=False), start=1):
        for col, value in enumerate(values):
            value = value.item() if hasattr(value, "item") else value
            _write_cell(sheet, row, col, redact(value) if redacted else value, formats)
    for col, header in enumerate(headers):
        longest = max([len(header), *(len(str(v)) for v in table.iloc[:200, col])]) if len(table) else len(header)
        sheet.set_column(col, col, min(MAX_WIDTH, longest + 2))
    sheet.freeze_panes(1, 0)
    if len(table.columns):
        sheet.autofilter(0, 0, max(len(table), 1), len(table.columns) - 1)


def write_appendix(tables: dict[str, pd.DataFrame], path: str | Path, plan: Plan | None = None,
                   title: str = "Phụ lục số liệu", redacted: bool = False) -> Path:
    """The appendix at `path` (`redacted`: phone numbers and e-mails hidden, as in a shared folder)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_workbook(tables, path, plan, title, redacted=redacted)
    return path


def appendix_bytes(tables: dict[str, pd.DataFrame], plan: Plan | None = None, title: str = "Phụ lục số liệu") -> bytes:
    """The same workbook in memory (the explorer's "Tải về Excel")."""
    buffer = io.BytesIO()
    _write_workbook(tables, buffer, plan, title, {"in_memory": True})
    return buffer.getvalue()


def new_workbook(target, title: str, author: str | None = None, **options) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook as the kit writes them: text stays text (never a formula or a link),
    a fixed creation date (the same inputs give the same file), its title (and author)."""
    workbook = xlsxwriter.Workbook(target, {"strings_to_formulas": False, "strings_to_urls": False, **options})
    workbook.set_properties({"title": title, "created": FIXED_CREATED, **({"author": author} if author else {})})
    return workbook


def close_workbook(workbook: xlsxwriter.Workbook) -> None:
    """Write the workbook out; a file that cannot be created (open in Excel, a read-only folder)
    raises the OSError behind it, which the command line says in one line."""
    try:
        workbook.close()
    except FileCreateError as error:  # xlsxwriter's wrapper of the OSError met creating the file
        raise (error.__cause__ or error.__context__ or OSError(errno.EACCES, str(error))) from error


def _write_workbook(tables, target, plan: Plan | None, title: str, options: dict | None = None,
                    redacted: bool = False) -> None:
    workbook = new_workbook(target, title, **(options or {}))
    formats = {
        "header": workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1}),
        "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
        "datetime": workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
        "number": workbook.add_format({"num_format": "#,##0.##"}),
    }
    for name, table in tables.items():
        _write_table(workbook, SHEET_TITLES.get(name, name), table, plan, formats, redacted)
    close_workbook(workbook)
