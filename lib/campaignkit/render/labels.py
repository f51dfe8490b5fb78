"""The one Vietnamese vocabulary of what a reader sees: column headers and the values that are
identifiers in the tables (phase ids, period and report ids, plan-key paths, statuses, kinds).

`vietnamese_header` never invents a label: a column named like an identifier (`planned_CT04`,
`has_report`) that has no entry here, and is not an indicator of the plan, raises `UsageError`
— a new column is given its words here, once, before any reader sees it. A column whose name
is already a reader's word (a commune heading the units × communes matrix: `Trường Xuân`) is
shown as it is. `reader_values` replaces the identifiers among a table's values by their words.
"""

from __future__ import annotations

import re

import pandas as pd

from ..analyses.compliance import STATUS_LABELS as COMPLIANCE_STATUS
from ..analyses.indicators import STATUS_LABELS as INDICATOR_STATUS
from ..analyses.schedule import KIND_LABELS
from ..analyses.workload import TOTAL_ID
from ..errors import UsageError
from ..intake.accounting import SOURCE_LABELS
from ..intake.status import AFTER_AS_OF_LABEL, STATUS_LABELS
from ..plan.deadlines import cycle_deadlines
from ..plan.periods import campaign_periods
from ..plan.schema import Plan
from ..text import format_date

HEADERS = {
    # shared
    "unit_id": "Mã đơn vị", "unit_name": "Tên đơn vị", "name": "Tên", "kind": "Loại", "cluster": "Cụm thi đua",
    "sector": "Khối", "aliases": "Tên gọi khác", "program_id": "Chương trình", "activity": "Tên hoạt động",
    "commune": "Xã/Phường", "district": "Quận/Huyện", "commune_code": "Mã xã", "focus_commune": "Xã trọng điểm",
    "file": "Tệp", "sheet": "Tên trang", "row": "Dòng", "column": "Cột", "value": "Giá trị", "problem": "Vấn đề",
    "action": "Xử lý", "status": "Trạng thái", "note": "Ghi chú", "funds": "Kinh phí (đồng)",
    # ingest
    "rows_read": "Số dòng đã đọc", **STATUS_LABELS, "after_as_of": AFTER_AS_OF_LABEL,
    # indicators
    "indicator_id": "Mã chỉ tiêu", "unit": "Đơn vị tính", "target": "Chỉ tiêu", "actual": "Thực hiện",
    "expected_by_as_of": "Cần đạt theo tiến độ", "percent_of_target": "% chỉ tiêu",
    "forecast_end": "Dự báo cuối chiến dịch",
    "weekly_rate_recent": "Tốc độ gần đây (/tuần)", "weekly_rate_needed": "Tốc độ cần (/tuần)", "rows": "Số hoạt động",
    # reporting
    "report_id": "Báo cáo", "report_name": "Báo cáo", "due": "Hạn", "sent_at": "Ngày gửi",
    "status_label": "Tình trạng", "late_hours": "Trễ (giờ)", "late_by": "Trễ", "missing_count": "Số báo cáo thiếu",
    "missing": "Còn thiếu", "since": "Thiếu từ",
    # schedule
    "start": "Từ ngày", "end": "Đến ngày", "time": "Giờ", "item_id": "Mã mục", "label": "Nội dung",
    "phase_id": "Chuỗi hoạt động", "flags": "Cảnh báo", "held_on": "Ngày tổ chức", "tentative": "Dự kiến",
    "outside_program_window": "Ngoài thời gian chương trình", "outside_campaign": "Ngoài thời gian chiến dịch",
    "unit_double_booked": "Đơn vị trùng lịch", "commune_overloaded": "Xã quá tải", "public_holiday": "Ngày lễ",
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
    # the explorer
    "week": "Tuần", "unit_written": "Đơn vị (như đơn vị ghi)",
}
IDENTIFIER = re.compile(r"^[A-Za-z0-9_.]+$")  # ASCII without spaces: a name in code, never a reader's word
PREFIXES = {"planned_": "Đăng ký: ", "done_": "Đã thực hiện: "}
# Words of the plan file's keys, for the place a plan check points at (`awards.thanh_doan.due`).
PLAN_SECTIONS = {"awards": "Khen thưởng", "key_days": "Ngày trọng điểm", "phases": "Chuỗi hoạt động",
                 "programs": "Chương trình", "indicators": "Chỉ tiêu", "reporting": "Chế độ báo cáo",
                 "campaign": "Thời gian chiến dịch", "focus_communes": "Xã trọng điểm", "pace": "Cách tính tiến độ",
                 "teams": "Các đội hình", "other_assignments": "Nhiệm vụ khác", "sections": "Mục của văn bản kế hoạch",
                 "sources": "Văn bản căn cứ", "area": "Địa bàn"}
