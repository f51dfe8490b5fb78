"""Executed notebook → offline HTML (nbconvert, in-process) → PDF (WeasyPrint), and the page
opened by a real headless Chromium. The fixture notebooks are run for real with papermill."""

from __future__ import annotations

import re
import time
from pathlib import Path

import papermill
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from campaignkit.render.export import (
    finish_page,
    format_date,
    format_stamp,
    html_to_pdf,
    network_references,
    notebook_to_html,
    sanitize_fragment,
)
from campaignkit.render.interactive import init_script, is_kit_script

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
CHROMIUM = Path("/usr/bin/chromium")
STAMP = {
    "as_of": "2024-07-15",
    "period": "Đợt 1",
    "files_read": ["dang_ky/doan_khoi.xlsx", "bao_cao/thanh_quoi.xlsx", "don_vi.xlsx"],
    "units_missing": ["Đoàn xã Thạnh Quới", "Chi đoàn Bệnh viện"],
}


def _execute(name: str, folder: Path, **parameters):
    start = time.perf_counter()
    nb = papermill.execute_notebook(
        str(FIXTURES / f"{name}.ipynb"),
        str(folder / f"{name}.ipynb"),
        parameters={"period": "dot1", "out_dir": str(folder), **parameters},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(folder),
    )
    print(f"\n[đo] papermill {name}.ipynb: {time.perf_counter() - start:.2f} s")
    return nb


def _to_html(nb, name: str) -> str:
    start = time.perf_counter()
    page = notebook_to_html(nb, "Báo cáo tiến độ — Kỳ nghỉ hồng", STAMP)
    print(f"[đo] HTML {name}: {time.perf_counter() - start:.2f} s, {len(page) / 1024:.0f} KiB")
    return page


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("export")


