"""Where an input row ends: the four statuses of the row accounting, in one place.

Every row read from a unit's spreadsheet ends in exactly one of them. The words here are the
only Vietnamese wording of the statuses: the console summary, the index pages, the report
tables and the appendix all take them from `STATUS_LABELS` (short, for a column header) and
`STATUS_DESCRIPTIONS` (what it means, for a sentence).
"""

from __future__ import annotations

import pandas as pd

COUNTED, MERGED, SKIPPED, REJECTED = "counted", "merged", "skipped", "rejected"
STATUSES = (COUNTED, MERGED, SKIPPED, REJECTED)

STATUS_LABELS = {
    COUNTED: "Được tính",
    MERGED: "Gộp vào bản gửi sau",
    SKIPPED: "Bỏ qua",
    REJECTED: "Bị loại",
}
# Not a status: in a period's accounting, usable rows held or sent after its cut-off (they count later).
AFTER_AS_OF_LABEL = "Sau ngày chốt"
AFTER_AS_OF_DESCRIPTION = "sau ngày chốt của kỳ (tổ chức hoặc gửi sau ngày chốt: tính vào kỳ sau)"
STATUS_DESCRIPTIONS = {
    COUNTED: "được tính vào kết quả",
    MERGED: "gộp vào bản gửi sau của cùng hoạt động (báo cáo lại)",
    SKIPPED: "bỏ qua (dòng trống, dòng tổng cộng)",
    REJECTED: "bị loại vì sai hoặc thiếu thông tin (xem data_issues.csv)",
}


def counted(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows counted once: earlier versions of a re-sent row (status 'merged') are dropped.
    A table without a status column (made by hand, in a test) is taken as it is."""
    if "status" not in frame:
        return frame
    return frame[frame["status"] == COUNTED]
