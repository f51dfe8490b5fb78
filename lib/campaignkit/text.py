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
    text = re.sub(r"[^0-9a-z]+", " ", _without_marks(str(value or "")).lower())
    return text.strip()


def _without_marks(text: str) -> str:
    """The letters without their diacritics, đ as d: 'Thới Lai' → 'Thoi Lai'."""
    decomposed = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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
_THOUSANDS_COMMAS = re.compile(r"^\d{1,3}(,\d{3}){2,}$")   # 12,000,000: written the English way
_AMBIGUOUS_COMMA = re.compile(r"^\d{1,3},\d{3}$")            # 12,000: twelve, or twelve thousand?
# Quantity words a figure is written with, folded (text.fold): the multiplier of each
MULTIPLIERS = {"ty": 1e9, "ti": 1e9, "trieu": 1e6, "tr": 1e6, "nghin": 1e3, "ngan": 1e3, "k": 1e3}
_CURRENCY = re.compile(r"\s*(dong|vnd|d)$")
_PAIR = re.compile(r"(\d[\d.,]*)\s*(ty|ti|trieu|tr|nghin|ngan|k)\b")
_APPROXIMATE = re.compile(r"^(khoang chung|khoang|tam|uoc tinh|uoc|gan|tren|hon|hon kem|it nhat|toi thieu)\s+(?=\d)")
_AT_LEAST_SUFFIX = re.compile(r"\s*(\+|tro len|tro len\.)$")
_RANGE = re.compile(r"^(\d[\d.,]*)\s*(?:-|–|—|~|den|toi)\s*(\d[\d.,]*)\s*(\D*)$")
_FRACTION = re.compile(r"^(\d+)\s*/\s*(\d+)\s*(\D*)$")


def _digits_value(digits: str, text: str) -> tuple[float | None, str | None, str | None]:
    """The number written in `digits` (only digits, dots, commas, spaces): (value, problem, note)."""
    digits = digits.strip()
    if _THOUSANDS_SPACES.match(digits):
        digits = digits.replace(" ", "")
    if " " in digits:
        return None, f"'{text}' không phải số", None
    if _THOUSANDS_COMMAS.match(digits):
        number = float(digits.replace(",", ""))
        return number, None, (f"'{text}' viết dấu phẩy hàng nghìn kiểu tiếng Anh: hiểu là {format_number(number)}")
    if _AMBIGUOUS_COMMA.match(digits):
        whole, decimals = digits.split(",")
        decimal = shown_number(float(f"{whole}.{decimals}"))
        thousands = format_number(float(whole + decimals))
        return None, (f"'{text}' không rõ là {decimal} hay {thousands} (trong tiếng Việt dấu phẩy là dấu thập "
                      f"phân): hãy ghi {whole}.{decimals} nếu là số nghìn, hoặc {decimal}"), None
    if "," in digits:
        whole, _, decimals = digits.rpartition(",")
        if "," in whole or not decimals:
            return None, f"'{text}' không phải số (dấu phẩy đặt sai chỗ)", None
        if whole and "." in whole and not _THOUSANDS_DOTS.match(whole):
            return None, f"'{text}' không phải số (dấu chấm hàng nghìn đặt sai chỗ)", None
        return float(whole.replace(".", "") + "." + decimals), None, None
    if "." in digits:
        if _THOUSANDS_DOTS.match(digits):
            return float(digits.replace(".", "")), None, None
        if digits.count(".") == 1:
            return float(digits), None, None  # "2.5": a decimal point typed the English way
        return None, f"'{text}' không phải số", None
    return float(digits), None, None


def _with_words(digits: str, words: str, text: str) -> tuple[float | None, str | None, str | None]:
    """A number followed by what is written after it (folded): a multiplier ('5 triệu', '2,5 tr',
    '500k', '5 triệu 500 nghìn'), a currency ('đồng'), a unit ('150 cây', '2,5 km')."""
    words = _CURRENCY.sub("", words.strip())
    first = re.match(r"(ty|ti|trieu|tr|nghin|ngan|k)\b\s*(.*)$", words)
    if not first:
        if re.search(r"\d", words):
            return None, f"'{text}' không phải một số (có nhiều số trong ô)", None
        return _digits_value(digits, text)
    value, problem, note = _digits_value(digits, text)
    if problem:
        return None, problem, None
    total = value * MULTIPLIERS[first.group(1)]
    rest = _CURRENCY.sub("", first.group(2).strip())
    for pair in _PAIR.finditer(rest):  # '5 triệu 500 nghìn'
        part, problem, _ = _digits_value(pair.group(1), text)
        if problem:
            return None, problem, None
        total += part * MULTIPLIERS[pair.group(2)]
    if re.search(r"\d", _PAIR.sub("", rest)):
        return None, f"'{text}' không phải một số (có nhiều số trong ô)", None
    return total, None, note


def read_quantity(value) -> tuple[float | None, str | None, str | None]:
    """A figure as units write it: `(value, problem, note)`.

    Read as they are: `1.000` (one thousand), `2,5`, `1.250,5`, a unit after the number (`150 cây`,
    `2,5 km`), the quantity words of money (`5 triệu`, `2,5 tr`, `1,2 tỷ`, `500 nghìn`/`ngàn`,
    `500k`, `5 triệu 500 nghìn`, `30.000.000 đồng`). Read, with a `note` saying what was taken:
    a range (`5-7`, `5 – 7`: the smaller number), a fraction (`1/2`: 0,5), an approximation
    (`khoảng 50`, `50+`, `trên 100`: the number), thousands written with commas (`12,000,000`).
    Not read (`problem`): an ambiguous `12,000` (twelve, or twelve thousand?), text that is no
    number. Blank is (None, None, None)."""
    if is_blank(value):
        return None, None, None
    if isinstance(value, bool):
        return None, f"'{value}' không phải số", None
    if isinstance(value, (int, float)):
        return float(value), None, None
    text = nfc(value)
    return _read(_plain(text), text)


