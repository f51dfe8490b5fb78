"""What a correct ingest of the generated campaign must find, and the words that describe it.

`settle` gives every data row its fate (counted, merged into a later version, skipped, rejected),
`expectations` gathers the fates, totals, periods and sends into the dict saved as
expected_counts.json, `readme` writes the campaign folder's README.md (with the table of
deliberate mistakes), and `summary` the few lines printed on the command line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from .facts import Facts
from .registry import Unit
from .rendering import iso_moment, moment_sort_key, vn_number

# how to regenerate the campaign (named in expected_counts.json and README.md)
GENERATOR_COMMAND = "python -m campaignkit_sample"


# ---------------------------------------------------------------------------------------------
# Fates and totals
# ---------------------------------------------------------------------------------------------

def round_totals(f: Facts, d: dict) -> dict:
    """Indicator totals in the indicators' order, rounded as each indicator is written."""
    ordered = sorted(d.items(), key=lambda kv: f.ind_ids.index(kv[0]))
    return {k: round(v, 2) if f.ind_decimals[k] else int(v) for k, v in ordered}


def settle(metas: list[dict]) -> None:
    """Give every data row its fate: counted, merged (a later version wins), skipped or rejected."""
    groups = defaultdict(list)
    for m in metas:
        if m["kind"] == "activity":
            groups[tuple(m["key"])].append(m)
        elif m["kind"] in ("blank", "totals"):
            m["fate"] = "skipped"
        else:
            m["fate"] = "rejected"
    for rows in groups.values():
        rows.sort(key=lambda m: m["sent_sort"])
        sents = [m["sent_sort"] for m in rows]
        assert len(set(sents)) == len(sents), f"two versions sent at the same moment: {rows[0]['key']}"
        for m in rows[:-1]:
            m["fate"] = "merged"
            m["merged_into"] = {"file": rows[-1]["file"], "sheet": rows[-1]["sheet"], "row": rows[-1]["row"]}
        rows[-1]["fate"] = "counted"


def as_of_totals(f: Facts, metas: list[dict], as_of: dt.date) -> dict:
    """The activities and indicator totals a report as of `as_of` counts (held and sent by then)."""
    latest = {}
    for m in metas:
        if m["kind"] != "activity" or m["held"] > as_of.isoformat() or m["sent_sort"][:10] > as_of.isoformat():
            continue
        k = tuple(m["key"])
        if k not in latest or latest[k]["sent_sort"] < m["sent_sort"]:
            latest[k] = m
    totals = defaultdict(float)
    for m in latest.values():
        for ind, v in m["values"].items():
            totals[ind] += v
    return {"as_of": as_of.isoformat(), "activities": len(latest), "indicator_totals": round_totals(f, totals)}


def fate_counts(metas: list[dict]) -> dict:
    """How many rows were read, counted, merged, skipped (blank, totals) and rejected."""
    c = Counter(m["fate"] for m in metas)
    return {"rows_read": len(metas), "counted": c["counted"], "merged": c["merged"], "skipped": c["skipped"],
            "rejected": c["rejected"],
            "skipped_blank": sum(m["kind"] == "blank" for m in metas),
            "skipped_totals": sum(m["kind"] == "totals" for m in metas)}


def loc(m: dict) -> dict:
    """Where a row is: file, sheet, row number."""
    return {"file": m["file"], "sheet": m["sheet"], "row": m["row"]}


def weekly_status(f: Facts, moment, deadline: dt.date | None) -> str:
    """"on_time" when sent on the deadline's day by its time (a date alone counts as on time that
    day), else "late"."""
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    if day != deadline:
        return "late"
    return "on_time" if not isinstance(moment, dt.datetime) or moment.time() <= f.deadline_time else "late"


