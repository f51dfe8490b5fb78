"""The notebooks as their users meet them: structure, a real batch run on the sample data,
the HTML opened in headless Chromium, and the PDF's text."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import papermill
import pytest
from bs4 import BeautifulSoup

from campaignkit.analyses import CONTRACT_TABLES
from campaignkit.batch import run as runner
from campaignkit.errors import InputError, PeriodError
from campaignkit.paths import DEFAULT_PLAN, NOTEBOOKS_DIR, SAMPLE_DATA_DIR
from campaignkit.render.interactive import is_kit_script
from conftest import CHROMIUM, launch_chromium

PARAMETERS = ["period", "as_of", "data_dir", "plan", "analysis_file"]
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
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
def batch_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    request = runner.prepare("dot1,tongket", None, SAMPLE_DATA_DIR, DEFAULT_PLAN, out, pdf=True, progress=False)
    return out, runner.run(request)


@pytest.fixture(scope="module")
def dot1_run(batch_run):
    out, outcomes = batch_run
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
        scripts = BeautifulSoup(text, "html.parser").find_all("script")
        assert all(is_kit_script(script.string or "") for script in scripts), page.name  # itables' and the kit's only
        for contact in SAMPLE_CONTACTS:
            assert contact not in text, (page.name, contact)
    report = (out / "dot1" / "06_bao_cao_dot.html").read_text(encoding="utf-8")
    assert "23/06/2024" in report  # the data cut-off
    assert "đã đọc 65 tệp" in report  # the files it read
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
                   "Đợt 1 · số liệu đến hết ngày 23/06/2024"):
        assert phrase in text, phrase


def _watched_page(browser, viewport: dict, requests: list, errors: list):
    """A page whose every request and every console or page error is recorded."""
    page = browser.new_page(viewport=viewport)
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def test_period_report_in_headless_chromium(dot1_run, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} không có trên máy này (cài gói Debian 'chromium'): bỏ qua kiểm thử trình duyệt")
    sync_api = pytest.importorskip("playwright.sync_api")
    out, _ = dot1_run
    requests, errors = [], []
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = _watched_page(browser, {"width": 1024, "height": 1400}, requests, errors)
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


# ---------------------------------------------------------------------------- print


def _pdf_pages(path: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (gói Debian poppler-utils) không có trên máy này: bỏ qua kiểm tra PDF")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _printed(header: str, words: list[str], window: int = 80) -> bool:
    """Whether the header's words appear in order, close together, in the PDF's text: the lines
    of neighbouring header cells interleave in pdftotext's reading order, a cut column is absent."""
    wanted = _words(header)
    for start, word in enumerate(words):
        if word != wanted[0]:
            continue
        position = start
        for part in wanted[1:]:
            try:
                position = words.index(part, position + 1, start + window)
            except ValueError:
                break
        else:
            return True
    return False


def test_tongket_pdfs_fit_the_page_budget(batch_run):
    out, _ = batch_run
    pages = {pdf.name: len(_pdf_pages(pdf)) for pdf in sorted((out / "tongket").glob("*.pdf"))}
    print(f"\n[đo] số trang PDF tổng kết: {pages}, tổng {sum(pages.values())}")
    assert len(pages) == 6
    assert sum(pages.values()) <= 35 and max(pages.values()) <= 10, pages


@pytest.mark.parametrize("period", ["dot1", "tongket"])
def test_every_column_of_every_table_is_printed(batch_run, period):
    """No column lost at the page's edge: pdftotext finds every header of every table the page shows."""
    out, _ = batch_run
    for html_path in sorted((out / period).glob("0*.html")):
        soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
        for hidden in soup.select(".ck-screen-only"):
            hidden.decompose()
        headers = {th.get_text(" ", strip=True) for th in soup.select("main table.report th")}
        printed = _words("\n".join(_pdf_pages(html_path.with_suffix(".pdf"))))
        lost = sorted(h for h in headers if not _printed(h, printed))
        assert not lost, (html_path.name, lost)


@pytest.mark.parametrize("period", ["dot1", "tongket"])
def test_print_has_a_one_line_footer_no_screen_details_and_no_lonely_heading(batch_run, period):
    out, _ = batch_run
    for pdf in sorted((out / period).glob("0*.pdf")):
        pages = _pdf_pages(pdf)
        soup = BeautifulSoup(pdf.with_suffix(".html").read_text(encoding="utf-8"), "html.parser")
        headings = {h.get_text(" ", strip=True) for h in soup.select("main h2")}
        running = soup.select_one(".ck-running").get_text()
        for number, page in enumerate(pages, 1):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            footer = [line for line in lines if line in (f"Trang {number}/{len(pages)}", running)]
            assert sorted(footer) == sorted([running, f"Trang {number}/{len(pages)}"]), (pdf.name, number, footer)
            body = [line for line in lines if line not in footer]
            assert body and body[-1] not in headings, (pdf.name, number, body[-1])  # no heading alone at the bottom
        text = "\n".join(pages)
        assert "Các tệp đã đọc" not in text and "Mục lục kỳ báo cáo" not in text  # screen-only


