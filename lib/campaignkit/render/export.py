"""Executed notebook → one self-contained HTML page (and a PDF of it) the committee opens offline.

The page is made in-process by nbconvert's HTMLExporter with the kit's own template
(templates/offline: the cell markup of nbconvert's "lab" template, our own head, header and
footer, one inlined stylesheet). Code cells and prompts are hidden, images are embedded as
base64, and nothing in the page points to the network:

* nbconvert's lab page loads require.js, MathJax, Mermaid and the widget manager from CDNs and
  inlines CSS whose comments carry https addresses; the offline template writes none of them;
* notebook content (markdown cells, text/html and text/markdown outputs) is sanitized by
  `sanitize_fragment` (scripts, event handlers and unknown tags are shown as text, not run);
* `finish_page` then removes whatever address is left: scripts, links to http(s) pages (the
  link text stays), remote images, CSS `url(...)`/`@import`, comments, and the `http(s)://`
  prefix of addresses written as plain text.

Text shown to the reader is Vietnamese; identifiers are English.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import threading
from collections.abc import Mapping
from pathlib import Path

import bleach
from bleach.css_sanitizer import ALLOWED_CSS_PROPERTIES, CSSSanitizer
from bs4 import BeautifulSoup, Comment
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter
from nbconvert import HTMLExporter
from nbformat import NotebookNode

from ..paths import TEMPLATES_DIR
from ..text import fold
from ..text import format_date as format_day
from .interactive import MARKER_CLASS, is_kit_script, scripts
from .pdf import html_to_pdf  # noqa: F401 — the PDF of a page lives in render/pdf.py

TEMPLATE_NAME = "offline"
REPORT_CSS = TEMPLATES_DIR / TEMPLATE_NAME / "static" / "report.css"
_NBCONVERT_ALT = "No description has been provided for this image"
IMAGE_ALT = "Hình minh hoạ (không có mô tả)"

# ---------------------------------------------------------------------------- the stamp


def format_date(value) -> str:
    """A stamp's date, dd/mm/yyyy (text.format_date), also from ISO text; 'chưa rõ' when absent."""
    if value is None or value == "":
        return "chưa rõ"
    if isinstance(value, str):
        text = value.strip()
        try:
            value = dt.date.fromisoformat(text[:10])
        except ValueError:
            return text  # already written by hand, e.g. "15/07/2024"
    return format_day(value)


def _names(value) -> list[str]:
    if value is None or isinstance(value, int):
        return []
    if isinstance(value, (str, Path)):
        return [Path(value).name if isinstance(value, Path) else value]
    return [Path(v).name if isinstance(v, Path) else str(v) for v in value]


def _count(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return len(_names(value))


def format_stamp(stamp: Mapping | None) -> dict:
    """The stamp's Vietnamese labels for the page header and footer.

    `stamp` keys (all optional): `as_of` (data cut-off: date, datetime or ISO text),
    `files_read` (a count or the files/names), `units_missing` (a count or the unit names),
    `generated_at` (datetime of the run), `kit_version`, `period` (its short name: 'Đợt 1'),
    `index_href` (the period's index page, linked from the top of the report).
    """
    stamp = dict(stamp or {})
    files = _names(stamp.get("files_read"))
    files_count = _count(stamp.get("files_read"))
    missing = _names(stamp.get("units_missing"))
    missing_count = _count(stamp.get("units_missing"))
    if missing_count is None:
        missing_label = "Đơn vị chưa có số liệu: chưa rõ"
    elif missing_count == 0:
        missing_label = "Đơn vị chưa có số liệu: không có"
    elif missing:
        shown = ", ".join(missing[:5]) + (f" và {len(missing) - 5} đơn vị khác" if len(missing) > 5 else "")
        missing_label = f"Đơn vị chưa có số liệu: {missing_count} ({shown})"
    else:
        missing_label = f"Đơn vị chưa có số liệu: {missing_count}"
    generated = stamp.get("generated_at")
    generated_label = "Lập bằng campaignkit"
    if stamp.get("kit_version"):
        generated_label += f" {stamp['kit_version']}"
    if isinstance(generated, dt.datetime):
        generated_label += f", lúc {generated:%H:%M} ngày {generated:%d/%m/%Y}"
    period = str(stamp.get("period") or "")
    running = f"{period} · " if period else ""
    return {
        "period": period,
        "running_label": f"{running}số liệu đến hết ngày {format_date(stamp.get('as_of'))}",
        "index_href": str(stamp.get("index_href") or ""),
        "as_of": format_date(stamp.get("as_of")),
        "as_of_label": f"Số liệu tính đến ngày {format_date(stamp.get('as_of'))}",
        "files": files,
        "files_label": (
            "Số tệp đã đọc: chưa rõ" if files_count is None else f"Số tệp đã đọc: {files_count}"
        ),
        "missing_units": missing,
        "missing_label": missing_label,
        "generated_label": generated_label,
    }


# ---------------------------------------------------------------------------- sanitizing

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "acronym", "b", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "details", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "q", "s", "small", "span", "strong", "style", "sub", "summary",
        "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)
_COMMON_ATTRIBUTES = {"class", "id", "title", "style", "align", "lang", "dir"}
_TAG_ATTRIBUTES = {
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "data-order", "data-search"},
    "th": {"colspan", "rowspan", "scope"},
    "table": {"border"},
    "col": {"span"},
    "div": {"data-period"},
    "colgroup": {"span"},
    "ol": {"start"},
    "style": {"type"},
}
_CSS_SANITIZER = CSSSanitizer(
    allowed_css_properties=ALLOWED_CSS_PROPERTIES
    | {"border", "border-bottom", "border-top", "min-width", "max-width", "padding", "margin"}
)


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name not in _COMMON_ATTRIBUTES and name not in _TAG_ATTRIBUTES.get(tag, ()):
        return False
    if tag == "img" and name == "src":
        return value.strip().lower().startswith("data:image/")
    if tag == "a" and name == "href":
        return value.strip().lower().startswith(("#", "http:", "https:", "mailto:"))
    return True


