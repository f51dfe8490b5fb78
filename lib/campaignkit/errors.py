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


_OS_REASONS = {
    "ENOENT": "không có tệp hay thư mục này",
    "EISDIR": "ở đó đã có một thư mục trùng tên",
    "ENOTDIR": "một phần của đường dẫn không phải là thư mục",
    "EACCES": "không có quyền",
    "EPERM": "không có quyền",
    "EROFS": "ổ đĩa chỉ cho đọc",
    "ENOSPC": "ổ đĩa đầy",
    "EEXIST": "đã có tệp trùng tên",
    "ENAMETOOLONG": "tên tệp quá dài",
    "EMFILE": "đang mở quá nhiều tệp",
    "EIO": "lỗi đọc/ghi của ổ đĩa",
    "EBUSY": "tệp đang được dùng",
}


def os_reason(error: BaseException) -> str:
    """What an OSError says, in Vietnamese ('không có quyền', 'ổ đĩa đầy'…), for one-line messages."""
    import errno

    name = errno.errorcode.get(getattr(error, "errno", None) or -1, "")
    return _OS_REASONS.get(name) or (f"lỗi hệ thống {name}" if name else "lỗi hệ thống")
