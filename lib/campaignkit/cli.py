"""Command line: `python -m campaignkit ingest|periods|tables|templates|run|check-plan …` (Vietnamese messages)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .analyses import analyse_period
from .errors import CampaignkitError, InputError, os_reason
from .intake import check_data_dir, load_campaign, load_registry
from .intake.accounting import total_row
from .paths import DEFAULT_PLAN, INGEST_DIR, OUTPUTS_DIR, SAMPLE_DATA_DIR
from .plan import PlanSchemaError, campaign_periods, find_period, load_plan, parse_as_of
from .render.console import accounting_text
from .render.files import APPENDIX_FILE, TABLES_DIR, output_error, staged, write_ingest_tables, write_period_tables
from .text import format_date


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=SAMPLE_DATA_DIR,
                        help="thư mục dữ liệu chiến dịch (mặc định: data/sample)")
    parser.add_argument("--plan", type=Path, default=DEFAULT_PLAN,
                        help="tệp kế hoạch YAML (mặc định: kế hoạch 2024 kèm theo)")


def command_ingest(args) -> int:
    check_data_dir(args.data)
    campaign = load_campaign(args.data, args.plan)
    with staged(args.out) as staging:  # built aside, put in place at the end: Ctrl-C keeps the old one
        written = write_ingest_tables(campaign, staging)
    print(accounting_text(campaign))
    print(f"Đã ghi {len(written)} bảng vào {args.out}/ (lỗi dữ liệu: {args.out / 'data_issues.csv'}).")
    if int(total_row(campaign.summary)["counted"]) == 0:
        print("Lỗi: không có dòng dữ liệu nào dùng được.", file=sys.stderr)
        return 1
    return 0


def command_periods(args) -> int:
    plan = load_plan(args.plan)
    for period in campaign_periods(plan):
        print(f"{period.id:8} {format_date(period.as_of)}  {period.label}")
    return 0


def command_tables(args) -> int:
    plan = load_plan(args.plan)
    period = find_period(plan, args.period, parse_as_of(args.as_of))
    check_data_dir(args.data)
    campaign = load_campaign(args.data, args.plan)
    analysis = analyse_period(campaign, period)
    print(f"Kỳ {period.id} — {period.label} (chốt hết ngày {format_date(period.as_of)}):")
    print(accounting_text(campaign, analysis.ingest_summary))
    period_dir = args.out / period.id
    # the tables and the appendix are built aside and replace the old ones together; the period's
    # reports (made by `run`) stay
    with staged(period_dir, entries=(TABLES_DIR, APPENDIX_FILE)) as staging:
        written = write_period_tables(analysis, staging)
    print(f"Kỳ {period.id} — {period.label}: đã ghi {len(written)} tệp vào {period_dir}/")
    return 0 if len(analysis.activities) else 1


def command_templates(args) -> int:
    from .render import unit_templates

    plan = load_plan(args.plan)
    check_data_dir(args.data)
    units, issues = load_registry(args.data)
    unit_templates.check_registry(units, issues)
    written = unit_templates.write_templates(plan, units, args.out)
    print(f"Đã ghi {len(written)} mẫu cho {len(units)} đơn vị vào {args.out}/ "
          f"({unit_templates.REGISTRATION.folder}/: mẫu đăng ký, {unit_templates.REPORT.folder}/: mẫu báo cáo).")
    return 0


def command_run(args) -> int:
    from .batch import run  # papermill and nbconvert load only for this command

    request = run.prepare(args.period, args.as_of, args.data, args.plan, args.out, args.pdf, args.workers)
    outcomes = run.run(request)
    failed = [(period, r) for period, results in outcomes.items() for r in results if not r.ok]
    for period, result in failed:
        print(f"Lỗi ở kỳ {period}, báo cáo '{result.title}': {result.error}", file=sys.stderr)
    print(f"Xong. Mở {request.out_root / 'index.html'} để xem các báo cáo.")
    return 1 if failed else 0


def _registry(data_dir: Path | None):
    """The data folder's unit registry (to count a sector's tasks per unit), None without --data."""
    if data_dir is None:
        return None
    check_data_dir(data_dir)
    units, _issues = load_registry(data_dir)
    return units


def _finding_line(finding, path: Path) -> str:
    """'lỗi — mục IV.2 “…” — tệp kế hoạch.yaml, dòng 795 (awards.thanh_doan.due): …'"""
    section = finding.section or "(văn bản kế hoạch không ghi mục)"
    line = f", dòng {finding.line}" if finding.line else ""
    return f"{finding.severity} — {section} — tệp {path}{line} ({finding.where}): {finding.finding}"


def command_check_plan(args) -> int:
    """Schema errors, then the plan checks, one line each; 0 clean, 1 findings, 2 unreadable."""
    from .analyses.period import plan_findings
    from .plan.checks import SEVERITIES

    try:
        plan = load_plan(args.file)
    except PlanSchemaError as error:
        for problem in error.problems:
            print(f"lỗi cấu trúc — tệp {args.file}: {problem}")
        print(f"Tệp kế hoạch {args.file}: {len(error.problems)} lỗi cấu trúc; sửa xong rồi kiểm tra lại "
              "để xem các điểm cần xem lại trong nội dung kế hoạch.")
        return 1
    findings = plan_findings(plan, _registry(args.data))
    for finding in findings.itertuples():
        print(_finding_line(finding, args.file))
    if findings.empty:
        print(f"Tệp kế hoạch {args.file}: không có điểm nào cần xem lại.")
        return 0
    counts = findings["severity"].value_counts()
    print(f"Tệp kế hoạch {args.file}: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in SEVERITIES) + ".")
    return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="campaignkit", description="Bộ công cụ báo cáo chiến dịch tình nguyện")
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="đọc dữ liệu các đơn vị, in bảng kê số dòng, ghi bảng sạch")
    _common_arguments(ingest)
    ingest.add_argument("--out", type=Path, default=OUTPUTS_DIR / INGEST_DIR, help="thư mục ghi kết quả")
    ingest.set_defaults(handler=command_ingest)

    periods = commands.add_parser("periods", help="liệt kê các kỳ báo cáo của kế hoạch")
    periods.add_argument("--plan", type=Path, default=DEFAULT_PLAN, help="tệp kế hoạch YAML")
    periods.set_defaults(handler=command_periods)

    tables = commands.add_parser("tables", help="ghi các bảng số liệu và phụ lục của một kỳ báo cáo")
    _common_arguments(tables)
    tables.add_argument("--period", required=True,
                        help="dot1, dot2, tongket, tuan01… hoặc thang06… (xem lệnh periods)")
    tables.add_argument("--as-of", help="ngày chốt số liệu DD/MM/YYYY hoặc YYYY-MM-DD (mặc định: ngày của kỳ)")
    tables.add_argument("--out", type=Path, default=OUTPUTS_DIR, help="thư mục kết quả (mặc định: outputs)")
    tables.set_defaults(handler=command_tables)

    templates = commands.add_parser("templates", help="lập mẫu đăng ký và mẫu báo cáo gửi từng đơn vị")
    _common_arguments(templates)
    templates.add_argument("--out", type=Path, default=OUTPUTS_DIR / "mau_don_vi",
                           help="thư mục ghi mẫu (mặc định: outputs/mau_don_vi); không ghi đè mẫu đã điền")
    templates.set_defaults(handler=command_templates)

    run = commands.add_parser("run", help="chạy các sổ báo cáo của một hay nhiều kỳ, xuất HTML (và PDF)")
    _common_arguments(run)
    run.add_argument("--period", required=True,
                     help="dot1, dot2, tongket, tuan01…, thang06…, nhiều kỳ cách nhau dấu phẩy, 'phases' hoặc 'all'")
    run.add_argument("--as-of", help="ngày chốt số liệu DD/MM/YYYY hoặc YYYY-MM-DD (mặc định: ngày của kỳ)")
    run.add_argument("--out", type=Path, default=OUTPUTS_DIR, help="thư mục kết quả (mặc định: outputs)")
    run.add_argument("--pdf", action="store_true", help="xuất thêm PDF khổ A4 cho mỗi báo cáo")
    run.add_argument("--workers", type=int, default=None, help="số sổ chạy song song (mặc định: số lõi CPU)")
    run.set_defaults(handler=command_run)

    check = commands.add_parser("check-plan", help="kiểm tra một tệp kế hoạch: cấu trúc, rồi nội dung "
                                "(mã thoát 0: không có gì, 1: có điểm cần xem lại, 2: không đọc được tệp)")
    check.add_argument("file", type=Path, help="tệp kế hoạch YAML, ví dụ data/plans/ky-nghi-hong-2025.yaml")
    check.add_argument("--data", type=Path, default=None,
                       help="thư mục dữ liệu có don_vi.xlsx: biết đơn vị nào thuộc khối nào khi xét ngày dồn việc")
    check.set_defaults(handler=command_check_plan)
    return parser


def _os_error_line(error: OSError, out: Path | None) -> str:
    path = Path(error.filename) if error.filename else (out or Path("."))
    inside_out = out is not None and (Path(out).resolve() in (path.resolve(), *path.resolve().parents))
    if inside_out or isinstance(error, PermissionError) and out is None:
        fault = output_error(error, path)
        return f"{fault.prefix}: {fault.one_line()}"
    return (f"{InputError.prefix}: Không đọc được {path} ({os_reason(error)}). Hãy kiểm tra tệp và quyền đọc rồi "
            "chạy lại.")


def main(argv: list[str] | None = None) -> int:
    """Run one command; an error the kit raises on purpose is one Vietnamese line and exit 2."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except CampaignkitError as error:
        print(f"{error.prefix}: {error.one_line()}", file=sys.stderr)
        return 2
    except OSError as error:  # a write no step turned into an OutputError: still one line, never a traceback
        print(_os_error_line(error, getattr(args, "out", None)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu (Ctrl-C): kết quả của lần chạy trước vẫn giữ nguyên.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