_STYLE_BLOCK = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.IGNORECASE | re.DOTALL)


def sanitize_css(css: str) -> str:
    """A <style> block reduced to plain rules: no comments, imports, url(...) or expressions."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"@import[^;]*;?", "", css, flags=re.IGNORECASE)
    css = re.sub(r"url\s*\((?!\s*['\"]?data:image/)[^)]*\)", "none", css, flags=re.IGNORECASE)
    css = re.sub(r"expression\s*\(|behaviou?r\s*:|-moz-binding", "", css, flags=re.IGNORECASE)
    return css.replace("<", "\\3c ")  # nothing can close the <style> element


def sanitize_fragment(fragment) -> str:
    """Notebook HTML (markdown cells, text/html and text/markdown outputs) made safe to show.

    Disallowed tags are escaped, so `<script>alert(1)</script>` typed into a spreadsheet and
    passed to `display(HTML(...))` or `display(Markdown(...))` is read as text, never run.
    Tables, headings, lists, embedded images and <style> blocks (pandas Styler) are kept.
    """
    fragment = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    cleaned = bleach.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=_allowed_attribute,
        protocols={"http", "https", "mailto", "data"},
        css_sanitizer=_CSS_SANITIZER,
        strip=False,
        strip_comments=True,
    )
    # bleach escapes the text inside <style>; give CSS back its '>' and remove what is unsafe.
    return _STYLE_BLOCK.sub(
        lambda m: m[1] + sanitize_css(html_lib.unescape(m[2])) + m[3], cleaned
    )


# ---------------------------------------------------------------------------- offline pass

_NETWORK = re.compile(r"(?i)\b(?:https?|ftp|wss?)://")
_URL_ATTRIBUTES = {
    "href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite",
    "longdesc", "ping", "manifest", "codebase", "xlink:href", "usemap",
}
_DROPPED_TAGS = ("script", "link", "iframe", "frame", "object", "embed", "base", "noscript")


class _SourceOrderFormatter(HTMLFormatter):
    """bs4's "minimal" formatter, but attributes keep their order (bs4 sorts them; so does
    HTMLExporter's own pass) except that `src` comes first: `<img src="data:image/png;base64,…">`."""

    def __init__(self):
        super().__init__(
            entity_substitution=EntitySubstitution.substitute_xml,
            void_element_close_prefix="",
            cdata_containing_tags={"script", "style"},
        )

    def attributes(self, tag):
        items = list(tag.attrs.items()) if tag.attrs else []
        return sorted(items, key=lambda item: item[0] != "src")  # stable: others keep order


_FORMATTER = _SourceOrderFormatter()


def _is_remote(value: str) -> bool:
    value = value.strip().lower()
    return value.startswith(("http:", "https:", "ftp:", "ws:", "wss:", "//")) or "://" in value


def _remove_network(soup: BeautifulSoup) -> None:
    """Drop comments, scripts and remote references; strip `scheme://` from the text left."""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROPPED_TAGS):
        if tag.name == "script" and not tag.attrs.get("src") and is_kit_script(tag.string or ""):
            continue  # one of the kit's own two scripts (interactive.py), recognised by its hash
        tag.decompose()
    for tag in soup.find_all("meta", attrs={"http-equiv": True}):
        tag.decompose()
    for tag in soup.find_all(True):
        for name in list(tag.attrs):
            value = tag.attrs[name]
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on") or (
                (name in _URL_ATTRIBUTES or name.startswith("xmlns")) and _is_remote(text)
            ):
                del tag.attrs[name]
            elif name == "style":
                tag.attrs[name] = sanitize_css(text)
            elif _NETWORK.search(text):
                tag.attrs[name] = _NETWORK.sub("", text)
        if tag.name == "style" and tag.string is not None:
            tag.string.replace_with(sanitize_css(str(tag.string)))
    for text in soup.find_all(string=_NETWORK):
        if text.parent is not None and text.parent.name not in ("style", "script"):
            text.replace_with(_NETWORK.sub("", str(text)))


_NUMBER = re.compile(r"^[-−+]?\d[\d.,\u00a0 ]*%?$")


