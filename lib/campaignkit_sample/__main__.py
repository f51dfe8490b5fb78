"""The command line: `python -m campaignkit_sample [--out DIR] [--seed N] [--scale X]`.

Writes the synthetic campaign into --out (by default the project's data/sample/) and prints a
summary of what was written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .campaign import make_campaign
from .expected import GENERATOR_COMMAND, summary

# lib/campaignkit_sample/__main__.py → the project root
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = PROJECT_ROOT / "data" / "sample"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog=GENERATOR_COMMAND,
                                     description="Sinh dữ liệu mẫu giả lập cho chiến dịch Kỳ nghỉ hồng 2024.")
    parser.add_argument("--out", default=None, help="thư mục đích (mặc định data/sample của dự án)")
    parser.add_argument("--seed", type=int, default=2024, help="hạt giống ngẫu nhiên (mặc định 2024)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="hệ số quy mô: số hoạt động × scale, số đơn vị × scale^(1/3) (mặc định 1.0)")
    args = parser.parse_args(argv)
    out = args.out or DEFAULT_OUT
    exp = make_campaign(out, seed=args.seed, scale=args.scale)
    print(summary(exp, out))


if __name__ == "__main__":
    main()
