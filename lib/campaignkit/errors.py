"""The errors the kit raises on purpose, under one base class (as papermill's exceptions.py).

Each one carries a Vietnamese message that says what is wrong and what to do, naming the file,
sheet, row and column where there is one. The command line catches `CampaignkitError` and
prints it as one line with exit status 2, never a traceback; anything else reaching the user is
a bug of the kit. Data problems inside the units' spreadsheets are not errors: they become rows
of the issues table and the run goes on.
"""

from __future__ import annotations


class CampaignkitError(Exception):
    """Base of every error the kit raises on purpose."""

    prefix = "Lỗi"

    def one_line(self) -> str:
        """The message on one line, as the command line prints it ('; ' between the parts)."""
        parts = [part.strip(" -") for part in str(self).splitlines()]
        return "; ".join(part for part in parts if part).replace(":;", ":")


class PlanError(CampaignkitError):
    """The plan file is missing, unreadable, does not fit the schema or names what does not exist."""

    prefix = "Lỗi kế hoạch"


class PeriodError(CampaignkitError):
    """An unknown period, or an as-of date the campaign cannot answer for."""


class InputError(CampaignkitError):
    """The campaign folder or a file the run needs cannot be used as a whole."""

    prefix = "Lỗi dữ liệu"


class UsageError(CampaignkitError, ValueError):
    """A function of the kit called with a value it does not take (a notebook's or a script's mistake)."""


class OutputError(CampaignkitError):
    """An output cannot be written (a read-only folder, a file open in Excel, a full disk)."""

    prefix = "Lỗi ghi kết quả"
