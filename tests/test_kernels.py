"""Warm kernels: one notebook's changes never reach the next notebook on the same kernel, the
executed notebook is the one a fresh kernel gives (papermill's default engine, one kernel per
notebook, is the reference), and a kernel that dies is replaced. Real kernels, real papermill."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from campaignkit.batch.notebooks import NotebookJob, other_error_result, run_notebooks
from campaignkit.render.export import notebook_to_html

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
PARAMETERS = 'period = "dot1"\n'

LEAK = '''
import os, sys, warnings
import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import campaignkit.text as text_module
from campaignkit.intake.status import STATUS_LABELS
from campaignkit.plan.schema import Plan

secret = "dữ liệu của đơn vị"
text_module.LEAKED = "có"                                  # an attribute added to a kit module
text_module.format_number = lambda value, decimals=0: "??"  # a kit function replaced
STATUS_LABELS["counted"] = "SAI"                             # a kit table changed in place
Plan.leaked = True                                           # an attribute added to a kit class
import campaignkit.batch.progress                            # a kit module no warm kernel imported
campaignkit.batch.progress.LEAKED = 1
pd.set_option("display.max_rows", 3)
matplotlib.rcParams["font.size"] = 31
plt.figure()
os.chdir(os.path.dirname(os.getcwd()))
os.environ["CAMPAIGNKIT_LEAK"] = "1"
sys.path.append("/khong/co/thu/muc/nay")
warnings.simplefilter("error")
print("đã đổi")
'''

PROBE = '''
import json, os, sys, warnings
import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import campaignkit.text as text_module
from campaignkit.intake.status import STATUS_LABELS
from campaignkit.plan.schema import Plan
import campaignkit.batch.progress

state = {
    "names": sorted(n for n in dir() if not n.startswith("_") and n not in (
        "In", "Out", "exit", "quit", "get_ipython", "open", "json", "os", "sys", "warnings", "matplotlib",
        "plt", "pd", "text_module", "STATUS_LABELS", "Plan", "campaignkit")),
    "module_attribute": hasattr(text_module, "LEAKED"),
    "module_function": text_module.format_number(12345),
    "module_table": STATUS_LABELS["counted"],
    "class_attribute": hasattr(Plan, "leaked"),
    "module_imported_later": hasattr(campaignkit.batch.progress, "LEAKED"),
    "pandas_max_rows": pd.get_option("display.max_rows"),
    "font_size": matplotlib.rcParams["font.size"],
    "backend": matplotlib.get_backend(),
    "figures": plt.get_fignums(),
    "cwd": os.getcwd(),
    "environ": os.environ.get("CAMPAIGNKIT_LEAK"),
    "sys_path": "/khong/co/thu/muc/nay" in sys.path,
    "warnings_error": any(f[0] == "error" for f in warnings.filters),
}
print(json.dumps(state, ensure_ascii=False))
'''

DIES = '''
import os, signal
os.kill(os.getpid(), signal.SIGKILL)
'''


def _notebook(path: Path, *cells: str) -> Path:
    nb = new_notebook(cells=[new_markdown_cell(f"# {path.stem}"),
                             new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
                             *(new_code_cell(code) for code in cells)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _printed(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream")


def _fresh(path: Path, cwd: Path, out: Path, parameters: dict | None = None):
    """The reference: papermill's own engine, a new kernel for this notebook alone."""
    return papermill.execute_notebook(str(path), str(out), parameters=parameters or {"period": "dot2"},
                                      kernel_name="python3", progress_bar=False, cwd=str(cwd))


