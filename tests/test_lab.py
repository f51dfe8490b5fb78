"""The notebooks in JupyterLab: parameters as a Vietnamese user writes them, a wrong data folder
stopped, the kit's notebooks saved without outputs, and the explorer driven in a real JupyterLab
in headless Chromium: run, change the unit, save, reopen — no widget error, git status clean."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from campaignkit.analyses import load_period
from campaignkit.errors import InputError, PeriodError
from campaignkit.paths import DEFAULT_PLAN, NOTEBOOKS_DIR, PROJECT_ROOT
from campaignkit.plan import parse_as_of
from campaignkit.render.lab import canonical, strip_on_save
from conftest import CHROMIUM, launch_chromium

EXPLORER = NOTEBOOKS_DIR / "07_kham_pha.ipynb"


def test_as_of_takes_the_vietnamese_and_the_iso_form():
    assert parse_as_of("23/06/2024") == parse_as_of("2024-06-23") == dt.date(2024, 6, 23)
    assert parse_as_of(" 3/7/2024 ") == dt.date(2024, 7, 3)
    assert parse_as_of("") is None
    with pytest.raises(PeriodError, match="DD/MM/YYYY hoặc YYYY-MM-DD"):
        parse_as_of("23.06.2024")


def test_a_missing_or_empty_data_folder_stops_with_the_commands_message(tmp_path):
    with pytest.raises(InputError, match="Không tìm thấy thư mục dữ liệu .*Hãy kiểm tra data_dir"):
        load_period("dot1", "", tmp_path / "khong_co", DEFAULT_PLAN)
    (tmp_path / "trong" / "bao_cao").mkdir(parents=True)
    with pytest.raises(InputError, match="không có bảng tính nào"):
        load_period("dot1", "23/06/2024", tmp_path / "trong", DEFAULT_PLAN)


@pytest.mark.parametrize("path", sorted(NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_committed_notebooks_are_in_the_form_jupyterlab_saves(path, tmp_path):
    copy = tmp_path / path.name
    notebook = canonical(nbformat.read(path, as_version=4))
    nbformat.write(notebook, str(copy), version=nbformat.NO_CONVERT)
    assert copy.read_bytes() == path.read_bytes()


def test_saving_a_kit_notebook_drops_outputs_and_leaves_others_alone():
    class Manager:
        root_dir = str(PROJECT_ROOT)

    notebook = nbformat.read(EXPLORER, as_version=4)
    notebook.cells[-1].outputs = [nbformat.v4.new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2}})]
    notebook.cells[-1].execution_count = 4
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    model = {"type": "notebook", "content": notebook}
    strip_on_save(model, "notebooks/07_kham_pha.ipynb", Manager())
    saved = model["content"]
    assert saved.cells[-1].outputs == [] and saved.cells[-1].execution_count is None
    assert "widgets" not in saved.metadata
    other = nbformat.read(EXPLORER, as_version=4)
    other.cells[-1].execution_count = 4
    model = {"type": "notebook", "content": other}
    strip_on_save(model, "mine/so_rieng.ipynb", Manager())
    assert model["content"].cells[-1].execution_count == 4


def test_the_environment_installs_the_save_hook():
    config = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.json"
    assert config.is_file(), "make install chép jupyter-config/… vào môi trường"
    assert "campaignkit.render.lab.strip_on_save" in config.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- real JupyterLab


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_server(url: str, process, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"jupyter lab đã dừng (mã {process.returncode})")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("jupyter lab không trả lời sau 120 giây")


def _git_status() -> str:
    if shutil.which("git") is None or not (PROJECT_ROOT / ".git").exists():
        return ""
    return subprocess.run(["git", "status", "--porcelain", "--", "notebooks"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True).stdout


@pytest.fixture
def jupyter_lab(tmp_path):
    """A JupyterLab on a free loopback port with a token, its own runtime and settings folders;
    stopped (only the server this test started) at the end."""
    port, token = _free_port(), secrets.token_hex(16)
    environment = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
                   "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"),
                   "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"), "IPYTHONDIR": str(tmp_path / "ipython")}
    log = (tmp_path / "lab.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={PROJECT_ROOT}",
         "--ServerApp.open_browser=False", "--ServerApp.allow_root=True", "--LabApp.news_url=",
         "--LabApp.check_for_updates_class="
         "jupyterlab.NeverCheckForUpdate"],
        cwd=PROJECT_ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_server(f"http://127.0.0.1:{port}/api/status?token={token}", process)
        yield f"http://127.0.0.1:{port}", token
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _accept_kernel(page) -> None:
    """JupyterLab may ask which kernel to start: the notebook's own (Python 3)."""
    button = page.locator(".jp-Dialog button", has_text="Select")
    try:
        button.first.wait_for(timeout=8_000)
    except Exception:
        return
    button.first.click()


def _summary(page) -> str:
    return page.locator(".ck-explore p.summary").first.inner_text()


def test_explorer_in_real_jupyterlab(jupyter_lab, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} không có trên máy này (cài gói Debian 'chromium'): bỏ qua kiểm thử JupyterLab thật")
    sync_api = pytest.importorskip("playwright.sync_api")
    assert _git_status() == "", "notebooks/ phải sạch trước khi thử"
    base, token = jupyter_lab
    url = f"{base}/lab/tree/notebooks/07_kham_pha.ipynb?token={token}"
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
            _accept_kernel(page)
            page.locator(".lm-MenuBar-item", has_text="Run").first.click()
            page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
            _accept_kernel(page)
            try:
                page.wait_for_selector(".ck-explore p.summary", timeout=180_000)
            except sync_api.TimeoutError:
                page.screenshot(path=str(tmp_path / "lab-failure.png"))
                raise AssertionError(page.locator(".jp-Notebook").inner_text()[-3000:]) from None
            before, chart = _summary(page), page.locator(".widget-image").first.get_attribute("src")
            box = page.locator(".jp-OutputArea input[list]").first
            box.fill("SNV — Chi đoàn cơ sở Sở Nội vụ thành phố Cần Thơ")
            box.press("Enter")
            page.wait_for_function("(before) => document.querySelector('.ck-explore p.summary').innerText !== before",
                                   arg=before, timeout=60_000)
            page.wait_for_function("(src) => document.querySelector('.widget-image').getAttribute('src') !== src",
                                   arg=chart, timeout=60_000)
            after, chart_after = _summary(page), page.locator(".widget-image").first.get_attribute("src")
            page.screenshot(path=str(tmp_path / "lab-explorer.png"))
            page.keyboard.press("Control+s")
            page.wait_for_timeout(3000)
            page.locator(".lm-MenuBar-item", has_text="Kernel").first.click()
            page.locator(".lm-Menu-item", has_text="Shut Down Kernel").first.click()
            page.wait_for_timeout(2000)
            page.goto(url, wait_until="domcontentloaded")  # reopened, as the next day
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
            page.wait_for_timeout(5000)
            reopened = page.locator(".jp-Notebook").inner_text()
            page.screenshot(path=str(tmp_path / "lab-reopened.png"))
        finally:
            browser.close()
    assert after != before and "SNV" not in before
    assert chart_after != chart
    assert "Error displaying widget" not in reopened and "model not found" not in reopened
    assert _git_status() == "", _git_status()
