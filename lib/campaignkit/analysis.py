"""One reporting period's analyses, computed once: the tables of the contract's section 2
and the few derived tables the reports show beside them."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import indicators, plan_checks, reporting, schedule, workload
from .clean import Campaign
from .periods import Period, activities_as_of, registrations_as_of, reports_as_of

CONTRACT_TABLES = ("indicator_status", "workload_unit", "workload_commune", "schedule", "reporting",
                   "data_issues", "plan_checks", "ingest_summary")


@dataclass
class PeriodAnalysis:
    campaign: Campaign
    period: Period
    activities: pd.DataFrame          # counted once, as of the period's date
    registrations: pd.DataFrame       # known by the period's date
    tables: dict[str, pd.DataFrame]   # the contract's tables, by name (file name without .csv)
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def plan(self):
        return self.campaign.plan

    @property
    def as_of(self):
        return self.period.as_of


def analyse_period(campaign: Campaign, period: Period) -> PeriodAnalysis:
    plan, as_of = campaign.plan, period.as_of
    activities = activities_as_of(campaign, as_of)
    registrations = registrations_as_of(campaign, as_of)
    sent_reports = reports_as_of(campaign.reports, as_of)
    status = indicators.indicator_status(plan, activities, as_of)
    compliance = reporting.reporting_compliance(plan, campaign.units, campaign.reports, campaign.registrations, as_of)
    tables = {
        "indicator_status": status,
        "workload_unit": workload.workload_by_unit(plan, campaign.units, registrations, activities),
        "workload_commune": workload.workload_by_commune(plan, registrations, activities),
        "schedule": schedule.build_schedule(plan, registrations, as_of=as_of),
        "reporting": compliance,
        "data_issues": campaign.issues,
        "plan_checks": plan_checks.check_plan(plan),
        "ingest_summary": campaign.summary,
    }
    extra = {
        "reminders": reporting.reminders(compliance),
        "compliance_by_unit": reporting.compliance_by_unit(compliance),
        "behind": indicators.behind_summary(status),
        "unit_commune_matrix": workload.unit_commune_matrix(activities),
        "focus_coverage": workload.focus_coverage(plan, activities),
        "assignments": workload.assignment_tracking(plan, campaign.units, registrations, activities),
        "sent_reports": sent_reports,
    }
    return PeriodAnalysis(campaign, period, activities, registrations, tables, extra)
