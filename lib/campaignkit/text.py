"""Vietnamese text, numbers and dates as units type them.

Pure functions over single values; `map_unique` applies one to a column, once per distinct value.
A parser returns `(value, problem)`: `problem` is None or a Vietnamese sentence saying why.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def nfc(value) -> str:
    """Composed Unicode with outer spaces trimmed and inner runs of white space folded;
    '' for a missing value (None, NaN, pd.NA, NaT)."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=262_144)
def fold(value) -> str:
    """A matching key: no diacritics, đ→d, lower case, punctuation as spaces, spaces folded.

    "Thới Lai", "THỚI LAI", "Thoi Lai", "thới  lai" and their NFD forms all fold to "thoi lai".
    """
    text = unicodedata.normalize("NFD", str(value or "")).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return text.strip()


def is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


# --- numbers -------------------------------------------------------------------------------

_NUMBER = re.compile(r"^([+-]?)\s*(\d[\d.,\s]*)\s*([^\d.,].*)?$")
_THOUSANDS_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_SPACES = re.compile(r"^\d{1,3}( \d{3})+$")


def parse_number(value) -> tuple[float | None, str | None]:
    """A Vietnamese number: `1.000` is one thousand, `2,5` two and a half, `1.250,5` mixed,
    a unit written after it (`150 cây`, `2,5 km`) is dropped. Blank is (None, None)."""
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        return None, f"'{value}' không phải số"
    if isinstance(value, (int, float)):
        return float(value), None
    text = nfc(value)
    match = _NUMBER.match(text)
    if not match:
        return None, f"'{text}' không phải số"
    sign, digits, _unit = match.groups()
    digits = digits.strip()
    if _THOUSANDS_SPACES.match(digits):
        digits = digits.replace(" ", "")
    if " " in digits:
        return None, f"'{text}' không phải số"
    if "," in digits:
        whole, _, decimals = digits.rpartition(",")
        if "," in whole or not decimals:
            return None, f"'{text}' không phải số (dấu phẩy đặt sai chỗ)"
        if whole and "." in whole and not _THOUSANDS_DOTS.match(whole):
            return None, f"'{text}' không phải số (dấu chấm hàng nghìn đặt sai chỗ)"
        number = float(whole.replace(".", "") + "." + decimals)
    elif "." in digits:
        if _THOUSANDS_DOTS.match(digits):
            number = float(digits.replace(".", ""))
        elif digits.count(".") == 1:
            number = float(digits)  # "2.5": a decimal point typed the English way
        else:
            return None, f"'{text}' không phải số"
    else:
        number = float(digits)
    return (-number if sign == "-" else number), None


# --- dates ---------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{2}|\d{4})(?:\s+(\d{1,2})[:h](\d{2})?)?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}).*)?$")
_WORDS = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")


def _build(year: int, month: int, day: int, hour: int = 0, minute: int = 0, shown: str = ""):
    if year < 100:
        year += 2000
    try:
        return dt.datetime(year, month, day, hour, minute), None
    except ValueError:
        return None, f"'{shown}' không phải ngày hợp lệ"


def parse_date(value) -> tuple[dt.datetime | None, str | None]:
    """A date always read day first: an Excel date, `dd/mm/yyyy`, `d/m/yy`, `dd-mm-yyyy`,
    `dd.mm.yyyy`, ISO `yyyy-mm-dd`, or "ngày 15 tháng 6 năm 2024". A time of day is kept."""
    if is_blank(value):
        return None, None
    if isinstance(value, dt.datetime):
        return value, None
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day), None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 30000 < value < 60000:  # an Excel serial number stored without a date format
            return EXCEL_EPOCH + dt.timedelta(days=float(value)), None
        return None, f"'{value}' không phải ngày hợp lệ"
    text = nfc(value)
    if match := _DMY.match(text):
        day, month, year, hour, minute = match.groups()
        return _build(int(year), int(month), int(day), int(hour or 0), int(minute or 0), text)
    if match := _YMD.match(text):
        year, month, day, hour, minute = match.groups()
        return _build(int(year), int(month), int(day), int(hour or 0), int(minute or 0), text)
    if match := _WORDS.search(fold(text)):
        day, month, year = match.groups()
        return _build(int(year), int(month), int(day), shown=text)
    return None, f"'{text}' không phải ngày hợp lệ"


def format_date(value) -> str:
    """dd/mm/yyyy, as the Ban Thường vụ reads dates."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value.strftime("%d/%m/%Y")


def format_number(value, decimals: int = 0) -> str:
    """Vietnamese style: 1.000 and 2,5."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if decimals == 0 and float(value).is_integer():
        text = f"{int(value):,}"
        return text.replace(",", ".")
    text = f"{float(value):,.{decimals or 1}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def text_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as clean text: every value composed (`nfc`), '' for a blank cell, and a column of
    '' when the table has no such column. The one text helper of the kit's tables."""
    if name not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return map_unique(frame[name], nfc)


def map_unique(series: pd.Series, func) -> pd.Series:
    """`series.map(func)`, calling `func` once per distinct value (a column of 100 000 cells
    holds a few hundred distinct ones). Blank cells (NaN) reach `func` as ''."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    results = np.empty(len(uniques), dtype=object)
    results[:] = [func("" if isinstance(u, float) and u != u else u) for u in uniques]
    return pd.Series(results[codes] if len(series) else [], index=series.index, dtype=object)
