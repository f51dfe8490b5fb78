"""`campaignkit run` over two periods of the sample data, as `make report` runs it: one pool of
warm kernels for the whole run, what the console shows (the accounting, one line per period,
where to look — nothing else, on stdout or stderr, not even from the kernels), executed notebooks
kept out of the shared folders, and pages identical to those of a fresh kernel."""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
import papermill
import pytest

from campaignkit import cli
from campaignkit.analyses import analyse_period
from campaignkit.batch import kernels
from campaignkit.batch import run as runner
from campaignkit.intake import load_campaign
from campaignkit.paths import DEFAULT_PLAN, NOTEBOOKS_DIR, SAMPLE_DATA_DIR
from campaignkit.plan import find_period, load_plan
from campaignkit.render.console import accounting_text
from campaignkit.render.export import notebook_to_html
from campaignkit.render.sections import stamp_values

PERIODS = ("dot1", "dot2")


def _capture_fds(run):
    """Run `run()` with sys.stdout, sys.stderr and file descriptors 1 and 2 going to files (what
    a terminal would show, kernels' and child processes' output included); returns its result,
    stdout, stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        saved = os.dup(1), os.dup(2)
        streams = sys.stdout, sys.stderr
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False, buffering=1)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False, buffering=1)  # noqa: SIM115
        try:
            result = run()
        finally:
            sys.stdout.close()
            sys.stderr.close()
            sys.stdout, sys.stderr = streams
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
        out.seek(0)
        err.seek(0)
        return result, out.read().decode(), err.read().decode()


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    pools = []
    original = kernels.KernelPool.__init__

    def counting(self, *args, **kwargs):
        pools.append(self)
        original(self, *args, **kwargs)

    kernels.KernelPool.__init__ = counting
    try:
        code, stdout, stderr = _capture_fds(lambda: cli.main(
            ["run", "--period", ",".join(PERIODS), "--data", str(SAMPLE_DATA_DIR), "--out", str(out)]))
    finally:
        kernels.KernelPool.__init__ = original
    return {"code": code, "stdout": stdout, "stderr": stderr, "out": out, "pools": pools}


def test_the_run_succeeds_with_nothing_on_stderr(cli_run):
    assert cli_run["code"] == 0, cli_run["stderr"]
    assert cli_run["stderr"] == ""


def test_console_shows_the_accounting_one_line_per_period_and_where_to_look(cli_run):
    campaign = load_campaign(SAMPLE_DATA_DIR, DEFAULT_PLAN)
    accounting = accounting_text(campaign)
    stdout = cli_run["stdout"]
    assert stdout.startswith(accounting + "\n")
    rest = stdout[len(accounting) + 1:].splitlines()
    plan = load_plan(DEFAULT_PLAN)
    labels = [find_period(plan, p).label for p in PERIODS]
    assert len(rest) == len(PERIODS) + 1, rest
    for line, label in zip(rest, labels):
        assert re.fullmatch(re.escape(label) + r": 6/6 báo cáo, \d+(,\d)? giây", line), line
    assert rest[-1] == f"Xong. Mở {cli_run['out'] / 'index.html'} để xem các báo cáo."
    assert "\r" not in stdout and "Kernel" not in stdout and "Traceback" not in stdout


def test_the_run_writes_the_offices_working_copy_from_its_one_reading(cli_run, tmp_path):
    """`run` writes <out>/ingest/ from the campaign it read (make report no longer reads the
    folder a second time for it): the same files, byte for byte, as the `ingest` command's."""
    assert cli.main(["ingest", "--data", str(SAMPLE_DATA_DIR), "--out", str(tmp_path / "ingest")]) == 0
    expected = sorted(p.name for p in (tmp_path / "ingest").iterdir())
    assert sorted(p.name for p in (cli_run["out"] / "ingest").iterdir()) == expected
    for name in expected:
        assert (cli_run["out"] / "ingest" / name).read_bytes() == (tmp_path / "ingest" / name).read_bytes(), name


def test_one_pool_of_warm_kernels_for_every_period(cli_run):
    pools = cli_run["pools"]
    assert len(pools) == 1
    pool = pools[0]
    assert pool.kernels_started == pool.workers == min(os.cpu_count() or 1, 6)
    assert pool.kernels_replaced == 0
    for period in PERIODS:
        record = json.loads((cli_run["out"] / period / "run.json").read_text(encoding="utf-8"))
        assert all(r["ok"] for r in record["reports"])


def test_executed_notebooks_are_kept_out_of_the_period_folders(cli_run):
    out = cli_run["out"]
    for period in PERIODS:
        folder, private = out / period, out / ".executed" / period
        assert not list(folder.rglob("*.ipynb")) and not (folder / "notebooks").exists()
        assert sorted(p.stem for p in private.glob("*.ipynb")) == [p.stem for p in runner.batch_notebooks()]
        record = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        assert record["parameters"]["executed_notebooks"] == str(private)
        assert {r["executed"] for r in record["reports"]} == {str(p) for p in private.glob("*.ipynb")}
        assert ".ipynb" not in (folder / "index.html").read_text(encoding="utf-8")
        for path in private.glob("*.ipynb"):  # execution counts of a fresh run: 1, 2, 3…
            nb = nbformat.read(path, as_version=4)
            counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
            assert counts == list(range(1, len(counts) + 1)), path.name
    assert not list(out.glob(".*.partial-*")) and not list((out / ".executed").glob(".*.partial-*"))
    assert "Kernel is running over TCP" not in (out / ".executed" / "kernels.log").read_text(encoding="utf-8")


def test_a_report_is_the_page_a_fresh_kernel_makes(cli_run, tmp_path):
    """The indicators report of dot2 (charts and tables), run on its own by papermill's default
    engine in a fresh kernel that reads the spreadsheets itself, gives the batch's page."""
    notebook = NOTEBOOKS_DIR / "04_chi_tieu.ipynb"
    fresh = papermill.execute_notebook(
        str(notebook), str(tmp_path / notebook.name), kernel_name="python3", progress_bar=False,
        cwd=str(NOTEBOOKS_DIR),
        parameters={"period": "dot2", "as_of": "", "data_dir": str(SAMPLE_DATA_DIR), "plan": str(DEFAULT_PLAN)})
    period = find_period(load_plan(DEFAULT_PLAN), "dot2")
    analysis = analyse_period(load_campaign(SAMPLE_DATA_DIR, DEFAULT_PLAN), period)
    page = notebook_to_html(fresh, fresh.metadata["title"], stamp_values(analysis), base_dir=NOTEBOOKS_DIR)

    def without_ids(text):
        return re.sub(r'id="cell-id=[0-9a-f-]+"', "", text)

    batch_page = (cli_run["out"] / "dot2" / notebook.with_suffix(".html").name).read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 1
    assert without_ids(batch_page) == without_ids(page)


def test_the_benchs_floor_makes_the_same_pages(cli_run, tmp_path):
    """bench/floor.py (one process, no kernel) is the batch's floor only if it does the same work:
    its pages are the batch's, byte for byte but the injected cell's id."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-m", "bench.floor", "--period", "dot2", "--data", str(SAMPLE_DATA_DIR),
                           "--out", str(tmp_path)], cwd=root, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    sys.path.insert(0, str(root))
    try:
        from bench.fig_batch import same_pages
    finally:
        sys.path.remove(str(root))
    assert same_pages(cli_run["out"], tmp_path) == (6, 6)
