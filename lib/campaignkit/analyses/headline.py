"""The headline figures the period report opens with (one row each: what, how many, out of what)."""

from __future__ import annotations

import pandas as pd

from ..intake.accounting import total_row
from ..intake.status import REJECTED
from ..intake.tables import CampaignTables
from ..plan.periods import Period
from ..text import format_number
from .indicators import target_of

HEADLINE_COLUMNS = ["figure", "label", "value", "out_of", "note"]


def headline(tables: CampaignTables, period: Period, activities: pd.DataFrame,
             indicator_status: pd.DataFrame) -> pd.DataFrame:
    """as_of, activities held, targets met (out of the plan's targets, each part counted in the
    note), participations (the plan's participation indicator, when it has one), rows rejected."""
    counts = indicator_status["status"].value_counts()
    by_id = indicator_status.set_index("indicator_id")
    summary = total_row(tables.summary)
    active = activities["unit_id"].nunique()
    # a target of the plan may have parts (CT05a, CT05b): it is met when every part is
    targets = (indicator_status["status"] == "met").groupby(indicator_status["indicator_id"].map(target_of)).all()
    targets_met = int(targets.sum())
    rows = [
        ("as_of", "Ngày chốt số liệu", pd.Timestamp(period.as_of), None, period.id),
        ("activities", "Hoạt động đã tổ chức", len(activities), None,
         f"{active}/{len(tables.units)} đơn vị có hoạt động"),
        ("indicators_met", "Chỉ tiêu đạt", targets_met, len(targets),
         f"{len(indicator_status)} mục: đạt {counts.get('met', 0)}, đúng tiến độ {counts.get('on_track', 0)}, "
         f"chậm {counts.get('behind', 0)}, chưa có số liệu {counts.get('no_data', 0)}"),
        *_participations(tables.plan.participation_indicator(), by_id),
        ("rows_rejected", "Dòng dữ liệu bị loại", int(summary[REJECTED]), None,
         f"trên {format_number(int(summary['rows_read']))} dòng đã đọc"),
    ]
    return pd.DataFrame(rows, columns=HEADLINE_COLUMNS)


def _participations(indicator, by_id: pd.DataFrame) -> list[tuple]:
    """The participations row, named as the plan names its participation indicator."""
    if indicator is None or indicator.id not in by_id.index:
        return []
    return [("participations", indicator.name, float(by_id.at[indicator.id, "actual"]), None,
             f"chỉ tiêu {format_number(by_id.at[indicator.id, 'target'])} {indicator.unit}")]
