"""The calendar the plan lives in: Vietnamese weekday names and the public holidays."""

from __future__ import annotations

import datetime as dt

import holidays

WEEKDAY_NAMES = ["thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật"]


def weekday_name(day: dt.date) -> str:
    """'thứ hai' … 'chủ nhật'."""
    return WEEKDAY_NAMES[day.weekday()]


def public_holidays(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Vietnamese public holidays (package `holidays`, Vietnamese names) from `first` to `last`."""
    years = list(range(first.year, last.year + 1))
    calendar = holidays.country_holidays("VN", years=years, language="vi")
    return sorted((day, name) for day, name in calendar.items() if first <= day <= last)
