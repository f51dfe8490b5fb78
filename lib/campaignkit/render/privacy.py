"""Contact details units type into free text never reach what the kit shares.

Phone numbers are found the way a phone library finds them: `phonenumbers` (the Python port of
Google's libphonenumber) with `PhoneNumberMatcher(text, "VN", Leniency.VALID)` — mobile and
landline numbers in every written form (`0907.019.345`, `84907019345`, `84 907 019 345`,
`(+84) 907 019 345`, `+84 (0) 907 019 345`, `(0292) 3 820 123`), and only numbers that can be
real Vietnamese (or, written with +, foreign) phone numbers: dates, amounts and counts are left
as they are. A number written the Vietnamese way for thousands, with no leading zero
(`30.000.000`, `121.200.000` — nine digits, which the phone library would take for a landline),
is an amount, never a phone. E-mail addresses are found by their form.

Applied by every renderer: the HTML tables, paragraphs and lists of the reports (so the
executed notebooks, their HTML and their PDF), every CSV and the appendix of a period folder.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
from phonenumbers import Leniency, PhoneNumberMatcher

HIDDEN = "[đã ẩn]"
REGION = "VN"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MIN_PHONE_DIGITS = 8   # the shortest Vietnamese number written without its area code
_DIGITS = re.compile(r"\d")


AMOUNT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")   # 121.200.000: thousands grouped, no leading zero


def _phones(text: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in PhoneNumberMatcher(text, REGION, leniency=Leniency.VALID)
            if not AMOUNT.fullmatch(m.raw_string)]


@lru_cache(maxsize=65_536)
def _redact_text(text: str) -> str:
    text = EMAIL.sub(HIDDEN, text)
    if len(_DIGITS.findall(text)) < MIN_PHONE_DIGITS:  # most cells: no phone can hide in them
        return text
    for start, end in reversed(_phones(text)):
        text = text[:start] + HIDDEN + text[end:]
    return text


def redact(text):
    """`text` with phone numbers and e-mail addresses replaced by '[đã ẩn]'; other values as they are."""
    if not isinstance(text, str) or not text:
        return text
    return _redact_text(text)


def redact_frame(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell redacted (numbers, dates and booleans untouched)."""
    result = table.copy()
    for column in result.columns:
        if result[column].dtype == object or pd.api.types.is_string_dtype(result[column]):
            result[column] = result[column].map(redact)
    return result
