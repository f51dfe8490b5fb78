"""Sortable, filterable tables in the exported pages, with no network: itables' offline mode.

The tables themselves are the kit's static, escaped HTML (`html.table_html`, class
`ck-interactive`): complete, so the PDF (WeasyPrint runs no script) and a browser's own print
show every row. A page that holds such a table gets two scripts, and only these two ever reach
a page: itables' own offline loader (`generate_init_offline_itables_html`: the DataTables
bundle shipped inside the itables package, embedded base64 and imported from a blob: URL) and
the kit's fixed init script below, which turns each `table.ck-interactive` into a DataTable
(no paging: every row stays in the page; sorting by the cells' `data-order`, so 1.000 sorts as
a thousand and 05/07/2024 as a date; the filter also searches a unit's full name,
`data-search`). Neither script holds any text from the inputs: the export recognises them by
their SHA-256 (`is_kit_script`) and drops every other script.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

MARKER_CLASS = "ck-interactive"

INIT_TEMPLATE = """<script type="module">
(() => {
  const words = {search: "Lọc:", searchPlaceholder: "gõ để lọc các dòng", info: "_TOTAL_ dòng",
    infoEmpty: "Không có dòng nào", infoFiltered: "(lọc từ _MAX_ dòng)", zeroRecords: "Không có dòng nào khớp",
    emptyTable: "Không có dòng nào",
    aria: {orderable: "Bấm để sắp xếp cột này", orderableReverse: "Bấm để sắp xếp ngược lại"}};
  async function start() {
    const bundle = await window.ITABLES_PROMISE;
    const DataTable = bundle.default || bundle.DataTable;
    document.querySelectorAll("table.ck-interactive:not(.dataTable)").forEach((table) => {
      const box = table.parentElement;
      new DataTable(table, {paging: false, order: [], autoWidth: false, language: words,
        layout: {topStart: "search", topEnd: "info", bottomStart: null, bottomEnd: null}});
      const container = table.closest(".dt-container");
      if (container && box && container.parentElement === box) {
        box.parentElement.insertBefore(container, box);
        table.parentElement.insertBefore(box, table);
        box.appendChild(table);
      }
    });
  }
  if (window.ITABLES_PROMISE) { start(); }
  else { window.addEventListener("ITABLES_READY", start); }
})();
</script>"""


@lru_cache(maxsize=1)
def loader_script() -> str:
    """itables' offline loader: its DataTables bundle (JS and CSS) embedded, no address in it
    (the <script> element only: itables follows it with its logo)."""
    from itables import options
    from itables.javascript import generate_init_offline_itables_html

    html = generate_init_offline_itables_html(options.dt_bundle)
    return html[html.index("<script"): html.index("</script>") + len("</script>")]


@lru_cache(maxsize=1)
def init_script() -> str:
    """The kit's init script, naming the promise and the event of the installed itables version."""
    from itables.javascript import _itables_ready_event, _itables_underscore_version

    return (INIT_TEMPLATE.replace("ITABLES_PROMISE", _itables_underscore_version())
            .replace("ITABLES_READY", _itables_ready_event()))


def scripts() -> str:
    """What a page with interactive tables gets before its </body>."""
    return f"{loader_script()}\n{init_script()}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    def inner(element: str) -> str:
        return element.split(">", 1)[1].rsplit("</script>", 1)[0]

    return frozenset(_digest(inner(s)) for s in (loader_script(), init_script()))


def is_kit_script(text: str) -> bool:
    """Whether a script's text is exactly one of the kit's two scripts."""
    return _digest(text) in _known()
