"""The sections of the notebooks: each function takes a period's analyses and returns what the
notebook displays (escaped HTML tables, embedded charts). Every figure comes from a table of
the `PeriodAnalysis`; these functions only choose, label and format. Notebooks hold only calls
to these.

Each thing is said once: the stamp under the H1 (period, cut-off, files read, units without a
report, the last two as links to where they are listed), the units by their short name in the
tables with their full names once in the legend at the end (`sources`), the files read listed
there too (on screen only, not printed).
"""

from __future__ import annotations

import html

from IPython.display import HTML

from ..analyses import PeriodAnalysis
from ..analyses.compliance import LATE, MISSING, ON_TIME, UNDATED
from ..errors import UsageError
from ..text import format_date, format_number
from .charts.indicators import indicator_bars
from .charts.schedule import daily_load_heatmap, gantt_chart
from .charts.workload import bounded_matrix, commune_map, unit_bars, unit_commune_heatmap
from .html import bullet_list, figure_html, key_figures, paragraph, short_units, show_table, styled, table_html
from .html import unit_names as _unit_names
from .labels import period_labels, report_labels

MISSING_ANCHOR = "don-vi-chua-bao-cao"
FILES_ANCHOR = "tep-da-doc"
LEGEND_ANCHOR = "ten-don-vi"

# --- the stamp on every page ---------------------------------------------------------------


def files_read(data: PeriodAnalysis) -> list[str]:
    return data.campaign.files["file"].tolist()


def units_missing(data: PeriodAnalysis) -> list[str]:
    """Names of the units that have sent no report by the period's date."""
    return data.units_without_report["name"].tolist()


def period_name(data: PeriodAnalysis) -> str:
    """'Đợt 1', 'Tổng kết', 'Tuần 3'."""
    return period_labels(data.plan).get(data.period.id, data.period.label.split(" (")[0])


def stamp_values(data: PeriodAnalysis) -> dict:
    """For the export template: the running footer (period, cut-off) and the link to the index."""
    return {"as_of": data.as_of, "period": period_name(data), "files_read": files_read(data),
            "units_missing": units_missing(data), "index_href": "index.html"}


def stamp(data: PeriodAnalysis) -> HTML:
    """One line under the H1: period, cut-off, files read, units without a report (links)."""
    files, missing = files_read(data), units_missing(data)
    missing_text = (f"<a href=\"#{MISSING_ANCHOR}\">{len(missing)} đơn vị chưa gửi báo cáo nào</a>" if missing
                    else "đơn vị nào cũng đã gửi báo cáo")
    return styled(
        f"<div class=\"stamp\" data-period=\"{html.escape(period_name(data))}\"><p>"
        f"<strong>{html.escape(period_name(data))} · số liệu chốt đến hết ngày {format_date(data.as_of)}</strong>"
        f" · <a href=\"#{FILES_ANCHOR}\">đã đọc {format_number(len(files))} tệp</a> · {missing_text}</p></div>")


def _names(data: PeriodAnalysis) -> dict[str, str]:
    return _unit_names(data.workload_unit, data.campaign.units)


def _table(data: PeriodAnalysis, table, caption: str | None = None, **options) -> HTML:
    """A table with units by their short name (full name as tooltip and in the legend)."""
    return show_table(short_units(table, data.campaign.units), data.plan, caption, names=_names(data), **options)


def sources(data: PeriodAnalysis, missing: bool = True) -> HTML:
    """The end of every report: full names of the units (the legend of the short names), the units
    without any report (when `missing`; the period report lists them in its own section) and the
    files read (on screen only)."""
    units = data.campaign.units
    legend = "".join(f"<li><strong>{html.escape(str(i))}</strong> — {html.escape(str(n))}</li>"
                     for i, n in zip(units["unit_id"], units["name"]))
    parts = [f"<div id=\"{LEGEND_ANCHOR}\" class=\"ck-legend\"><p class=\"ck-caption\">Tên đầy đủ các đơn vị</p>"
             f"<ul class=\"ck-columns\">{legend}</ul></div>"]
    if missing:
        parts.append(_missing_block(data))
    files = "".join(f"<li>{html.escape(f)}</li>" for f in files_read(data))
    parts.append(f"<details id=\"{FILES_ANCHOR}\" class=\"ck-screen-only ck-files\"><summary>Các tệp đã đọc "
                 f"({format_number(len(files_read(data)))})</summary><ul class=\"ck-columns\">{files}</ul></details>")
    return styled("".join(parts))