def expectations(f: Facts, units: list[Unit], report_books, report_grids, reg_books, reg_grids, factors, seed,
                 scale) -> dict:
    """The expected counts of the campaign (saved as expected_counts.json), from the rows' fate records."""
    rmetas = [m for gs in report_grids for g in gs for m in g.metas]
    gmetas = [m for gs in reg_grids for g in gs for m in g.metas]
    settle(rmetas)
    for m in gmetas:
        m["fate"] = ("counted" if m["kind"] == "activity" else "skipped" if m["kind"] in ("blank", "totals")
                     else "rejected")
    counted = [m for m in rmetas if m["fate"] == "counted"]
    final_totals = defaultdict(float)
    for m in counted:
        for k, v in m["values"].items():
            final_totals[k] += v
    final_totals = round_totals(f, final_totals)
    by_id = {u.id: u for u in units}
    by_loc = {(m["file"], m["sheet"], m["row"]): m for m in rmetas}

    def out_of_window(m):
        start, end = f.programs[m["program"]][2], f.programs[m["program"]][3]
        return not (start.isoformat() <= m["held"] <= end.isoformat())

    sends = defaultdict(list)
    for b in report_books:
        for s in sorted((s for s in b.sheets if s.kind != "guide"), key=lambda s: moment_sort_key(s.sent)):
            sends[b.unit].append({"file": b.path, "sheet": s.name, "sent": iso_moment(s.sent), "kind": s.kind,
                                  "week": s.week.isoformat() if s.week else None,
                                  "weekly_status": weekly_status(f, s.sent, s.week),
                                  "rows": sum(r.kind in ("activity", "reject") for r in s.rows)})
    reg_counted = [m for m in gmetas if m["fate"] == "counted"]
    planned = defaultdict(float)
    for m in reg_counted:
        for k, v in m["values"].items():
            planned[k] += v
    status = {}
    for ind in f.ind_ids:
        act = final_totals.get(ind, 0)
        status[ind] = {"target": f.ind_target[ind], "actual": act,
                       "percent_of_target": round(100 * act / f.ind_target[ind], 1),
                       "met": act >= f.ind_target[ind]}
    periods = {p: as_of_totals(f, rmetas, d) for p, d in f.periods.items()}
    # everything counted: as of the campaign's last day, or of the last report sent after it
    last = max([f.end.isoformat(), *(m["sent_sort"][:10] for m in counted)])
    periods["all"] = {"as_of": last, "activities": len(counted), "indicator_totals": final_totals}
    assigned = sorted({s[0] for s in f.specials} | set(f.volunteer_days["units"]) | f.assigned_extra)
    expected = {
        "about": "Kết quả mà một lần nạp dữ liệu đúng phải tìm ra trên bộ dữ liệu mẫu này "
                 "(row = số dòng 1-based như Excel hiển thị; rows_read = mọi dòng dưới dòng tiêu đề cột, "
                 "kể cả dòng trống xen giữa và dòng tổng).",
        "generator": {"command": GENERATOR_COMMAND, "seed": seed, "scale": scale,
                      "calibration_factors": factors},
        "registry": {"units": len(units), "ids": [u.id for u in units],
                     "clusters": dict(sorted(Counter(u.cluster for u in units).items())),
                     "sectors": dict(sorted(Counter(u.sector for u in units).items()))},
        "registrations": {
            "workbooks": len(reg_books), "sheets": sum(len(b.sheets) for b in reg_books),
            **fate_counts(gmetas),
            "units_registered": sorted({b.unit for b in reg_books}),
            "units_not_registered": [u.id for u in units if not u.registers],
            "late": [{"unit": b.unit, "file": b.path, "sheet": s.name, "sent": iso_moment(s.sent)} for b in reg_books
                     for s in b.sheets
                     if (s.sent.date() if isinstance(s.sent, dt.datetime) else s.sent) > f.registration_deadline],
            "rejected_rows": [{**loc(m), "reason": m["reason"]} for m in gmetas if m["fate"] == "rejected"],
            "totals_rows": [{**loc(m), "label": m["label"], "mismatch": m["mismatch"]} for m in gmetas
                            if m["kind"] == "totals"],
            "blank_rows": [loc(m) for m in gmetas if m["kind"] == "blank"],
            "planned_indicator_totals": round_totals(f, planned),
            "planned_activities_by_unit": dict(sorted(Counter(m["unit"] for m in reg_counted).items())),
        },
        "reports": {
            "workbooks": len(report_books), "sheets": sum(len(b.sheets) for b in report_books),
            "sheets_without_table": [{"file": b.path, "sheet": s.name} for b in report_books for s in b.sheets
                                     if s.kind == "guide"],
            "empty_sheets": [{"file": b.path, "sheet": s.name} for b in report_books for s in b.sheets
                             if "empty" in s.tags],
            **fate_counts(rmetas),
            "activities": len(counted),
            "indicator_totals": final_totals,
            "indicator_status": status,
            "periods": periods,
            "activities_by_unit": dict(sorted(Counter(m["unit"] for m in counted).items())),
            "activities_by_program": dict(sorted(Counter(m["program"] for m in counted).items())),
            "activities_by_commune": dict(sorted(Counter(f"{m['commune']} ({m['district']})" if m["district"]
                                                         else m["commune"] for m in counted).items())),
            "activities_in_focus_communes": sum(m["commune"] in [f.communes[i][0] for i in f.focus] for m in counted),
            "rejected_rows": [{**loc(m), "reason": m["reason"]} for m in rmetas if m["fate"] == "rejected"],
            "rejected_by_reason": dict(sorted(Counter(m["reason"] for m in rmetas if m["fate"] == "rejected").items())),
            "totals_rows": [{**loc(m), "label": m["label"], "mismatch": m["mismatch"]} for m in rmetas
                            if m["kind"] == "totals"],
            "blank_rows": [loc(m) for m in rmetas if m["kind"] == "blank"],
            "merged_rows": [{**loc(m), "into": m["merged_into"]} for m in rmetas if m["fate"] == "merged"],
            "corrected_figures": sum(1 for m in rmetas if m["fate"] == "merged"
                                     and m["values"] != by_loc[tuple(m["merged_into"].values())]["values"]),
            "outside_program_window": [{**loc(m), "program": m["program"], "held": m["held"]} for m in counted
                                       if out_of_window(m)],
            "contact_info_to_hide": [{**loc(m), "column": m["contact_column"]} for m in rmetas
                                     if "contact_column" in m],
            "units_never_reporting": [u.id for u in units if u.id not in sends],
            "units_reporting_once": sorted(uid for uid, v in sends.items() if len(v) == 1),
            "late_weekly_sends": sum(s["weekly_status"] == "late" for v in sends.values() for s in v
                                     if s["kind"] == "weekly"),
            "sends": dict(sorted(sends.items())),
        },
        "program_cell_forms": {p: {"number": int(p[1:]), "id": p, "full": v[0], "short": v[1]}
                               for p, v in f.programs.items()},
        "assigned_units": assigned,
        "assigned_but_silent": [uid for uid in assigned if uid in by_id and uid not in sends],
    }
    if f.old_names:  # rows naming a commune by its name before the 2025 reorganisation: converted, logged
        for section, metas in (("registrations", gmetas), ("reports", rmetas)):
            expected[section]["renamed_communes"] = [{**loc(m), "commune": m["commune"]} for m in metas
                                                     if m.get("old_name") and m["fate"] in ("counted", "merged")]
    return expected


