"""What each unit must fix, as of the period's date: the feedback the office sends back.

Three lists per unit of the registry, and one summary row per unit that has anything in them:

- its data problems (`feedback_issues`): the rows of the issues table the unit must fix or check
  (the same rows as `issues_by_unit`, the unit of a file being the unit most of its rows name),
  each with what to do in plain Vietnamese (`todo`): a rejected row is not counted until it is
  corrected and sent again; a warning is counted and only needs a look. The examples are the
  plan's (its first focus commune as the templates' list writes it, with its district only on a
  map that has districts; its own program ids);
- its reports missing or sent late (`feedback_reports`), with their deadlines;
- its registered activities not yet reported (`feedback_registrations`): a registration whose
  last day (`Đến ngày`) is on or before the as-of date, when the unit reported no activity of the
  same program held from its `Từ ngày` to its `Đến ngày` (both included). A registration without
  a program is matched by any program. The commune is not compared: units often move an activity.

Rows of files no unit can be named for ('(chưa rõ)') stay in the data check for the office.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..intake import columns as cols
from ..intake.issues import Action
from ..intake.places import full_name, gazetteer, resolver_for
from ..plan.schema import Plan
from ..text import format_date, nfc
from .compliance import LATE, MISSING

ISSUE_COLUMNS = ["unit_id", "unit_name", "file", "sheet", "row", "column", "value", "problem", "action", "todo"]
REPORT_COLUMNS = ["unit_id", "unit_name", "report_name", "due", "status", "status_label", "sent_at", "late_by"]
REGISTRATION_COLUMNS = ["unit_id", "unit_name", "program_id", "activity", "start", "end", "commune", "district"]
SUMMARY_COLUMNS = ["unit_id", "unit_name", "rows_rejected", "cells_to_check", "reports_missing", "reports_late",
                   "registrations_unreported"]


# --- what to do ----------------------------------------------------------------------------

def place_as_listed(plan: Plan, place: str) -> tuple[str, str]:
    """A place of the plan ('Trường Xuân, Thới Lai', 'xã Kế Sách') as the list sent with the templates
    writes it: ('xã Trường Xuân', 'huyện Thới Lai'), ('xã Kế Sách', '') on a map without districts;
    as given when the map does not have it."""
    commune, _, district = (part.strip() for part in place.partition(","))
    match = resolver_for(plan.campaign.province, plan.campaign.admin_map).resolve(commune, district)
    table = gazetteer(plan.campaign.province, plan.campaign.admin_map)
    rows = table[table["wardCode"].astype(str) == str(match.commune_code)] if match.commune_code else table.iloc[:0]
    if rows.empty:
        return commune, district if plan.campaign.has_districts else ""
    row = next(rows.itertuples())
    shown = f"{str(row.districtType).lower()} {row.districtShort}" if plan.campaign.has_districts else ""
    return full_name(row), shown


def _hints(plan: Plan) -> dict[str, str]:
    """What a correct cell of each column looks like, for the sentence 'what to do'."""
    window = f"{format_date(plan.campaign.start)}–{format_date(plan.campaign.end)}"
    date = f"ghi ngày theo thứ tự ngày/tháng/năm (ví dụ {format_date(plan.campaign.start)})"
    figure = "chỉ ghi chữ số, không âm (ví dụ 1.000 hoặc 2,5)"
    focus = plan.focus_communes[0] if plan.focus_communes else None
    if plan.campaign.has_districts:
        place = "ghi tên xã/phường và quận/huyện như danh mục kèm mẫu"
    else:  # a map without districts: the commune alone, by its current name
        place = "ghi tên xã/phường hiện nay như danh mục kèm mẫu, không cần ghi quận/huyện"
    if focus:
        shown = [name for name in place_as_listed(plan, f"{focus.commune}, {focus.district}") if name]
        place += f" (ví dụ: {', '.join(shown)})"
    ids = [p.id for p in plan.programs]
    programs = f"từ {ids[0]} đến {ids[-1]}" if len(ids) > 1 else " ".join(ids)
    hints = {
        "unit": "ghi tên đơn vị đúng như danh sách đơn vị của Đoàn Khối (mẫu của đơn vị đã ghi sẵn)",
        "program": f"ghi mã chương trình {programs} (xem trang Hướng dẫn của mẫu)",
        "activity": "ghi tên hoạt động",
        "held_on": f"{date}, trong thời gian chiến dịch {window}",
        "start": f"{date}, trong thời gian chiến dịch {window}",
        "end": f"{date}, không trước ngày ở cột Từ ngày",
        "sent_at": f"{date}, là ngày đơn vị gửi báo cáo",
        "commune": place,
        "district": place,
        "planned_participations": figure,
        "funds": "chỉ ghi chữ số, không âm (ví dụ 5.000.000)",
    }
    hints.update({i.id: figure for i in plan.indicators})
    return hints


def _column_name(layouts: list[cols.HeaderKeys], written: str) -> str:
    """The canonical column an issue's header names (as intake matched it: the contract's header
    or another spelling, any case, spaces or none), '' for a header of no layout."""
    for keys in layouts:
        if (name := keys.exact.get(keys.key(written))) is not None:
            return name
    return ""


def todo(action: str, column: str, hint: str | None) -> str:
    """What the unit should do about one finding, in plain Vietnamese."""
    where = f"ô cột '{column}'" if column else "dòng này"
    fix = f"Sửa {where}: {hint}" if hint else f"Sửa {where} theo vấn đề đã nêu"
    if action == Action.REJECTED:
        return f"Dòng này chưa được tính. {fix}, rồi gửi lại dòng này trong lần báo cáo tới."
    return (f"Dòng này vẫn được tính. Kiểm tra lại {where}; nếu sai thì {fix[0].lower()}{fix[1:]}, "
            "nếu đúng thì không cần sửa.")


# --- the three lists -----------------------------------------------------------------------

def _names(units: pd.DataFrame) -> dict[str, str]:
    return dict(zip(units["unit_id"], units["name"].map(nfc)))


def issues_to_fix(plan: Plan, units: pd.DataFrame, issues_by_unit: pd.DataFrame) -> pd.DataFrame:
    """The findings of `issues_by_unit` that belong to a unit of the registry, with `todo`."""
    names = _names(units)
    mine = issues_by_unit[issues_by_unit["unit_id"].isin(names)].copy()
    hints = _hints(plan)
    layouts = [cols.header_keys(cols.registration_columns(plan)), cols.header_keys(cols.report_columns(plan))]
    mine["unit_name"] = mine["unit_id"].map(names)
    mine["todo"] = [todo(action, nfc(column), hints.get(_column_name(layouts, column)))
                    for action, column in zip(mine["action"], mine["column"].fillna(""))]
    return mine[ISSUE_COLUMNS].reset_index(drop=True)


def reports_to_send(reporting: pd.DataFrame) -> pd.DataFrame:
    """The reports each unit has not sent, or sent late, that were due by the as-of date."""
    wanted = reporting[reporting["status"].isin([MISSING, LATE])]
    return wanted.sort_values(["unit_id", "due"], kind="stable")[REPORT_COLUMNS].reset_index(drop=True)


def _held_days(activities: pd.DataFrame) -> dict[tuple, np.ndarray]:
    """The sorted days held, per (unit, program) and per (unit, None) for any program."""
    days: dict[tuple, np.ndarray] = {}
    if activities.empty:
        return days
    held = pd.to_datetime(activities["held_on"]).to_numpy()
    programs = activities["program_id"].astype(object).where(activities["program_id"].notna(), None)
    frame = pd.DataFrame({"unit_id": activities["unit_id"].to_numpy(), "program_id": programs.to_numpy(),
                          "held_on": held})
    for (unit_id, program_id), group in frame.groupby(["unit_id", "program_id"], dropna=False, sort=False):
        days[(unit_id, program_id)] = np.sort(group["held_on"].to_numpy())
    for unit_id, group in frame.groupby("unit_id", sort=False):
        days[(unit_id, None)] = np.sort(group["held_on"].to_numpy())
    return days


def _reported(days: dict[tuple, np.ndarray], unit_id, program_id, start, end) -> bool:
    """Some day held from `start` to `end` (both included): one bisection, not a scan of the activities."""
    program = program_id if isinstance(program_id, str) and program_id else None
    held = days.get((unit_id, program))
    if held is None:
        return False
    first = np.searchsorted(held, np.datetime64(start), side="left")
    return bool(first < len(held) and held[first] <= np.datetime64(end))


def unreported_registrations(units: pd.DataFrame, registrations: pd.DataFrame, activities: pd.DataFrame,
                             as_of: dt.date) -> pd.DataFrame:
    """Registrations of registry units whose last day has passed with no activity reported for them."""
    names = _names(units)
    due = registrations[registrations["unit_id"].isin(names) & (registrations["end"] <= pd.Timestamp(as_of))]
    days = _held_days(activities)
    unreported = [not _reported(days, u, p, s, e)
                  for u, p, s, e in zip(due["unit_id"], due["program_id"], due["start"], due["end"])]
    table = due[pd.Series(unreported, index=due.index, dtype=bool)]
    table = table.assign(unit_name=table["unit_id"].map(names))
    ordered = table.sort_values(["unit_id", "start", "activity"], kind="stable")
    return ordered.reindex(columns=REGISTRATION_COLUMNS).reset_index(drop=True)


def feedback_summary(units: pd.DataFrame, issues: pd.DataFrame, reports: pd.DataFrame,
                     registrations: pd.DataFrame) -> pd.DataFrame:
    """One row per registry unit with anything to fix (registry order): how many of each."""
    def count(frame: pd.DataFrame, mask: pd.Series | None = None) -> pd.Series:
        return (frame if mask is None else frame[mask])["unit_id"].value_counts()

    table = units[["unit_id", "name"]].rename(columns={"name": "unit_name"}).reset_index(drop=True)
    counts = {
        "rows_rejected": count(issues, issues["action"] == Action.REJECTED),
        "cells_to_check": count(issues, issues["action"] != Action.REJECTED),
        "reports_missing": count(reports, reports["status"] == MISSING),
        "reports_late": count(reports, reports["status"] == LATE),
        "registrations_unreported": count(registrations),
    }
    for name, values in counts.items():
        table[name] = table["unit_id"].map(values).fillna(0).astype(int)
    anything = table[list(counts)].sum(axis=1) > 0
    return table[anything][SUMMARY_COLUMNS].reset_index(drop=True)