def _missing_block(data: PeriodAnalysis) -> str:
    table = data.units_without_report
    if table.empty:
        return f"<p id=\"{MISSING_ANCHOR}\">Đơn vị nào cũng đã gửi ít nhất một báo cáo.</p>"
    counts = dict(zip(data.reminders["unit_id"], data.reminders["missing_count"]))
    rows = table.assign(missing_count=[counts.get(u, 0) for u in table["unit_id"]]).rename(
        columns={"name": "unit_name"})
    return (f"<div id=\"{MISSING_ANCHOR}\">" + table_html(rows, data.plan, "Đơn vị chưa gửi báo cáo nào đến ngày chốt",
                                                        max_rows=None) + "</div>")


# --- data check ----------------------------------------------------------------------------

def accounting(data: PeriodAnalysis) -> HTML:
    return _table(data, data.ingest_summary, "Mỗi dòng đơn vị gửi về đã đi đâu (kỳ này, chốt hết ngày "
                  f"{format_date(data.as_of)})")


def file_problems(data: PeriodAnalysis) -> HTML:
    return _table(data, data.unread_files, "Tệp và trang không đọc được")


def rejected_rows(data: PeriodAnalysis) -> HTML:
    return _table(data, data.rejected_rows, "Dòng bị loại và lý do", max_rows=100,
                  note_more=" (xem data_issues.csv)", interactive=True)


def issues_for_units(data: PeriodAnalysis) -> HTML:
    return _table(data, data.issues_by_unit, "Danh sách gửi lại đơn vị: dòng cần sửa hoặc kiểm tra",
                  max_rows=150, note_more=" (đầy đủ trong data_issues.csv)", interactive=True)


def issue_counts(data: PeriodAnalysis) -> HTML:
    return _table(data, data.issue_counts, "Số phát hiện theo cách xử lý")


def plan_checks(data: PeriodAnalysis) -> HTML:
    return _table(data, data.plan_checks[["severity", "section", "where", "quote", "finding"]],
                  "Những điểm cần xem lại trong chính kế hoạch")


# --- schedule ------------------------------------------------------------------------------

def key_dates(data: PeriodAnalysis) -> HTML:
    return _table(data, data.plan_dates, "Các mốc của kế hoạch", max_rows=80, interactive=True)


def next_deadlines(data: PeriodAnalysis) -> HTML:
    return _table(data, data.upcoming_deadlines, f"Các hạn sắp tới sau ngày {format_date(data.as_of)}")


def schedule_flags(data: PeriodAnalysis) -> HTML:
    return _table(data, data.flagged_registrations, "Đăng ký cần xem lại (ngoài thời gian, trùng lịch, quá tải)",
                  max_rows=80, interactive=True)


def gantt(data: PeriodAnalysis) -> HTML:
    rows = data.schedule[data.schedule["kind"].isin(["phase", "program"])][["start", "end", "label"]]
    return figure_html(gantt_chart(data.schedule), "Lịch chiến dịch: thời gian các chương trình, hoạt động đăng ký "
                       "theo đơn vị, ngày cao điểm và hạn báo cáo", table_html(rows, data.plan, max_rows=None))


def daily_load(data: PeriodAnalysis) -> HTML:
    return figure_html(daily_load_heatmap(data.schedule), "Số hoạt động đăng ký theo từng ngày")


