"""The sections of the notebooks: each function takes a period's analyses and returns what the
notebook displays (escaped HTML tables, embedded charts). Notebooks hold only calls to these."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from . import indicators, reporting, schedule, workload
from .accounting import KIND_LABELS, LABELS, accounting_by_kind
from .analysis import PeriodAnalysis
from .charts.indicators import indicator_bars
from .charts.schedule import daily_load_heatmap, gantt_chart
from .charts.workload import unit_bars, unit_commune_heatmap
from .clean import REJECTED
from .issues import Action
from .loading import load_period  # noqa: F401  (the notebooks' entry point)
from .periods import period_start
from .text import format_date, format_number
from .views import bullet_list, figure_html, key_figures, paragraph, show_table

NEXT_DEADLINES = 6


# --- the stamp on every page ---------------------------------------------------------------

def files_read(data: PeriodAnalysis) -> list[str]:
    return data.campaign.files["file"].tolist()


def units_missing(data: PeriodAnalysis) -> list[str]:
    """Units that have sent no report by the period's date."""
    sent = set(data.extra["sent_reports"]["unit_id"])
    units = data.campaign.units
    return units[~units["unit_id"].isin(sent)]["name"].tolist()


def stamp_values(data: PeriodAnalysis) -> dict:
    """For the export template's header and footer."""
    return {"as_of": data.as_of, "files_read": files_read(data), "units_missing": units_missing(data)}


def stamp(data: PeriodAnalysis) -> HTML:
    files = files_read(data)
    missing = units_missing(data)
    missing_text = ", ".join(missing) if missing else "không có"
    return HTML(
        "<div class=\"stamp\">"
        f"<p><strong>Số liệu chốt đến hết ngày {format_date(data.as_of)}</strong> — {html.escape(data.period.label)}.</p>"
        f"<details><summary>Đã đọc {len(files)} tệp</summary><p>{html.escape(', '.join(files))}</p></details>"
        f"<p>Đơn vị chưa gửi báo cáo nào đến ngày chốt ({len(missing)}): {html.escape(missing_text)}.</p>"
        "</div>")


# --- data check ----------------------------------------------------------------------------

def accounting(data: PeriodAnalysis) -> HTML:
    table = accounting_by_kind(data.campaign).reset_index()
    table["kind"] = table["kind"].map(KIND_LABELS)
    table = table.rename(columns={"kind": "Nguồn", "rows_read": "Số dòng đã đọc", **{k: v.capitalize() for k, v in LABELS.items()}})
    return show_table(table, caption="Mỗi dòng đơn vị gửi về đã đi đâu")


def file_problems(data: PeriodAnalysis) -> HTML:
    issues = data.campaign.issues
    problems = issues[issues["action"].isin([Action.FILE_SKIPPED, Action.SHEET_SKIPPED])]
    return show_table(problems[["file", "sheet", "problem"]], caption="Tệp và trang không đọc được")


def rejected_rows(data: PeriodAnalysis) -> HTML:
    issues = data.campaign.issues
    rejected = issues[issues["action"] == Action.REJECTED]
    return show_table(rejected[["file", "sheet", "row", "column", "value", "problem"]],
                      caption="Dòng bị loại và lý do", max_rows=100, note_more=" (xem data_issues.csv)")


def unit_of_file(data: PeriodAnalysis) -> pd.Series:
    """Which unit a file belongs to: the unit most of its rows name."""
    rows = pd.concat([data.campaign.reports[["file", "unit_id"]], data.campaign.registrations[["file", "unit_id"]]])
    return rows.dropna().groupby("file")["unit_id"].agg(lambda s: s.mode().iloc[0])


def issues_by_unit(data: PeriodAnalysis) -> pd.DataFrame:
    """The list the planner sends back to units: per unit, what to fix and where."""
    issues = data.campaign.issues
    to_fix = issues[issues["action"].isin([Action.REJECTED, Action.WARNING])].copy()
    to_fix.insert(0, "unit_id", to_fix["file"].map(unit_of_file(data)).fillna("(chưa rõ)"))
    return to_fix.sort_values(["unit_id", "file", "sheet", "row"], kind="stable")


def issues_for_units(data: PeriodAnalysis) -> HTML:
    table = issues_by_unit(data)[["unit_id", "file", "sheet", "row", "column", "value", "problem", "action"]]
    return show_table(table, caption="Danh sách gửi lại đơn vị: dòng cần sửa hoặc kiểm tra", max_rows=150,
                      note_more=" (đầy đủ trong data_issues.csv)")


def issue_counts(data: PeriodAnalysis) -> HTML:
    issues = data.campaign.issues
    counts = issues.groupby("action").size().rename("Số phát hiện").reset_index()
    return show_table(counts.rename(columns={"action": "Cách xử lý"}), caption="Số phát hiện theo cách xử lý")


