"""Each unit's own feedback: `phan_hoi/<Mã đơn vị>.xlsx` for every unit with findings, and one
workbook of ready-to-send messages (`tin_nhan_phan_hoi.xlsx`) for the office to paste into Zalo or
an e-mail.

Only formats the period's feedback tables (`analyses/feedback.py`): a unit's workbook holds the
letter, its data problems with what to do, its reports missing or late and its registered
activities not yet reported (without a district column when the plan's map has no districts). The
message is polite administrative Vietnamese on one paragraph (a cell copied from Excel keeps no
quotes then); phone numbers and e-mail addresses typed in the inputs never reach either file
(`privacy.redact`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..analyses.compliance import LATE, MISSING
from ..analyses.period import PeriodAnalysis
from ..paths import FEEDBACK_DIR
from ..text import format_date, format_number
from .appendix import write_appendix
from .labels import due_text
from .privacy import redact, redact_frame

MESSAGES_FILE = "tin_nhan_phan_hoi.xlsx"
LISTED = 5  # items named in a message; the rest are in the unit's workbook
SHEETS = {
    "letter": "Thư gửi đơn vị",
    "issues": "Lỗi dữ liệu cần sửa",
    "reports": "Báo cáo chưa gửi, gửi trễ",
    "registrations": "Hoạt động chưa báo cáo",
}
ISSUE_COLUMNS = ["file", "sheet", "row", "column", "value", "problem", "todo"]
REPORT_COLUMNS = ["report_name", "due", "status_label", "sent_at", "late_by"]
REGISTRATION_COLUMNS = ["program_id", "activity", "start", "end", "commune", "district"]


def feedback_file_name(unit_id: str) -> str:
    """'BVDK.xlsx'; a character a file name cannot hold becomes '_'."""
    return re.sub(r"[^\w.\-]", "_", str(unit_id)) + ".xlsx"


def _named(items: list[str]) -> str:
    shown = "; ".join(items[:LISTED])
    return shown + (f"; và {format_number(len(items) - LISTED)} mục khác" if len(items) > LISTED else "")


def _report_item(row) -> str:
    return f"{row.report_name}, hạn {due_text(row.due)}"


def _registration_item(row) -> str:
    return f"{row.activity} ({format_date(row.start)})"


def message(analysis: PeriodAnalysis, summary_row, reports: pd.DataFrame, registrations: pd.DataFrame) -> str:
    """The ready-to-send message for one unit, on one paragraph."""
    plan = analysis.plan
    label = analysis.period.label.split(" (")[0]
    parts = []
    if summary_row.rows_rejected:
        parts.append(f"{format_number(summary_row.rows_rejected)} dòng số liệu chưa được tính vì sai hoặc thiếu "
                     "thông tin, cần sửa và gửi lại")
    if summary_row.cells_to_check:
        parts.append(f"{format_number(summary_row.cells_to_check)} ô số liệu cần kiểm tra lại")
    missing = reports[reports["status"] == MISSING]
    if len(missing):
        parts.append(f"Văn phòng chưa nhận được {format_number(len(missing))} báo cáo: "
                     f"{_named([_report_item(r) for r in missing.itertuples()])}")
    late = reports[reports["status"] == LATE]
    if len(late):
        parts.append(f"{format_number(len(late))} báo cáo gửi sau hạn: "
                     f"{_named([_report_item(r) for r in late.itertuples()])}")
    if len(registrations):
        parts.append(f"{format_number(len(registrations))} hoạt động đã đăng ký nhưng chưa thấy báo cáo kết quả: "
                     f"{_named([_registration_item(r) for r in registrations.itertuples()])}")
    text = (f"Kính gửi Ban Chấp hành {summary_row.unit_name}. Văn phòng {plan.campaign.organiser} đã tổng hợp số liệu "
            f"Chiến dịch tình nguyện “{plan.campaign.name}” đến ngày {format_date(analysis.as_of)} ({label}). "
            f"Đề nghị đơn vị quan tâm kiểm tra, bổ sung: {'; '.join(parts)}. Chi tiết từng dòng, từng ô cần sửa có "
            f"trong tệp đính kèm {feedback_file_name(summary_row.unit_id)}. Trân trọng cảm ơn đơn vị!")
    return redact(text)


def summary_label(row) -> str:
    """'<Tên đơn vị>: 1 dòng chưa được tính, 3 báo cáo chưa gửi' for the period index."""
    counts = [(row.rows_rejected, "dòng chưa được tính"), (row.cells_to_check, "ô cần kiểm tra"),
              (row.reports_missing, "báo cáo chưa gửi"), (row.reports_late, "báo cáo gửi trễ"),
              (row.registrations_unreported, "hoạt động đăng ký chưa báo cáo")]
    return f"{row.unit_name}: " + ", ".join(f"{format_number(n)} {what}" for n, what in counts if n)


def feedback_links(analysis: PeriodAnalysis) -> list[tuple[Path, str]]:
    """Each unit's feedback workbook (relative to the period folder) with what it holds."""
    return [(Path(FEEDBACK_DIR) / feedback_file_name(row.unit_id), summary_label(row))
            for row in analysis.feedback_summary.itertuples(index=False)]


