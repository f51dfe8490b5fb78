"""Raw tables to clean tables, an issues table, and the place of every input row.

Every row read ends in exactly one place (`status`): counted, merged (into a later version
of the same activity), skipped (blank or totals row) or rejected (with its reason logged).
Warnings about rows that are still counted (a near-match, an unknown commune) are logged too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..plan import Plan
from ..text import (
    Distinct,
    fold,
    format_date,
    is_blank,
    map_unique,
    map_unique_fields,
    nfc,
    parse_date,
    parse_number,
    read_quantity,
    shown_number,
)
from . import columns as cols
from .accounting import summarise
from .issues import Action, issue, issues_frame
from .places import PlaceResolver, commune_key, resolver_for
from .programs import ProgramResolver
from .status import COUNTED, MERGED, REJECTED, SKIPPED
from .tables import CampaignTables
from .units import UnitResolver
from .workbooks import RawTable, RawTables

TOTALS_WORDS = re.compile(r"^(tong cong( .*)?|tong so|tong|cong|cong tong)$")
BOOKKEEPING = {"file", "sheet", "row", "row_number", "extras", "first_cell", "repeated_header"}

parse_number_cached = lru_cache(maxsize=None)(parse_number)
read_quantity_cached = lru_cache(maxsize=None)(read_quantity)
parse_date_cached = lru_cache(maxsize=None)(parse_date)


# --- registry ------------------------------------------------------------------------------

def clean_registry(raw: pd.DataFrame, issues: list) -> pd.DataFrame:
    columns = [c.name for c in cols.REGISTRY]
    table = raw.reindex(columns=["file", "sheet", "row", *columns]).fillna("")
    for name in columns:
        table[name] = map_unique(table[name], nfc)
    blank = table["unit_id"] == ""
    for rec in table[blank & (table["name"] != "")].itertuples():
        issues.append(issue(rec.file, rec.sheet, rec.row, "Mã đơn vị", "", "Đơn vị thiếu mã: bỏ qua dòng này",
                            Action.REJECTED))
    table = table[~blank]
    repeated = table["unit_id"].duplicated(keep="first")
    for rec in table[repeated].itertuples():
        issues.append(issue(rec.file, rec.sheet, rec.row, "Mã đơn vị", rec.unit_id,
                            f"Mã đơn vị {rec.unit_id} lặp lại: dùng dòng đầu tiên", Action.REJECTED))
    return table[~repeated][columns].reset_index(drop=True)


# --- shared row parsing --------------------------------------------------------------------

class RawColumns:
    """A raw table whose columns are each seen as their distinct values (`text.Distinct`) once,
    however many rules read them: blank rows, totals rows, parsing and resolving all look at the
    same few hundred distinct values of a column of 100 000 cells. The codes come from the reading
    (`RawTable.codes`); a column the table lacks reads as blank text."""

    def __init__(self, table: RawTable):
        self.raw, self._codes = table.frame, table.codes
        self._distinct: dict[str, Distinct] = {}

    def distinct(self, name: str) -> Distinct:
        if name not in self._distinct:
            if name in self._codes:
                self._distinct[name] = Distinct.coded(self.raw.index, *self._codes[name])
            else:
                column = self.raw[name] if name in self.raw else pd.Series("", index=self.raw.index, dtype=object)
                self._distinct[name] = Distinct(column)
        return self._distinct[name]

    def mask(self, name: str, func) -> pd.Series:
        distinct = self.distinct(name)
        return distinct.mask(distinct.apply(func))

    def text(self, name: str) -> pd.Series:
        """The column as clean text (`text.text_column`): composed, '' for a blank cell."""
        return self.distinct(name).map(nfc)


def _header(raw: pd.DataFrame, name: str, spec: tuple[cols.Column, ...]) -> str:
    written = raw.attrs.get("headers", {}).get(name)
    return written or next(c.header for c in spec if c.name == name)


def _blank_rows(cells: RawColumns) -> pd.Series:
    """Rows with nothing written, the cell a template pre-fills (Đơn vị) aside."""
    raw = cells.raw
    data = [c for c in raw.columns if c not in BOOKKEEPING and c not in cols.PREFILLED]
    if not data:
        return pd.Series(True, index=raw.index)
    blank = pd.Series(True, index=raw.index)
    for name in data:
        blank &= cells.mask(name, is_blank)
    return blank


def _is_totals_word(value) -> bool:
    return isinstance(value, str) and bool(TOTALS_WORDS.match(fold(value)))


def _totals_rows(cells: RawColumns) -> pd.Series:
    marks = pd.Series(False, index=cells.raw.index)
    for name in ("first_cell", "row_number", "unit", "activity", "program"):
        if name in cells.raw:
            marks |= cells.mask(name, _is_totals_word)
    return marks


def _parsed(cells: RawColumns, name: str, parser) -> tuple[pd.Series, pd.Series]:
    raw = cells.raw
    if name not in raw:
        return pd.Series(None, index=raw.index, dtype=object), pd.Series(None, index=raw.index, dtype=object)
    value, problem = cells.distinct(name).fields(parser, 2)
    return value, problem


class RowProblems:
    """Collects, per raw row, the reasons to reject it and the warnings to log."""

    def __init__(self, raw: pd.DataFrame, spec: tuple[cols.Column, ...]):
        self.raw, self.spec = raw, spec
        self.reject: dict[int, list[dict]] = {}
        self.warn: dict[int, list[dict]] = {}

    def add(self, mask: pd.Series, name: str, problems: pd.Series | str, rejecting: bool):
        target = self.reject if rejecting else self.warn
        action = Action.REJECTED if rejecting else Action.WARNING
        header = _header(self.raw, name, self.spec)
        for index in mask[mask].index:
            rec = self.raw.loc[index]
            problem = problems if isinstance(problems, str) else problems.loc[index]
            value = rec.get(name, "")
            shown = format_date(value) if isinstance(value, (dt.date, dt.datetime)) else value
            target.setdefault(index, []).append(
                issue(rec["file"], rec["sheet"], int(rec["row"]), header, shown, problem, action))

    def rejected(self) -> pd.Series:
        return pd.Series(self.raw.index.isin(list(self.reject)), index=self.raw.index)


def _parse_figures(cells: RawColumns, names, problems: RowProblems) -> dict[str, pd.Series]:
    raw, figures = cells.raw, {}
    for name in names:
        if name not in raw:
            figures[name] = pd.Series(float("nan"), index=raw.index, dtype="float64")
            continue
        distinct = cells.distinct(name)
        read = distinct.apply(read_quantity_cached)  # (value, error, note) per distinct cell
        errors, notes = [q[1] for q in read], [q[2] for q in read]
        problems.add(distinct.mask([e is not None for e in errors]), name, distinct.column(errors), rejecting=True)
        problems.add(distinct.mask([n is not None for n in notes]), name, distinct.column(notes), rejecting=False)
        values = distinct.floats([q[0] for q in read])
        negative = values < 0
        # the message is written only for the negative figures (formatting every figure cost seconds)
        messages = values[negative].map(lambda v: f"Số âm ({shown_number(v)}) không hợp lệ")
        problems.add(negative, name, messages, rejecting=True)
        figures[name] = values
    return figures


def _resolve_units(cells: RawColumns, resolver: UnitResolver, problems: RowProblems) -> pd.Series:
    def resolve(value):
        match = resolver.resolve("" if is_blank(value) else str(value))
        return match.unit_id, match.problem

    ids, messages = cells.distinct("unit").fields(resolve, 2)
    problems.add(ids.isna(), "unit", messages, rejecting=True)
    problems.add(ids.notna() & messages.notna(), "unit", messages, rejecting=False)
    return ids


def _resolve_programs(cells: RawColumns, resolver: ProgramResolver, problems: RowProblems) -> pd.Series:
    ids, messages = cells.distinct("program").fields(lambda v: resolver.resolve("" if is_blank(v) else v), 2)
    problems.add(messages.notna(), "program", messages, rejecting=False)
    return ids


def _resolve_places(cells: RawColumns, resolver: PlaceResolver, problems: RowProblems) -> pd.DataFrame:
    raw = cells.raw
    written = pd.Series(list(zip(cells.text("commune"), cells.text("district"))), index=raw.index, dtype=object)
    def resolve(pair):
        match = resolver.resolve(*pair)
        return match.commune, match.district, match.commune_code, match.problem

    commune, district, code, messages = map_unique_fields(written, resolve, 4)
    problems.add(messages.notna(), "commune", messages, rejecting=False)
    return pd.DataFrame({
        "commune": commune,
        "district": district,
        "commune_code": code,
    }, index=raw.index)


def _date_column(cells: RawColumns, name: str, problems: RowProblems, plan: Plan, required: str | None,
                 outside: str):
    """Parse a date column; `required` is the problem for a blank cell (None: optional);
    `outside` says whether a date outside the campaign is 'reject', 'warn' or 'ignore'."""
    values, errors = _parsed(cells, name, parse_date_cached)
    problems.add(errors.notna(), name, errors, rejecting=True)
    if required:
        problems.add(values.isna() & errors.isna(), name, required, rejecting=True)
    dates = pd.to_datetime(values, errors="coerce")
    start, end = pd.Timestamp(plan.campaign.start), pd.Timestamp(plan.campaign.end)
    if outside != "ignore":
        beyond = dates.notna() & ((dates.dt.normalize() < start) | (dates.dt.normalize() > end))
        window = f"{format_date(plan.campaign.start)}–{format_date(plan.campaign.end)}"
        message = dates[beyond].map(lambda d: f"Ngày {format_date(d)} nằm ngoài thời gian chiến dịch ({window})")
        problems.add(beyond, name, message, rejecting=(outside == "reject"))
    return dates


# --- totals rows ---------------------------------------------------------------------------

def _check_totals(raw, totals: pd.Series, data: pd.Series, figures_names, spec, issues: list):
    for index in totals[totals].index:
        rec = raw.loc[index]
        above = raw[data & (raw["file"] == rec["file"]) & (raw["sheet"] == rec["sheet"]) & (raw["row"] < rec["row"])]
        for name in figures_names:
            if name not in raw:
                continue
            stated, error = parse_number_cached(rec[name] if not is_blank(rec[name]) else "")
            if stated is None or error:
                continue
            numbers = [parse_number_cached(v)[0] for v in above[name] if not is_blank(v)]
            computed = sum(n for n in numbers if n is not None)
            if abs(computed - stated) > 0.005:
                issues.append(issue(rec["file"], rec["sheet"], int(rec["row"]), _header(raw, name, spec), rec[name],
                                    f"Dòng tổng cộng ghi {shown_number(stated)} nhưng cộng các dòng phía trên được "
                                    f"{shown_number(computed)}",
                                    Action.SKIPPED))


# --- registrations and reports -------------------------------------------------------------

@dataclass
class Resolvers:
    units: UnitResolver
    programs: ProgramResolver
    places: PlaceResolver


def _common(cells: RawColumns, spec, plan, resolvers, problems):
    raw = cells.raw
    frame = pd.DataFrame({"file": raw["file"], "sheet": raw["sheet"], "row": raw["row"].astype(int)})
    frame["unit_id"] = _resolve_units(cells, resolvers.units, problems)
    frame["unit_written"] = cells.text("unit")
    frame["program_id"] = _resolve_programs(cells, resolvers.programs, problems)
    frame["activity"] = cells.text("activity")
    return frame


def _finish(cells: RawColumns, frame, problems: RowProblems, issues: list, spec, figure_names, kind: str):
    raw = cells.raw
    blank, totals = _blank_rows(cells), _totals_rows(cells)
    header = (raw["repeated_header"].astype(bool) if "repeated_header" in raw
              else pd.Series(False, index=raw.index)) & ~blank
    totals &= ~header
    skipped = blank | totals | header
    for index in raw.index[header]:
        rec = raw.loc[index]
        issues.append(issue(rec["file"], rec["sheet"], int(rec["row"]), "", rec["first_cell"],
                            "Dòng tiêu đề lặp lại (một bảng thứ hai dán bên dưới): bỏ qua dòng này; các dòng dưới "
                            "được đọc theo tiêu đề này", Action.SKIPPED))
    for index in raw.index[blank]:
        rec = raw.loc[index]
        issues.append(issue(rec["file"], rec["sheet"], int(rec["row"]), "", "", "Dòng trống", Action.SKIPPED))
    for index in raw.index[totals & ~blank]:
        rec = raw.loc[index]
        issues.append(issue(rec["file"], rec["sheet"], int(rec["row"]), "", "",
                            "Dòng tổng cộng: không tính là hoạt động", Action.SKIPPED))
    _check_totals(raw, totals & ~blank, ~skipped, figure_names, spec, issues)
    rejected = problems.rejected() & ~skipped
    for index in raw.index[rejected]:
        issues.extend(problems.reject[index])
    for index in raw.index[~skipped & ~rejected]:
        issues.extend(problems.warn.get(index, []))
    frame["status"] = COUNTED
    frame.loc[skipped, "status"] = SKIPPED
    frame.loc[rejected, "status"] = REJECTED
    frame["kind"] = kind
    return frame


def _dedupe(frame: pd.DataFrame, key: pd.Series, issues: list, label: str) -> pd.DataFrame:
    """Same activity sent again: the latest `Ngày gửi` wins, each replacement is logged."""
    frame = frame.assign(_key=key, _order=range(len(frame)))
    live = frame[frame["status"] == COUNTED].sort_values(["sent_at", "_order"], na_position="first", kind="stable")
    latest = live.groupby("_key", sort=False).tail(1)
    winners = latest.set_index("_key")
    losers = live.index.difference(latest.index)
    frame.loc[losers, "status"] = MERGED
    # Columns, not one .loc per row: a row lookup costs ~0.4 ms, 9 s for 22 000 re-sent rows.
    lost = frame.loc[losers, ["file", "sheet", "row", "activity", "_key"]]
    win = winners.loc[lost["_key"], ["sent_at", "file", "sheet", "row"]]
    for file, sheet, row, activity, sent_at, win_file, win_sheet, win_row in zip(
            lost["file"], lost["sheet"], lost["row"], lost["activity"],
            win["sent_at"], win["file"], win["sheet"], win["row"]):
        sent = format_date(sent_at) if pd.notna(sent_at) else "không rõ ngày"
        issues.append(issue(file, sheet, int(row), "", activity,
                            f"{label} đã được gửi lại: dùng bản gửi {sent} ({win_file}, trang '{win_sheet}', "
                            f"dòng {int(win_row)})", Action.MERGED))
    return frame.drop(columns=["_order"]).rename(columns={"_key": "activity_key"})


def _activity_key(frame: pd.DataFrame, date_column: str) -> pd.Series:
    commune = frame["commune_code"].fillna(map_unique(frame["commune"], commune_key))
    day = frame[date_column].dt.strftime("%Y-%m-%d").fillna("")
    name = map_unique(frame["activity"], fold)
    return frame["unit_id"].fillna("") + "|" + day + "|" + commune.fillna("") + "|" + name


def clean_reports(table: RawTable, plan: Plan, resolvers: Resolvers, issues: list) -> pd.DataFrame:
    spec = cols.report_columns(plan)
    raw, cells = table.frame, RawColumns(table)
    problems = RowProblems(raw, spec)
    frame = _common(cells, spec, plan, resolvers, problems)
    frame["held_on"] = _date_column(cells, "held_on", problems, plan, "Thiếu ngày tổ chức", "reject").dt.normalize()
    frame["sent_at"] = _date_column(cells, "sent_at", problems, plan, None, "ignore")
    no_sent = frame["sent_at"].isna() & frame["held_on"].notna()
    problems.add(no_sent, "sent_at", "Thiếu ngày gửi: coi như gửi ngày tổ chức", rejecting=False)
    frame["sent_date_assumed"] = no_sent
    frame.loc[no_sent, "sent_at"] = frame.loc[no_sent, "held_on"]
    early = frame["sent_at"].notna() & frame["held_on"].notna() & (frame["sent_at"].dt.normalize() < frame["held_on"])
    problems.add(early, "sent_at", "Ngày gửi trước ngày tổ chức: hoạt động được báo cáo trước khi diễn ra",
                 rejecting=False)
    frame = frame.join(_resolve_places(cells, resolvers.places, problems))
    figure_names = [*plan.indicator_ids(), "funds"]
    frame = frame.assign(**_parse_figures(cells, figure_names, problems))
    frame["evidence"] = cells.text("evidence")
    frame["note"] = cells.text("note")
    frame = _finish(cells, frame, problems, issues, spec, figure_names, "bao_cao")
    return _dedupe(frame, _activity_key(frame, "held_on"), issues, "Hoạt động")


def clean_registrations(table: RawTable, plan: Plan, resolvers: Resolvers, issues: list) -> pd.DataFrame:
    spec = cols.registration_columns(plan)
    raw, cells = table.frame, RawColumns(table)
    problems = RowProblems(raw, spec)
    frame = _common(cells, spec, plan, resolvers, problems)
    frame["start"] = _date_column(cells, "start", problems, plan, "Thiếu ngày bắt đầu (Từ ngày)", "warn").dt.normalize()
    end = _date_column(cells, "end", problems, plan, None, "warn").dt.normalize()
    frame["end"] = end.fillna(frame["start"])
    reversed_window = frame["end"] < frame["start"]
    problems.add(reversed_window, "end", "Đến ngày trước Từ ngày", rejecting=True)
    frame["sent_at"] = _date_column(cells, "sent_at", problems, plan, None, "ignore")
    frame = frame.join(_resolve_places(cells, resolvers.places, problems))
    figure_names = ["planned_participations", *plan.indicator_ids(), "funds"]
    frame = frame.assign(**_parse_figures(cells, figure_names, problems))
    frame["note"] = cells.text("note")
    frame = _finish(cells, frame, problems, issues, spec, figure_names, "dang_ky")
    key = (frame["program_id"].fillna("") + "|" + _activity_key(frame, "start"))
    return _dedupe(frame, key, issues, "Đăng ký")


def clean_campaign(raw: RawTables, plan: Plan) -> CampaignTables:
    try:
        return _clean_campaign(raw, plan)
    finally:
        raw.close()  # a reading still going on when the cleaning stopped (a broken plan, Ctrl-C) is ended


def _clean_campaign(raw: RawTables, plan: Plan) -> CampaignTables:
    # the registry and the registrations first: the report files may still be being read
    found: list[dict] = []
    units = clean_registry(raw.registry, found)
    resolvers = Resolvers(UnitResolver(units, plan.abbreviations, plan.campaign.province),
                          ProgramResolver(plan), resolver_for(plan.campaign.province, plan.campaign.admin_map))
    registrations = clean_registrations(raw.registrations, plan, resolvers, found)
    issues = [*raw.issues, *found]   # the issues of reading first, as they were met
    reports = clean_reports(raw.reports, plan, resolvers, issues)
    ledger = pd.concat([t[["file", "sheet", "row", "kind", "status"]] for t in (registrations, reports)],
                       ignore_index=True)
    usable = {COUNTED, MERGED}
    return CampaignTables(
        plan=plan,
        units=units,
        registrations=registrations[registrations["status"].isin(usable)].reset_index(drop=True),
        reports=reports[reports["status"].isin(usable)].reset_index(drop=True),
        issues=issues_frame(issues),
        ledger=ledger,
        files=raw.files,
        summary=summarise(ledger),
    )
