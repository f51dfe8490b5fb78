"""The plan's focus communes (xã trọng điểm): which written place is one of them.

The one rule, used by every analysis and chart: a commune written by a unit is a focus commune
when its name matches the focus commune's (with or without its prefix, any case, with or
without diacritics) and its district, when written, matches too; a blank district matches any.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..intake.places import commune_key, district_key
from ..plan.schema import FocusCommune, Plan
from ..text import fold, text_column

UNKNOWN_COMMUNE = "Không rõ xã/phường"
PLACE_COLUMNS = ["commune", "district", "focus_commune"]


def focus_of(plan: Plan, commune, district="") -> FocusCommune | None:
    """The plan's focus commune that (commune, district) names, or None."""
    wanted, wanted_district = commune_key(commune), district_key(district)
    if not wanted:
        return None
    for focus in plan.focus_communes:
        if commune_key(focus.commune) == wanted and (not wanted_district
                                                      or district_key(focus.district) == wanted_district):
            return focus
    return None


def focus_named_in(plan: Plan, text: str | None) -> FocusCommune | None:
    """The focus commune named inside free text such as 'Xã Trường Xuân, Huyện Thới Lai'."""
    folded = f" {fold(text)} "
    return next((f for f in plan.focus_communes if f" {fold(f.commune)} " in folded), None)


def per_pair(first: pd.Series, second: pd.Series) -> tuple[np.ndarray, list[tuple]]:
    """Codes of each row's (first, second) pair and the distinct pairs, in order of appearance."""
    first_codes, firsts = pd.factorize(first, use_na_sentinel=False)
    second_codes, seconds = pd.factorize(second, use_na_sentinel=False)
    width = max(len(seconds), 1)
    codes, combined = pd.factorize(first_codes.astype(np.int64) * width + second_codes)
    return codes, [(firsts[c // width], seconds[c % width]) for c in combined]


def place_labels(plan: Plan, frame: pd.DataFrame) -> pd.DataFrame:
    """Per row of `frame`: commune, district (the plan's spelling for a focus commune; a focus
    commune written without its district is still that commune) and focus_commune; a row
    without a commune is 'Không rõ xã/phường'."""
    communes, districts = text_column(frame, "commune"), text_column(frame, "district")
    if not len(frame):
        return pd.DataFrame([], columns=PLACE_COLUMNS, index=frame.index)
    codes, pairs = per_pair(communes, districts)
    rows = []
    for commune, district in pairs:  # once per distinct (commune, district) written
        match = focus_of(plan, commune, district) if commune else None
        if match:
            rows.append((match.commune, match.district, True))
        else:
            rows.append((commune or UNKNOWN_COMMUNE, district, False))
    return pd.DataFrame(rows, columns=PLACE_COLUMNS).take(codes).set_axis(frame.index)
