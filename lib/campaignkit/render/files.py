"""Writing tables to disk: UTF-8 CSV with a header row, the same bytes for the same table.

Every text cell that a spreadsheet program would take for a formula (it begins with `=`, `+`,
`-`, `@`, a tab or a carriage return) is written with a leading `'` (OWASP's advice against CSV
injection); numbers (-5) are written as numbers. What a command writes is built in a hidden
staging folder beside its destination and put in place at the end, so a failure or Ctrl-C
leaves the previous outputs as they were; a folder that cannot be written, or a file held open
by Excel or LibreOffice, stops the command with one Vietnamese line (`OutputError`).
"""

from __future__ import annotations

import errno
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..errors import OutputError, os_reason
from ..intake.tables import CampaignTables
from .privacy import redact

INGEST_TABLES = {
    "units.csv": "units",
    "registrations.csv": "registrations",
    "activities.csv": "reports",
    "data_issues.csv": "issues",
    "ingest_summary.csv": "summary",
    "input_files.csv": "files",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
STAGING_MARK = ".dang-ghi-"
APPENDIX_FILE = "phu_luc_so_lieu.xlsx"
TABLES_DIR = "tables"


# --- cells -------------------------------------------------------------------------------

def neutralise(value):
    """A text cell a spreadsheet would run as a formula, with a leading `'`; anything else as it is.
    A carriage return inside a cell is written as a line break (a bare CR, which the CSV writer
    does not quote, would cut the row in two)."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def safe_table(table: pd.DataFrame, redacted: bool = False) -> pd.DataFrame:
    """A copy whose text cells are neutralised (and, `redacted`, without phone numbers and e-mails)."""
    result = table.copy()
    for column in result.columns:
        if result[column].dtype == object or pd.api.types.is_string_dtype(result[column]):
            cells = result[column].map(redact) if redacted else result[column]
            result[column] = cells.map(neutralise)
    return result


# --- output faults -----------------------------------------------------------------------

def lock_files(path: Path) -> list[Path]:
    """The lock files Excel (`~$name`) and LibreOffice (`.~lock.name#`) keep beside an open file."""
    candidates = [path.parent / f"~${path.name}", path.parent / f".~lock.{path.name}#"]
    return [p for p in candidates if p.exists()]


def output_error(error: BaseException, path: Path) -> OutputError:
    """One Vietnamese line naming `path` and what to do, for an OSError met while writing it."""
    number = getattr(error, "errno", None)
    if number == errno.ENOSPC:
        return OutputError(f"Không ghi được {path}: ổ đĩa đầy. Hãy giải phóng chỗ trống rồi chạy lại.")
    if number in (errno.EACCES, errno.EPERM, errno.EROFS, errno.EBUSY, errno.ETXTBSY) or isinstance(
            error, PermissionError):
        if path.suffix and path.exists():
            return OutputError(f"Không ghi được {path}: tệp đang mở trong Excel? Hãy đóng rồi chạy lại "
                               "(hoặc thư mục không cho ghi: hãy chọn thư mục khác bằng --out).")
        return OutputError(f"Không ghi được vào {path}: thư mục chỉ đọc hoặc không có quyền ghi. Hãy chọn "
                           "thư mục khác bằng --out hoặc cấp quyền ghi cho thư mục này.")
    return OutputError(f"Không ghi được {path} ({os_reason(error)}). Hãy kiểm tra thư mục kết quả rồi chạy lại.")


def refuse_locked(paths: Iterable[Path]) -> None:
    """Stop before replacing a file someone has open in Excel or LibreOffice."""
    for path in paths:
        if lock_files(path):
            raise OutputError(f"Không ghi được {path}: tệp đang mở trong Excel hoặc LibreOffice. Hãy đóng tệp "
                              "rồi chạy lại.")


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Any OSError while writing `path` becomes an OutputError naming it."""
    try:
        yield
    except OSError as error:
        raise output_error(error, Path(path)) from error


def _staging_for(destination: Path) -> Path:
    parent = destination.parent
    with writing(parent):
        parent.mkdir(parents=True, exist_ok=True)
        staging = parent / f"{STAGING_MARK}{destination.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        staging.mkdir()
    return staging


@contextmanager
def staged(destination: str | Path, entries: Iterable[str] | None = None) -> Iterator[Path]:
    """Build what a command writes in a hidden folder beside `destination`, then put it in place.

    With `entries` (names inside `destination`), only those are replaced and everything else in
    `destination` stays (the `tables` command replaces `tables/` and the appendix, not the
    reports of the period); without, the whole folder is replaced. On an error or Ctrl-C the
    staging folder is removed and `destination` is left as it was."""
    destination = Path(destination)
    staging = _staging_for(destination)
    try:
        yield staging
        names = list(entries) if entries is not None else None
        targets = [destination / n for n in names] if names is not None else [destination]
        refuse_locked([t for t in targets if t.is_file()] + [f for t in targets if t.is_dir() for f in t.rglob("*")])
        with writing(destination):
            if names is None:
                _swap(staging, destination)
            else:
                destination.mkdir(parents=True, exist_ok=True)
                for name in names:
                    if (staging / name).exists():
                        _swap(staging / name, destination / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, old: Path) -> None:
    """`new` takes the place of `old`; the old one is moved aside first, removed once `new` is in."""
    if not old.exists():
        os.replace(new, old)
        return
    aside = old.parent / f"{STAGING_MARK}cu-{old.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    os.replace(old, aside)
    try:
        os.replace(new, old)
    except BaseException:
        os.replace(aside, old)
        raise
    if aside.is_dir():
        shutil.rmtree(aside, ignore_errors=True)
    else:
        aside.unlink(missing_ok=True)


# --- tables ------------------------------------------------------------------------------

def write_csv(table: pd.DataFrame, path: Path, redacted: bool = False) -> Path:
    """`table` as CSV (text cells neutralised; `redacted`: contact details hidden)."""
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        safe_table(table, redacted).to_csv(path, index=False, encoding="utf-8", lineterminator="\n",
                                           date_format="%Y-%m-%d %H:%M")
    return path


def write_ingest_tables(campaign: CampaignTables, out_dir: str | Path) -> list[Path]:
    """The clean tables, the issues table and the accounting of one ingestion (the planner's own
    working copy: contact details kept, so that the office can call the unit back)."""
    out_dir = Path(out_dir)
    return [write_csv(getattr(campaign, attribute), out_dir / name) for name, attribute in INGEST_TABLES.items()]


def write_period_tables(analysis, period_dir: str | Path) -> list[Path]:
    """Every table of the period (the contract's section 2 first) into `period_dir/tables/`, and
    the appendix workbook `period_dir/phu_luc_so_lieu.xlsx`. Same inputs, same bytes. The period
    folder is shared with the Standing Committee: phone numbers and e-mails are hidden."""
    from .appendix import write_appendix

    period_dir = Path(period_dir)
    tables = analysis.tables()
    written = [write_csv(table, period_dir / TABLES_DIR / f"{name}.csv", redacted=True)
               for name, table in tables.items()]
    title = f"Phụ lục số liệu — {analysis.plan.campaign.name} — {analysis.period.label}"
    appendix = period_dir / APPENDIX_FILE
    with writing(appendix):
        written.append(write_appendix(tables, appendix, analysis.plan, title, redacted=True))
    return written
