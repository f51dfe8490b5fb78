"""The house: stages visible in the tree and imported one way only, one typed hand-off per period
with a CSV and an appendix sheet for every table, errors as one Vietnamese line, and a cache that
never serves numbers computed by other code. (The lint runs in `make test`, before pytest.)"""

from __future__ import annotations

import ast
import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from campaignkit.analyses import PeriodAnalysis
from campaignkit.paths import DEFAULT_PLAN, NOTEBOOKS_DIR, PROJECT_ROOT
from campaignkit.render.appendix import SHEET_TITLES
from conftest import report_header, report_row, write_xlsx

PACKAGE = PROJECT_ROOT / "lib" / "campaignkit"
# Foundation modules any stage may use, then the stages in the order data flows.
STAGES = {"errors": 0, "paths": 0, "text": 0, "__init__": 0,
          "plan": 1, "intake": 2, "analyses": 3, "render": 4, "batch": 5, "cli": 6, "__main__": 6}


def _stage_of(module: str) -> int:
    """'campaignkit.intake.clean' → 2."""
    parts = module.split(".")
    return STAGES[parts[1] if len(parts) > 1 else "__init__"]


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """Every campaignkit module `path` imports (relative imports resolved), at any depth of the file."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "campaignkit"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module.split(".")[0] == "campaignkit":
                found.append(module)
    return found


def test_the_tree_shows_the_stages():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert {"plan", "intake", "analyses", "render", "batch"} <= folders
    loose = {p.stem for p in PACKAGE.glob("*.py")}
    assert loose <= {"__init__", "__main__", "cli", "errors", "paths", "text"}, loose


def test_no_module_imports_a_later_stage():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = _stage_of(_module_name(path))
        wrong += [f"{_module_name(path)} → {m}" for m in _imports(path) if _stage_of(m) > own]
    assert not wrong, wrong


def test_period_analysis_is_typed_and_every_table_has_a_csv_and_a_sheet(tmp_path):
    for f in dataclasses.fields(PeriodAnalysis):
        assert "dict" not in str(f.type), f"{f.name}: a string-keyed dict instead of typed fields"
    tables = [f.name for f in dataclasses.fields(PeriodAnalysis) if f.metadata.get("table")]
    assert set(tables) <= set(SHEET_TITLES), set(tables) - set(SHEET_TITLES)
    assert len(set(SHEET_TITLES.values())) == len(SHEET_TITLES)
    assert all(len(title) <= 31 for title in SHEET_TITLES.values())  # Excel's limit for a sheet name
    result = subprocess.run([sys.executable, "-m", "campaignkit", "tables", "--period", "dot1", "--out",
                             str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    written = {p.stem for p in (tmp_path / "dot1" / "tables").glob("*.csv")}
    assert written == set(tables)
    from python_calamine import CalamineWorkbook

    sheets = CalamineWorkbook.from_path(str(tmp_path / "dot1" / "phu_luc_so_lieu.xlsx")).sheet_names
    assert sheets == [SHEET_TITLES[name] for name in tables]


def test_sections_only_format_what_the_analysis_holds():
    """render/sections.py reads the analysis' tables: it calls no analysis function itself."""
    tree = ast.parse((PACKAGE / "render" / "sections.py").read_text(encoding="utf-8"))
    imported = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                and n.module and n.module.startswith(("analyses", "intake")) for a in n.names}
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert not (called & imported), called & imported


def _plan_with(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_plan_with_an_unknown_province_is_one_vietnamese_line_and_exit_2(tmp_path):
    plan = _plan_with(tmp_path, "province: Cần Thơ", "province: Đất Mũi Xa Xôi")
    for command in (["ingest", "--out", str(tmp_path / "ingest")],
                    ["tables", "--period", "dot1", "--out", str(tmp_path)]):
        # the sample's report files are being read by reader processes when the plan's province
        # is found unknown: they are ended, the command does not wait for them (timeout)
        result = subprocess.run([sys.executable, "-m", "campaignkit", *command, "--plan", str(plan)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith("Lỗi kế hoạch: ") and "Đất Mũi Xa Xôi" in lines[0]
        assert "campaign.province" in lines[0]


def test_a_broken_plan_is_one_line_naming_each_key(tmp_path):
    plan = _plan_with(tmp_path, "peak_month: 7", "peak_month: 13")
    result = subprocess.run([sys.executable, "-m", "campaignkit", "periods", "--plan", str(plan)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "campaign.peak_month" in result.stderr and "13" in result.stderr


def _tiny_campaign(folder: Path, indicator_headers) -> Path:
    from conftest import write_registry

    write_registry(folder)
    (folder / "dang_ky").mkdir()
    rows = [report_row(indicator_headers, figures={indicator_headers[0]: "120"})]
    write_xlsx(folder / "bao_cao" / "BVDK.xlsx", {"Tuần 3": [report_header(indicator_headers), *rows]})
    return folder


def _run_batch(code_root: Path, data: Path, out: Path) -> pd.DataFrame:
    """`run --period dot1` with the kit found in `code_root/lib` (the notebooks' kernels too)."""
    environment = {**os.environ, "PYTHONPATH": str(code_root / "lib")}
    result = subprocess.run([sys.executable, "-m", "campaignkit", "run", "--period", "dot1", "--data", str(data),
                             "--plan", str(DEFAULT_PLAN), "--out", str(out), "--workers", "2"],
                            capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr[-2000:]
    return pd.read_csv(out / "dot1" / "tables" / "workload_unit.csv", keep_default_na=False)


def test_the_cache_never_serves_numbers_computed_by_other_code(tmp_path, indicator_headers):
    """Run the batch, change a rule in a copy of the kit, run again on the same data and the same
    output folder (so the same cache): the output follows the changed code."""
    data = _tiny_campaign(tmp_path / "data", indicator_headers)
    out = tmp_path / "outputs"
    first = _run_batch(PROJECT_ROOT, data, out)
    assert first["unit_id"].iloc[-1] == "TONG"
    assert list((out / ".cache").glob("analysis-*.pickle"))

    copy = tmp_path / "kit"
    shutil.copytree(PACKAGE, copy / "lib" / "campaignkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(NOTEBOOKS_DIR, copy / "notebooks")
    rule = copy / "lib" / "campaignkit" / "analyses" / "workload.py"
    source = rule.read_text(encoding="utf-8")
    assert 'TOTAL_ID = "TONG"' in source
    rule.write_text(source.replace('TOTAL_ID = "TONG"', 'TOTAL_ID = "TONG_MOI"'), encoding="utf-8")

    second = _run_batch(copy, data, out)
    assert second["unit_id"].iloc[-1] == "TONG_MOI"
    assert len(list((out / ".cache").glob("analysis-*.pickle"))) == 2
