"""Where every input row went, in Vietnamese, for the console and the reports."""

from __future__ import annotations

import pandas as pd

from .clean import Campaign

LABELS = {
    "counted": "được tính",
    "merged": "gộp vào bản gửi sau (báo cáo lại)",
    "skipped": "bỏ qua (dòng trống, dòng tổng cộng)",
    "rejected": "bị loại (xem data_issues.csv)",
}
KIND_LABELS = {"dang_ky": "Đăng ký (dang_ky/)", "bao_cao": "Báo cáo (bao_cao/)"}


def accounting_by_kind(campaign: Campaign) -> pd.DataFrame:
    table = pd.crosstab(campaign.ledger["kind"], campaign.ledger["status"])
    table = table.reindex(index=list(KIND_LABELS), columns=list(LABELS), fill_value=0)
    table.insert(0, "rows_read", table.sum(axis=1))
    return table


def accounting_text(campaign: Campaign) -> str:
    summary = campaign.summary.iloc[0]
    workbooks = int((campaign.files["kind"] != "don_vi").sum()) if len(campaign.files) else 0
    lines = [f"Đã đọc {summary['rows_read']} dòng dữ liệu từ {workbooks} tệp bảng tính"
             f" và {len(campaign.units)} đơn vị trong danh sách:"]
    by_kind = accounting_by_kind(campaign)
    for status, label in LABELS.items():
        parts = ", ".join(f"{KIND_LABELS[k].split(' ')[0].lower()} {by_kind.loc[k, status]}" for k in KIND_LABELS)
        lines.append(f"  - {label}: {summary[status]}  ({parts})")
    placed = sum(int(summary[s]) for s in LABELS)
    check = "khớp" if placed == summary["rows_read"] else "KHÔNG KHỚP"
    lines.append(f"  Tổng các mục: {placed} = số dòng đã đọc {summary['rows_read']} ({check}).")
    problems = campaign.issues[campaign.issues["action"].str.startswith("bỏ qua tệp")
                               | campaign.issues["action"].str.startswith("bỏ qua trang")]
    for rec in problems.itertuples():
        where = f"{rec.file}" + (f", trang '{rec.sheet}'" if rec.sheet else "")
        lines.append(f"  ! {where}: {rec.problem}")
    return "\n".join(lines)