def focus_registrations(data: PeriodAnalysis) -> HTML:
    count = len(data.plan.focus_communes)
    return _table(data, data.focus_registrations.drop(columns="phase_id", errors="ignore"),
                  f"Đăng ký tại {count} xã trọng điểm theo chuỗi hoạt động")


def public_holidays(data: PeriodAnalysis) -> HTML:
    return _table(data, data.public_holidays, "Ngày lễ trong thời gian chiến dịch")


# --- workload ------------------------------------------------------------------------------

def _done_columns(data: PeriodAnalysis) -> list[str]:
    return [f"done_{i}" for i in data.plan.indicator_ids()]


def unit_workload(data: PeriodAnalysis) -> HTML:
    columns = ["unit_id", "planned_activities", "done_activities", *_done_columns(data), "funds"]
    return _table(data, data.workload_unit[columns], "Khối lượng theo đơn vị (đăng ký và đã thực hiện)",
                  max_rows=None, interactive=True)


def _successor_columns(table) -> list[str]:
    """The 2025 commune or ward each commune became, where the campaign's map is the 2024 one."""
    column = "successor_commune"
    return [column] if column in table and table[column].fillna("").astype(str).str.strip().ne("").any() else []


def commune_workload(data: PeriodAnalysis) -> HTML:
    table = data.workload_commune
    columns = ["commune", "district", *_successor_columns(table), "focus_commune", "planned_activities",
               "done_activities", "units", *_done_columns(data)]
    return _table(data, table[[c for c in columns if c in table]], "Khối lượng theo xã/phường",
                  max_rows=None, interactive=True)


def focus_coverage(data: PeriodAnalysis) -> HTML:
    count = len(data.plan.focus_communes)
    return _table(data, data.focus_coverage.drop(columns="phase_id", errors="ignore"),
                  f"Độ phủ {count} xã trọng điểm theo chuỗi hoạt động")


def inactive_units(data: PeriodAnalysis) -> HTML:
    table = data.inactive_units.drop(columns=["kind", "cluster", "sector"], errors="ignore")
    return _table(data, table, "Đơn vị chưa đăng ký, chưa báo cáo hoặc chưa có hoạt động")


def unit_commune_chart(data: PeriodAnalysis) -> HTML:
    matrix = data.unit_commune_matrix.set_index("unit_id")
    shown = bounded_matrix(matrix).rename_axis("unit_id").reset_index()
    return figure_html(unit_commune_heatmap(matrix), "Số hoạt động theo đơn vị và xã/phường",
                       table_html(shown, data.plan, max_rows=None))


def commune_chart(data: PeriodAnalysis) -> HTML:
    table = data.workload_commune
    table = table[["commune", "district", *_successor_columns(table), "focus_commune", "done_activities"]]
    return figure_html(commune_map(data.workload_commune, data.plan),
                       "Bản đồ các xã/phường có hoạt động: cỡ điểm theo số hoạt động, xã trọng điểm đánh dấu sao",
                       table_html(table, data.plan, max_rows=None))


def unit_chart(data: PeriodAnalysis) -> HTML:
    table = data.workload_unit[["unit_id", "planned_activities", "done_activities"]]
    return figure_html(unit_bars(data.workload_unit), "Hoạt động đăng ký và đã thực hiện theo đơn vị",
                       table_html(table, data.plan, max_rows=None, names=_names(data)))


def assignments(data: PeriodAnalysis) -> HTML:
    columns = ["program_id", "role", "unit_id", "task", "registered", "reported", "status"]
    return _table(data, data.assignments[columns], "Theo dõi nhiệm vụ được giao trong kế hoạch", max_rows=100,
                  interactive=True)


# --- indicators ----------------------------------------------------------------------------

def pace_model(data: PeriodAnalysis) -> HTML:
    return paragraph(data.pace_text)