def _read(key: str, text: str) -> tuple[float | None, str | None, str | None]:
    """`read_quantity` of the folded `key`; every message quotes the cell as written (`text`)."""
    approximate = _APPROXIMATE.match(key)
    at_least = _AT_LEAST_SUFFIX.search(key)
    if approximate or at_least:
        core = key[approximate.end():] if approximate else key
        core = core[:at_least.start()] if at_least and not approximate else core
        number, problem, _ = _read(core, text)
        if problem or number is None:
            return None, problem or f"'{text}' không phải số", None
        return number, None, f"'{text}' là số ước lượng: tính {shown_number(number)}, hãy ghi số chính xác"
    if match := _RANGE.match(key):
        low, problem, _ = _with_words(match.group(1), match.group(3), text)
        high, problem_high, _ = _with_words(match.group(2), match.group(3), text)
        if problem or problem_high:
            return None, problem or problem_high, None
        low, high = min(low, high), max(low, high)
        return low, None, (f"'{text}' là một khoảng: tính số nhỏ hơn {shown_number(low)}, "
                           "hãy ghi một số")
    if match := _FRACTION.match(key):
        numerator, denominator = int(match.group(1)), int(match.group(2))
        if denominator == 0 or re.search(r"\d", match.group(3)):
            return None, f"'{text}' không phải số", None
        number = numerator / denominator
        return number, None, f"'{text}' là phân số: tính {shown_number(number)}"
    match = _NUMBER.match(key)
    if not match:
        return None, f"'{text}' không phải số", None
    sign, digits, words = match.groups()
    number, problem, note = _with_words(digits, words or "", text)
    if problem:
        return None, problem, None
    return (-number if sign == "-" else number), None, note


def _plain(text: str) -> str:
    """Lower case without diacritics (đ→d), punctuation kept, spaces folded: '5 Triệu' → '5 trieu'."""
    return re.sub(r"\s+", " ", _without_marks(text).lower()).strip()


def shown_number(number: float) -> str:
    """A number for a sentence, Vietnamese style, as precise as it is: 150, 2,5, 1.500.000, 0,33."""
    if float(number).is_integer():
        return format_number(number)
    return format_number(number, 2).rstrip("0").rstrip(",")


def parse_number(value) -> tuple[float | None, str | None]:
    """`read_quantity` without its note: (value, problem)."""
    number, problem, _note = read_quantity(value)
    return number, problem


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


class Distinct:
    """A column factorised once, so that a parser runs once per distinct value (a column of
    100 000 cells holds a few hundred distinct ones) and its results expand back to every row
    by the codes — values, masks and floats alike — without another pass over the rows."""

    def __init__(self, series: pd.Series):
        codes, uniques = pd.factorize(series, use_na_sentinel=False)
        self._set(series.index, codes, uniques)

    @classmethod
    def coded(cls, index: pd.Index, codes: np.ndarray, values: list) -> Distinct:
        """A column already factorised: `codes` (one per row) into its distinct `values` (as intake's
        reader processes hand the raw columns over; a value may stand twice, the result is the same)."""
        distinct = cls.__new__(cls)
        distinct._set(index, codes, values)
        return distinct

    def _set(self, index, codes, values) -> None:
        self.index, self.codes = index, codes
        self.values = ["" if isinstance(u, float) and u != u else u for u in values]  # blank (NaN) as ''

    def apply(self, func) -> list:
        return [func(value) for value in self.values]

    def map(self, func) -> pd.Series:
        """`series.map(func)`, `func` called once per distinct value, as objects."""
        return self.column(self.apply(func))

    def fields(self, func, count: int) -> list[pd.Series]:
        """For a `func` returning a tuple of `count` values: one Series per position of the tuple
        (factorising the tuples again to split them cost more than parsing)."""
        results = self.apply(func)
        return [self.column([result[position] for result in results]) for position in range(count)]

    def column(self, per_value: list) -> pd.Series:
        """Objects: one per distinct value, expanded to the rows."""
        values = np.empty(len(per_value), dtype=object)
        values[:] = per_value
        return pd.Series(values[self.codes] if len(self.codes) else [], index=self.index, dtype=object)

    def floats(self, per_value: list) -> pd.Series:
        values = np.array([np.nan if v is None else v for v in per_value], dtype="float64")
        return pd.Series(values[self.codes] if len(self.codes) else [], index=self.index, dtype="float64")

    def mask(self, per_value: list) -> pd.Series:
        """Booleans: one per distinct value, expanded to the rows."""
        values = np.array(per_value, dtype=bool)
        return pd.Series(values[self.codes] if len(self.codes) else [], index=self.index, dtype=bool)


def map_unique_fields(series: pd.Series, func, count: int) -> list[pd.Series]:
    """For a `func` returning a tuple of `count` values: one Series per position of the tuple, the
    column factorised once."""
    return Distinct(series).fields(func, count)


def map_unique(series: pd.Series, func) -> pd.Series:
    """`series.map(func)`, calling `func` once per distinct value. Blank cells (NaN) reach `func` as ''."""
    return Distinct(series).map(func)