def plan_checks(data: PeriodAnalysis) -> HTML:
    return show_table(data.tables["plan_checks"][["severity", "where", "quote", "finding"]],
                      caption="Những điểm cần xem lại trong chính kế hoạch")


# --- schedule ------------------------------------------------------------------------------

def _schedule(data: PeriodAnalysis) -> pd.DataFrame:
    return data.tables["schedule"]


def key_dates(data: PeriodAnalysis) -> HTML:
    table = _schedule(data)
    plan_rows = table[~table["kind"].isin(["registration", "weekly_report_due"])]
    return show_table(plan_rows[["start", "end", "time", "label", "program_id", "flags"]],
                      caption="Các mốc của kế hoạch", max_rows=80)


def next_deadlines(data: PeriodAnalysis) -> HTML:
    table = _schedule(data)
    deadlines = table[table["kind"].isin(["report_due", "weekly_report_due", "award_due"])]
    upcoming = deadlines[pd.to_datetime(deadlines["start"]) > pd.Timestamp(data.as_of)]
    return show_table(upcoming[["start", "time", "label"]].head(NEXT_DEADLINES),
                      caption=f"Các hạn sắp tới sau ngày {format_date(data.as_of)}")


def schedule_flags(data: PeriodAnalysis) -> HTML:
    table = _schedule(data)
    flagged = table[(table["kind"] == "registration") & (table["flags"].fillna("") != "")]
    return show_table(flagged[["start", "end", "unit_id", "label", "commune", "flags"]],
                      caption="Đăng ký cần xem lại (ngoài thời gian, trùng lịch, quá tải)", max_rows=80)


def gantt(data: PeriodAnalysis) -> HTML:
    return figure_html(gantt_chart(_schedule(data)),
                       "Lịch chiến dịch: thời gian các chương trình, hoạt động đăng ký theo đơn vị, ngày cao điểm và hạn báo cáo")


def daily_load(data: PeriodAnalysis) -> HTML:
    return figure_html(daily_load_heatmap(_schedule(data)), "Số hoạt động đăng ký theo từng ngày")


def focus_registrations(data: PeriodAnalysis) -> HTML:
    table = schedule.focus_commune_registrations(data.plan, data.registrations)
    return show_table(table, caption="Đăng ký tại 4 xã trọng điểm theo chuỗi hoạt động")


def public_holidays(data: PeriodAnalysis) -> HTML:
    table = schedule.holidays_in_campaign(data.plan)
    return show_table(table, caption="Ngày lễ trong thời gian chiến dịch")


# --- workload ------------------------------------------------------------------------------

def _done_columns(data: PeriodAnalysis) -> list[str]:
    return [f"done_{i}" for i in data.plan.indicator_ids()]


def unit_workload(data: PeriodAnalysis) -> HTML:
    table = data.tables["workload_unit"]
    columns = ["unit_id", "unit_name", "planned_activities", "done_activities", *_done_columns(data), "funds"]
    return show_table(table[columns], data.plan, caption="Khối lượng theo đơn vị (đăng ký và đã thực hiện)",
                      max_rows=80)


def commune_workload(data: PeriodAnalysis) -> HTML:
    table = data.tables["workload_commune"]
    columns = ["commune", "district", "focus_commune", "planned_activities", "done_activities", "units",
               *_done_columns(data)]
    return show_table(table[[c for c in columns if c in table]], data.plan, caption="Khối lượng theo xã/phường")


def focus_coverage(data: PeriodAnalysis) -> HTML:
    return show_table(data.extra["focus_coverage"], caption="Độ phủ 4 xã trọng điểm theo chuỗi hoạt động")


def inactive_units(data: PeriodAnalysis) -> HTML:
    start = period_start(data.plan, data.period)
    table = workload.inactive_units(data.campaign.units, data.registrations, data.activities, start, data.as_of)
    return show_table(table[["unit_id", "name", "reason"]] if "name" in table else table,
                      caption="Đơn vị chưa đăng ký, chưa báo cáo hoặc chưa có hoạt động")


def unit_commune_chart(data: PeriodAnalysis) -> HTML:
    return figure_html(unit_commune_heatmap(data.extra["unit_commune_matrix"]),
                       "Số hoạt động theo đơn vị và xã/phường")


def unit_chart(data: PeriodAnalysis) -> HTML:
    return figure_html(unit_bars(data.tables["workload_unit"]), "Hoạt động đăng ký và đã thực hiện theo đơn vị")


def assignments(data: PeriodAnalysis) -> HTML:
    table = data.extra["assignments"]
    return show_table(table[["program_id", "role", "unit_name", "task", "registered", "reported", "status"]],
                      caption="Theo dõi nhiệm vụ được giao trong kế hoạch", max_rows=100)


# --- indicators ----------------------------------------------------------------------------

