"""The plan as data: the pydantic schema of a campaign's plan file.

Everything specific to one campaign (dates, programs, units, targets, deadlines, the
abbreviations units use) lives in the plan file; nothing of a given year is written here.
Where the plan states a weekday or "the n-th Saturday" beside a date, the file records that
statement as written (`stated_weekday`, `stated_nth`), so that plan checks can compare them.
Load a plan with `campaignkit.plan.load_plan`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Role = Literal["host", "lead", "advise", "cooperate"]
KeyDayKind = Literal[
    "launch", "peak_day", "green_sunday", "volunteer_saturday", "host_day", "anniversary", "ceremony"
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatedFact(Model):
    """A date of the plan with its wording as written in the plan text."""

    date: dt.date
    time: dt.time | None = None
    statement: str = Field(description="the plan's own words for this date")
    stated_weekday: str | None = Field(None, description="weekday as written, e.g. 'thứ năm'")
    stated_nth: int | None = Field(
        None, description="'the n-th <stated_weekday> of the month' as written (tuần thứ 2 → 2)"
    )


class CampaignInfo(Model):
    """The campaign itself: name, organiser, province, window, peak month, forces."""

    name: str
    organiser: str
    province: str = Field(description="province or city the communes belong to, e.g. 'Cần Thơ'")
    start: dt.date
    end: dt.date
    peak_month: int = Field(ge=1, le=12)
    peak_month_statement: str
    expected_forces: str
    expected_volunteers: int = Field(ge=0)
    invited_forces: list[str] = []

    @model_validator(mode="after")
    def _window(self):
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Phase(Model):
    id: str
    name: str
    start: dt.date
    end: dt.date
    statement: str
    programs: list[str] = Field(description="program ids the chain lists, in its order")


class Assignment(Model):
    units: list[str] = Field(default=[], description="unit ids of the registry (don_vi.xlsx)")
    sector: str | None = Field(None, description="a whole sector (Khối), e.g. 'Y tế'")
    person: str | None = Field(None, description="a named officer of the bloc, when the plan assigns one")
    role: Role
    task: str
    date: DatedFact | None = None
    place: str | None = None
    statement: str

    @model_validator(mode="after")
    def _someone(self):
        if not self.units and not self.sector and not self.person:
            raise ValueError("an assignment names units, a sector or a person")
        return self


class Program(Model):
    id: str = Field(pattern=r"^P\d+$")
    name: str
    short_names: list[str] = Field(default=[], description="shortened names units may write")
    start: dt.date
    end: dt.date
    window_statement: str
    separate_plan: bool = False
    content: str
    assignments: list[Assignment] = []


class FocusCommune(Model):
    commune: str
    district: str
    goal: str


class KeyDay(Model):
    id: str
    kind: KeyDayKind
    name: str
    program: str | None = None
    dates: list[DatedFact]
    place: str | None = None
    tentative: bool = False


class Indicator(Model):
    id: str = Field(pattern=r"^CT\d{2}[a-z]?$")
    name: str
    header: str = Field(description="the column header of the contract's templates")
    unit: str
    target: float = Field(gt=0)
    statement: str = Field(description="the plan's sentence for this target, as written")
    minimum: bool = Field(description="True when the plan says 'ít nhất' / 'trên'")


class PaceModel(Model):
    kind: Literal["proportional_days"] = "proportional_days"
    peak_month_weight: float = Field(1.0, gt=0)
    description: str


class Report(Model):
    id: str
    name: str
    due: DatedFact
    covers_until: dt.date | None = Field(None, description="last day of what the report covers")
    period: str | None = Field(None, description="the reporting period it closes: dot1, dot2, tongket")
    period_label: str | None = Field(None, description="the period's short name in reports, e.g. 'Đợt 1'")


class WeeklyReports(Model):
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 5 = Saturday")
    time: dt.time
    first: dt.date
    last: dt.date
    statement: str


class Reporting(Model):
    reports: list[Report]
    weekly: WeeklyReports
    recipient: str
    content: str
    word_template: str | None = Field(
        None, description="the Word (.docx) template of the period report, relative to the plan file"
    )


class AwardLevel(Model):
    id: str
    level: str
    due: DatedFact
    covers_until: dt.date | None = None
    must_precede: list[str] = Field(default=[], description="ids of deadlines this one feeds")
    quota_collective: int | None = None
    quota_individual: int | None = None
    copies: int | None = None
    statement: str


class Plan(Model):
    """One campaign's plan. Load with `load_plan`."""

    campaign: CampaignInfo
    phases: list[Phase]
    programs: list[Program]
    focus_communes: list[FocusCommune]
    key_days: list[KeyDay]
    indicators: list[Indicator]
    pace: PaceModel
    reporting: Reporting
    awards: list[AwardLevel]
    teams: list[str]
    other_assignments: list[Assignment] = []
    abbreviations: dict[str, str] = Field(
        default={}, description="abbreviations units write, e.g. ĐCS → Đoàn cơ sở"
    )

    @model_validator(mode="after")
    def _references(self):
        program_ids = [p.id for p in self.programs]
        if len(set(program_ids)) != len(program_ids):
            raise ValueError(f"program ids repeat: {program_ids}")
        for i, phase in enumerate(self.phases):
            unknown = [p for p in phase.programs if p not in program_ids]
            if unknown:
                raise ValueError(
                    f"khoá 'phases.{i}.programs' (chuỗi {phase.id}), giá trị {unknown}: "
                    f"unknown program; expected one of {program_ids}"
                )
        for i, day in enumerate(self.key_days):
            if day.program and day.program not in program_ids:
                raise ValueError(
                    f"khoá 'key_days.{i}.program' ({day.id}), giá trị {day.program!r}: "
                    f"unknown program; expected one of {program_ids}"
                )
        indicator_ids = [i.id for i in self.indicators]
        if len(set(indicator_ids)) != len(indicator_ids):
            raise ValueError(f"indicator ids repeat: {indicator_ids}")
        return self

    def program(self, program_id: str) -> Program:
        return next(p for p in self.programs if p.id == program_id)

    def indicator_ids(self) -> list[str]:
        return [i.id for i in self.indicators]
