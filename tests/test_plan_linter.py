"""`python -m campaignkit check-plan FILE`, the linter for the person writing next year's plan:
schema errors first (line, key, value, what was expected), then the plan checks, one line each
with where in the plan text and where in the file; exit status 0 clean, 1 findings, 2 unreadable."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from test_plan_checks import ALL_FIXES, modified

from campaignkit.paths import DEFAULT_PLAN, PLANS_DIR, SAMPLE_DATA_DIR
from campaignkit.plan import load_plan

LINE = re.compile(r"^(lỗi|cảnh báo|lưu ý) — (mục [^—]+|Phần mở đầu[^—]*) — tệp (\S+), "
                  r"dòng (\d+(, \d+)*) \(([^)]+)\): .{40,}")


def check_plan(path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "campaignkit", "check-plan", str(path), *extra],
                          capture_output=True, text=True)


def test_the_2024_plan_prints_its_findings_one_line_each():
    result = check_plan(DEFAULT_PLAN)
    assert result.returncode == 1, result.stderr
    *lines, summary = result.stdout.strip().splitlines()
    assert summary.endswith(": 4 lỗi, 12 cảnh báo, 12 lưu ý.")
    assert len(lines) == 28 and all(LINE.match(line) for line in lines), [x for x in lines if not LINE.match(x)]
    text = DEFAULT_PLAN.read_text(encoding="utf-8").splitlines()
    first = LINE.match(lines[0])
    assert first.group(1) == "lỗi" and first.group(2).startswith("mục IV.2 “Thi đua, khen thưởng”")
    assert first.group(6) == "awards.thanh_doan.due" and text[int(first.group(4)) - 1].strip() == "due:"
    assert any("Ngày 15/06/2024 (thứ bảy) có 7 việc" in line for line in lines)
    assert any(line.startswith("cảnh báo — mục IV “NỘI DUNG") and "trùng số" in line for line in lines)


def test_the_2025_plan_prints_its_findings():
    result = check_plan(PLANS_DIR / "ky-nghi-hong-2025.yaml")
    assert result.returncode == 1
    *lines, summary = result.stdout.strip().splitlines()
    assert summary.endswith(": 0 lỗi, 2 cảnh báo, 2 lưu ý.") and all(LINE.match(line) for line in lines)
    assert "2024" not in result.stdout


def test_a_clean_plan_exits_0(tmp_path):
    corrected = modified(load_plan(DEFAULT_PLAN), *ALL_FIXES)
    path = tmp_path / "ke-hoach-da-sua.yaml"
    path.write_text(yaml.safe_dump(corrected.model_dump(mode="json"), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    result = check_plan(path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == f"Tệp kế hoạch {path}: không có điểm nào cần xem lại."


def test_schema_errors_come_first_with_their_lines(tmp_path):
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    broken = text.replace("  peak_month: 7 ", "  peak_month: 13 ", 1).replace("first: 2024-06-08", "first: 8/6/2024")
    path = tmp_path / "hong.yaml"
    path.write_text(broken, encoding="utf-8")
    result = check_plan(path)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    numbered = {n: line for n, line in enumerate(broken.splitlines(), 1)}
    peak = next(n for n, line in numbered.items() if "peak_month: 13" in line)
    assert f"lỗi cấu trúc — tệp {path}: dòng {peak}, khoá 'campaign.peak_month', giá trị 13: cần không quá 12" \
        in lines
    assert any("khoá 'reporting.cycle.first', giá trị '8/6/2024'" in line for line in lines)
    assert lines[-1] == (f"Tệp kế hoạch {path}: 2 lỗi cấu trúc; sửa xong rồi kiểm tra lại để xem các điểm cần xem "
                         "lại trong nội dung kế hoạch.")


def test_an_unreadable_file_exits_2_with_one_line(tmp_path):
    not_yaml = tmp_path / "ke-hoach.yaml"
    not_yaml.write_text("campaign: [name: “Kỳ nghỉ hồng”\n  start: {2024-06-01\n", encoding="utf-8")
    for path in (not_yaml, tmp_path / "khong-co.yaml"):
        result = check_plan(path)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Lỗi kế hoạch: ")


def test_with_the_unit_registry_a_sectors_tasks_count_for_its_units():
    result = check_plan(DEFAULT_PLAN, "--data", str(SAMPLE_DATA_DIR))
    launch = next(line for line in result.stdout.splitlines() if "Ngày 15/06/2024" in line)
    assert "BVDK, BVMRHM, BVTM: 6 việc" in launch and "--data" not in launch
