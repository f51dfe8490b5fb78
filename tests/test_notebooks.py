"""The notebooks as their users meet them: structure, a real batch run on the sample data,
the HTML opened in headless Chromium, and the PDF's text."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from campaignkit.analyses import CONTRACT_TABLES
from campaignkit.batch import run as runner
from campaignkit.errors import InputError, PeriodError
from campaignkit.paths import DEFAULT_PLAN, NOTEBOOKS_DIR, SAMPLE_DATA_DIR

PARAMETERS = ["period", "as_of", "data_dir", "plan", "analysis_file"]
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
CHROMIUM = Path("/usr/bin/chromium")
SAMPLE_CONTACTS = ("0909 000 111", "example.com")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin_with_one_parameters_cell(path):
    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert list(papermill.inspect_notebook(str(path))) == PARAMETERS
    for statement in ast.parse(tagged[0].source).body:  # plain values, one per line, nothing derived
        assert isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "commit notebooks without outputs"
            tree = ast.parse(cell.source)
            banned = (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.Lambda)
            assert not any(isinstance(node, banned) for node in ast.walk(tree)), cell.source


def test_bad_parameters_are_refused_before_anything_runs(tmp_path):
    with pytest.raises(PeriodError, match="Không có kỳ báo cáo 'dot7'"):
        runner.prepare("dot7", None, SAMPLE_DATA_DIR, DEFAULT_PLAN, tmp_path)
    with pytest.raises(PeriodError, match="nằm ngoài chiến dịch"):
        runner.prepare("dot1", "2023-06-01", SAMPLE_DATA_DIR, DEFAULT_PLAN, tmp_path)
    with pytest.raises(InputError, match="Không tìm thấy thư mục dữ liệu"):
        runner.prepare("dot1", None, tmp_path / "khong_co", DEFAULT_PLAN, tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def dot1_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    request = runner.prepare("dot1", None, SAMPLE_DATA_DIR, DEFAULT_PLAN, out, pdf=True, progress=False)
    outcomes = runner.run(request)
    return out, outcomes["dot1"]


def test_every_batch_notebook_runs_on_the_sample_data(dot1_run):
    out, results = dot1_run
    assert [r.name for r in results] == [p.stem for p in runner.batch_notebooks()]
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    folder = out / "dot1"
    for result in results:
        assert (folder / result.html).is_file() and (folder / result.pdf).is_file()
    assert (out / "index.html").is_file() and (folder / "index.html").is_file()
    assert (folder / "phu_luc_so_lieu.xlsx").is_file()
    names = {p.name for p in (folder / "tables").iterdir()}
    assert {f"{t}.csv" for t in CONTRACT_TABLES} <= names  # the contract's tables, and the others shown
    assert not list(folder.glob(".*"))  # the notebooks' hand-off file is not left in the shared folder


def test_reports_are_offline_stamped_and_private(dot1_run):
    out, results = dot1_run
    for page in [out / "index.html", *(out / "dot1").glob("*.html")]:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"https?://", text), page.name
        assert "<script" not in text.lower(), page.name
        for contact in SAMPLE_CONTACTS:
            assert contact not in text, (page.name, contact)
    report = (out / "dot1" / "06_bao_cao_dot.html").read_text(encoding="utf-8")
    assert "23/06/2024" in report  # the data cut-off
    assert "Số tệp đã đọc: 65" in report  # the files it read
    assert "Chi đoàn cơ sở Sở Ngoại vụ thành phố Cần Thơ" in report  # a unit missing from it


def test_run_json_records_the_run(dot1_run):
    out, _ = dot1_run
    record = json.loads((out / "dot1" / "run.json").read_text(encoding="utf-8"))
    assert record["parameters"]["period"] == "dot1"
    assert record["kit_version"]
    files = {Path(f["path"]).name: f for f in record["input_files"]}
    assert "don_vi.xlsx" in files and len(files["don_vi.xlsx"]["sha256"]) == 64
    assert set(record["timings"]) >= {r.stem for r in runner.batch_notebooks()}
    assert all(r["ok"] for r in record["reports"])


def test_pdf_text_is_vietnamese_exactly(dot1_run):
    pypdf = pytest.importorskip("pypdf")
    out, _ = dot1_run
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out / "dot1" / "06_bao_cao_dot.pdf").pages)
    for phrase in ("Báo cáo đợt", "Số liệu chính", "Chỉ tiêu so với kế hoạch", "Chi đoàn cơ sở Sở Ngoại vụ",
                   "Số liệu tính đến ngày 23/06/2024"):
        assert phrase in text, phrase


def test_period_report_in_headless_chromium(dot1_run, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} không có trên máy này (cài gói Debian 'chromium'): bỏ qua kiểm thử trình duyệt")
    sync_api = pytest.importorskip("playwright.sync_api")
    out, _ = dot1_run
    requests, errors = [], []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1024, "height": 1400})
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((out / "dot1" / "06_bao_cao_dot.html").as_uri(), wait_until="load")
            body = page.inner_text("body")
            images_loaded = page.evaluate("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
            page.screenshot(path=str(tmp_path / "bao_cao_dot.png"), full_page=True)
            page.goto((out / "index.html").as_uri(), wait_until="load")
            index = page.inner_text("body")
        finally:
            browser.close()
    assert requests and all(url.startswith(("file://", "data:")) for url in requests), requests
    assert errors == []
    assert "Hoạt động đã tổ chức" in body and "93" in body  # 93 activities counted by 23/06/2024
    assert "539" in body  # CT01 participations by then
    assert images_loaded
    assert "dot1" in index or "đợt 1" in index.lower()
    assert (tmp_path / "bao_cao_dot.png").stat().st_size > 50_000
