"""The period report as a Word document (`bao_cao_<kỳ>.docx`), in the format of the Đoàn's documents.

Rendered with docxtpl from a real `.docx` template that the office edits in Word (the letterhead,
the recipients, the wording): the plan file names it (`reporting.word_template`, a path relative
to the plan file; the kit's `data/templates/bao-cao-doan-khoi.docx` when the plan names none).
Every figure comes from the period's analyses and is only formatted here; the parts only people
write (assessment, strengths, limits, next steps) are highlighted placeholders in the template.
The final report of the campaign (the last phase report) carries the phụ lục số liệu tables.

Any plan reads right: the participation column and sentence are named as the plan names its
participation indicator, and both it and the district column go when the plan has no such
indicator or its map no districts — a column whose header tag (`{{ people_header }}`,
`{{ district_header }}`) the kit leaves blank, and every cell under it blank, is taken out of its
table after rendering, its width given back to the other columns.

A template that is missing, is not a .docx, or has a broken or unknown tag stops the run with one
Vietnamese line naming the file and what to do (`InputError`); nothing is written then.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import jinja2
import pandas as pd
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml.etree import XMLSyntaxError

from ..analyses.compliance import LATE, MISSING, ON_TIME
from ..analyses.indicators import STATUS_LABELS as INDICATOR_STATUS_LABELS
from ..analyses.period import PeriodAnalysis
from ..analyses.workload import TOTAL_ID
from ..errors import InputError
from ..paths import DEFAULT_WORD_TEMPLATE
from ..plan.periods import phase_periods
from ..plan.schema import Plan
from ..text import format_date
from .html import cell_text
from .labels import due_text
from .privacy import redact

PLAN_KEY = "reporting.word_template"
# every name the template may use: the keys of `report_context` (tests/test_word_report.py checks)
CONTEXT_KEYS = frozenset({
    "subject", "campaign", "organiser", "period_label", "as_of", "place", "year", "indicators", "indicators_met",
    "indicators_count", "programs", "programs_total", "focus", "participation", "reported_count", "reported_names",
    "unreported_count", "unreported_names", "compliance", "appendix", "appendix_indicators", "appendix_units",
    "appendix_communes", "appendix_compliance", "district_header", "people_header",
})
DISTRICT_HEADER = "Quận/Huyện"


def word_report_name(period_id: str) -> str:
    """bao_cao_dot1.docx (data contract, section 2)."""
    return f"bao_cao_{period_id}.docx"


def template_path(plan: Plan, plan_path: str | Path) -> Path:
    """The template the plan names (relative to the plan file), or the kit's own."""
    named = plan.reporting.word_template
    if not named:
        return DEFAULT_WORD_TEMPLATE
    path = Path(named)
    return path if path.is_absolute() else (Path(plan_path).resolve().parent / path).resolve()


def _where(path: Path) -> str:
    return f"mẫu báo cáo Word {path} (khoá '{PLAN_KEY}' của tệp kế hoạch)"


def _environment() -> jinja2.Environment:
    # a tag the kit does not fill is an error, not a silent blank in a report sent to the Thành đoàn
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def open_template(path: str | Path) -> DocxTemplate:
    """The template, read and its tags checked, or InputError saying what is wrong with it."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"Không tìm thấy {_where(path)}: hãy đặt lại tệp mẫu hoặc sửa đường dẫn trong tệp kế hoạch.")
    template = DocxTemplate(path)
    try:
        template.init_docx()
        unknown = sorted(template.get_undeclared_template_variables(jinja_env=_environment()) - CONTEXT_KEYS)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, XMLSyntaxError, ValueError) as error:
        raise InputError(f"Không mở được {_where(path)}: tệp hỏng hoặc không phải tệp Word .docx "
                         f"({type(error).__name__}). Hãy mở bằng Word, lưu lại dạng .docx rồi chạy lại.") from error
    except jinja2.TemplateSyntaxError as error:
        raise InputError(f"Thẻ số liệu trong {_where(path)} viết sai: {error.message}. Hãy sửa thẻ "
                         "{{ … }} hoặc {% … %} trong Word cho đúng như mẫu gốc.") from error
    if unknown:
        raise InputError(f"Trong {_where(path)} có thẻ số liệu bộ công cụ không biết: {', '.join(unknown)}. Hãy sửa "
                         f"các thẻ đó trong Word; các thẻ dùng được: {', '.join(sorted(CONTEXT_KEYS))}.")
    return template


def check_template(plan: Plan, plan_path: str | Path) -> Path:
    """The plan's template, checked before anything runs; its path."""
    path = template_path(plan, plan_path)
    open_template(path)
    return path


# --- the context: every value formatted, nothing computed ----------------------------------