PLAN_FIELDS = {"due": "hạn", "dates": "ngày", "must_precede": "thứ tự các hạn", "programs": "các chương trình",
               "statement": "câu chữ trong kế hoạch", "minimum": "mức tối thiểu", "target": "chỉ tiêu",
               "start": "ngày bắt đầu", "end": "ngày kết thúc", "reports": "", "weekly": "báo cáo tuần",
               "time": "giờ", "date": "ngày", "covers_until": "tính đến ngày", "peak_month": "tháng cao điểm",
               "assignments": "nhiệm vụ giao", "units": "đơn vị", "place": "địa điểm", "name": "tên",
               "unit": "đơn vị tính", "header": "tiêu đề cột", "quota_collective": "số tập thể",
               "quota_individual": "số cá nhân", "first": "kỳ đầu", "last": "kỳ cuối", "weekday": "thứ",
               "cycle": "báo cáo định kỳ", "day": "ngày trong tháng", "name_in_phase": "tên ghi trong chuỗi hoạt động",
               "parts": "các phần", "includes": "nội dung phải kèm theo",
               "participations": "chỉ tiêu đếm lượt tham gia",
               "admin_map": "danh mục hành chính", "province": "tỉnh/thành phố", "district": "quận/huyện",
               "commune": "xã/phường", "goal": "mục tiêu", "role": "vai trò", "task": "nhiệm vụ", "sector": "khối",
               "person": "cá nhân", "title": "tiêu đề", "number": "số mục"}


def _indicators(plan: Plan | None) -> dict:
    return {i.id: i for i in plan.indicators} if plan else {}


def report_labels(plan: Plan | None) -> dict[str, str]:
    """Each required report's short name by its id: 'Tuần 3', 'Kế hoạch', 'Đợt 1', 'Tổng kết'."""
    if plan is None:
        return {}
    labels = {d.id: d.name[:1].upper() + d.name[1:] for d in cycle_deadlines(plan)}
    for report in plan.reporting.reports:
        labels[report.id] = report.period_label or " ".join(report.name.split()[:2])
    return labels


def period_labels(plan: Plan | None) -> dict[str, str]:
    """Each period's short name by its id: 'Đợt 1', 'Tổng kết', 'Tuần 3'."""
    if plan is None:
        return {}
    return {p.id: p.label.split(" (")[0] for p in campaign_periods(plan)}


def phase_labels(plan: Plan | None) -> dict[str, str]:
    return {p.id: p.name for p in plan.phases} if plan else {}


def vietnamese_header(column: str, plan: Plan | None = None) -> str:
    """The Vietnamese header of a column; raises UsageError for an identifier without one."""
    if column in HEADERS:
        return HEADERS[column]
    indicators = _indicators(plan)
    for prefix, label in PREFIXES.items():
        rest = column.removeprefix(prefix)
        if rest != column and rest in indicators:
            return f"{label}{indicators[rest].header}"
    if column in indicators:
        return f"{column} – {indicators[column].header}"
    reports = report_labels(plan)
    if column in reports:
        return reports[column]
    if not IDENTIFIER.match(column):
        return column  # already a reader's word: a commune name heading a column
    raise UsageError(f"Cột '{column}' chưa có nhãn tiếng Việt: thêm nó vào HEADERS trong "
                     "lib/campaignkit/render/labels.py trước khi đưa bảng cho người đọc.")


def vietnamese_headers(columns, plan: Plan | None = None) -> list[str]:
    return [vietnamese_header(str(c), plan) for c in columns]


