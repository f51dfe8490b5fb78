"""The PDF of a report page: WeasyPrint prints the offline HTML to A4.

Kept apart from `export` so that a process made only to print PDFs imports WeasyPrint and
nothing of nbconvert. WeasyPrint is not thread-safe (cairo, Pango and fontconfig underneath),
so inside one process PDFs are made one at a time (`_PDF_LOCK`); the batch makes them in
parallel in processes of their own (`batch.pdfs`), each calling `pdf_from_file`.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

_PDF_LOCK = threading.Lock()
PAGE_CSS = "@page { size: A4; }"


def warm_up() -> None:
    """Import WeasyPrint now (≈ 0.5 s), e.g. when a PDF process starts, not at its first page."""
    import weasyprint  # noqa: F401


def html_to_pdf(html: str, pdf_path) -> Path:
    """The page printed to an A4 PDF by WeasyPrint; only data: URLs may be fetched."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    pdf_path = Path(pdf_path)
    fetcher = URLFetcher(allowed_protocols={"data"})
    with _PDF_LOCK:
        HTML(string=html, url_fetcher=fetcher).write_pdf(
            pdf_path, stylesheets=[CSS(string=PAGE_CSS, url_fetcher=fetcher)]
        )
    return pdf_path


def pdf_from_file(html_path, pdf_path) -> float:
    """The HTML page at `html_path` printed to `pdf_path`; the seconds it took."""
    started = time.perf_counter()
    html_to_pdf(Path(html_path).read_text(encoding="utf-8"), pdf_path)
    return time.perf_counter() - started
