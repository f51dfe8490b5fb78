"""The batch's honest floor: everything `campaignkit run` must produce, done in one process with
no kernel — read the workbooks once, analyse each period once, run every code cell of every
batch notebook in this process (so every chart and table the notebooks make is made), export
every page with the kit's own exporter, write the period's tables, appendix and index page, and
the site index.

    python -m bench.floor --period dot1 --data data/sample --out TMP   # prints one JSON line
    python -m bench.floor --pool-start 2                               # the batch's pool alone
    python -m bench.floor --pool-start 2                               # the batch's pool alone

What the floor leaves out is exactly what the batch pays for running notebooks in kernels:
starting kernels, importing the kit in them, the hand-off file (here `load_period` is given the
analyses already in memory), the messages between the batch and the kernels, papermill's
bookkeeping and the executed notebooks. It also skips run.json (hashes of the input files).

The cells run as IPython would run them: the parameters cell, then the parameters the batch
would inject, then each cell in turn; the value of a cell's last expression is formatted by
IPython's own DisplayFormatter (as the kernel's display hook does) and `display()` calls are
captured. Each page is compared with the batch's page of the same notebook by figure 3
(`same_pages`): the floor makes the same pages, byte for byte, but for the id papermill gives
the injected cell.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()


def _cell_outputs(shell, code: str, namespace: dict, count: int) -> list:
    """Run one cell's code in `namespace`; its outputs as nbformat nodes (display data, the
    value of the last expression, what it printed)."""
    from IPython.core.displaypub import CapturingDisplayPublisher
    from nbformat.v4 import new_output

    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    publisher = CapturingDisplayPublisher()
    shell.display_pub, previous = publisher, shell.display_pub
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(tree, "<cell>", "exec"), namespace)  # noqa: S102 — the notebook's own code
            value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace) if last else None
    finally:
        shell.display_pub = previous
    outputs = []
    if printed.getvalue():
        outputs.append(new_output("stream", name="stdout", text=printed.getvalue()))
    for shown in publisher.outputs:
        outputs.append(new_output("display_data", data=shown.data, metadata=shown.metadata))
    if value is not None:
        data, metadata = shell.display_formatter.format(value)
        outputs.append(new_output("execute_result", data=data, metadata=metadata, execution_count=count))
    return outputs


def run_notebook(shell, path: Path, parameters: dict):
    """The notebook with every code cell run in one fresh namespace; after the `parameters`
    cell, a cell tagged `injected-parameters` sets the batch's parameters (as papermill does)."""
    import nbformat
    from nbformat.v4 import new_code_cell

    nb = nbformat.read(path, as_version=4)
    tagged = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    injected = new_code_cell("# Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items()),
                             metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(tagged + 1, injected)
    namespace: dict = {"__name__": "__main__"}
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        count += 1
        cell.outputs = _cell_outputs(shell, cell.source, namespace, count)
        cell.execution_count = count
    return nb


def floor(period_ids: list[str], data_dir: Path, plan_path: Path, out_root: Path) -> dict:
    from IPython.core.interactiveshell import InteractiveShell

    import campaignkit.batch.jupyter_imports  # noqa: F401 — the batch's own import guard: nbformat without its 0.9 s
    from campaignkit.analyses import analyse_period, handoff
    from campaignkit.batch.run import period_index_page, write_period_files
    from campaignkit.batch.selection import batch_notebooks
    from campaignkit.intake import load_campaign
    from campaignkit.plan import find_period
    from campaignkit.render.export import notebook_to_html
    from campaignkit.render.index_pages import site_index_html
    from campaignkit.render.sections import stamp_values

    steps = {"imports": time.perf_counter() - STARTED}
    shell = InteractiveShell.instance()
    started = time.perf_counter()
    campaign = load_campaign(data_dir, plan_path)
    steps["read"] = time.perf_counter() - started
    steps.update(analyse=0.0, notebooks=0.0, pages=0.0, tables=0.0)
    in_memory: dict = {}
    handoff.read_analysis = lambda path: in_memory[str(path)]  # the hand-off, without its file
    notebooks = batch_notebooks()
    site = []
    for period_id in period_ids:
        period = find_period(campaign.plan, period_id)
        started = time.perf_counter()
        analysis = analyse_period(campaign, period)
        in_memory[period.id] = analysis
        stamp = stamp_values(analysis)
        steps["analyse"] += time.perf_counter() - started
        folder = out_root / period.id
        folder.mkdir(parents=True, exist_ok=True)
        parameters = {"period": period.id, "as_of": period.as_of.isoformat(), "data_dir": str(data_dir),
                      "plan": str(plan_path), "analysis_file": period.id}
        results = []
        for path in notebooks:
            started = time.perf_counter()
            nb = run_notebook(shell, path, parameters)
            steps["notebooks"] += time.perf_counter() - started
            started = time.perf_counter()
            title = nb.metadata.get("title") or path.stem
            page = notebook_to_html(nb, title, stamp, base_dir=path.parent)
            (folder / f"{path.stem}.html").write_text(page, encoding="utf-8")
            steps["pages"] += time.perf_counter() - started
            results.append(_Result(path.stem, title, Path(f"{path.stem}.html")))
        started = time.perf_counter()
        written = write_period_files(analysis, folder, plan_path)
        (folder / "index.html").write_text(period_index_page(analysis, results, written, folder, stamp),
                                           encoding="utf-8")
        steps["tables"] += time.perf_counter() - started
        site.append({"period": period.id, "label": period.label, "as_of": period.as_of,
                     "reports": len(results), "failed": 0})
    (out_root / "index.html").write_text(site_index_html(site), encoding="utf-8")
    steps["total"] = time.perf_counter() - STARTED
    return {"steps": {k: round(v, 3) for k, v in steps.items()}, "periods": period_ids,
            "notebooks": len(notebooks) * len(period_ids)}


class _Result:
    """What the period index needs of a report (as batch.notebooks.NotebookResult has it)."""

    def __init__(self, name: str, title: str, html: Path):
        self.name, self.title, self.html, self.ok, self.pdf, self.error = name, title, html, True, None, None


def pool_start(workers: int) -> dict:
    """The batch's pool alone: `workers` warm kernels started (the notebooks' imports made in
    each), timed until all are ready, then closed."""
    from campaignkit.batch.kernels import KernelPool
    from campaignkit.batch.selection import batch_notebooks, notebook_imports

    started = time.perf_counter()
    pool = KernelPool(workers, notebook_imports(batch_notebooks()))
    pool.wait_ready()
    ready = time.perf_counter() - started
    pool.close()
    return {"ready": round(ready, 3), "closed": round(time.perf_counter() - started, 3),
            "kernels": [round(s, 3) for s in pool.start_seconds]}


def main(argv=None) -> int:
    from campaignkit.paths import DEFAULT_PLAN

    parser = argparse.ArgumentParser(prog="python -m bench.floor")
    parser.add_argument("--period", help="dot1, dot1,dot2… or phases")
    parser.add_argument("--data", type=Path)
    parser.add_argument("--plan", type=Path, default=DEFAULT_PLAN)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--pool-start", type=int, metavar="WORKERS",
                        help="instead: time the start of the batch's pool of WORKERS warm kernels")
    args = parser.parse_args(argv)
    if args.pool_start:
        print(json.dumps(pool_start(args.pool_start)))
        return 0
    if not (args.period and args.data and args.out):
        parser.error("--period, --data and --out are needed")
    from campaignkit.batch.selection import resolve_periods
    from campaignkit.plan import load_plan

    ids = [p.id for p in resolve_periods(load_plan(args.plan), args.period, None)]
    print(json.dumps(floor(ids, args.data.resolve(), args.plan.resolve(), args.out.resolve())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