def due_text(value) -> str:
    """A deadline as people write it: '17:00 ngày 15/06/2024', or '15/06/2024' for the end of a day."""
    stamp = pd.Timestamp(value)
    shown = format_date(stamp)
    return shown if (stamp.hour, stamp.minute) in ((0, 0), (23, 59)) else f"{stamp:%H:%M} ngày {shown}"


def plan_place(where: str, plan: Plan | None = None) -> str:
    """`awards.thanh_doan.due` → 'Khen thưởng cấp Thành đoàn: hạn'; several places joined by '; '."""
    return "; ".join(_one_place(part.strip(), plan) for part in str(where).split(",") if part.strip())


def _named(section: str, key: str, plan: Plan | None) -> str:
    if plan is None:
        return key
    if section == "awards":
        found = {a.id: f"cấp {a.level}" if not a.level.lower().startswith("cấp") else a.level for a in plan.awards}
    elif section == "key_days":
        found = {k.id: k.name for k in plan.key_days}
    elif section == "phases":
        found = phase_labels(plan)
    elif section == "programs":
        found = {p.id: p.id for p in plan.programs}
    elif section == "indicators":
        found = {i.id: i.id for i in plan.indicators}
    elif section == "reports":
        found = {r.id: r.name for r in plan.reporting.reports}
    else:
        found = {}
    if key in found:
        return found[key]
    raise UsageError(f"Không có '{section}.{key}' trong kế hoạch để gọi tên")


def _one_place(path: str, plan: Plan | None) -> str:
    parts = path.split(".")
    if parts[0] not in PLAN_SECTIONS:
        raise UsageError(f"Vị trí kế hoạch '{path}' chưa có nhãn: thêm mục '{parts[0]}' vào PLAN_SECTIONS "
                         "(lib/campaignkit/render/labels.py)")
    words, section, index = [PLAN_SECTIONS[parts[0]]], parts[0], 1
    if section == "reporting" and len(parts) > 2 and parts[1] == "reports":
        section, index = "reports", 2
    if index < len(parts) and section in ("awards", "key_days", "phases", "programs", "indicators", "reports"):
        name = _named(section, parts[index], plan)
        starts = name.lower().startswith((words[0].lower(), "báo cáo", "ngày", "lễ"))
        words = [name if starts else f"{words[0]} {name}"]
        index += 1
    details = []
    for part in parts[index:]:
        if part.isdigit():
            details.append(f"thứ {int(part) + 1}")
        elif part in PLAN_FIELDS:
            details.append(PLAN_FIELDS[part])
        else:
            raise UsageError(f"Vị trí kế hoạch '{path}': mục '{part}' chưa có nhãn trong PLAN_FIELDS "
                             "(lib/campaignkit/render/labels.py)")
    detail = " ".join(d for d in details if d)
    return f"{words[0]}: {detail}" if detail else words[0]


def _mapped(values: pd.Series, words: dict) -> pd.Series:
    return values.map(lambda v: words.get(v, v) if isinstance(v, str) else v)


def reader_values(table: pd.DataFrame, plan: Plan | None = None) -> pd.DataFrame:
    """A copy in which the values that are identifiers read as words: statuses, kinds of schedule
    rows, sources, phase and report ids, plan-key paths, the total row's id."""
    table = table.copy()
    words = {
        "status": {**INDICATOR_STATUS, **COMPLIANCE_STATUS},
        "kind": KIND_LABELS,
        "source": SOURCE_LABELS,
        "phase_id": phase_labels(plan),
        "report_id": report_labels(plan),
        "unit_id": {TOTAL_ID: "Tổng cộng"},
    }
    for column, mapping in words.items():
        if column in table.columns and mapping:
            table[column] = _mapped(table[column], mapping)
    if "where" in table.columns:
        table["where"] = table["where"].map(lambda w: plan_place(w, plan) if isinstance(w, str) and w else w)
    return table


