"""The hand-off from the batch to a notebook: one period's analyses in one file.

The batch computes a period's analyses once, keeps them in its cache (`batch.cache`, written
with `write_pickle`), and passes that file's path to every notebook as the papermill parameter
`analysis_file`. A notebook calls `load_period(...)`: with the file it reads it (and checks it
is the period asked for); run by hand in JupyterLab, with the parameter left empty, it reads
the spreadsheets and computes the analyses itself.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from ..errors import InputError, PeriodError
from ..intake import check_data_dir, load_campaign
from ..plan import find_period, load_plan, parse_as_of
from .period import PeriodAnalysis, analyse_period


def write_pickle(value, path: str | Path) -> Path:
    """Pickle `value` to `path`, written aside then renamed: a reader never sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    with partial.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)
    return path


def read_analysis(path: str | Path) -> PeriodAnalysis:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"Không tìm thấy tệp số liệu của kỳ {path} (analysis_file): hãy chạy lại lệnh run, "
                         "hoặc để trống analysis_file để sổ tự đọc dữ liệu.")
    with path.open("rb") as handle:
        analysis = pickle.load(handle)
    if not isinstance(analysis, PeriodAnalysis):
        raise InputError(f"Tệp {path} không phải số liệu của một kỳ báo cáo (analysis_file).")
    return analysis


def load_period(period: str, as_of: str | None, data_dir: str | Path, plan: str | Path,
                analysis_file: str | Path | None = None) -> PeriodAnalysis:
    """What a notebook needs: the period's analyses as of its date (or `as_of`: DD/MM/YYYY or
    YYYY-MM-DD).

    With `analysis_file` (the batch's hand-off) the analyses are read from it; without, they
    are computed from the spreadsheets of `data_dir` and the plan file `plan`."""
    if analysis_file:
        analysis = read_analysis(analysis_file)
        if analysis.period.id != period:
            raise PeriodError(f"Tệp {analysis_file} là số liệu kỳ '{analysis.period.id}', không phải kỳ '{period}'.")
        return analysis
    chosen = find_period(load_plan(plan), period, parse_as_of(as_of or None))
    check_data_dir(data_dir, "data_dir")
    return analyse_period(load_campaign(data_dir, plan), chosen)


