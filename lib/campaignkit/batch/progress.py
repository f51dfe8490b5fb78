"""One line of progress per period on the console.

On a terminal the line is redrawn in place as notebooks finish (`\\r`, nothing else is printed
meanwhile: the kernels' own output goes to their log), and ends with a newline when the period
is done; elsewhere (a log file, a pipe, the tests) only the finished line is written. When the
next period is started early, its line waits (inactive, counting) until the current one ends.
"""

from __future__ import annotations

import sys
import time

from ..text import format_number


class ProgressLine:
    def __init__(self, label: str, total: int, stream=None, enabled: bool = True, active: bool = True):
        self.label = label
        self.total = total
        self.done = 0
        self.failed = 0
        self.stream = stream or sys.stdout
        self.enabled = enabled
        self.started = time.perf_counter()
        self._live = enabled and getattr(self.stream, "isatty", lambda: False)()
        self._active = active  # only one line is drawn at a time: the oldest period's
        self._width = 0
        self._draw()

    def activate(self) -> None:
        self._active = True
        self._draw()

    def _text(self, suffix: str = "") -> str:
        text = f"{self.label}: {self.done}/{self.total} báo cáo"
        if self.failed:
            text += f", {self.failed} lỗi"
        return text + suffix

    def _draw(self, suffix: str = "") -> None:
        if not (self._live and self._active):
            return
        text = self._text(suffix)
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def update(self, ok: bool, name: str = "") -> None:
        self.done += 1
        self.failed += 0 if ok else 1
        self._draw(f" (vừa xong: {name})" if name else "")

    def finish(self, suffix: str = "") -> None:
        if not self.enabled:
            return
        seconds = time.perf_counter() - self.started
        text = self._text(f", {format_number(seconds, 1)} giây" + suffix)
        if self._live:
            self.stream.write("\r" + text.ljust(self._width) + "\n")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
