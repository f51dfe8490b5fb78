"""Resolving what units write in the 'Chương trình' cell: `5`, `P5`, or the program's name,
whole or recognisably shortened."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from ..plan import Plan
from ..text import fold, is_blank, nfc

NUMBER = re.compile(r"^(?:p|ct|chuong trinh)?\s*(\d{1,2})$")
FUZZY_PROGRAM_SCORE = 85
MIN_FRAGMENT = 5


class ProgramResolver:
    def __init__(self, plan: Plan):
        self._ids = [p.id for p in plan.programs]
        self._names = {p.id: [fold(n) for n in (p.name, *p.short_names)] for p in plan.programs}
        self.resolve = lru_cache(maxsize=None)(self._resolve)

    def _by_number(self, key: str) -> str | None:
        match = NUMBER.match(key)
        if not match:
            return None
        candidate = f"P{int(match.group(1))}"
        return candidate if candidate in self._ids else None

    def _resolve(self, written) -> tuple[str | None, str | None]:
        """(program id, problem). A blank cell is (None, a problem)."""
        if is_blank(written):
            return None, "Thiếu chương trình"
        if isinstance(written, (int, float)):
            written = str(int(written)) if float(written).is_integer() else str(written)
        key = fold(written)
        if found := self._by_number(key):
            return found, None
        exact = [pid for pid, names in self._names.items() if key in names]
        if len(exact) == 1:
            return exact[0], None
        containing = [pid for pid, names in self._names.items()
                      if len(key) >= MIN_FRAGMENT and any(key in n or n in key for n in names)]
        if len(set(containing)) == 1:
            return containing[0], None
        scores = sorted(((max(fuzz.token_set_ratio(key, n) for n in names), pid)
                         for pid, names in self._names.items()), reverse=True)
        (best, pid), (second, _) = scores[0], scores[1]
        if best >= FUZZY_PROGRAM_SCORE and best - second >= 5:
            return pid, f"'{nfc(written)}' gần giống chương trình {pid}: đã hiểu là chương trình đó"
        return None, f"Không nhận ra chương trình '{nfc(written)}' (ghi số 1–{len(self._ids)}, mã P1… hoặc tên)"