def indicator_table(data: PeriodAnalysis) -> HTML:
    columns = ["indicator_id", "name", "unit", "target", "actual", "expected_by_as_of", "percent_of_target",
               "status", "forecast_end", "weekly_rate_needed"]
    return _table(data, data.indicator_status[columns], f"Chỉ tiêu trọng tâm — số liệu đến {format_date(data.as_of)}")


def indicator_chart(data: PeriodAnalysis) -> HTML:
    table = data.indicator_status[["indicator_id", "name", "target", "actual", "expected_by_as_of",
                                   "percent_of_target", "status"]]
    return figure_html(indicator_bars(data.indicator_status),
                       "Phần trăm chỉ tiêu đã đạt; vạch đánh dấu mức cần đạt theo tiến độ",
                       table_html(table, data.plan, max_rows=None))


def behind(data: PeriodAnalysis) -> HTML:
    return bullet_list(data.behind["sentence"], empty="Không có chỉ tiêu nào chậm so với tiến độ.")


def contributions(data: PeriodAnalysis, by: str = "unit_id") -> HTML:
    if by not in ("unit_id", "commune"):
        raise UsageError(f"contributions(by=…) nhận 'unit_id' hoặc 'commune', không nhận {by!r}")
    table = data.contributions_unit if by == "unit_id" else data.contributions_commune
    label = "đơn vị" if by == "unit_id" else "xã/phường"
    return _table(data, table, f"Đóng góp vào chỉ tiêu theo {label}", max_rows=None, interactive=True)


# --- reporting -----------------------------------------------------------------------------

def reporting_rules(data: PeriodAnalysis) -> HTML:
    return bullet_list(data.reporting_rules)


def compliance_matrix(data: PeriodAnalysis) -> HTML:
    return _table(data, data.compliance_matrix, "Chấp hành chế độ báo cáo (theo từng báo cáo đến hạn)",
                  max_rows=None, interactive=True)


def compliance_summary(data: PeriodAnalysis) -> HTML:
    columns = [c for c in ("unit_id", ON_TIME, LATE, MISSING, UNDATED) if c in data.compliance_by_unit]
    return _table(data, data.compliance_by_unit[columns], "Số báo cáo đúng hạn, trễ, chưa gửi theo đơn vị",
                  max_rows=None, interactive=True)


def late_reports(data: PeriodAnalysis) -> HTML:
    return _table(data, data.late_reports, "Báo cáo gửi trễ", max_rows=None, interactive=True)


def _short_reports(text: str, names: dict[str, str]) -> str:
    """'Báo cáo tuần 1 (08/06/2024); Báo cáo kết quả triển khai đợt 1…' → 'Tuần 1, Đợt 1'."""
    return ", ".join(names.get(part.strip(), part.strip()) for part in str(text).split(";") if part.strip())


def reminders(data: PeriodAnalysis) -> HTML:
    short = report_labels(data.plan)
    reports = zip(data.reporting["report_id"], data.reporting["report_name"])
    names = {name: short.get(rid, name) for rid, name in reports}
    table = data.reminders[["unit_id", "missing_count", "missing", "since"]].copy()
    table["missing"] = table["missing"].map(lambda t: _short_reports(t, names))
    return _table(data, table, "Danh sách nhắc nhở", max_rows=None, interactive=True)


# --- the period report ---------------------------------------------------------------------

def _headline_value(row) -> str:
    if hasattr(row.value, "strftime"):
        return format_date(row.value)
    shown = format_number(row.value)
    return f"{shown}/{format_number(row.out_of)}" if row.out_of == row.out_of and row.out_of is not None else shown


def headline(data: PeriodAnalysis) -> HTML:
    """The headline cards; the cut-off is in the stamp already, not repeated here."""
    rows = data.headline[data.headline["figure"] != "as_of"]
    return key_figures([(row.label, _headline_value(row), row.note) for row in rows.itertuples()])


def missing_units(data: PeriodAnalysis) -> HTML:
    """The units without any report, each named once (the stamp links here)."""
    return styled(_missing_block(data))
