"""The plan as data: the pydantic schema of a campaign's plan file.

Everything specific to one campaign (dates, programs, units, targets, deadlines, the reporting
cycle, which indicator counts participations, the administrative map its communes are named in,
the abbreviations units use) lives in the plan file; nothing of a given year is written here.
Where the plan states a weekday or "the n-th Saturday" beside a date, the file records that
statement as written (`stated_weekday`, `stated_nth`), so that plan checks can compare them.
Load a plan with `campaignkit.plan.load_plan`; `python -m campaignkit check-plan FILE` checks one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .calendar import WEEKDAY_NAMES

Role = Literal["host", "lead", "advise", "cooperate", "carry_out"]
KeyDayKind = Literal[
    "launch", "peak_day", "green_sunday", "volunteer_saturday", "host_day", "anniversary", "ceremony"
]
# The administrative division lists `vietnamadminunits` holds: the 63-province list with districts
# in force until 30/6/2025 ("2024") and the two-level 34-province list from 1/7/2025 ("2025").
AdminMap = Literal["2024", "2025"]
ADMIN_MAPS_WITH_DISTRICTS = ("2024",)
CycleEvery = Literal["week", "month"]


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


class SourcePlan(Model):
    """A document the plan is based on ("Căn cứ Kế hoạch số …")."""

    number: str = Field(description="its number as written, e.g. '483 - KH/TĐTN-TTNTH'")
    date: dt.date
    issuer: str
    subject: str
    statement: str


class Area(Model):
    """Where the campaign works (địa bàn): the general area beside the focus communes."""

    general: str = Field(description="the general area, e.g. 'các xã vùng sâu, vùng xa …'")
    statement: str = Field(description="the plan's sentence, with the number of focus communes it states")


class CampaignInfo(Model):
    """The campaign itself: name, organiser, province and its map, window, peak month, forces."""

    name: str
    title: str | None = Field(None, description="the plan's heading, e.g. 'Tổ chức chiến dịch …'")
    organiser: str
    province: str = Field(description="province or city the communes belong to, e.g. 'Cần Thơ'")
    admin_map: AdminMap = Field(
        "2024", description="division list the communes are named in: '2024' (with districts) or '2025' (without)")
    sources: list[SourcePlan] = []
    start: dt.date
    end: dt.date
    window_statement: str | None = Field(None, description="the plan's sentence for the campaign's time")
    peak_month: int = Field(ge=1, le=12)
    peak_month_statement: str
    area: Area | None = None
    expected_forces: str
    expected_volunteers: int = Field(ge=0)
    invited_forces: list[str] = []

    @model_validator(mode="after")
    def _window(self):
        if self.end < self.start:
            raise ValueError(f"ngày kết thúc (end) {self.end} trước ngày bắt đầu (start) {self.start}")
        return self

    @property
    def has_districts(self) -> bool:
        return self.admin_map in ADMIN_MAPS_WITH_DISTRICTS


class Section(Model):
    """A heading of the plan text, numbered as written, and the plan-file keys it states."""

    number: str = Field(description="as written: 'IV', '2' (a second 'IV' stays 'IV')")
    title: str
    holds: list[str] = Field(default=[], description="plan-file keys stated here: 'programs', 'awards', …")
    parts: list[Section] = []


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
    all_units: bool = Field(False, description="'Các TCCSĐ trực thuộc': every unit")
    other_units: bool = Field(False, description="'Các TCCSĐ trực thuộc còn lại': every unit not named beside")
    role: Role
    also: list[Role] = Field(default=[], description="other roles the same sentence gives ('chủ trì … đăng cai')")
    task: str
    date: DatedFact | None = None
    key_day: str | None = Field(None, description="id of the key day the task happens at")
    place: str | None = None
    partners: list[str] = Field(default=[], description="organisations outside the bloc it works with")
    statement: str

    @model_validator(mode="after")
    def _someone(self):
        if not (self.units or self.sector or self.person or self.all_units or self.other_units):
            raise ValueError("một phân công phải ghi đơn vị (units), khối (sector), người (person), "
                             "all_units hoặc other_units")
        return self

    @property
    def roles(self) -> list[str]:
        return list(dict.fromkeys([self.role, *self.also]))


class ProgramPart(Model):
    """One of the programs a single item of section IV joins (item 8 of the 2024 plan holds two)."""

    name: str
    name_in_phase: str | None = Field(None, description="its name as the phase (chuỗi) lists it")


class Partner(Model):
    """An organisation outside the bloc a program works with ("Phối hợp với Hội Thầy thuốc trẻ …")."""

    name: str
    statement: str


class Program(Model):
    id: str = Field(pattern=r"^P\d+$")
    item: str | None = Field(None, description="its number in the program section as written; default: the id's")
    name: str
    name_in_phase: str | None = Field(None, description="its name as the phase (chuỗi) lists it, where different")
    parts: list[ProgramPart] = Field(default=[], description="the programs one item joins, kept apart")
    short_names: list[str] = Field(default=[], description="shortened names units may write")
    start: dt.date
    end: dt.date
    window_statement: str
    separate_plan: bool = False
    content: str
    partners: list[Partner] = []
    assignments: list[Assignment] = []

    @property
    def number(self) -> str:
        return self.item or self.id[1:]

    def listed_names(self) -> list[str]:
        """The names a phase list gives this program: one per part, else its own."""
        if self.parts:
            return [p.name_in_phase or p.name for p in self.parts]
        return [self.name_in_phase or self.name]


class FocusCommune(Model):
    commune: str
    district: str = Field("", description="empty on a map without districts (2025)")
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
    participations: bool = Field(False, description="True for the indicator counting participations (lượt ĐVTN)")


class PaceModel(Model):
    kind: Literal["proportional_days"] = "proportional_days"
    peak_month_weight: float = Field(1.0, gt=0)
    description: str


class Report(Model):
    id: str
    name: str
    due: DatedFact
    covers_until: dt.date | None = Field(None, description="last day of what the report covers")
    includes: list[str] = Field(default=[], description="ids of the deadlines whose content the report carries")
    period: str | None = Field(None, description="the reporting period it closes: dot1, dot2, tongket")
    period_label: str | None = Field(None, description="the period's short name in reports, e.g. 'Đợt 1'")


class ReportingCycle(Model):
    """The regular reports (weekly or monthly), due on the same weekday or day of month each time."""

    every: CycleEvery
    weekday: int | None = Field(None, ge=0, le=6, description="for 'week': 0 = Monday … 5 = Saturday")
    day: int | None = Field(None, ge=1, le=31, description="for 'month': the day of the month (cut to its last)")
    time: dt.time
    first: dt.date
    last: dt.date
    grace_days: int = Field(3, ge=0, description="days after a deadline a report still counts as sent late")
    statement: str

    @model_validator(mode="after")
    def _rhythm(self):
        if self.last < self.first:
            raise ValueError(f"last {self.last} trước first {self.first}")
        if self.every == "week":
            if self.weekday is None or self.day is not None:
                raise ValueError("every: week cần weekday (0 = thứ hai … 6 = chủ nhật), không ghi day")
            if self.first.weekday() != self.weekday or self.last.weekday() != self.weekday:
                raise ValueError(f"first {self.first} và last {self.last} phải rơi vào weekday {self.weekday} "
                                 f"({WEEKDAY_NAMES[self.weekday]})")
            if self.grace_days >= 7:
                raise ValueError("grace_days phải dưới 7 với báo cáo hằng tuần")
        else:
            if self.day is None or self.weekday is not None:
                raise ValueError("every: month cần day (1–31), không ghi weekday")
            for name, value in (("first", self.first), ("last", self.last)):
                if value.day != self.day_in(value.year, value.month):
                    raise ValueError(f"{name} {value} không phải ngày {self.day} của tháng")
            if (self.last.year - self.first.year) * 12 + self.last.month - self.first.month >= 12:
                raise ValueError("báo cáo hằng tháng kéo dài tối đa 12 tháng (mỗi kỳ mang tên tháng của nó)")
            if self.grace_days >= 28:
                raise ValueError("grace_days phải dưới 28 với báo cáo hằng tháng")
        return self

    def day_in(self, year: int, month: int) -> int:
        """The cycle's day in a month: `day`, or the month's last day when it is shorter."""
        return min(self.day or 1, calendar.monthrange(year, month)[1])


class Reporting(Model):
    reports: list[Report]
    cycle: ReportingCycle
    recipient: str
    content: str
    word_template: str | None = Field(
        None, description="the Word (.docx) template of the period report, relative to the plan file"
    )

    @model_validator(mode="before")
    @classmethod
    def _weekly_key(cls, data):
        """A plan written before the cycle was plan data says `weekly:` (a weekly cycle)."""
        if isinstance(data, dict) and "weekly" in data and "cycle" not in data:
            data = dict(data)
            weekly = data.pop("weekly")
            data["cycle"] = {"every": "week", **weekly} if isinstance(weekly, dict) else weekly
        return data


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


class Team(Model):
    """A specialised team (đội hình) the plan names, with the program or unit forming it."""

    name: str
    program: str | None = None
    units: list[str] = []
    statement: str | None = None


class PlanSource:
    """Where a loaded plan came from: the file and the line of every key (for messages)."""

    def __init__(self, path: str, lines: dict[str, int]):
        self.path, self.lines = path, lines

    def line_of(self, key: str) -> int | None:
        """The line of `key` ('programs.P2.assignments.1.date') or of its nearest parent."""
        parts = key.split(".")
        while parts:
            found = self.lines.get(".".join(parts))
            if found is not None:
                return found
            parts.pop()
        return None


class Plan(Model):
    """One campaign's plan. Load with `load_plan`."""

    campaign: CampaignInfo
    sections: list[Section] = Field(default=[], description="the plan text's headings, numbered as written")
    phases: list[Phase]
    programs: list[Program]
    focus_communes: list[FocusCommune]
    key_days: list[KeyDay]
    indicators: list[Indicator]
    pace: PaceModel
    reporting: Reporting
    awards: list[AwardLevel]
    teams: list[Team]
    other_assignments: list[Assignment] = []
    abbreviations: dict[str, str] = Field(
        default={}, description="abbreviations units write, e.g. ĐCS → Đoàn cơ sở"
    )
    _source: PlanSource | None = PrivateAttr(default=None)

    @field_validator("teams", mode="before")
    @classmethod
    def _team_names(cls, value):
        """A team may be written as its name alone."""
        return [{"name": v} if isinstance(v, str) else v for v in value] if isinstance(value, list) else value

    @model_validator(mode="after")
    def _references(self):
        program_ids = [p.id for p in self.programs]
        _unique("chương trình", program_ids)
        for i, phase in enumerate(self.phases):
            _known(f"phases.{i}.programs", f"chuỗi {phase.id}", phase.programs, program_ids, "chương trình")
        for i, day in enumerate(self.key_days):
            _known(f"key_days.{i}.program", day.id, [day.program] if day.program else [], program_ids, "chương trình")
        for i, team in enumerate(self.teams):
            _known(f"teams.{i}.program", team.name, [team.program] if team.program else [], program_ids, "chương trình")
        key_days = [d.id for d in self.key_days]
        for where, assignment in self.all_assignments():
            if assignment.key_day:
                _known(f"{where}.key_day", assignment.task, [assignment.key_day], key_days, "ngày trọng điểm")
        indicator_ids = self.indicator_ids()
        _unique("chỉ tiêu", indicator_ids)
        counting = [i.id for i in self.indicators if i.participations]
        if len(counting) > 1:
            raise ValueError(f"khoá 'indicators', giá trị {counting}: chỉ một chỉ tiêu được ghi participations: true")
        deadlines = [r.id for r in self.reporting.reports] + [a.id for a in self.awards]
        for i, report in enumerate(self.reporting.reports):
            _known(f"reporting.reports.{i}.includes", report.id, report.includes, deadlines, "hạn nộp")
        if self.campaign.has_districts is False:
            with_district = [f.commune for f in self.focus_communes if f.district]
            if with_district:
                raise ValueError(f"khoá 'focus_communes', giá trị {with_district}: danh mục hành chính "
                                 f"{self.campaign.admin_map} không còn cấp huyện, hãy bỏ district")
        return self

    def __eq__(self, other) -> bool:
        """Two plans are equal when their facts are: where each was read from does not count."""
        return isinstance(other, Plan) and self.model_dump() == other.model_dump()

    # --- lookups ---------------------------------------------------------------------------

    def program(self, program_id: str) -> Program:
        return next(p for p in self.programs if p.id == program_id)

    def key_day(self, key_day_id: str) -> KeyDay:
        return next(d for d in self.key_days if d.id == key_day_id)

    def indicator_ids(self) -> list[str]:
        return [i.id for i in self.indicators]

    def participation_indicator(self) -> Indicator | None:
        """The indicator counting participations (lượt ĐVTN), if the plan has one."""
        return next((i for i in self.indicators if i.participations), None)

    def all_assignments(self) -> list[tuple[str, Assignment]]:
        """Every assignment with its plan key: the programs' first, then the others."""
        found = [(f"programs.{p.id}.assignments.{i}", a) for p in self.programs for i, a in enumerate(p.assignments)]
        return found + [(f"other_assignments.{i}", a) for i, a in enumerate(self.other_assignments)]

    @property
    def source(self) -> PlanSource | None:
        """The file the plan was read from and its lines (None for a plan built in memory)."""
        return self._source


def _unique(what: str, ids: list[str]) -> None:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"mã {what} lặp lại: {repeated}")


def _known(key: str, owner: str, used: list[str], known: list[str], what: str) -> None:
    unknown = [u for u in used if u not in known]
    if unknown:
        raise ValueError(f"khoá '{key}' ({owner}), giá trị {unknown}: không có {what} này; cần một trong {known}")
