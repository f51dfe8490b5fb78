"""The plan's assignments (giao … chủ trì, đăng cai, tham mưu, phối hợp) against what each
assigned unit registered and reported."""

from __future__ import annotations

import pandas as pd

from ..intake.status import counted
from ..plan.schema import Assignment, Plan
from ..text import fold, nfc

ROLE_LABELS = {"host": "đăng cai", "lead": "chủ trì", "advise": "tham mưu", "cooperate": "phối hợp",
               "carry_out": "thực hiện"}
REPORTED, REGISTERED, NOTHING = "Đã báo cáo", "Mới đăng ký", "Chưa có"
NOT_TRACKED = "Không theo dõi"


def _assignment_units(assignment: Assignment, units: pd.DataFrame) -> list[str]:
    named = list(assignment.units)
    if assignment.sector:
        wanted = fold(assignment.sector)
        named += [u for u, s in zip(units["unit_id"], units["sector"]) if fold(s) == wanted]
    return list(dict.fromkeys(named))


def _shared_row(base: dict, program_id: str | None, assignment: Assignment, named: set[str], units: pd.DataFrame,
                registrations: _RowCounts, activities: _RowCounts) -> dict:
    """One row for a task given to every unit ('Các TCCSĐ trực thuộc') or to every unit not named
    beside it ('… còn lại'): the units of the registry it covers, how many registered and reported."""
    covered = [u for u in units["unit_id"] if not (assignment.other_units and u in named)]
    registered = sum(registrations.count(u, program_id) > 0 for u in covered)
    reported = sum(activities.count(u, program_id) > 0 for u in covered)
    who = "Các TCCSĐ trực thuộc còn lại" if assignment.other_units else "Các TCCSĐ trực thuộc"
    return {**base, "unit_id": None, "unit_name": f"{who} ({len(covered)} đơn vị)", "registered": registered,
            "reported": reported, "status": _assignment_status(registered, reported),
            "note": f"Giao chung: {registered} đơn vị đã đăng ký, {reported} đơn vị đã báo cáo"
                    + (" hoạt động của chương trình" if program_id else " hoạt động")}


def _assignment_rows(program_id: str | None, assignment: Assignment, units: pd.DataFrame,
                     registrations: _RowCounts, activities: _RowCounts, named: set[str] = frozenset()) -> list[dict]:
    base = {"program_id": program_id, "role": ", ".join(ROLE_LABELS[r] for r in assignment.roles),
            "task": assignment.task, "date": assignment.date.date if assignment.date else None}
    if assignment.all_units or assignment.other_units:
        return [_shared_row(base, program_id, assignment, named, units, registrations, activities)]
    rows = []
    if assignment.person:
        rows.append({**base, "unit_id": None, "unit_name": assignment.person, "registered": pd.NA,
                     "reported": pd.NA, "status": NOT_TRACKED,
                     "note": "Phân công cho cá nhân: không theo dõi bằng số liệu của đơn vị"})
    unit_ids = _assignment_units(assignment, units)
    if assignment.sector and not any(fold(s) == fold(assignment.sector) for s in units["sector"]):
        rows.append({**base, "unit_id": None, "unit_name": f"Khối {assignment.sector}", "registered": pd.NA,
                     "reported": pd.NA, "status": NOT_TRACKED,
                     "note": f"Không có đơn vị nào thuộc khối '{assignment.sector}' trong danh sách đơn vị"})
    names = dict(zip(units["unit_id"], units["name"].map(nfc)))
    for unit_id in unit_ids:
        registered = registrations.count(unit_id, program_id)
        reported = activities.count(unit_id, program_id)
        notes = []
        if unit_id not in names:
            notes.append("Mã đơn vị không có trong danh sách đơn vị (don_vi.xlsx)")
        if program_id is None:
            notes.append("Phân công ngoài chương trình: đếm mọi hoạt động của đơn vị")
        rows.append({**base, "unit_id": unit_id, "unit_name": names.get(unit_id, ""), "registered": registered,
                     "reported": reported, "status": _assignment_status(registered, reported),
                     "note": "; ".join(notes)})
    return rows


class _RowCounts:
    """How many rows of one table a unit has (for one program, or in all), from counts made
    once: one scan of the table per assignment and unit took seconds on a million rows."""

    def __init__(self, frame: pd.DataFrame):
        self.by_unit: dict = {}
        self.by_program: dict = {}
        if frame.empty or "unit_id" not in frame:
            return
        self.by_unit = frame.groupby("unit_id", sort=False).size().to_dict()
        if "program_id" in frame:
            self.by_program = frame.groupby(["unit_id", "program_id"], sort=False).size().to_dict()

    def count(self, unit_id: str, program_id: str | None) -> int:
        if program_id is None:
            return int(self.by_unit.get(unit_id, 0))
        return int(self.by_program.get((unit_id, program_id), 0))


def _assignment_status(registered: int, reported: int) -> str:
    if reported > 0:
        return REPORTED
    if registered > 0:
        return REGISTERED
    return NOTHING


def assignment_tracking(plan: Plan, units: pd.DataFrame, registrations: pd.DataFrame,
                        activities: pd.DataFrame) -> pd.DataFrame:
    """One row per (assignment, unit) of the plan, programs' assignments first then the others:
    the role in Vietnamese, how many registrations and activities the unit has for that program,
    and the status 'Đã báo cáo' / 'Mới đăng ký' / 'Chưa có'. A sector ('Y tế') stands for every
    unit of the registry whose sector folds to it; an assignment to a person is one row marked
    'Không theo dõi'. Assignments outside any program count all the unit's rows (see `note`). A task
    given to every unit (or to every unit not named in the program's other tasks) is one row
    counting the units that registered and reported (not their rows)."""
    registrations, activities = _RowCounts(counted(registrations)), _RowCounts(counted(activities))
    rows = []
    for program in plan.programs:
        named = {u for a in program.assignments for u in _assignment_units(a, units)}
        for assignment in program.assignments:
            rows += _assignment_rows(program.id, assignment, units, registrations, activities, named)
    for assignment in plan.other_assignments:
        rows += _assignment_rows(None, assignment, units, registrations, activities)
    columns = ["program_id", "role", "task", "date", "unit_id", "unit_name", "registered", "reported", "status",
               "note"]
    table = pd.DataFrame(rows, columns=columns)
    table["registered"] = table["registered"].astype("Int64")
    table["reported"] = table["reported"].astype("Int64")
    return table