# ---------------------------------------------------------------------------- phone


def _vn_number(text: str) -> float:
    return float(text.replace(".", "").replace(",", ".") or 0)


def test_reports_on_a_phone_offline(batch_run, tmp_path):
    """390 px wide: no page wider than the screen; interactive tables sort and filter by clicking
    and typing, their header row and first column stay in place; only local requests."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} không có trên máy này (cài gói Debian 'chromium'): bỏ qua kiểm thử điện thoại")
    sync_api = pytest.importorskip("playwright.sync_api")
    out, _ = batch_run
    pages = [out / "index.html", out / "tongket" / "index.html", *sorted((out / "tongket").glob("0*.html"))]
    requests, errors, widths = [], [], {}
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = _watched_page(browser, {"width": 390, "height": 844}, requests, errors)
            for path in pages:
                page.goto(path.as_uri(), wait_until="load")
                if page.locator("table.ck-interactive").count():
                    page.wait_for_selector("table.dataTable", state="attached", timeout=30_000)
                if path.name.startswith("0"):
                    assert page.locator("nav.ck-toc a").count() >= 5, path.name
                    assert page.locator("a.ck-back").get_attribute("href") == "index.html"
                widths[path.name] = page.evaluate("() => document.documentElement.scrollWidth")
                page.screenshot(path=str(tmp_path / f"{path.parent.name}-{path.stem}.png"))
            page.goto((out / "tongket" / "03_khoi_luong_cong_viec.html").as_uri(), wait_until="load")
            page.wait_for_selector("table.dataTable")
            table = page.locator("table.dataTable").first
            column = "Số hoạt động đã tổ chức"
            index = [h.strip() for h in table.locator("thead th").all_inner_texts()].index(column)

            def values():
                cells = table.locator(f"tbody tr td:nth-child({index + 1})").all_inner_texts()
                return [_vn_number(c) for c in cells]

            def click_until(wanted):
                """Click the header (DataTables: ascending, then descending) and read the column."""
                table.locator("thead th").nth(index).click()
                for _ in range(20):
                    shown = values()
                    if shown == wanted:
                        break
                    page.wait_for_timeout(250)
                page.wait_for_timeout(600)  # the next click is a new click, not a double one
                return shown

            before = values()
            ascending = click_until(sorted(before))
            descending = click_until(sorted(before, reverse=True))
            search = page.locator(".dt-search input").first
            search.fill("Bệnh viện Đa khoa")  # a unit's full name finds its short name's row
            found = table.locator("tbody tr td:first-child").all_inner_texts()
            search.fill("")
            stays = page.evaluate("""() => {
                const table = document.querySelector('table.dataTable');
                const box = table.closest('.ck-scroll');
                box.scrollTop = 400; box.scrollLeft = 400;
                const top = box.getBoundingClientRect();
                const header = table.querySelector('thead th:nth-child(3)').getBoundingClientRect();
                const rows = [...table.querySelectorAll('tbody tr')];
                const row = rows.find(r => r.getBoundingClientRect().top > top.top + 40);
                const first = row.querySelector('td').getBoundingClientRect();
                return {header: Math.abs(header.top - top.top), first: Math.abs(first.left - top.left),
                        scrolled: box.scrollTop > 0 && box.scrollLeft > 0};
            }""")
            page.screenshot(path=str(tmp_path / "phone-sticky.png"))
        finally:
            browser.close()
    assert all(width <= 390 for width in widths.values()), widths
    assert ascending == sorted(before) and descending == sorted(before, reverse=True)
    assert found == ["BVDK"], found
    assert stays["scrolled"] and stays["header"] <= 2 and stays["first"] <= 2, stays
    assert errors == []
    assert requests and all(url.startswith(("file://", "data:", "blob:")) for url in requests), \
        sorted({u.split(":")[0] for u in requests})


def test_displayed_outputs_carry_the_style_into_jupyterlab(batch_run):
    """What a notebook displays is styled by itself (JupyterLab has no export template)."""
    out, _ = batch_run
    for executed in sorted((out / "dot1" / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(executed, as_version=4)
        shown = [o["data"]["text/html"] for c in notebook.cells if c.cell_type == "code"
                 for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
        assert shown, executed.name
        for html in shown:
            styled = html.startswith("<style>") and 'class="ck-out"' in html and "text-align: right" in html
            assert styled, executed.name