# ---------------------------------------------------------------------------------------------
# README and summary
# ---------------------------------------------------------------------------------------------

REASON_VI = {"unknown_unit": "đơn vị không có trong danh sách", "no_date": "thiếu ngày tổ chức",
             "date_outside_campaign": "ngày ngoài thời gian chiến dịch", "invalid_date": "ngày không tồn tại",
             "negative_figure": "số liệu âm", "non_numeric_figure": "số liệu không phải số"}


def readme(f: Facts, exp: dict, log: list[dict], scale: float, seed: int) -> str:
    """The campaign folder's README.md (Vietnamese): contents, expected counts, deliberate mistakes."""
    r, g = exp["reports"], exp["registrations"]
    clusters = len(exp["registry"]["clusters"])
    cumulative = ", ".join(u for u, p in f.profile.items() if p == "cumulative")
    by_phase = ", ".join(u for u, p in f.profile.items() if p == "phase")
    command = GENERATOR_COMMAND + ("" if f.folder == "sample" else f" --campaign {f.key}")
    name, rest = f.name.rsplit(" ", 1)
    lines = [
        f"# Dữ liệu mẫu — chiến dịch “{name}” {rest}",
        "",
        "**Toàn bộ dữ liệu trong thư mục này là giả lập**, không phải số liệu thật của đơn vị nào. "
        "Số điện thoại và email trong cột Ghi chú là giả (`0909 000 …`, `@example.com`).",
        "",
        f"Tạo lại bằng: `{command}` (seed {seed}, scale {scale:g}; "
        "cùng tham số thì nội dung giống hệt). Dùng `--scale 200` để tạo chiến dịch lớn (~100 000 dòng) "
        "cho đo hiệu năng.",
        "",
        "## Nội dung",
        "",
        "| tệp / thư mục | nội dung |",
        "|---|---|",
        f"| `don_vi.xlsx` | danh sách {exp['registry']['units']} đơn vị (TCCSĐ) của Khối, {clusters} cụm thi đua, "
        "tên gọi khác |",
        f"| `dang_ky/` | {g['workbooks']} tệp đăng ký ({g['rows_read']} dòng: {g['counted']} hoạt động dự kiến), "
        "một tệp `.xls`, một tệp `.ods` |",
        f"| `bao_cao/` | {r['workbooks']} tệp báo cáo {f.cycle_word[0].lower()}/đợt, {r['sheets']} trang, "
        f"{r['rows_read']} dòng → "
        f"{r['activities']} hoạt động sau khi gộp |",
        "| `expected_counts.json` | kết quả đúng mà bộ công cụ phải tìm ra (để kiểm thử) |",
        "",
        "## Kết quả mong đợi khi nạp `bao_cao/`",
        "",
        "| rows_read | counted | merged | skipped | rejected |",
        "|---|---|---|---|---|",
        f"| {r['rows_read']} | {r['counted']} | {r['merged']} | {r['skipped']} | {r['rejected']} |",
        "",
        f"Đăng ký (`dang_ky/`): rows_read {g['rows_read']}, counted {g['counted']}, skipped {g['skipped']}, "
        f"rejected {g['rejected']}.",
        "",
        "Tổng chỉ tiêu (toàn chiến dịch, sau khi gộp bản sửa):",
        "",
        "| chỉ tiêu | chỉ tiêu KH | thực hiện | % |",
        "|---|---|---|---|",
    ]
    for ind in f.ind_ids:
        s = r["indicator_status"][ind]
        lines.append(f"| {ind} {f.ind_header[ind]} | {vn_number(s['target'], 0)} | "
                     f"{vn_number(s['actual'], f.ind_decimals[ind])} | {vn_number(s['percent_of_target'], 1)} |")
    lines += [
        "",
        f"Không gửi báo cáo: {', '.join(r['units_never_reporting'])}. Chỉ gửi một lần: "
        f"{', '.join(r['units_reporting_once'])}. Báo cáo lũy kế (trang sau lặp lại hoạt động trang trước): "
        f"{cumulative}; báo cáo theo đợt: {by_phase}.",
        "",
        "## Các lỗi cố ý (để kiểm tra bộ công cụ)",
        "",
        "| trường hợp | tệp | trang | kết quả mong đợi |",
        "|---|---|---|---|",
    ]
    for e in log:
        lines.append(f"| {e['case']} | `{e['file']}` | {e['sheet']} | {e['outcome']} |")
    lines += [
        "",
        f"{f.readme_notes} ({r['merged']} dòng gộp, trong đó {r['corrected_figures']} dòng "
        "có số liệu khác bản sau).",
        "",
        "Chi tiết từng dòng (tệp, trang, số dòng, lý do) nằm trong `expected_counts.json`.",
        "",
    ]
    return "\n".join(lines)