@pytest.fixture(scope="module")
def ok_page(folder) -> str:
    page = _to_html(_execute("ok", folder, as_of="2024-07-15"), "ok")
    (folder / "ok.html").write_text(page, encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def hostile_page(folder) -> str:
    page = _to_html(_execute("hostile", folder), "hostile")
    (folder / "hostile.html").write_text(page, encoding="utf-8")
    return page


# ---------------------------------------------------------------------------- offline HTML


def test_page_has_no_network_reference(ok_page, hostile_page):
    for page in (ok_page, hostile_page):
        assert "http://" not in page
        assert "https://" not in page
        assert network_references(page) == []
        for word in ("require.js", "mathjax", "MathJax", "mermaid", "widget-state", "unpkg", "cdnjs"):
            assert word not in page
        assert "<script" not in page.lower()
        assert "<link" not in page.lower()


def test_page_keeps_table_and_chart(ok_page):
    assert "Đoàn Khối" in ok_page and "Xã Thạnh Quới" in ok_page
    assert 'class="dataframe"' in ok_page
    assert "Số tình nguyện viên" in ok_page
    assert '<img src="data:image/png;base64,' in ok_page
    assert "Hình minh hoạ" in ok_page  # Vietnamese alt text instead of nbconvert's English one
    assert "No description has been provided" not in ok_page
    assert "Kỳ báo cáo: dot1" in ok_page  # the injected parameter reached the output


def test_code_and_prompts_are_hidden(ok_page):
    assert "import pandas" not in ok_page
    assert "plt.subplots" not in ok_page
    assert "In&nbsp;[" not in ok_page and "Out[" not in ok_page
    body = ok_page.split("<body", 1)[1]
    assert "jp-InputPrompt" not in body and "jp-OutputPrompt" not in body


def test_page_head_is_vietnamese_and_mobile_ready(ok_page):
    assert '<html lang="vi">' in ok_page
    assert '<meta charset="utf-8">' in ok_page
    assert re.search(r'<meta content="width=device-width, initial-scale=1" name="viewport">', ok_page)
    assert "<title>Báo cáo tiến độ — Kỳ nghỉ hồng</title>" in ok_page


def test_print_css_is_a4_and_keeps_tables_whole(ok_page):
    assert "size: A4" in ok_page
    assert "thead { display: table-header-group; }" in ok_page
    assert re.search(r"tr, img \{ break-inside: avoid;", ok_page)
    assert "max-width: 100%" in ok_page


def test_one_title_and_a_one_line_running_footer(ok_page):
    soup = BeautifulSoup(ok_page, "html.parser")
    assert [h.get_text() for h in soup.find_all("h1")] == ["Chiến dịch Kỳ nghỉ hồng"]  # the notebook's own H1 only
    running = soup.select(".ck-running")
    assert [r.get_text() for r in running] == ["Đợt 1 · số liệu đến hết ngày 15/07/2024"]
    assert "position: running(ck-footer)" in ok_page and 'counter(page) "/" counter(pages)' in ok_page
    assert "doan_khoi.xlsx" not in ok_page  # the file list belongs to the report's sources section, not the frame


def test_kit_scripts_pass_and_every_other_script_is_dropped():
    table = ('<main><table class="report ck-interactive"><thead><tr><th>Đơn vị</th></tr></thead>'
             "<tbody><tr><td>Đoàn Khối</td></tr></tbody></table></main>")
    page = finish_page(f"<html><body>{table}<script>alert(1)</script></body></html>", report=True)
    scripts = BeautifulSoup(page, "html.parser").find_all("script")
    assert len(scripts) == 2 and all(is_kit_script(s.string) for s in scripts)
    assert "alert(1)" not in page
    assert network_references(page) == []  # itables' bundle travels base64, with no address in it
    tampered = init_script().replace("paging: false", "paging: false, x: alert(2)")
    again = finish_page(f"<html><body>{table}{tampered}</body></html>")
    assert "alert(2)" not in again and "<script" not in again
    static = table.replace(" ck-interactive", "")
    assert "<script" not in finish_page(f"<html><body><main>{static}</main></body></html>",
                                        report=True)


def test_dataframe_script_value_is_text(ok_page):
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in ok_page
    assert "<script>alert(1)" not in ok_page


def test_markdown_and_display_paths_are_escaped(hostile_page):
    page = hostile_page
    assert "<script" not in page.lower()
    assert not re.search(r"\son\w+\s*=", page), "an event handler attribute survived"
    assert "&lt;script&gt;" in page  # shown as text
    assert "Đoàn Khối" in page
    assert "trang Đoàn" in page  # link text kept, address gone
    assert "doanthanhnien.vn" not in page
    assert "example.org/a" in page  # a bare address stays readable, without its scheme
    assert "p > b" in page  # a <style> block's CSS survives sanitizing…
    assert "@import" not in page and "url(" not in page  # …without remote parts
    assert "Phần tương tác không hiển thị" in page  # the widget, replaced by a note


def test_sanitize_fragment_keeps_tables_and_escapes_scripts():
    html = sanitize_fragment(
        '<table><thead><tr><th>Đơn vị</th></tr></thead><tbody><tr><td onclick="x()">Đoàn Khối</td>'
        '</tr></tbody></table><iframe src="https://x.org"></iframe><img src="https://x.org/a.png">'
        '<img src="data:image/png;base64,AAAA"><a href="javascript:alert(1)">k</a>'
    )
    assert "<thead><tr><th>Đơn vị</th></tr></thead>" in html
    assert "onclick" not in html
    assert "&lt;iframe" in html
    assert 'src="https://x.org/a.png"' not in html
    assert 'src="data:image/png;base64,AAAA"' in html
    assert "javascript:" not in html


def test_finish_page_removes_remote_references():
    page = finish_page(
        '<html><head><script src="https://cdn.x/require.js"></script>'
        '<link rel="stylesheet" href="https://cdn.x/a.css">'
        "<style>/* https://github.com/x */ a { background: url(https://x/a.png) }</style></head>"
        '<body><!-- http://x --><a href="https://doan.vn">Đoàn</a> '
        '<svg xmlns="http://www.w3.org/2000/svg"></svg> xem https://doan.vn/tin</body></html>'
    )
    assert network_references(page) == []
    assert "<a>Đoàn</a>" in page and "xem doan.vn/tin" in page


def test_format_stamp_labels():
    assert format_date("2024-07-05") == "05/07/2024"
    labels = format_stamp({"as_of": "2024-07-05", "files_read": 12, "units_missing": []})
    assert labels["as_of_label"] == "Số liệu tính đến ngày 05/07/2024"
    assert labels["files_label"] == "Số tệp đã đọc: 12"
    assert labels["missing_label"] == "Đơn vị chưa có số liệu: không có"
    assert format_stamp({})["as_of_label"] == "Số liệu tính đến ngày chưa rõ"
    assert format_stamp({"as_of": "2024-08-20", "period": "Tổng kết"})["running_label"] == \
        "Tổng kết · số liệu đến hết ngày 20/08/2024"


# ---------------------------------------------------------------------------- PDF


def test_pdf_keeps_vietnamese_text(ok_page, folder):
    start = time.perf_counter()
    pdf = html_to_pdf(ok_page, folder / "ok.pdf")
    print(f"\n[đo] PDF ok: {time.perf_counter() - start:.2f} s, {pdf.stat().st_size / 1024:.0f} KiB")
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Kỳ nghỉ hồng", "Đoàn Khối", "Thạnh Quới", "Đợt 1 · số liệu đến hết ngày 15/07/2024", "Trang 1/1"):
        assert expected in text
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points
    assert any(page.images for page in reader.pages)  # the chart


# ---------------------------------------------------------------------------- real browser


def test_chromium_opens_page_offline(ok_page, hostile_page, folder, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} không có trên máy này: bỏ qua kiểm thử bằng Chromium thật")
    sync_api = pytest.importorskip("playwright.sync_api")
    requests, console_errors, dialogs = [], [], []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
            page.on("pageerror", lambda e: console_errors.append(str(e)))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for name in ("ok", "hostile"):
                page.goto((folder / f"{name}.html").as_uri(), wait_until="load")
                page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
            page.goto((folder / "ok.html").as_uri(), wait_until="load")
            body = page.inner_text("body")
            image_ok = page.evaluate(
                "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"
            )
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        finally:
            browser.close()
    assert requests, "no request was seen at all"
    assert all(url.startswith(("file://", "data:")) for url in requests), requests
    assert console_errors == []
    assert dialogs == []  # no alert() from the escaped <script> values
    assert "Đoàn Khối" in body
    assert "<script>alert(1)</script>" in body  # shown as text
    assert image_ok
    assert overflow <= 1, "the page is wider than a phone screen"
    assert (tmp_path / "ok.png").stat().st_size > 10_000
