"""Vietnamese headers for the kit's English column names (appendix workbook, report tables)."""

from __future__ import annotations

import re

import pandas as pd

from ..intake.status import AFTER_AS_OF_LABEL, STATUS_LABELS
from ..plan.schema import Plan
from ..text import format_date

HEADERS = {
    # shared
    "unit_id": "Mã đơn vị", "unit_name": "Tên đơn vị", "name": "Tên", "kind": "Loại", "cluster": "Cụm thi đua",
    "sector": "Khối", "aliases": "Tên gọi khác", "program_id": "Chương trình", "activity": "Tên hoạt động",
    "commune": "Xã/Phường", "district": "Quận/Huyện", "commune_code": "Mã xã", "focus_commune": "Xã trọng điểm",
    "file": "Tệp", "sheet": "Trang", "row": "Dòng", "column": "Cột", "value": "Giá trị", "problem": "Vấn đề",
    "action": "Xử lý", "status": "Trạng thái", "note": "Ghi chú", "funds": "Kinh phí (đồng)",
    # ingest
    "rows_read": "Số dòng đã đọc", **STATUS_LABELS, "after_as_of": AFTER_AS_OF_LABEL,
    # indicators
    "indicator_id": "Mã chỉ tiêu", "unit": "Đơn vị tính", "target": "Chỉ tiêu", "actual": "Thực hiện",
    "expected_by_as_of": "Cần đạt theo tiến độ", "percent_of_target": "% chỉ tiêu",
    "forecast_end": "Dự báo cuối chiến dịch",
    "weekly_rate_recent": "Tốc độ gần đây (/tuần)", "weekly_rate_needed": "Tốc độ cần (/tuần)", "rows": "Số hoạt động",
    # reporting
    "report_id": "Mã báo cáo", "report_name": "Báo cáo", "due": "Hạn", "sent_at": "Ngày gửi",
    "status_label": "Tình trạng", "late_hours": "Trễ (giờ)", "late_by": "Trễ", "missing_count": "Số báo cáo thiếu",
    "missing": "Còn thiếu", "since": "Thiếu từ",
    # schedule
    "start": "Từ ngày", "end": "Đến ngày", "time": "Giờ", "item_id": "Mã mục", "label": "Nội dung",
    "phase_id": "Chuỗi hoạt động", "flags": "Cảnh báo", "held_on": "Ngày tổ chức",
    # plan checks
    "check": "Kiểm tra", "severity": "Mức độ", "where": "Vị trí trong kế hoạch", "quote": "Trích kế hoạch",
    "finding": "Phát hiện", "section": "Mục trong văn bản kế hoạch", "line": "Dòng trong tệp kế hoạch",
    # workload
    "planned_activities": "Số hoạt động đăng ký", "planned_participations": "Số lượt ĐVTN dự kiến",
    "planned_funds": "Kinh phí dự kiến (đồng)", "done_activities": "Số hoạt động đã tổ chức",
    "first_activity": "Hoạt động đầu tiên", "last_activity": "Hoạt động gần nhất",
    "has_registration": "Có đăng ký", "has_report": "Có báo cáo", "units": "Số đơn vị",
    "successor_commune": "Xã/phường từ 1/7/2025", "successor_code": "Mã xã/phường từ 1/7/2025",
    # period tables beside the contract's
    "figure": "Mục", "out_of": "Trên tổng số", "issues": "Số phát hiện", "source": "Nguồn",
    "on_time": "Đúng hạn", "late": "Trễ hạn", "sent_undated": "Đã gửi, không rõ ngày", "reason": "Lý do",
    "registrations": "Số đăng ký", "activities": "Số hoạt động", "activities_in_period": "Số hoạt động trong kỳ",
    "phase": "Chuỗi hoạt động", "phase_name": "Tên chuỗi hoạt động", "participations": "Số lượt tham gia",
    "role": "Vai trò", "task": "Nhiệm vụ", "registered": "Số đăng ký", "reported": "Số đã báo cáo",
    "date": "Ngày", "weekday": "Thứ", "shortfall": "Thiếu so với tiến độ", "sentence": "Nhận xét",
    # the Word report and the feedback to units
    "program_name": "Tên chương trình", "report_rows": "Số dòng báo cáo đã gửi", "sent_report": "Đã gửi báo cáo",
    "todo": "Cách sửa", "rows_rejected": "Số dòng chưa được tính", "cells_to_check": "Số ô cần kiểm tra",
    "reports_missing": "Số báo cáo chưa gửi", "reports_late": "Số báo cáo gửi trễ",
    "registrations_unreported": "Số hoạt động đăng ký chưa báo cáo", "feedback_file": "Tệp phản hồi",
    "message": "Tin nhắn",
}
IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")  # snake_case with at least one '_'
PREFIXES = {"planned_": "Đăng ký: ", "done_": "Đã thực hiện: "}


def vietnamese_header(column: str, plan: Plan | None = None) -> str:
    if column in HEADERS:
        return HEADERS[column]
    indicators = {i.id: i for i in plan.indicators} if plan else {}
    for prefix, label in PREFIXES.items():
        rest = column.removeprefix(prefix)
        if rest != column and rest in indicators:
            return f"{label}{indicators[rest].header}"
    if column in indicators:
        return f"{column} – {indicators[column].header}"
    if not IDENTIFIER.match(column):
        return column  # already a reader's word: a commune name heading a column, a report id
    return re.sub(r"_+", " ", column).strip().capitalize()


def vietnamese_headers(columns, plan: Plan | None = None) -> list[str]:
    return [vietnamese_header(str(c), plan) for c in columns]


def due_text(value) -> str:
    """A deadline as people write it: '17:00 ngày 15/06/2024', or '15/06/2024' for the end of a day."""
    stamp = pd.Timestamp(value)
    shown = format_date(stamp)
    return shown if (stamp.hour, stamp.minute) in ((0, 0), (23, 59)) else f"{stamp:%H:%M} ngày {shown}"
