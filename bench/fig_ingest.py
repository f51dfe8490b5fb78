"""Figure 1 — ingestion: the kit's load_campaign against reading the same workbooks with pandas'
default Excel readers (openpyxl for .xlsx), and against a bare python-calamine read of their cells
(the floor: reading and nothing else), each run in a fresh process."""

from __future__ import annotations

from bench.common import Context, Row, Timing, run_worker
from bench.data import campaign_dir, ingested_path

AIM_RATIO = 8.0          # the kit ≥ 8× faster than pandas/openpyxl (issue #13; issue #9 asks ≥ 5× with a clear lead)
AIM_FLOOR_RATIO = 1.5    # the kit within 1.5× of the bare calamine read


def run(ctx: Context) -> list[Row]:
    folder = campaign_dir(ctx.seed, ctx.scale, ctx.log)
    save = ingested_path(ctx.seed, ctx.scale)
    kit_runs = ctx.runs
    pandas_runs = 1 if not ctx.quick else 1
    kit = []
    for number in range(kit_runs):
        ctx.log(f"  kit load_campaign, run {number + 1}/{kit_runs} …")
        kit.append(run_worker(["ingest-kit", str(folder), *(["--save", str(save)] if number == 0 else [])]))
    ctx.shared["ingested"] = save
    base = []
    for number in range(pandas_runs):
        ctx.log(f"  pandas read_excel, run {number + 1}/{pandas_runs} …")
        base.append(run_worker(["ingest-pandas", str(folder)]))
    bare = []
    for number in range(kit_runs):
        ctx.log(f"  bare python-calamine read, run {number + 1}/{kit_runs} …")
        bare.append(run_worker(["ingest-calamine", str(folder)]))
    bare_time = Timing([r["seconds"] for r in bare])
    kit_time = Timing([r["seconds"] for r in kit])
    pandas_time = Timing([r["seconds"] for r in base])
    first = kit[0]
    rows_read = first["rows_read"]
    ratio = pandas_time.median / kit_time.median
    failed = base[0]["failed"]
    where = f"{rows_read:,} rows ({first['report_rows_read']:,} report rows) in {first['workbooks']} workbooks"
    return [
        Row("1", f"Kit load_campaign: {where}", kit_time.median, "s", kit_runs,
            note=(f"runs {kit_time.spread} s; each in a fresh process, timed after imports; files read by "
                  f"{first['processes']} reader processes, CPU {Timing([r['cpu'] for r in kit]).median:.1f} s "
                  "(its reader processes included)"),
            extra={"kit": kit}),
        Row("1", "pandas read_excel(sheet_name=None), same workbooks", pandas_time.median, "s", pandas_runs,
            note=("1 run only (the slowest step of the bench); engines " + ", ".join(base[0]["engines"])
                  + (f"; unreadable: {', '.join(failed)}" if failed else "")),
            extra={"pandas": base}),
        Row("1", "Kit speed-up over pandas/openpyxl", ratio, "×", "", aim=f"≥ {AIM_RATIO:g}×",
            met=ratio >= AIM_RATIO, note="pandas time ÷ kit time, same run"),
        Row("1", "Bare python-calamine read of every cell, same workbooks", bare_time.median, "s", kit_runs,
            note=f"runs {bare_time.spread} s; {bare[0]['cells']:,} cells; to_python of every sheet, nothing else",
            extra={"calamine": bare}),
        Row("1", "Kit time ÷ bare calamine read", kit_time.median / bare_time.median, "×", "",
            aim=f"≤ {AIM_FLOOR_RATIO:g}×", met=kit_time.median / bare_time.median <= AIM_FLOOR_RATIO,
            note=("what the kit adds to reading: sniffing, extent scan, headers, parsing, resolving, accounting "
                  "(the kit on every core, the bare read in one process)")),
        Row("1", "Kit ingestion rate (every row read, parsed, resolved, accounted)", rows_read / kit_time.median,
            "rows/s", ""),
    ]