@pytest.fixture(scope="module")
def warm_run(tmp_path_factory):
    """leak, then probe, on ONE warm kernel; a notebook that kills its kernel, then probe again."""
    folder = tmp_path_factory.mktemp("nb")
    cwd = tmp_path_factory.mktemp("cwd") / "lam_viec"
    cwd.mkdir()
    leak = _notebook(folder / "leak.ipynb", LEAK)
    probe = _notebook(folder / "probe.ipynb", PROBE)
    dies = _notebook(folder / "dies.ipynb", DIES)
    out = tmp_path_factory.mktemp("outputs") / "dot2"
    jobs = [NotebookJob(leak, {"period": "dot2"}, cwd=cwd, out_dir_parameter=None),
            NotebookJob(probe, {"period": "dot2"}, cwd=cwd, out_dir_parameter=None),
            NotebookJob(dies, {"period": "dot2"}, cwd=cwd, out_dir_parameter=None),
            NotebookJob(probe, {"period": "dot2"}, name="probe_after_death", cwd=cwd, out_dir_parameter=None)]
    from campaignkit.batch import kernels

    with kernels.KernelPool(1, ["campaignkit.text", "campaignkit.intake.status", "campaignkit.plan.schema",
                                "pandas", "matplotlib.pyplot"]) as pool:
        seen = []

        def spy(kernel, original=kernels.WarmKernel.reset):
            original(kernel, cwd)
            seen.append(list(kernel.last_reset))

        kernels.WarmKernel.reset, saved = (lambda self, c: spy(self)), kernels.WarmKernel.reset
        try:
            results = run_notebooks(jobs, out, progress=False, pool=pool)
        finally:
            kernels.WarmKernel.reset = saved
        stats = {"started": pool.kernels_started, "replaced": pool.kernels_replaced}
    private = out.parent / ".executed" / "dot2"
    return {"results": results, "private": private, "folder": folder, "cwd": cwd, "out": out, "seen": seen,
            "stats": stats, "probe": probe, "dies": dies, "leak": leak}


def test_the_leaking_notebook_ran_and_changed_things(warm_run):
    leak = warm_run["results"][0]
    assert leak.ok, leak.error
    assert "đã đổi" in _printed(nbformat.read(warm_run["private"] / "leak.ipynb", as_version=4))
    # the reset before the next notebook found the kit's changes and undid them
    changed = warm_run["seen"][1]
    for expected in ("campaignkit.text.LEAKED", "campaignkit.text.format_number",
                     "campaignkit.intake.status.STATUS_LABELS", "campaignkit.plan.schema.Plan.leaked",
                     "campaignkit.batch.progress"):
        assert expected in changed, (expected, changed)


def test_one_notebooks_changes_do_not_reach_the_next(warm_run, tmp_path):
    leak, probe = warm_run["results"][:2]
    assert probe.ok and probe.kernel == leak.kernel  # the same warm kernel ran both
    warm = json.loads(_printed(nbformat.read(warm_run["private"] / "probe.ipynb", as_version=4)))
    fresh = json.loads(_printed(_fresh(warm_run["probe"], warm_run["cwd"], tmp_path / "probe.ipynb")))
    assert warm == fresh
    assert warm["names"] == ["period"] and warm["module_function"] == "12.345" and warm["module_table"] == "Được tính"
    assert warm["pandas_max_rows"] == 60 and warm["font_size"] == 10.0 and warm["figures"] == []
    assert warm["cwd"] == str(warm_run["cwd"])


def test_executed_notebook_is_the_one_a_fresh_kernel_gives(warm_run, tmp_path):
    warm = nbformat.read(warm_run["private"] / "probe.ipynb", as_version=4)
    fresh = _fresh(warm_run["probe"], warm_run["cwd"], tmp_path / "probe.ipynb")
    counts = [c.execution_count for c in warm.cells if c.cell_type == "code"]
    assert counts == [c.execution_count for c in fresh.cells if c.cell_type == "code"] == [1, 2, 3]
    assert [c.metadata.get("tags", []) for c in warm.cells] == [c.metadata.get("tags", []) for c in fresh.cells]
    assert warm.metadata.papermill.duration > 0 and warm.metadata.papermill.exception is None
    assert all(c.metadata.papermill.status == "completed" and c.metadata.papermill.duration is not None
               for c in warm.cells if c.cell_type == "code")
    assert warm.metadata.language_info.name == "python"
    assert [[o.output_type for o in c.outputs] for c in warm.cells if c.cell_type == "code"] == \
           [[o.output_type for o in c.outputs] for c in fresh.cells if c.cell_type == "code"]


def test_a_dead_kernel_is_reported_as_papermill_reports_it_and_replaced(warm_run, tmp_path):
    dies, after = warm_run["results"][2:]
    with pytest.raises(Exception) as fresh_error:
        _fresh(warm_run["dies"], warm_run["cwd"], tmp_path / "dies.ipynb")
    job = NotebookJob(warm_run["dies"])
    expected = other_error_result(job, dies.title, "chạy được", fresh_error.value, None)
    assert not dies.ok
    assert dies.error == expected.error and dies.error_name == "DeadKernelError"
    assert dies.error.startswith("Không chạy được sổ dies.ipynb: DeadKernelError")
    assert (warm_run["private"] / "dies.ipynb").is_file()  # written, as papermill writes a failed run
    assert after.ok, after.error  # the next notebook ran on a fresh warm kernel
    assert warm_run["stats"] == {"started": 2, "replaced": 1}
    state = json.loads(_printed(nbformat.read(warm_run["private"] / "probe_after_death.ipynb", as_version=4)))
    assert state["names"] == ["period"] and state["cwd"] == str(warm_run["cwd"])


