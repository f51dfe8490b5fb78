"""The command line: `python -m campaignkit_sample [--campaign 2024|2025] [--out DIR] [--seed N] [--scale X]`.

Writes the synthetic campaign into --out (by default the project's data/sample/ for the 2024
campaign, data/sample-2025/ for the 2025 one) and prints a summary of what was written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .campaign import make_campaign
from .expected import GENERATOR_COMMAND, summary
from .facts import CAMPAIGNS, campaign_facts

# lib/campaignkit_sample/__main__.py → the project root
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog=GENERATOR_COMMAND,
                                     description="Sinh dữ liệu mẫu giả lập cho chiến dịch Kỳ nghỉ hồng.")
    parser.add_argument("--campaign", choices=CAMPAIGNS, default=CAMPAIGNS[0],
                        help="chiến dịch: 2024 (mặc định, kế hoạch ky-nghi-hong-2024.yaml) hoặc 2025")
    parser.add_argument("--out", default=None,
                        help="thư mục đích (mặc định data/sample, hoặc data/sample-2025 với --campaign 2025)")
    parser.add_argument("--seed", type=int, default=None, help="hạt giống ngẫu nhiên (mặc định: năm của chiến dịch)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="hệ số quy mô: số hoạt động × scale, số đơn vị × scale^(1/3) (mặc định 1.0)")
    args = parser.parse_args(argv)
    facts = campaign_facts(args.campaign)
    out = args.out or DATA_DIR / facts.folder
    exp = make_campaign(out, seed=args.seed, scale=args.scale, facts=facts)
    print(summary(exp, out))


if __name__ == "__main__":
    main()
