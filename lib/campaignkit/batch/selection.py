"""What a run covers: the batch notebooks (every notebook of notebooks/ but the interactive
ones), the modules they import (what a warm kernel imports at start), the periods named by
--period, and where the run keeps what must not be shared (`executed_dir`). Light on purpose
(no Jupyter import): a run reads these before it starts its kernels, and the bench's floor
uses the same lists."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import PeriodError
from ..paths import NOTEBOOKS_DIR
from ..plan import Period, campaign_periods, find_period, parse_as_of

INTERACTIVE_NOTEBOOKS = ("07_kham_pha.ipynb",)
PHASE_PERIODS = "phases"
ALL_PERIODS = "all"
# executed .ipynb copies hold the units' raw rows (contacts included): <out>/.executed/<period>/,
# beside the period folders, never inside one
EXECUTED_DIR = ".executed"


def executed_dir(out_dir: Path) -> Path:
    """Where the executed notebooks of the period folder `out_dir` are kept (not shared)."""
    return Path(out_dir).parent / EXECUTED_DIR / Path(out_dir).name


def default_workers(requested: int | None, notebooks: int) -> int:
    """How many kernels a run starts: `--workers`, else the CPU count; never more than the
    notebooks of one period."""
    return max(1, min(requested or os.cpu_count() or 1, notebooks or 1))


def batch_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if p.name not in INTERACTIVE_NOTEBOOKS)


def resolve_periods(plan, period_arg: str, as_of_text: str | None) -> list[Period]:
    """'dot1', 'dot1,dot2', 'phases' (the phase reports) or 'all'; refused before anything runs."""
    as_of = parse_as_of(as_of_text)
    if period_arg == ALL_PERIODS:
        ids = [p.id for p in campaign_periods(plan)]
    elif period_arg == PHASE_PERIODS:
        ids = [p.id for p in campaign_periods(plan) if p.kind == "phase"]
    else:
        ids = [part.strip() for part in period_arg.split(",") if part.strip()]
    if not ids:
        raise PeriodError("Chưa chọn kỳ báo cáo (--period)")
    return [find_period(plan, period_id, as_of) for period_id in ids]


def notebook_imports(notebooks: Iterable[Path]) -> list[str]:
    """The modules the notebooks' code cells import (what a warm kernel imports at start)."""
    import ast

    found: dict[str, None] = {}
    for path in notebooks:
        try:
            cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            source = "".join(cell.get("source", ""))
            try:
                tree = ast.parse("\n".join(ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found.update(dict.fromkeys(alias.name for alias in node.names))
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found[node.module] = None  # and `from package import module`:
                    found.update(dict.fromkeys(f"{node.module}.{alias.name}" for alias in node.names))
    return list(found)