def _tidy(soup: BeautifulSoup) -> None:
    """Right-align table cells holding numbers; Vietnamese alt text for images."""
    for cell in soup.find_all("td"):
        if _NUMBER.match(cell.get_text(strip=True)):
            cell["class"] = [*cell.get("class", []), "ck-num"]
    for image in soup.find_all("img", alt=_NBCONVERT_ALT):
        image["alt"] = IMAGE_ALT


def _one_style(soup: BeautifulSoup) -> None:
    """Each output carries the kit's stylesheet (so that it travels into JupyterLab): keep one copy."""
    seen = set()
    for tag in soup.find_all("style"):
        text = tag.string or ""
        if text in seen:
            tag.decompose()
        seen.add(text)


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "muc"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _sections(soup: BeautifulSoup, index_href: str = "") -> None:
    """Anchors on the H2 headings, a short table of contents under the stamp (with a link back to
    the period's index), and a heading cell kept on the page of what follows it."""
    taken = {tag["id"] for tag in soup.find_all(id=True)}
    headings = soup.select("main h2")
    for heading in headings:
        heading["id"] = _slug(heading.get_text(" ", strip=True), taken)
        cell = heading.find_parent("div", class_="jp-Cell")
        if cell is not None and len(cell.get_text(" ", strip=True)) == len(heading.get_text(" ", strip=True)):
            after = cell.find_next_sibling("div", class_="jp-Cell")
            wide = ["ck-wide"] if after is not None and after.select_one(".ck-wide:not(details .ck-wide)") else []
            cell["class"] = [*cell.get("class", []), "ck-heading-cell", *wide]  # a wide table's heading turns too
            caption = after.select_one(".ck-table > p.ck-caption") if after is not None else None
            if caption is not None and caption.find_parent("div", class_="jp-Cell") is after:
                heading.insert_after(caption.extract())  # heading and caption: one block kept with the table
            if after is not None and after.select_one("figure") is not None and after.select_one(
                    "table.report:not(details table)") is None:
                keep = soup.new_tag("div", attrs={"class": "ck-keep"})  # a chart never breaks: its heading joins it
                cell.insert_before(keep)
                keep.append(cell.extract())
                keep.append(after.extract())
    if not headings:
        return
    links = "".join(f"<li><a href=\"#{h['id']}\">{html_lib.escape(h.get_text(' ', strip=True))}</a></li>"
                    for h in headings)
    back = (f"<a class=\"ck-back\" href=\"{html_lib.escape(index_href)}\">← Mục lục kỳ báo cáo</a>"
            if index_href else "")
    nav = BeautifulSoup(f"<nav class=\"ck-toc\" aria-label=\"Mục lục\">{back}<ol>{links}</ol></nav>",
                        features="html.parser")
    stamp = soup.select_one("main .stamp")
    anchor = stamp.find_parent("div", class_="jp-Cell") if stamp is not None else None
    if anchor is not None:
        anchor.insert_after(nav)
    else:
        main = soup.find("main")
        if main is not None:
            main.insert(0, nav)


def _interactive(soup: BeautifulSoup) -> None:
    """A page with an interactive table gets the kit's two scripts (interactive.py)."""
    if soup.body is not None and soup.select_one(f"table.{MARKER_CLASS}") is not None:
        for element in list(BeautifulSoup(scripts(), features="html.parser").contents):
            soup.body.append(element)


def finish_page(page: str, *, report: bool = False, index_href: str = "") -> str:
    """The last pass over every page the kit writes: offline (see `_remove_network`) and tidy.
    A report (`report=True`) also gets its table of contents and its interactive tables' scripts."""
    soup = BeautifulSoup(page, features="html.parser")
    if report:
        _one_style(soup)
        _sections(soup, index_href)
        _interactive(soup)
    _remove_network(soup)
    _tidy(soup)
    return soup.decode(formatter=_FORMATTER)


def network_references(page: str) -> list[str]:
    """Every `scheme://` address left in a page (an offline page has none)."""
    return re.findall(r"(?i)\b(?:https?|ftp|wss?)://[^\s\"'<>)]*", page)


# ---------------------------------------------------------------------------- export

_local = threading.local()


def make_exporter() -> HTMLExporter:
    """An HTMLExporter set up for offline reports (one per thread: it is not thread-safe)."""
    return HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        template_name=TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        sanitize_html=True,
        embed_images=True,
        exclude_anchor_links=True,
        language_code="vi",
        filters={"clean_html": sanitize_fragment},
    )


def _exporter() -> HTMLExporter:
    if getattr(_local, "exporter", None) is None:
        _local.exporter = make_exporter()
    return _local.exporter


def notebook_to_html(nb: NotebookNode, title: str, stamp: dict, *, base_dir=None) -> str:
    """One executed notebook as a self-contained, offline, printable Vietnamese page.

    `base_dir` (the notebook's folder) lets markdown images `![](hinh.png)` be embedded."""
    resources = {"campaignkit": {"title": title, "stamp": format_stamp(stamp)}}
    if base_dir is not None:
        resources["metadata"] = {"path": str(base_dir)}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return finish_page(body, report=True, index_href=resources["campaignkit"]["stamp"]["index_href"])
