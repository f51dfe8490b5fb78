"""Who planned and did what, and where: per unit, per commune, the focus communes by phase and
the units that have gone quiet (the plan's assignments are in `assignments`).

Every function takes the clean tables (the caller passes the registrations and activities as of
the report's date: `as_of.registrations_as_of`, `as_of.activities_as_of`) and returns a new
table. Earlier versions of a re-sent row (status 'merged') are dropped, so each row counts once.
Totals rows are the sums of the rows above them, so they equal the indicator table's actuals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..intake.places import commune_key, district_key, successors
from ..intake.status import counted
from ..plan.schema import Plan
from ..text import fold, format_date, text_column
from .focus import UNKNOWN_COMMUNE, per_pair, place_labels
from .indicators import TOTAL_LABEL, figure_column

TOTAL_ID = "TONG"
UNKNOWN_PROGRAM = "Không rõ chương trình"
UNIT_COLUMNS = ["unit_id", "unit_name", "kind", "cluster", "sector"]


def _dates(frame: pd.DataFrame, name: str) -> pd.Series:
    if name not in frame:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    return pd.to_datetime(frame[name])


def _sums(frame: pd.DataFrame, key: str, columns: dict[str, str]) -> pd.DataFrame:
    """Per `key`: the number of rows (`count`) and the sum of each source column, renamed."""
    if key not in frame:
        return pd.DataFrame(columns=["count", *columns.values()], dtype="float64")
    values = pd.DataFrame({new: figure_column(frame, old) for old, new in columns.items()}, index=frame.index)
    values.insert(0, "count", 1)
    values.insert(0, key, frame[key].astype(object).where(frame[key].notna(), ""))
    return values.groupby(key).sum(min_count=0)


# --- per unit ------------------------------------------------------------------------------

def _registry(units: pd.DataFrame, *frames: pd.DataFrame) -> pd.DataFrame:
    """The registry's units, then any unit id found in the data but not in the registry
    (so that nothing reported falls out of the totals)."""
    table = pd.DataFrame({
        "unit_id": units["unit_id"].astype(str),
        "unit_name": text_column(units, "name"),
        "kind": text_column(units, "kind"),
        "cluster": text_column(units, "cluster"),
        "sector": text_column(units, "sector"),
    }).reset_index(drop=True)
    seen = set(table["unit_id"])
    extra = [u for f in frames for u in f.get("unit_id", pd.Series(dtype=object)).dropna().astype(str).unique()
             if u not in seen]
    extra = list(dict.fromkeys(extra))
    if not extra:
        return table
    unknown = pd.DataFrame({"unit_id": extra, "unit_name": extra, "kind": "", "cluster": "", "sector": ""})
    return pd.concat([table, unknown], ignore_index=True)


def workload_by_unit(plan: Plan, units: pd.DataFrame, registrations: pd.DataFrame,
                     activities: pd.DataFrame) -> pd.DataFrame:
    """workload_unit.csv: one row per unit of the registry (zeros included), then 'Tổng cộng'.

    planned_* sum the registrations (planned_participations is 'Số lượt ĐVTN dự kiến'), done_*
    sum the activities (done participations are in the plan's participation indicator's column),
    funds is the funds reported spent;
    first/last_activity are the first and last dates an activity was held."""
    registrations, activities = counted(registrations), counted(activities)
    ids = plan.indicator_ids()
    planned = _sums(registrations, "unit_id", {"planned_participations": "planned_participations",
                                               **{i: f"planned_{i}" for i in ids}, "funds": "planned_funds"})
    done = _sums(activities, "unit_id", {**{i: f"done_{i}" for i in ids}, "funds": "funds"})
    held = _dates(activities, "held_on")
    by_unit = pd.DataFrame({"unit_id": activities.get("unit_id", pd.Series(dtype=object)), "held_on": held})
    first_last = by_unit.groupby("unit_id")["held_on"].agg(["min", "max"])
    table = _registry(units, registrations, activities).set_index("unit_id")
    table["planned_activities"] = planned["count"].reindex(table.index).fillna(0).astype(int)
    for column in planned.columns.drop("count"):
        table[column] = planned[column].reindex(table.index).fillna(0.0)
    table["done_activities"] = done["count"].reindex(table.index).fillna(0).astype(int)
    for column in done.columns.drop("count"):
        table[column] = done[column].reindex(table.index).fillna(0.0)
    table["first_activity"] = first_last["min"].reindex(table.index)
    table["last_activity"] = first_last["max"].reindex(table.index)
    table["has_registration"] = (table["planned_activities"] > 0).astype("boolean")
    table["has_report"] = (table["done_activities"] > 0).astype("boolean")
    table = table.reset_index()
    return _with_total(table, {"unit_id": TOTAL_ID, "unit_name": TOTAL_LABEL, "kind": "", "cluster": "",
                               "sector": ""})


def workload_by_program(plan: Plan, registrations: pd.DataFrame, activities: pd.DataFrame) -> pd.DataFrame:
    """One row per program of the plan (its order, zeros included), then activities the units
    wrote no recognisable program for ('Không rõ chương trình', only when there are any), then
    'Tổng cộng': activities registered and held, distinct units that held them, participations (the
    plan's participation indicator, `done_<id>`, when it has one) and funds spent. `units` in the
    total row is the distinct units over all programs."""
    registrations, activities = counted(registrations), counted(activities)
    participation = plan.participation_indicator()
    people = {participation.id: f"done_{participation.id}"} if participation else {}
    planned = _sums(registrations, "program_id", {})
    done = _sums(activities, "program_id", {**people, "funds": "funds"})
    unit_ids = activities.get("unit_id", pd.Series(None, index=activities.index, dtype=object))
    programs = activities.get("program_id", pd.Series(None, index=activities.index, dtype=object))
    distinct = unit_ids.groupby(programs.astype(object).where(programs.notna(), "")).nunique()
    rows = [(p.id, p.name) for p in plan.programs]
    if "" in done.index or "" in planned.index:
        rows.append(("", UNKNOWN_PROGRAM))
    table = pd.DataFrame(rows, columns=["program_id", "program_name"])
    keys = table["program_id"]
    table["planned_activities"] = keys.map(planned["count"]).fillna(0).astype(int)
    table["done_activities"] = keys.map(done["count"]).fillna(0).astype(int)
    table["units"] = keys.map(distinct).fillna(0).astype(int)
    for column in people.values():
        table[column] = keys.map(done[column]).fillna(0.0).astype(float)
    table["funds"] = keys.map(done["funds"]).fillna(0.0).astype(float)
    return _with_total(table, {"program_id": TOTAL_ID, "program_name": TOTAL_LABEL},
                       {"units": int(unit_ids.nunique())})


def _with_total(table: pd.DataFrame, labels: dict, distinct: dict | None = None) -> pd.DataFrame:
    """`table` with a last row: the sum of every numeric column, min/max of the date columns,
    blank (NA) for booleans, and `distinct` values where a sum would double count."""
    total = dict(labels)
    for column in table.columns:
        if column in total:
            continue
        series = table[column]
        if column == "first_activity":
            total[column] = series.min()
        elif column == "last_activity":
            total[column] = series.max()
        elif pd.api.types.is_bool_dtype(series):
            total[column] = pd.NA
        elif pd.api.types.is_numeric_dtype(series):
            total[column] = series.sum()
    total.update(distinct or {})
    result = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    for column in table.columns:
        if pd.api.types.is_integer_dtype(table[column]):
            result[column] = result[column].astype(int)
        elif pd.api.types.is_bool_dtype(table[column]):
            result[column] = result[column].astype("boolean")
    return result


# --- per commune ---------------------------------------------------------------------------

def _place_key(commune: str, district: str) -> tuple[str, str]:
    return commune_key(commune), district_key(district)


def _commune_frame(plan: Plan, frame: pd.DataFrame) -> pd.DataFrame:
    places = place_labels(plan, frame)
    if len(places):
        codes, pairs = per_pair(places["commune"], places["district"])
        keys = np.empty(len(pairs), dtype=object)
        keys[:] = [_place_key(c, d) for c, d in pairs]
        places["place"] = keys[codes]
    else:
        places["place"] = []
    return places


def workload_by_commune(plan: Plan, registrations: pd.DataFrame, activities: pd.DataFrame) -> pd.DataFrame:
    """workload_commune.csv: one row per commune (the plan's focus communes first and always, then
    the others by activities done; activities without a commune under 'Không rõ xã/phường'),
    then 'Tổng cộng'. `units` is the number of distinct units that held activities there; in the
    total row it is the distinct units over all communes, not the sum.

    The last columns, for a campaign named on the 2024 map, compare across years: the commune or
    ward of the 2025 map each commune became (`successor_commune`, 'Xã Thạnh Quới (một phần)' when
    the old commune was divided and its main part went there) and its code (`successor_code`);
    blank on the 2025 map, for unknown communes and for the total."""
    registrations, activities = counted(registrations), counted(activities)
    ids = plan.indicator_ids()
    planned_places = _commune_frame(plan, registrations)
    done_places = _commune_frame(plan, activities)
    done = pd.DataFrame({f"done_{i}": figure_column(activities, i) for i in ids}, index=activities.index)
    done["funds"] = figure_column(activities, "funds")
    done["done_activities"] = 1
    done["place"] = done_places["place"]
    done_sums = done.groupby("place").sum(min_count=0)
    unit_ids = activities.get("unit_id", pd.Series(None, index=activities.index, dtype=object))
    distinct_units = unit_ids.groupby(done_places["place"]).nunique()
    planned_counts = planned_places.groupby("place").size()
    names = pd.concat([planned_places, done_places]).drop_duplicates("place").set_index("place")
    focus = [(f.commune, f.district, True) for f in plan.focus_communes]
    focus_keys = [_place_key(c, d) for c, d, _ in focus]
    others = [p for p in names.index if p not in focus_keys]
    rows = [*focus, *((names.at[p, "commune"], names.at[p, "district"], False) for p in others)]
    table = pd.DataFrame(rows, columns=["commune", "district", "focus_commune"])
    places = [*focus_keys, *others]
    table["planned_activities"] = [int(planned_counts.get(p, 0)) for p in places]
    table["done_activities"] = [int(done_sums["done_activities"].get(p, 0)) for p in places]
    for i in ids:
        table[f"done_{i}"] = [float(done_sums[f"done_{i}"].get(p, 0.0)) for p in places]
    table["units"] = [int(distinct_units.get(p, 0)) for p in places]
    table["funds"] = [float(done_sums["funds"].get(p, 0.0)) for p in places]
    table = _order_communes(table)
    table["focus_commune"] = table["focus_commune"].astype(bool)
    table = pd.concat([table, _successor_columns(plan, table)], axis=1)
    return _with_total(table, {"commune": TOTAL_LABEL, "district": "", "focus_commune": pd.NA,
                               "successor_commune": "", "successor_code": ""},
                       {"units": int(unit_ids.nunique())})


def _successor_columns(plan: Plan, table: pd.DataFrame) -> pd.DataFrame:
    places = [("" if c == UNKNOWN_COMMUNE else c, d) for c, d in zip(table["commune"], table["district"])]
    found = successors(plan, places)
    return pd.DataFrame({
        "successor_commune": [(m.commune + (" (một phần)" if m.approximate else "")) if m else "" for m in found],
        "successor_code": [m.commune_code if m else "" for m in found],
    }, index=table.index)


def _order_communes(table: pd.DataFrame) -> pd.DataFrame:
    focus = table[table["focus_commune"]]
    unknown = table[table["commune"] == UNKNOWN_COMMUNE]
    rest = table[~table["focus_commune"] & (table["commune"] != UNKNOWN_COMMUNE)]
    rest = rest.assign(_key=rest["commune"].map(fold)).sort_values(["done_activities", "_key"],
                                                                    ascending=[False, True], kind="stable")
    return pd.concat([focus, rest.drop(columns="_key"), unknown], ignore_index=True)


# --- quiet units ---------------------------------------------------------------------------

def inactive_units(units: pd.DataFrame, registrations: pd.DataFrame, activities: pd.DataFrame,
                   period_start, as_of) -> pd.DataFrame:
    """Units with no registration, no report, or no activity held from `period_start` to `as_of`
    (both days included), with the reasons in Vietnamese ('; ' between two reasons)."""
    registrations, activities = counted(registrations), counted(activities)
    first, last = pd.Timestamp(period_start), pd.Timestamp(as_of)
    held = _dates(activities, "held_on")
    in_period = activities[(held >= first) & (held <= last)]
    table = _registry(units, registrations, activities)
    table["registrations"] = table["unit_id"].map(_counts(registrations)).fillna(0).astype(int)
    table["activities"] = table["unit_id"].map(_counts(activities)).fillna(0).astype(int)
    table["activities_in_period"] = table["unit_id"].map(_counts(in_period)).fillna(0).astype(int)
    window = f"{format_date(first)}–{format_date(last)}"
    table["reason"] = [_quiet_reason(r, window) for r in table.itertuples()]
    return table[table["reason"] != ""].reset_index(drop=True)


def _counts(frame: pd.DataFrame) -> pd.Series:
    if "unit_id" not in frame:
        return pd.Series(dtype=int)
    return frame["unit_id"].value_counts()


def _quiet_reason(row, window: str) -> str:
    reasons = []
    if row.registrations == 0:
        reasons.append("Chưa đăng ký hoạt động")
    if row.activities == 0:
        reasons.append("Chưa báo cáo hoạt động nào")
    elif row.activities_in_period == 0:
        reasons.append(f"Không có hoạt động nào tổ chức trong kỳ ({window})")
    return "; ".join(reasons)


# --- focus communes by phase, units × communes ---------------------------------------------

def focus_coverage(plan: Plan, activities: pd.DataFrame) -> pd.DataFrame:
    """Each focus commune × each phase (chuỗi) of the plan: activities held there in the phase's
    window, distinct units, participations (the plan's participation indicator; blank when the
    plan has none). Zeros are rows too."""
    activities = counted(activities)
    places = place_labels(plan, activities)
    held = _dates(activities, "held_on")
    counting = plan.participation_indicator()
    people = figure_column(activities, counting.id if counting else "")
    unit_ids = activities.get("unit_id", pd.Series(None, index=activities.index, dtype=object))
    rows = []
    for focus in plan.focus_communes:
        here = places["focus_commune"] & (places["commune"] == focus.commune)
        for phase in plan.phases:
            inside = here & (held >= pd.Timestamp(phase.start)) & (held <= pd.Timestamp(phase.end))
            rows.append({"commune": focus.commune, "district": focus.district, "phase_id": phase.id,
                         "phase_name": phase.name, "activities": int(inside.sum()),
                         "units": int(unit_ids[inside].nunique()),
                         "participations": float(people[inside].sum()) if counting else float("nan")})
    return pd.DataFrame(rows, columns=["commune", "district", "phase_id", "phase_name", "activities", "units",
                                       "participations"])


def unit_commune_matrix(activities: pd.DataFrame) -> pd.DataFrame:
    """Units (index `unit_id`) × communes (columns), the number of activities; busiest first.
    A commune name written with several districts is shown as 'Tân Thới (Phong Điền)' (a row
    without its district keeps the bare name); no commune is 'Không rõ xã/phường'."""
    activities = counted(activities)
    if activities.empty:
        return pd.DataFrame(index=pd.Index([], name="unit_id"), columns=pd.Index([], name="commune"), dtype=int)
    communes, districts = text_column(activities, "commune"), text_column(activities, "district")
    communes = communes.where(communes != "", UNKNOWN_COMMUNE)
    codes, pairs = per_pair(communes, districts)  # the same distinct pairs as every row's
    written = pd.DataFrame([(fold(c), fold(d)) for c, d in pairs], columns=["c", "d"])
    shared = written[written["d"] != ""].drop_duplicates().groupby("c").size()
    distinct = np.array([f"{c} ({d})" if shared.get(fold(c), 0) > 1 and d else c for c, d in pairs], dtype=object)
    labels = distinct[codes]
    matrix = pd.crosstab(activities["unit_id"].rename("unit_id"), pd.Series(labels, index=activities.index,
                                                                           name="commune"))
    rows = matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index
    columns = matrix.sum(axis=0).sort_values(ascending=False, kind="stable").index
    return matrix.loc[rows, columns].astype(int)
