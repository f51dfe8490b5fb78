"""The sections of the notebooks: each function takes a period's analyses and returns what the
notebook displays (escaped HTML tables, embedded charts). Every figure comes from a table of
the `PeriodAnalysis`; these functions only choose, label and format. Notebooks hold only calls
to these."""

from __future__ import annotations

import html

from IPython.display import HTML

from ..analyses import PeriodAnalysis
from ..analyses.compliance import LATE, MISSING, ON_TIME, UNDATED
from ..analyses.indicators import STATUS_LABELS as INDICATOR_STATUS_LABELS
from ..errors import UsageError
from ..intake.accounting import SOURCE_LABELS
from ..intake.status import AFTER_AS_OF_LABEL, STATUS_LABELS
from ..text import format_date, format_number
from .charts.indicators import indicator_bars
from .charts.schedule import daily_load_heatmap, gantt_chart
from .charts.workload import unit_bars, unit_commune_heatmap
from .html import bullet_list, figure_html, key_figures, paragraph, show_table

# --- the stamp on every page ---------------------------------------------------------------

def files_read(data: PeriodAnalysis) -> list[str]:
    return data.campaign.files["file"].tolist()


def units_missing(data: PeriodAnalysis) -> list[str]:
    """Names of the units that have sent no report by the period's date."""
    return data.units_without_report["name"].tolist()


def stamp_values(data: PeriodAnalysis) -> dict:
    """For the export template's header and footer."""
    return {"as_of": data.as_of, "files_read": files_read(data), "units_missing": units_missing(data)}


def stamp(data: PeriodAnalysis) -> HTML:
    files = files_read(data)
    missing = units_missing(data)
    missing_text = ", ".join(missing) if missing else "không có"
    return HTML(
        "<div class=\"stamp\">"
        f"<p><strong>Số liệu chốt đến hết ngày {format_date(data.as_of)}</strong> — "
        f"{html.escape(data.period.label)}.</p>"
        f"<details><summary>Đã đọc {len(files)} tệp</summary><p>{html.escape(', '.join(files))}</p></details>"
        f"<p>Đơn vị chưa gửi báo cáo nào đến ngày chốt ({len(missing)}): {html.escape(missing_text)}.</p>"
        "</div>")


# --- data check ----------------------------------------------------------------------------

def accounting(data: PeriodAnalysis) -> HTML:
    table = data.ingest_summary.copy()
    table["source"] = table["source"].map(SOURCE_LABELS)
    table = table.rename(columns={"source": "Nguồn", "rows_read": "Số dòng đã đọc", **STATUS_LABELS,
                                  "after_as_of": AFTER_AS_OF_LABEL})
    return show_table(table, caption=f"Mỗi dòng đơn vị gửi về đã đi đâu (kỳ này, chốt hết ngày "
                                     f"{format_date(data.as_of)})")


def file_problems(data: PeriodAnalysis) -> HTML:
    return show_table(data.unread_files, caption="Tệp và trang không đọc được")


def rejected_rows(data: PeriodAnalysis) -> HTML:
    return show_table(data.rejected_rows, caption="Dòng bị loại và lý do", max_rows=100,
                      note_more=" (xem data_issues.csv)")


def issues_for_units(data: PeriodAnalysis) -> HTML:
    return show_table(data.issues_by_unit, caption="Danh sách gửi lại đơn vị: dòng cần sửa hoặc kiểm tra",
                      max_rows=150, note_more=" (đầy đủ trong data_issues.csv)")


def issue_counts(data: PeriodAnalysis) -> HTML:
    counts = data.issue_counts.rename(columns={"action": "Cách xử lý", "issues": "Số phát hiện"})
    return show_table(counts, caption="Số phát hiện theo cách xử lý")


def plan_checks(data: PeriodAnalysis) -> HTML:
    return show_table(data.plan_checks[["severity", "section", "where", "quote", "finding"]],
                      caption="Những điểm cần xem lại trong chính kế hoạch")


# --- schedule ------------------------------------------------------------------------------

def key_dates(data: PeriodAnalysis) -> HTML:
    return show_table(data.plan_dates, caption="Các mốc của kế hoạch", max_rows=80)


def next_deadlines(data: PeriodAnalysis) -> HTML:
    return show_table(data.upcoming_deadlines, caption=f"Các hạn sắp tới sau ngày {format_date(data.as_of)}")


def schedule_flags(data: PeriodAnalysis) -> HTML:
    return show_table(data.flagged_registrations,
                      caption="Đăng ký cần xem lại (ngoài thời gian, trùng lịch, quá tải)", max_rows=80)


def gantt(data: PeriodAnalysis) -> HTML:
    return figure_html(gantt_chart(data.schedule), "Lịch chiến dịch: thời gian các chương trình, hoạt động đăng ký "
                       "theo đơn vị, ngày cao điểm và hạn báo cáo")


def daily_load(data: PeriodAnalysis) -> HTML:
    return figure_html(daily_load_heatmap(data.schedule), "Số hoạt động đăng ký theo từng ngày")


def focus_registrations(data: PeriodAnalysis) -> HTML:
    return show_table(data.focus_registrations,
                      caption=f"Đăng ký tại {len(data.plan.focus_communes)} xã trọng điểm theo chuỗi hoạt động")


def public_holidays(data: PeriodAnalysis) -> HTML:
    return show_table(data.public_holidays, caption="Ngày lễ trong thời gian chiến dịch")


# --- workload ------------------------------------------------------------------------------

def _done_columns(data: PeriodAnalysis) -> list[str]:
    return [f"done_{i}" for i in data.plan.indicator_ids()]


