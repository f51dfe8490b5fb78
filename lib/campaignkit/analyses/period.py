"""One reporting period's analyses, computed once by `analyse_period`: every table a reader sees.

`PeriodAnalysis` is the one hand-off from the analyses to the reports: one typed field per
table. The renderers only format these tables; each table is written as a CSV of the period's
`tables/` folder and as a sheet of its appendix (`PeriodAnalysis.tables()`), the eight tables
of the data contract first under their fixed names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

import pandas as pd

from ..intake.places import check_plan_places
from ..intake.tables import CampaignTables
from ..plan.checks import check_plan
from ..plan.periods import Period, period_start
from ..plan.schema import Plan
from . import assignments, compliance, data_quality, feedback, indicators, schedule, workload
from .accounting import period_accounting
from .as_of import activities_as_of, registrations_as_of, reports_as_of
from .headline import headline

CONTRACT_TABLES = ("indicator_status", "workload_unit", "workload_commune", "schedule", "reporting",
                   "data_issues", "plan_checks", "ingest_summary")
_TABLE = {"table": True}


def _table(**kwargs):
    return field(metadata=_TABLE, **kwargs)


@dataclass
class PeriodAnalysis:
    """Every table of one period, as of its date. The row-level inputs come first (not tables)."""

    campaign: CampaignTables          # the clean tables the analyses read
    period: Period
    activities: pd.DataFrame          # counted once, as of the period's date
    registrations: pd.DataFrame       # known by the period's date
    pace_text: str                    # the pace model in words, with the figures at the as-of date
    reporting_rules: list[str]        # how a report is recognised as sent, on time, late (the plan's cycle)

    # -- the tables of the data contract (section 2), under their fixed names -------------
    indicator_status: pd.DataFrame = _table()
    workload_unit: pd.DataFrame = _table()
    workload_commune: pd.DataFrame = _table()
    schedule: pd.DataFrame = _table()
    reporting: pd.DataFrame = _table()          # reporting compliance, one row per unit and report
    data_issues: pd.DataFrame = _table()
    plan_checks: pd.DataFrame = _table()
    ingest_summary: pd.DataFrame = _table()     # per source, what this period rests on (accounting)

    # -- the other tables the reports show ------------------------------------------------
    headline: pd.DataFrame = _table()
    behind: pd.DataFrame = _table()                      # indicators behind the pace
    contributions_unit: pd.DataFrame = _table()          # indicators per unit
    contributions_commune: pd.DataFrame = _table()       # indicators per commune
    focus_coverage: pd.DataFrame = _table()              # focus communes × phases: what was done
    focus_registrations: pd.DataFrame = _table()         # focus communes × phases: what is registered
    unit_commune_matrix: pd.DataFrame = _table()         # units × communes, activities held
    inactive_units: pd.DataFrame = _table()
    assignments: pd.DataFrame = _table()
    plan_dates: pd.DataFrame = _table()
    upcoming_deadlines: pd.DataFrame = _table()
    flagged_registrations: pd.DataFrame = _table()
    public_holidays: pd.DataFrame = _table()
    compliance_by_unit: pd.DataFrame = _table()
    compliance_matrix: pd.DataFrame = _table()
    late_reports: pd.DataFrame = _table()
    reminders: pd.DataFrame = _table()
    units_without_report: pd.DataFrame = _table()
    unread_files: pd.DataFrame = _table()
    rejected_rows: pd.DataFrame = _table()
    issues_by_unit: pd.DataFrame = _table()
    issue_counts: pd.DataFrame = _table()
    activities_by_program: pd.DataFrame = _table()       # programs of the plan, then 'Tổng cộng'
    compliance_by_report: pd.DataFrame = _table()        # per required report: units on time, late, missing
    units_reporting: pd.DataFrame = _table()             # every unit: has it sent any report row
    feedback_summary: pd.DataFrame = _table()            # per unit with findings: how many of each
    feedback_issues: pd.DataFrame = _table()             # per unit: data problems and what to do
    feedback_reports: pd.DataFrame = _table()            # per unit: reports missing or late
    feedback_registrations: pd.DataFrame = _table()      # per unit: registered activities not reported

    @property
    def plan(self) -> Plan:
        return self.campaign.plan

    @property
    def as_of(self) -> dt.date:
        return self.period.as_of

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by its file name (without .csv), the contract's first, in field order."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("table")}


def plan_findings(plan, units: pd.DataFrame | None = None) -> pd.DataFrame:
    """The plan checks (`plan.checks`), its communes checked against its map, a sector's tasks
    counted per unit when the unit registry is given: what `check-plan` prints and the data
    check report shows."""
    sectors = dict(zip(units["unit_id"], units["sector"])) if units is not None else None
    return check_plan(plan, check_plan_places(plan), sectors)


def analyse_period(tables: CampaignTables, period: Period) -> PeriodAnalysis:
    """Every analysis of `period`, from the clean tables, in one pass."""
    plan, as_of = tables.plan, period.as_of
    activities = activities_as_of(tables, as_of)
    registrations = registrations_as_of(tables, as_of)
    status = indicators.indicator_status(plan, activities, as_of)
    reporting = compliance.reporting_compliance(plan, tables.units, tables.reports, tables.registrations, as_of)
    calendar = schedule.build_schedule(plan, registrations, as_of=as_of)
    matrix = workload.unit_commune_matrix(activities)
    sent_reports = reports_as_of(tables.reports, as_of)
    by_unit = data_quality.issues_by_unit(tables)
    to_fix = feedback.issues_to_fix(plan, tables.units, by_unit)
    to_send = feedback.reports_to_send(reporting)
    unreported = feedback.unreported_registrations(tables.units, registrations, activities, as_of)
    return PeriodAnalysis(
        campaign=tables, period=period, activities=activities, registrations=registrations,
        pace_text=f"{indicators.pace_sentence(plan)} {indicators.pace_detail(plan, as_of)}",
        reporting_rules=compliance.rule_sentences(plan),
        indicator_status=status,
        workload_unit=workload.workload_by_unit(plan, tables.units, registrations, activities),
        workload_commune=workload.workload_by_commune(plan, registrations, activities),
        schedule=calendar,
        reporting=reporting,
        data_issues=tables.issues,
        plan_checks=plan_findings(plan, tables.units),
        ingest_summary=period_accounting(tables, as_of, activities, registrations),
        headline=headline(tables, period, activities, status),
        behind=indicators.behind_summary(status),
        contributions_unit=indicators.indicator_contributions(plan, activities, by="unit_id"),
        contributions_commune=indicators.indicator_contributions(plan, activities, by="commune"),
        focus_coverage=workload.focus_coverage(plan, activities),
        focus_registrations=schedule.focus_commune_registrations(plan, registrations),
        unit_commune_matrix=matrix.reset_index(),
        inactive_units=workload.inactive_units(tables.units, registrations, activities,
                                               period_start(plan, period), as_of),
        assignments=assignments.assignment_tracking(plan, tables.units, registrations, activities),
        plan_dates=schedule.plan_dates(calendar),
        upcoming_deadlines=schedule.upcoming_deadlines(calendar, as_of),
        flagged_registrations=schedule.flagged_registrations(calendar),
        public_holidays=schedule.holidays_in_campaign(plan),
        compliance_by_unit=compliance.compliance_by_unit(reporting),
        compliance_matrix=compliance.compliance_matrix(reporting),
        late_reports=compliance.late_reports(reporting),
        reminders=compliance.reminders(reporting),
        units_without_report=data_quality.units_without_report(tables.units, sent_reports),
        unread_files=data_quality.unread_files(tables),
        rejected_rows=data_quality.rejected_rows(tables.issues),
        issues_by_unit=by_unit,
        issue_counts=data_quality.issue_counts(tables.issues),
        activities_by_program=workload.workload_by_program(plan, registrations, activities),
        compliance_by_report=compliance.compliance_by_report(reporting),
        units_reporting=data_quality.units_reporting(tables.units, sent_reports),
        feedback_summary=feedback.feedback_summary(tables.units, to_fix, to_send, unreported),
        feedback_issues=to_fix,
        feedback_reports=to_send,
        feedback_registrations=unreported,
    )