def _letter(text: str) -> pd.DataFrame:
    sentences = [s.strip() for s in re.split(r"(?<=[.!])\s+(?=[A-ZĐÀ-Ỹ])", text) if s.strip()]
    return pd.DataFrame({"Nội dung": sentences})


def registration_columns(analysis: PeriodAnalysis) -> list[str]:
    """The columns of the registrations sheet: no district on a map without districts."""
    if analysis.plan.campaign.has_districts:
        return REGISTRATION_COLUMNS
    return [c for c in REGISTRATION_COLUMNS if c != "district"]


def _unit_tables(analysis: PeriodAnalysis, unit_id: str, text: str) -> dict[str, pd.DataFrame]:
    def mine(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
        return redact_frame(table[table["unit_id"] == unit_id][columns].reset_index(drop=True))

    tables = {SHEETS["letter"]: _letter(text),
              SHEETS["issues"]: mine(analysis.feedback_issues, ISSUE_COLUMNS),
              SHEETS["reports"]: mine(analysis.feedback_reports, REPORT_COLUMNS),
              SHEETS["registrations"]: mine(analysis.feedback_registrations, registration_columns(analysis))}
    return {name: table for name, table in tables.items() if len(table)}


def write_feedback(analysis: PeriodAnalysis, period_dir: str | Path) -> list[Path]:
    """`phan_hoi/<Mã đơn vị>.xlsx` for every unit with findings, then the messages workbook."""
    period_dir = Path(period_dir)
    written, messages = [], []
    for row in analysis.feedback_summary.itertuples(index=False):
        reports = analysis.feedback_reports[analysis.feedback_reports["unit_id"] == row.unit_id]
        registrations = analysis.feedback_registrations[analysis.feedback_registrations["unit_id"] == row.unit_id]
        text = message(analysis, row, reports, registrations)
        path = period_dir / FEEDBACK_DIR / feedback_file_name(row.unit_id)
        title = f"Phản hồi số liệu — {row.unit_name} — {analysis.period.label}"
        written.append(write_appendix(_unit_tables(analysis, row.unit_id, text), path, analysis.plan, redact(title)))
        messages.append({"unit_id": row.unit_id, "unit_name": row.unit_name,
                         "feedback_file": f"{FEEDBACK_DIR}/{path.name}", "message": text})
    table = pd.DataFrame(messages, columns=["unit_id", "unit_name", "feedback_file", "message"])
    written.append(write_appendix({"Tin nhắn gửi đơn vị": table}, period_dir / MESSAGES_FILE, analysis.plan,
                                  f"Tin nhắn phản hồi gửi đơn vị — {analysis.period.label}"))
    return written