def _text(value) -> str:
    """A value as the report shows it; only text can carry a phone number: figures are formatted,
    never redacted."""
    value = value.item() if hasattr(value, "item") else value
    return redact(value) if isinstance(value, str) else cell_text(value)


def short_label(analysis: PeriodAnalysis) -> str:
    """'Đợt 1', 'Tổng kết', 'Tuần 3': the period's label without its date."""
    return analysis.period.label.split(" (")[0]


def is_final(analysis: PeriodAnalysis) -> bool:
    """The last phase report of the plan: the one that carries the phụ lục số liệu."""
    phases = phase_periods(analysis.plan)
    return analysis.period.kind == "phase" and bool(phases) and analysis.period.id == phases[-1].id


def _indicators(status: pd.DataFrame, appendix: bool = False) -> list[dict]:
    rows = []
    for number, row in enumerate(status.to_dict("records"), start=1):
        shown = {"stt": str(number), "name": _text(row["name"]), "unit": _text(row["unit"]),
                 "target": _text(row["target"]), "actual": _text(row["actual"]),
                 "percent": _text(row["percent_of_target"]),
                 "status": INDICATOR_STATUS_LABELS.get(row["status"], _text(row["status"]))}
        if appendix:
            shown.update(expected=_text(row["expected_by_as_of"]), forecast=_text(row["forecast_end"]))
        rows.append(shown)
    return rows


def _people(row: dict, column: str | None) -> str:
    """The participations of a row: the plan's participation indicator's column ('' without one)."""
    return _text(row[column]) if column and column in row else ""


def _program_row(row: dict, people: str | None) -> dict:
    return {"program_id": _text(row["program_id"]), "name": _text(row["program_name"]),
            "planned": _text(row["planned_activities"]), "done": _text(row["done_activities"]),
            "units": _text(row["units"]), "participations": _people(row, people)}


def _commune_row(number: int | str, row: dict, people: str | None) -> dict:
    return {"stt": str(number), "commune": _text(row["commune"]), "district": _text(row["district"]),
            "done": _text(row["done_activities"]), "units": _text(row["units"]),
            "participations": _people(row, people)}


def _people_column(analysis: PeriodAnalysis) -> str | None:
    participation = analysis.plan.participation_indicator()
    return f"done_{participation.id}" if participation else None


def _numbered(rows: list[dict], total_label: str, key: str) -> list[tuple[str, dict]]:
    """(STT, row) pairs; the totals row has no number."""
    numbered, number = [], 0
    for row in rows:
        if row[key] == total_label:
            numbered.append(("", row))
        else:
            number += 1
            numbered.append((str(number), row))
    return numbered


def _appendix(analysis: PeriodAnalysis) -> dict:
    people = _people_column(analysis)
    units = [{"stt": stt, "unit_id": "" if row["unit_id"] == TOTAL_ID else _text(row["unit_id"]),
              "name": _text(row["unit_name"]), "planned": _text(row["planned_activities"]),
              "done": _text(row["done_activities"]), "participations": _people(row, people),
              "funds": _text(row["funds"])}
             for stt, row in _numbered(analysis.workload_unit.to_dict("records"), TOTAL_ID, "unit_id")]
    communes = [_commune_row(stt, row, people) for stt, row in
                _numbered(analysis.workload_commune.to_dict("records"), "Tổng cộng", "commune")]
    compliance = [{"stt": str(n), "name": _text(row["unit_name"]), "on_time": _text(row[ON_TIME]),
                   "late": _text(row[LATE]), "missing": _text(row[MISSING])}
                  for n, row in enumerate(analysis.compliance_by_unit.to_dict("records"), start=1)]
    return {"appendix_indicators": _indicators(analysis.indicator_status, appendix=True),
            "appendix_units": units, "appendix_communes": communes, "appendix_compliance": compliance}


