"""A finding of the plan checks: what was checked, how serious, where, the plan's words, why.

Severities: **lỗi** (the plan contradicts the calendar, itself or its file so that one statement
must be false), **cảnh báo** (it can be followed but will not work as written and needs a
decision), **lưu ý** (wording that can be read two ways). Every check of the plan, in `plan/`
or elsewhere (the communes against the administrative map, in `intake/places.py`), builds its
findings with `finding`, and `checks.check_plan` gathers them into one table.
"""

from __future__ import annotations

from ..text import nfc

ERROR, WARNING, NOTE = "lỗi", "cảnh báo", "lưu ý"
SEVERITIES = [ERROR, WARNING, NOTE]


def finding(check: str, severity: str, where: str, quote: str, text: str) -> dict:
    """One finding: `where` names the plan-file keys ('awards.thanh_doan.due, …'), `quote` the
    plan's own words (' … ' between two quotes)."""
    return {"check": check, "severity": severity, "where": where, "quote": nfc(quote), "finding": text}
