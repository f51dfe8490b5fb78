"""PDFs printed in parallel, in processes of their own.

WeasyPrint is not thread-safe and its layout is pure Python (the GIL), so threads cannot print
two pages at once; processes can. `PdfPool` is a pool of `workers` processes started with
`spawn` (a fresh interpreter: never a fork of the batch process, which runs threads and kernel
clients), each importing WeasyPrint once at start (`render.pdf.warm_up`), so the import happens
while the first notebooks run. Each page is passed by file name, not as a string to pickle.

`spawn` re-imports the main module in each process unless it is run with `-m` (as
`python -m campaignkit` is) or is the `campaignkit` command: a script of one's own that calls
`run_notebooks(..., pdf=True)` keeps its work under `if __name__ == "__main__":`, as
multiprocessing asks of every script.
"""

from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..render.pdf import pdf_from_file, warm_up


def _process_start() -> None:
    """In each PDF process: Ctrl-C is the batch's to handle (it cancels what is left and the
    processes end with it), so the processes print no traceback of their own; WeasyPrint imported."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


class PdfPool:
    def __init__(self, workers: int):
        self.workers = max(1, int(workers))
        self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_process_start)
        for _ in range(self.workers):  # start the processes (and their imports) now, not at the first page
            self._executor.submit(warm_up)

    def submit(self, html_path: Path, pdf_path: Path) -> Future:
        """A Future of the seconds it took to print `html_path` to `pdf_path`."""
        return self._executor.submit(pdf_from_file, str(html_path), str(pdf_path))

    def close(self, cancel: bool = False) -> None:
        self._executor.shutdown(wait=True, cancel_futures=cancel)

    def __enter__(self) -> PdfPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close(cancel=exc[0] is not None)