def report_context(analysis: PeriodAnalysis) -> dict:
    """Every value the template shows, formatted the Vietnamese way, from the period's tables."""
    plan = analysis.plan
    label = short_label(analysis)
    headline = analysis.headline.set_index("figure")
    status = analysis.indicator_status
    people = _people_column(analysis)
    participation = plan.participation_indicator()
    participations = (status[status["indicator_id"] == participation.id].to_dict("records")
                      if participation else [])
    programs = analysis.activities_by_program.to_dict("records")
    focus = analysis.workload_commune[analysis.workload_commune["focus_commune"].fillna(False).astype(bool)]
    reporting = analysis.units_reporting
    reported, unreported = reporting[reporting["sent_report"]], reporting[~reporting["sent_report"]]
    context = {
        "subject": f"Kết quả {label[:1].lower()}{label[1:]} Chiến dịch tình nguyện “{plan.campaign.name}”",
        "campaign": plan.campaign.name,
        "organiser": plan.campaign.organiser,
        "period_label": f"{label[:1].lower()}{label[1:]}",
        "as_of": format_date(analysis.as_of),
        "place": plan.campaign.province,
        "year": str(analysis.as_of.year),
        "indicators": _indicators(status),
        "indicators_met": _text(headline.at["indicators_met", "value"]),
        "indicators_count": _text(headline.at["indicators_met", "out_of"]),
        "programs": [_program_row(r, people) for r in programs if r["program_id"] != TOTAL_ID],
        "programs_total": next((_program_row(r, people) for r in programs if r["program_id"] == TOTAL_ID), {}),
        "focus": [_commune_row("", r, people) for r in focus.to_dict("records")],
        "district_header": DISTRICT_HEADER if plan.campaign.has_districts else "",
        "people_header": participation.name if participation else "",
        "participation": {
            "name": participation.name if participation else "",
            "unit": participation.unit if participation else "",
            "activities": _text(headline.at["activities", "value"]),
            "participations": (_text(headline.at["participations", "value"])
                               if "participations" in headline.index else ""),
            "target": _text(participations[0]["target"]) if participations else "",
            "percent": _text(participations[0]["percent_of_target"]) if participations else "",
            "active_note": _text(headline.at["activities", "note"]),
        },
        "reported_count": str(len(reported)),
        "reported_names": "; ".join(_text(n) for n in reported["unit_name"]) or "không có",
        "unreported_count": str(len(unreported)),
        "unreported_names": "; ".join(_text(n) for n in unreported["unit_name"]) or "không có",
        "compliance": [{"report_name": _text(r["report_name"]), "due": due_text(r["due"]), "on_time": _text(r[ON_TIME]),
                        "late": _text(r[LATE]), "missing": _text(r[MISSING]), "units": _text(r["units"])}
                       for r in analysis.compliance_by_report.to_dict("records")],
        "appendix": is_final(analysis),
    }
    if context["appendix"]:
        context.update(_appendix(analysis))
    else:
        context.update(appendix_indicators=[], appendix_units=[], appendix_communes=[], appendix_compliance=[])
    return context


# --- columns the plan has nothing for -----------------------------------------------------

def _cells(row) -> list:
    return row.findall(qn("w:tc"))


def _blank(cell) -> bool:
    return not "".join(t.text or "" for t in cell.iter(qn("w:t"))).strip()


def _uniform(table, width: int) -> bool:
    """Every row has one cell per grid column, none merged: a column can be taken out cleanly."""
    rows = table._tbl.findall(qn("w:tr"))
    spans = table._tbl.findall(f".//{qn('w:gridSpan')}") + table._tbl.findall(f".//{qn('w:vMerge')}")
    return len(rows) >= 2 and not spans and all(len(_cells(r)) == width for r in rows)


def drop_blank_columns(table) -> None:
    """Take out every column whose header cell and every other cell are blank, keeping the table's width."""
    grid = table._tbl.tblGrid
    columns = grid.findall(qn("w:gridCol"))
    if not _uniform(table, len(columns)):
        return
    rows = table._tbl.findall(qn("w:tr"))
    blank = [j for j in range(len(columns)) if all(_blank(_cells(r)[j]) for r in rows)]
    if not blank or len(blank) == len(columns):
        return
    widths = [int(c.get(qn("w:w")) or 0) for c in columns]
    kept = sum(w for j, w in enumerate(widths) if j not in blank)
    scale = sum(widths) / kept if kept else 1.0
    for row in rows:
        cells = _cells(row)
        for j in reversed(blank):
            row.remove(cells[j])
        for cell in _cells(row):
            width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if width is not None and width.get(qn("w:type")) in (None, "dxa"):
                width.set(qn("w:w"), str(round(int(width.get(qn("w:w"))) * scale)))
    for j in reversed(blank):
        grid.remove(columns[j])
    for column in grid.findall(qn("w:gridCol")):
        column.set(qn("w:w"), str(round(int(column.get(qn("w:w")) or 0) * scale)))


def write_word_report(analysis: PeriodAnalysis, template: str | Path, path: str | Path) -> Path:
    """Render the template with the period's figures into `path` (written aside, then renamed)."""
    path = Path(path)
    document = open_template(template)
    try:
        document.render(report_context(analysis), jinja_env=_environment())
    except jinja2.UndefinedError as error:
        raise InputError(f"Trong {_where(Path(template))} có thẻ số liệu bộ công cụ không biết ({error.message}): "
                         "hãy sửa thẻ đó trong Word cho đúng như mẫu gốc.") from error
    except jinja2.TemplateError as error:
        raise InputError(f"Thẻ số liệu trong {_where(Path(template))} viết sai: {error}. "
                         "Hãy sửa trong Word.") from error
    for table in document.tables:
        drop_blank_columns(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    document.save(partial)
    partial.replace(path)
    return path