def pace_model(data: PeriodAnalysis) -> HTML:
    return paragraph(f"{indicators.pace_sentence(data.plan)} {indicators.pace_detail(data.plan, data.as_of)}")


def indicator_table(data: PeriodAnalysis) -> HTML:
    table = data.tables["indicator_status"].copy()
    table["status"] = table["status"].map(indicators.STATUS_LABELS)
    columns = ["indicator_id", "name", "unit", "target", "actual", "expected_by_as_of", "percent_of_target",
               "status", "forecast_end", "weekly_rate_needed"]
    return show_table(table[columns], caption=f"Chỉ tiêu trọng tâm — số liệu đến {format_date(data.as_of)}")


def indicator_chart(data: PeriodAnalysis) -> HTML:
    return figure_html(indicator_bars(data.tables["indicator_status"]),
                       "Phần trăm chỉ tiêu đã đạt; vạch đánh dấu mức cần đạt theo tiến độ")


def behind(data: PeriodAnalysis) -> HTML:
    return bullet_list(data.extra["behind"]["sentence"], empty="Không có chỉ tiêu nào chậm so với tiến độ.")


def contributions(data: PeriodAnalysis, by: str = "unit_id") -> HTML:
    table = indicators.indicator_contributions(data.plan, data.activities, by=by)
    label = "đơn vị" if by == "unit_id" else "xã/phường"
    return show_table(table, data.plan, caption=f"Đóng góp vào chỉ tiêu theo {label}", max_rows=80)


# --- reporting -----------------------------------------------------------------------------

def reporting_rules(data: PeriodAnalysis) -> HTML:
    return bullet_list(reporting.RULE_SENTENCES)


def compliance_matrix(data: PeriodAnalysis) -> HTML:
    table = data.tables["reporting"]
    matrix = table.pivot(index=["unit_id", "unit_name"], columns="report_id", values="status_label")
    order = list(dict.fromkeys(table.sort_values("due")["report_id"]))
    return show_table(matrix[order].reset_index(), caption="Chấp hành chế độ báo cáo (theo từng báo cáo đến hạn)",
                      max_rows=80)


def compliance_summary(data: PeriodAnalysis) -> HTML:
    table = data.extra["compliance_by_unit"].rename(columns={
        reporting.ON_TIME: "Đúng hạn", reporting.LATE: "Trễ hạn", reporting.MISSING: "Chưa gửi",
        reporting.UNDATED: "Không rõ ngày"})
    return show_table(table, caption="Số báo cáo đúng hạn, trễ, chưa gửi theo đơn vị", max_rows=80)


def late_reports(data: PeriodAnalysis) -> HTML:
    table = data.tables["reporting"]
    late = table[table["status"] == reporting.LATE].sort_values("late_hours", ascending=False)
    return show_table(late[["unit_name", "report_name", "due", "sent_at", "late_by"]],
                      caption="Báo cáo gửi trễ", max_rows=60)


def reminders(data: PeriodAnalysis) -> HTML:
    return show_table(data.extra["reminders"][["unit_name", "missing_count", "missing", "since"]],
                      caption="Danh sách nhắc nhở (chỉ tên đơn vị)", max_rows=80)


# --- the period report ---------------------------------------------------------------------

def headline(data: PeriodAnalysis) -> HTML:
    status = data.tables["indicator_status"]
    counts = status["status"].value_counts()
    summary = data.campaign.summary.iloc[0]
    units = data.campaign.units
    active = data.activities["unit_id"].nunique()
    return key_figures([
        ("Ngày chốt số liệu", format_date(data.as_of), data.period.id),
        ("Hoạt động đã tổ chức", format_number(len(data.activities)), f"{active}/{len(units)} đơn vị có hoạt động"),
        ("Chỉ tiêu đạt", f"{counts.get('met', 0)}/{len(status)}",
         f"đúng tiến độ {counts.get('on_track', 0)}, chậm {counts.get('behind', 0)}, chưa có số liệu {counts.get('no_data', 0)}"),
        ("Lượt ĐVTN tham gia", format_number(status.set_index("indicator_id")["actual"].get("CT01", 0)),
         "chỉ tiêu " + format_number(status.set_index("indicator_id")["target"].get("CT01", 0))),
        ("Dòng dữ liệu bị loại", format_number(int(summary[REJECTED])), f"trên {format_number(int(summary['rows_read']))} dòng đã đọc"),
    ])


def missing_units(data: PeriodAnalysis) -> HTML:
    names = units_missing(data)
    late = data.extra["reminders"]
    lines = [f"Chưa gửi báo cáo nào: {', '.join(names)}." if names else "Đơn vị nào cũng đã gửi ít nhất một báo cáo."]
    lines += [f"{r.unit_name}: còn thiếu {r.missing_count} báo cáo, từ hạn {format_date(r.since)}"
              for r in late.head(10).itertuples()]
    return bullet_list(lines)