# What each CSV of a period's tables/ holds, for the period's index page (PeriodAnalysis.tables()).
TABLE_DESCRIPTIONS = {
    "indicator_status": "Từng chỉ tiêu: chỉ tiêu, đã thực hiện, cần đạt theo tiến độ, tình trạng, dự báo cuối kỳ",
    "workload_unit": "Từng đơn vị: hoạt động đăng ký và đã tổ chức, số liệu từng chỉ tiêu, kinh phí",
    "workload_commune": "Từng xã/phường: hoạt động đăng ký và đã tổ chức, số đơn vị đến, số liệu từng chỉ tiêu",
    "schedule": "Lịch chiến dịch: chuỗi, chương trình, ngày trọng điểm, hạn nộp và mọi hoạt động đăng ký, kèm cảnh báo",
    "reporting": "Từng đơn vị × từng báo cáo phải nộp: ngày gửi, đúng hạn, trễ hay chưa gửi",
    "data_issues": "Mọi lỗi dữ liệu đã phát hiện: tệp, trang, dòng, cột, giá trị, vấn đề, cách xử lý",
    "plan_checks": "Những điểm cần xem lại trong chính tệp kế hoạch",
    "ingest_summary": "Bảng kê số dòng theo nguồn (đăng ký, báo cáo, tổng): đã đọc, được tính cho kỳ này, gộp, "
                      "bỏ qua, bị loại, sau ngày chốt",
    "headline": "Các số liệu chính của trang báo cáo đợt",
    "behind": "Các chỉ tiêu chậm so với tiến độ và chậm bao nhiêu",
    "contributions_unit": "Đóng góp của từng đơn vị vào từng chỉ tiêu",
    "contributions_commune": "Đóng góp của từng xã/phường vào từng chỉ tiêu",
    "focus_coverage": "Xã trọng điểm × chuỗi hoạt động: số hoạt động đã tổ chức, số đơn vị, số lượt tham gia",
    "focus_registrations": "Xã trọng điểm × chuỗi hoạt động: số đăng ký và số lượt dự kiến",
    "unit_commune_matrix": "Số hoạt động đã tổ chức của từng đơn vị ở từng xã/phường",
    "inactive_units": "Đơn vị chưa đăng ký, chưa báo cáo hoặc chưa có hoạt động trong kỳ",
    "assignments": "Nhiệm vụ kế hoạch giao cho đơn vị: đã đăng ký, đã báo cáo chưa",
    "plan_dates": "Các mốc thời gian của kế hoạch",
    "upcoming_deadlines": "Các hạn sắp tới sau ngày chốt số liệu",
    "flagged_registrations": "Đăng ký cần xem lại: ngoài thời gian, trùng lịch, xã quá tải, ngày lễ",
    "public_holidays": "Ngày lễ trong thời gian chiến dịch",
    "compliance_by_unit": "Từng đơn vị: số báo cáo đúng hạn, trễ, chưa gửi",
    "compliance_matrix": "Từng đơn vị × từng báo cáo đến hạn: tình trạng",
    "late_reports": "Các báo cáo gửi trễ và trễ bao lâu",
    "reminders": "Danh sách nhắc nhở: đơn vị còn thiếu báo cáo nào, từ khi nào",
    "units_without_report": "Đơn vị chưa gửi báo cáo nào đến ngày chốt",
    "unread_files": "Tệp và trang không đọc được, và vì sao",
    "rejected_rows": "Dòng bị loại và lý do",
    "issues_by_unit": "Danh sách gửi lại từng đơn vị: dòng cần sửa hoặc kiểm tra",
    "issue_counts": "Số phát hiện theo cách xử lý",
    "activities_by_program": "Từng chương trình: hoạt động đăng ký và đã tổ chức, số đơn vị, số lượt tham gia, "
                             "kinh phí",
    "compliance_by_report": "Từng báo cáo phải nộp: số đơn vị đã gửi đúng hạn, trễ, chưa gửi",
    "units_reporting": "Từng đơn vị: đã gửi báo cáo chưa, bao nhiêu dòng",
    "feedback_summary": "Từng đơn vị có phản hồi: số dòng chưa được tính, ô cần kiểm tra, báo cáo thiếu hay trễ",
    "feedback_issues": "Phản hồi cho đơn vị: dòng cần sửa, ở tệp, trang, dòng, cột nào, sửa thế nào",
    "feedback_reports": "Phản hồi cho đơn vị: báo cáo chưa gửi hoặc gửi trễ, kèm hạn",
    "feedback_registrations": "Phản hồi cho đơn vị: hoạt động đã đăng ký nhưng chưa thấy báo cáo",
}
