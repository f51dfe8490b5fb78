"""Contact details units type into free text never reach the HTML or PDF reports."""

from __future__ import annotations

import re

import pandas as pd

HIDDEN = "[đã ẩn]"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Vietnamese phone numbers as typed: 0907.019.345, 0909 000 111, +84 907 019 345, (0292) 3 820 123
PHONE = re.compile(r"(?:\+84[\s.\-]?|\(?0)(?:\d[\s.\-)]{0,2}){8,10}\d")


def redact(text):
    if not isinstance(text, str):
        return text
    return PHONE.sub(HIDDEN, EMAIL.sub(HIDDEN, text))


def redact_frame(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell redacted."""
    result = table.copy()
    for column in result.columns:
        if result[column].dtype == object or pd.api.types.is_string_dtype(result[column]):
            result[column] = result[column].map(redact)
    return result