def summary(exp: dict, out) -> str:
    """A few lines (Vietnamese) saying what was written to `out`, for the command line."""
    r, g = exp["reports"], exp["registrations"]
    lines = [f"Đã ghi {out}:",
             f"  don_vi.xlsx  {exp['registry']['units']} đơn vị",
             f"  dang_ky/     {g['workbooks']} tệp, {g['rows_read']} dòng: counted {g['counted']}, "
             f"skipped {g['skipped']}, rejected {g['rejected']}",
             f"  bao_cao/     {r['workbooks']} tệp, {r['sheets']} trang, {r['rows_read']} dòng: "
             f"counted {r['counted']}, "
             f"merged {r['merged']}, skipped {r['skipped']}, rejected {r['rejected']}",
             "  chỉ tiêu:    " + ", ".join(f"{k} {v['actual']:g}/{v['target']:g}"
                                           for k, v in r["indicator_status"].items()),
             "  kỳ báo cáo:  " + ", ".join(f"{p} {v['activities']} hđ" for p, v in r["periods"].items()),
             f"  lỗi cố ý:    {len(exp['deliberate_mistakes']['reports'])} (báo cáo) + "
             f"{len(exp['deliberate_mistakes']['registrations'])} (đăng ký); xem README.md, expected_counts.json"]
    return "\n".join(lines)
