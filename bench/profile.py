"""Profile what a figure measures with pyinstrument; the report goes to bench/results/profiles/.

    python -m bench.profile ingest              # load_campaign on the generated campaign (figure 1)
    python -m bench.profile analyses 1000000    # analyse_period on N activity rows (figure 2)
    python -m bench.profile explore             # ten widget changes of the explorer (figure 5)
"""

from __future__ import annotations

import argparse
import sys

from bench.common import RESULTS_DIR


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("what", choices=["ingest", "analyses", "explore"])
    parser.add_argument("rows", type=int, nargs="?", default=1_000_000, help="activity rows (analyses)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--scale", type=float, default=200.0)
    args = parser.parse_args(argv)

    from pyinstrument import Profiler

    from bench.data import campaign_dir, ingested_campaign
    from bench.scaling import scale_campaign
    from campaignkit.plan import find_period

    profiler = Profiler()
    if args.what == "ingest":
        from campaignkit.intake import load_campaign
        folder = campaign_dir(args.seed, args.scale)
        profiler.start()
        load_campaign(folder)
    elif args.what == "analyses":
        from campaignkit.analyses import analyse_period
        campaign = ingested_campaign(args.seed, args.scale)
        period = find_period(campaign.plan, "tongket")
        scaled = scale_campaign(campaign, args.rows, period.as_of, seed=1)
        profiler.start()
        analyse_period(scaled, period)
    else:
        from campaignkit.analyses.as_of import activities_as_of
        from campaignkit.render.explore import ALL, Explorer
        campaign = ingested_campaign(args.seed, args.scale)
        period = find_period(campaign.plan, "tongket")
        activities = activities_as_of(scale_campaign(campaign, 100_000, period.as_of, seed=5), period.as_of)
        explorer = Explorer(activities=activities, plan=campaign.plan, units=campaign.units)
        controls = explorer.controls
        profiler.start()
        for name in ("unit", "commune", "program"):
            options = controls[name].options  # the unit box (a Combobox) offers its labels as they are
            controls[name].value = options[0] if name == "unit" else options[1][1]
            controls[name].value = ALL
        indicators = [v for _, v in controls["indicator"].options]
        for value in indicators[1:3] + indicators[:1]:
            controls["indicator"].value = value
    profiler.stop()
    out = RESULTS_DIR / "profiles"
    out.mkdir(parents=True, exist_ok=True)
    name = f"{args.what}{'-' + str(args.rows) if args.what == 'analyses' else ''}"
    (out / f"{name}.html").write_text(profiler.output_html(), encoding="utf-8")
    (out / f"{name}.txt").write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    print(profiler.output_text(unicode=True, color=False))
    print(f"written to {out}/{name}.html and .txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
