"""Figure 2 — all analyses of a period (analyse_period) at 10 000, 100 000 and 1 000 000 activity
rows: time, time per row, and peak memory; one fresh process per size."""

from __future__ import annotations

from bench.common import Context, Row, Timing, run_worker
from bench.data import ingested_campaign, ingested_path

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 3_000)
AIM_SECONDS = 10.0
AIM_MEMORY_MB = 2048
PERIOD = "tongket"


def run(ctx: Context) -> list[Row]:
    base = ctx.shared.get("ingested") or ingested_path(ctx.seed, ctx.scale)
    if not base.is_file():
        ingested_campaign(ctx.seed, ctx.scale, ctx.log)  # ingests once and caches the pickle
    sizes = QUICK_SIZES if ctx.quick else SIZES
    rows, results = [], []
    for size in sizes:
        runs = ctx.runs
        ctx.log(f"  analyse_period on {size:,} activity rows, {runs} runs …")
        result = run_worker(["analyses", "--base", str(base), "--rows", str(size), "--runs", str(runs),
                             "--period", PERIOD], timeout=1800)
        results.append(result)
        timing = Timing(result["seconds"])
        per_row = timing.median / size * 1e6
        peak_mb = result["peak_rss"] / 2**20
        before_mb = (result["rss_before"] or 0) / 2**20
        largest = size == max(sizes)
        rows.append(Row(
            "2", f"analyse_period ({PERIOD}), {size:,} activity rows", timing.median, "s", runs,
            aim=f"≤ {AIM_SECONDS:g} s" if largest else "", met=(timing.median <= AIM_SECONDS) if largest else None,
            note=(f"{per_row:.2f} µs/row; peak RSS {peak_mb:,.0f} MB (campaign alone {before_mb:,.0f} MB); "
                  f"runs {timing.spread} s"),
            extra=result))
    top = results[-1]
    peak_mb = top["peak_rss"] / 2**20
    rows.append(Row("2", f"Peak memory of the process at {max(sizes):,} rows", peak_mb, "MB", "",
                    aim=f"≤ {AIM_MEMORY_MB / 1024:g} GB", met=peak_mb <= AIM_MEMORY_MB,
                    note=("VmHWM after resetting it once the campaign was built: campaign + analyses"
                          if top["peak_is_since_reset"] else "ru_maxrss: includes building the campaign")))
    small, big = results[0], results[-1]
    growth = (Timing(big["seconds"]).median / Timing(small["seconds"]).median)
    rows.append(Row("2", f"Time growth {sizes[0]:,} → {sizes[-1]:,} rows ({sizes[-1] // sizes[0]}× the rows)",
                    growth, "×", "", note=(f"{small['registrations']:,} registrations and {small['units']} units "
                                             "at every size: their share is a fixed cost")))
    return rows
