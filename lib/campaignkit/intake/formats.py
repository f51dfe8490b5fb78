"""What a file really is, read from its first bytes and not from its name, and the readers of the
formats calamine does not read: CSV (UTF-8 with or without BOM, or another code page such as
Windows' Vietnamese cp1258, detected by charset-normalizer) and HTML tables saved as `.xls` by
web systems."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

XLSX, XLSB, ODS, XLS = "xlsx", "xlsb", "ods", "xls"
CSV, HTML = "csv", "html"
ENCRYPTED, EMPTY, LOCK, OTHER = "encrypted", "empty", "lock", "other"
XML2003 = "xml2003"   # Excel 2003's "XML Spreadsheet" (SpreadsheetML), often saved as .xls: not read
CALAMINE_FORMATS = (XLSX, XLSB, ODS, XLS)
FORMAT_SUFFIXES = {XLSX: (".xlsx", ".xlsm"), XLSB: (".xlsb",), ODS: (".ods",), XLS: (".xls",),
                   CSV: (".csv", ".tsv"), HTML: (".htm", ".html", ".xls")}
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".tsv")
FORMAT_NAMES = {XLSX: "Excel .xlsx", XLSB: "Excel nhị phân .xlsb", ODS: "LibreOffice .ods", XLS: "Excel 97–2003 .xls",
                CSV: "CSV", HTML: "trang web (HTML)"}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
TEXT_SAMPLE = 64 * 1024


def is_lock_file(path: Path) -> bool:
    """Excel's `~$name.xlsx` and LibreOffice's `.~lock.name.xlsx#`: held open, not data."""
    return path.name.startswith("~$") or (path.name.startswith(".~lock.") and path.name.endswith("#"))


def sniff(path: Path) -> str:
    """The file's format from its content: xlsx, xlsb, ods, xls, csv, html, encrypted, empty or other."""
    if is_lock_file(path):
        return LOCK
    with path.open("rb") as handle:
        head = handle.read(TEXT_SAMPLE)
    if not head:
        return EMPTY
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(path)
    if head.startswith(OLE2):
        with path.open("rb") as handle:
            return ENCRYPTED if ENCRYPTED_STREAM in handle.read() else XLS
    text = _decode_sample(head)
    if text is None:
        return OTHER
    start = text.lstrip("\ufeff \t\r\n").lower()
    if "<workbook" in start and "urn:schemas-microsoft-com:office:spreadsheet" in start:
        return XML2003
    if start.startswith(("<!doctype html", "<html", "<table", "<meta", "<?xml")) and "<table" in text.lower():
        return HTML
    if "\x00" in text:
        return OTHER
    return CSV


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return XLSX
            if "xl/workbook.bin" in names:
                return XLSB
            if "mimetype" in names and b"spreadsheet" in archive.read("mimetype"):
                return ODS
    except (zipfile.BadZipFile, OSError):
        return XLSX  # a damaged workbook: calamine says what is wrong with it
    return OTHER


def _decode_sample(head: bytes) -> str | None:
    text, _encoding = decode_text(head, sample=True)
    return text


def decode_text(data: bytes, sample: bool = False) -> tuple[str | None, str | None]:
    """(text, encoding): UTF-8 (with or without BOM) when the bytes are UTF-8, else the code page
    charset-normalizer finds (cp1258 for Vietnamese Windows text); (None, None) for binary."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace" if sample else "strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text" (UTF-16 with its BOM)
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if sample and error.start >= len(data) - 4:  # a character cut at the end of the sample
            return data[:error.start].decode("utf-8"), "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, None
    return str(best), best.encoding


@dataclass
class TextSheet:
    name: str
    rows: list[list]


def csv_sheets(path: Path) -> tuple[list[TextSheet], str]:
    """The one table of a CSV file (delimiter , ; or tab, found from the text) and its encoding."""
    text, encoding = decode_text(path.read_bytes())
    if text is None:
        raise ValueError("không nhận ra bảng mã của tệp văn bản")
    sample = text[:TEXT_SAMPLE]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    return [TextSheet(path.stem, rows)], encoding


def html_sheets(path: Path) -> list[TextSheet]:
    """Each <table> of an HTML page as a sheet ('Bảng 1', 'Bảng 2'…): cell texts, a cell spanning
    several columns written in the first of them."""
    from bs4 import BeautifulSoup

    text, _ = decode_text(path.read_bytes())
    soup = BeautifulSoup(text or "", "html.parser")
    sheets = []
    for number, table in enumerate(soup.find_all("table"), start=1):
        rows = []
        for tr in table.find_all("tr"):
            cells = []
            for cell in tr.find_all(["td", "th"]):
                cells.append(cell.get_text(" ", strip=True))
                span = cell.get("colspan", "1")
                cells.extend([""] * (int(span) - 1 if str(span).isdigit() and int(span) > 1 else 0))
            rows.append(cells)
        sheets.append(TextSheet(f"Bảng {number}", rows))
    return sheets