def test_reports_are_the_pages_a_fresh_kernel_makes(tmp_path):
    """ok.ipynb (a table and an inline matplotlib chart) after slow_params on the same kernel:
    the same page as papermill's own engine makes, but for the id papermill gives the injected cell."""
    out = tmp_path / "dot1"
    jobs = [NotebookJob(FIXTURES / "slow_params.ipynb", {"period": "dot1", "delay": 0}),
            NotebookJob(FIXTURES / "ok.ipynb", {"period": "dot1"}, out_dir_parameter=None)]
    results = run_notebooks(jobs, out, workers=1, progress=False)
    assert all(r.ok for r in results) and results[0].kernel == results[1].kernel
    fresh = _fresh(FIXTURES / "ok.ipynb", FIXTURES, tmp_path / "ok.ipynb", {"period": "dot1"})
    page = notebook_to_html(fresh, results[1].title, {}, base_dir=FIXTURES)

    def without_ids(text):
        return re.sub(r'id="cell-id=[0-9a-f-]+"', "", text)

    assert "data:image/png;base64," in page
    assert without_ids((out / "ok.html").read_text(encoding="utf-8")) == without_ids(page)


THREAD_IMPORTS = '''
import json, sys, tempfile
from pathlib import Path
import campaignkit.cli
from campaignkit.batch import notebooks, run
from campaignkit.batch.kernels import KernelPool
from campaignkit.paths import DEFAULT_PLAN, SAMPLE_DATA_DIR

work, entered = KernelPool._work, []
KernelPool._work = lambda self, number: (entered.append(set(sys.modules)), work(self, number))
pool = KernelPool(1, [])  # what starting a kernel imports, it imports here, in this thread
pool.wait_ready()
before = entered[0]
started = sorted(set(sys.modules) - before)
job = notebooks.NotebookJob(run.batch_notebooks()[0], {"period": "dot1", "data_dir": str(SAMPLE_DATA_DIR),
                            "plan": str(DEFAULT_PLAN)}, out_dir_parameter=None)
folder = Path(tempfile.mkdtemp())
before = set(sys.modules)
result, _ = pool.submit(lambda kernel: notebooks.run_job(job, kernel, folder, folder / "x.ipynb", None)).result()
ran = sorted(set(sys.modules) - before)
pool.close()
print(json.dumps({"started": started, "ran": ran, "ok": result.ok}))
'''


def test_pool_threads_import_nothing_the_batch_process_has_not_imported():
    """Imports made in two threads at once can fail in Python 3.11 (importlib's KeyError), and the
    batch goes on importing while its kernels start: the pool's threads must import nothing."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", THREAD_IMPORTS], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == {"started": [], "ran": [], "ok": True}


NBFORMAT_IMPORT = '''
import json, sys
import campaignkit.cli
from campaignkit.batch import run  # what `campaignkit run` imports
from campaignkit.batch import notebooks
import nbformat
from nbformat.v4 import new_code_cell, new_notebook
from nbformat.validator import get_validator

nb = new_notebook(cells=[new_code_cell("1 + 1")])
nbformat.validate(nb)
bad = new_notebook(cells=[new_code_cell("1 + 1")])
bad.cells[0]["outputs"] = "not a list"
try:
    nbformat.validate(bad)
    refused = False
except nbformat.ValidationError:
    refused = True
print(json.dumps({"rfc3987_syntax": sys.modules.get("rfc3987_syntax", "absent") is not None,
                  "validator": type(get_validator(version=4)).__name__, "refused": refused}))
'''


def test_the_batch_imports_nbformat_without_the_grammar_it_never_uses():
    """`campaignkit run` imports nbformat with fastjsonschema and without rfc3987_syntax's 35 Lark
    grammars (batch/jupyter_imports.py); notebooks are still validated, bad ones refused."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", NBFORMAT_IMPORT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == {"rfc3987_syntax": False, "validator": "FastJsonSchemaValidator", "refused": True}