def unit_workload(data: PeriodAnalysis) -> HTML:
    columns = ["unit_id", "unit_name", "planned_activities", "done_activities", *_done_columns(data), "funds"]
    return show_table(data.workload_unit[columns], data.plan,
                      caption="Khối lượng theo đơn vị (đăng ký và đã thực hiện)", max_rows=80)


def commune_workload(data: PeriodAnalysis) -> HTML:
    table = data.workload_commune
    columns = ["commune", "district", "focus_commune", "planned_activities", "done_activities", "units",
               *_done_columns(data)]
    return show_table(table[[c for c in columns if c in table]], data.plan, caption="Khối lượng theo xã/phường")


def focus_coverage(data: PeriodAnalysis) -> HTML:
    return show_table(data.focus_coverage,
                      caption=f"Độ phủ {len(data.plan.focus_communes)} xã trọng điểm theo chuỗi hoạt động")


def inactive_units(data: PeriodAnalysis) -> HTML:
    return show_table(data.inactive_units, caption="Đơn vị chưa đăng ký, chưa báo cáo hoặc chưa có hoạt động")


def unit_commune_chart(data: PeriodAnalysis) -> HTML:
    return figure_html(unit_commune_heatmap(data.unit_commune_matrix.set_index("unit_id")),
                       "Số hoạt động theo đơn vị và xã/phường")


def unit_chart(data: PeriodAnalysis) -> HTML:
    return figure_html(unit_bars(data.workload_unit), "Hoạt động đăng ký và đã thực hiện theo đơn vị")


def assignments(data: PeriodAnalysis) -> HTML:
    columns = ["program_id", "role", "unit_name", "task", "registered", "reported", "status"]
    return show_table(data.assignments[columns], caption="Theo dõi nhiệm vụ được giao trong kế hoạch", max_rows=100)


# --- indicators ----------------------------------------------------------------------------

def pace_model(data: PeriodAnalysis) -> HTML:
    return paragraph(data.pace_text)


def indicator_table(data: PeriodAnalysis) -> HTML:
    table = data.indicator_status.copy()
    table["status"] = table["status"].map(INDICATOR_STATUS_LABELS)
    columns = ["indicator_id", "name", "unit", "target", "actual", "expected_by_as_of", "percent_of_target",
               "status", "forecast_end", "weekly_rate_needed"]
    return show_table(table[columns], caption=f"Chỉ tiêu trọng tâm — số liệu đến {format_date(data.as_of)}")


def indicator_chart(data: PeriodAnalysis) -> HTML:
    return figure_html(indicator_bars(data.indicator_status),
                       "Phần trăm chỉ tiêu đã đạt; vạch đánh dấu mức cần đạt theo tiến độ")


def behind(data: PeriodAnalysis) -> HTML:
    return bullet_list(data.behind["sentence"], empty="Không có chỉ tiêu nào chậm so với tiến độ.")


def contributions(data: PeriodAnalysis, by: str = "unit_id") -> HTML:
    if by not in ("unit_id", "commune"):
        raise UsageError(f"contributions(by=…) nhận 'unit_id' hoặc 'commune', không nhận {by!r}")
    table = data.contributions_unit if by == "unit_id" else data.contributions_commune
    label = "đơn vị" if by == "unit_id" else "xã/phường"
    return show_table(table, data.plan, caption=f"Đóng góp vào chỉ tiêu theo {label}", max_rows=80)


# --- reporting -----------------------------------------------------------------------------

def reporting_rules(data: PeriodAnalysis) -> HTML:
    return bullet_list(data.reporting_rules)


def compliance_matrix(data: PeriodAnalysis) -> HTML:
    return show_table(data.compliance_matrix, caption="Chấp hành chế độ báo cáo (theo từng báo cáo đến hạn)",
                      max_rows=80)


def compliance_summary(data: PeriodAnalysis) -> HTML:
    table = data.compliance_by_unit.rename(columns={
        ON_TIME: "Đúng hạn", LATE: "Trễ hạn", MISSING: "Chưa gửi", UNDATED: "Không rõ ngày"})
    return show_table(table, caption="Số báo cáo đúng hạn, trễ, chưa gửi theo đơn vị", max_rows=80)


def late_reports(data: PeriodAnalysis) -> HTML:
    return show_table(data.late_reports, caption="Báo cáo gửi trễ", max_rows=60)


def reminders(data: PeriodAnalysis) -> HTML:
    return show_table(data.reminders[["unit_name", "missing_count", "missing", "since"]],
                      caption="Danh sách nhắc nhở (chỉ tên đơn vị)", max_rows=80)


# --- the period report ---------------------------------------------------------------------

def _headline_value(row) -> str:
    if hasattr(row.value, "strftime"):
        return format_date(row.value)
    shown = format_number(row.value)
    return f"{shown}/{format_number(row.out_of)}" if row.out_of == row.out_of and row.out_of is not None else shown


def headline(data: PeriodAnalysis) -> HTML:
    return key_figures([(row.label, _headline_value(row), row.note) for row in data.headline.itertuples()])


def missing_units(data: PeriodAnalysis) -> HTML:
    names = units_missing(data)
    lines = [f"Chưa gửi báo cáo nào: {', '.join(names)}." if names else "Đơn vị nào cũng đã gửi ít nhất một báo cáo."]
    lines += [f"{r.unit_name}: còn thiếu {r.missing_count} báo cáo, từ hạn {format_date(r.since)}"
              for r in data.reminders.head(10).itertuples()]
    return bullet_list(lines)
