"""Command line: `python -m campaignkit ingest|periods|tables|run …` (Vietnamese messages)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .accounting import accounting_text
from .campaign import load_campaign
from .paths import DEFAULT_PLAN, OUTPUTS_DIR, SAMPLE_DATA_DIR
from .plan import PlanError
from .tables_out import write_ingest_tables


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=SAMPLE_DATA_DIR,
                        help="thư mục dữ liệu chiến dịch (mặc định: data/sample)")
    parser.add_argument("--plan", type=Path, default=DEFAULT_PLAN,
                        help="tệp kế hoạch YAML (mặc định: kế hoạch 2024 kèm theo)")


def command_ingest(args) -> int:
    if not args.data.is_dir():
        print(f"Lỗi: không tìm thấy thư mục dữ liệu {args.data}. Hãy kiểm tra --data.", file=sys.stderr)
        return 2
    campaign = load_campaign(args.data, args.plan)
    written = write_ingest_tables(campaign, args.out)
    print(accounting_text(campaign))
    print(f"Đã ghi {len(written)} bảng vào {args.out}/ (lỗi dữ liệu: {args.out / 'data_issues.csv'}).")
    if int(campaign.summary.iloc[0]["counted"]) == 0:
        print("Lỗi: không có dòng dữ liệu nào dùng được.", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="campaignkit", description="Bộ công cụ báo cáo chiến dịch tình nguyện")
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="đọc dữ liệu các đơn vị, in bảng kê số dòng, ghi bảng sạch")
    _common_arguments(ingest)
    ingest.add_argument("--out", type=Path, default=OUTPUTS_DIR / "ingest", help="thư mục ghi kết quả")
    ingest.set_defaults(handler=command_ingest)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except PlanError as error:
        print(f"Lỗi kế hoạch: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
