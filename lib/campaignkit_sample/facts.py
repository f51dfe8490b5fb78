"""The facts of one campaign that the generator needs, as one object: `Facts`.

The kit itself reads the campaign's plan file; the generator only needs what shapes the data the
units send: the campaign's dates, its reporting cycle (the deadlines, weekly or monthly) and
phase reports; its programs and indicators with the ratios the sample should land at; the
communes (and, on the 2025 map, the names they had before the reorganisation, which some units
still write); the units of the bloc and how each one behaves; the activity templates units draw
from; the plan's own events (`specials`, the cycle's volunteer days); and the parameters of the
deliberate mistakes (`Mistakes`). Each campaign is one module building one `Facts`:
`facts_2024.FACTS` (the default, written to data/sample/) and `facts_2025.FACTS`
(data/sample-2025/). `campaign_facts("2025")` returns one by its key.

Every step of the generator takes the `Facts` it works for; nothing of a given year is
written in the other modules.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from functools import cached_property

CAMPAIGNS = ("2024", "2025")

# sectors (Khối) of the units
Y_TE, KINH_TE, VHXH, NOI_CHINH, HA_TANG, DANG = (
    "Y tế", "Kinh tế", "Văn hóa - Xã hội", "Nội chính", "Kỹ thuật - Hạ tầng", "Đảng - Đoàn thể")


@dataclass(frozen=True)
class Mistakes:
    """Where and how the deliberate mistakes are made (which units, values and words)."""

    unknown_units: list          # (overrides, what, preferred units) for rows naming a unit not in the registry
    missing_date_preferred: list
    outside_dates: list          # (cell written, what): a day held before / after the campaign
    invalid_dates: list          # (cell written, what): a day that does not exist
    negative: dict               # unit, indicator, values, program, what: a negative figure
    outside_window_moves: list   # (program, day): an activity moved outside its program's window
    guide_lines: list            # the instructions sheet a unit keeps in its report workbook
    guide_preferred: str
    newest_first_preferred: str
    vn_number: dict              # unit, program, name, commune, values, cost, note, overrides, what
    late_sheet: tuple            # (preferred unit, day sent) of a registration sheet added later
    registration_unknown_unit: tuple   # (unit written, preferred unit)
    registration_invalid_date: str
    registration_unknown_column_preferred: str
    old_name_units: list = field(default_factory=list)   # units writing communes by their pre-2025 names


@dataclass(frozen=True)
class Facts:
    """One campaign, as the generator sees it. See the module's doc and `facts_2024.py`."""

    key: str                     # "2024"
    name: str                    # "Kỳ nghỉ hồng 2024"
    title: str                   # "“KỲ NGHỈ HỒNG” NĂM 2024": the end of the sheets' titles
    default_seed: int
    folder: str                  # "sample": data/<folder>/
    plan_file: str               # the kit's plan file for this campaign, under data/plans/
    start: dt.date
    end: dt.date
    cycle: str                   # "week" or "month"
    deadlines: list              # the reporting cycle's deadlines, in order
    first_sheet_number: int      # what units number the first weekly report's sheet ("Tuần 2" in 2024)
    deadline_time: dt.time
    registration_deadline: dt.date
    registration_sent: tuple     # (year, month, first day, last day): when registrations are sent
    late_registration_text_moment: dt.date   # when a registration whose date is typed as text was sent
    late_registrations: dict     # unit id → when (date, datetime or the text typed) it registered late
    periods: dict                # phase period id → as-of date
    once_send: tuple             # (sent, week, held until): the one report of a unit that reports once
    phase_sends: list            # (sheet, sent or (sent late, sent on time), week, kind) of a unit reporting per phase
    phase_start: dt.date         # the day before the first phase report's activities
    phase_sheet_names: dict      # deadline → the phase report's sheet name a weekly sender may use then
    programs: dict               # id → (name, short names, start, end)
    indicators: list             # (id, header, unit word, target, decimals)
    desired_ratio: dict          # indicator id → where the sample lands at scale 1 (ratio to target)
    participation: str           # the indicator counting participations
    communes: list               # (commune, kind, district, district kind, focus commune)
    has_districts: bool
    base_units: list             # (id, kind, name, cluster, sector, aliases)
    profile: dict                # unit id → reporting behaviour (never, once, cumulative, phase)
    not_registered: list
    templates: list              # (program, names, indicator ranges, participation range, weight by sector)
    specials: list               # (unit, program, name, (month, day), commune, figures, cost, note)
    volunteer_days: dict         # units, dates (month, day), program, name, figures (ranges)
    urban_programs: tuple        # programs held mostly in wards
    health_program: str          # the program whose activities cost more and note the people examined
    report_files: dict           # unit id → (file name, format) of report workbooks with odd names
    registration_files: dict     # unit id → (file name, format) of registration workbooks
    assigned_extra: set          # units the plan assigns beyond the specials and volunteer days
    readme_notes: str            # the README's paragraph on what is written in many ways
    mistakes: Mistakes
    old_names: dict = field(default_factory=dict)   # commune index → (old name, kind, old district, kind)

    # -- derived ------------------------------------------------------------------------------

    @property
    def year(self) -> int:
        return self.start.year

    @cached_property
    def ind_ids(self) -> list[str]:
        return [i[0] for i in self.indicators]

    @cached_property
    def ind_header(self) -> dict[str, str]:
        return {i[0]: i[1] for i in self.indicators}

    @cached_property
    def ind_word(self) -> dict[str, str]:
        return {i[0]: i[2] for i in self.indicators}

    @cached_property
    def ind_target(self) -> dict[str, float]:
        return {i[0]: i[3] for i in self.indicators}

    @cached_property
    def ind_decimals(self) -> dict[str, int]:
        return {i[0]: i[4] for i in self.indicators}

    @cached_property
    def commune_index(self) -> dict[str, int]:
        return {c[0]: i for i, c in enumerate(self.communes)}

    @cached_property
    def focus(self) -> list[int]:
        return [i for i, c in enumerate(self.communes) if c[4]]

    @cached_property
    def rural(self) -> list[int]:
        return [i for i, c in enumerate(self.communes) if c[1] == "xã" and not c[4]]

    @cached_property
    def urban(self) -> list[int]:
        return [i for i, c in enumerate(self.communes) if c[1] == "phường"]

    @cached_property
    def program_days(self) -> dict[str, list[dt.date]]:
        return {p: [v[2] + dt.timedelta(days=i) for i in range((v[3] - v[2]).days + 1)]
                for p, v in self.programs.items()}

    @cached_property
    def program_weekends(self) -> dict[str, list[dt.date]]:
        return {p: [d for d in days if d.weekday() >= 5] for p, days in self.program_days.items()}

    @cached_property
    def report_cols(self) -> list[str]:
        place = ["commune", "district"] if self.has_districts else ["commune"]
        return ["stt", "unit", "sent", "program", "name", "held", *place, *self.ind_ids, "cost", "evidence", "note"]

    @cached_property
    def reg_cols(self) -> list[str]:
        place = ["commune", "district"] if self.has_districts else ["commune"]
        return ["stt", "unit", "sent", "program", "name", "from", "to", *place, "planned", *self.ind_ids,
                "cost_plan", "note"]

    def sheet_number(self, deadline: dt.date) -> int:
        """The number a unit gives the sheet of the report due on `deadline`: the week's, counted
        as units count them, or the month's."""
        if self.cycle == "month":
            return deadline.month
        return self.deadlines.index(deadline) + self.first_sheet_number

    @property
    def cycle_word(self) -> tuple[str, str]:
        """What a sheet of the cycle's report is called, with and without diacritics."""
        return ("Tháng", "Thang") if self.cycle == "month" else ("Tuần", "Tuan")


def campaign_facts(key: str) -> Facts:
    """The facts of campaign `key` ("2024" or "2025")."""
    if key not in CAMPAIGNS:
        raise ValueError(f"campaign must be one of {CAMPAIGNS}, not {key!r}")
    return importlib.import_module(f"{__package__}.facts_{key}").FACTS
