"""Resolving the unit names units type to the registry's ids.

Exact keys first (id, name, aliases; any case, with or without diacritics, NFC or NFD, the
plan's abbreviations expanded, the kind prefix and the city suffix dropped); a near-match by
rapidfuzz only above a threshold, never between two units that score alike, and always logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz, process

from ..text import fold, is_blank, nfc

FUZZY_UNIT_SCORE = 90
FUZZY_MARGIN = 3
KIND_PREFIXES = ("chi doan co so", "doan co so", "chi doan", "doan thanh nien", "doan")


@dataclass(frozen=True)
class UnitMatch:
    unit_id: str | None
    problem: str | None = None
    approximate: bool = False


class UnitResolver:
    def __init__(self, registry: pd.DataFrame, abbreviations: dict[str, str], province: str):
        ordered = sorted(((fold(k), fold(v)) for k, v in abbreviations.items() if fold(k)), key=lambda kv: -len(kv[0]))
        self._abbreviations = [(short, re.compile(rf"\b{re.escape(short)}\b"), long) for short, long in ordered]
        self._suffixes = self._province_suffixes(province)
        self._keys: dict[str, set[str]] = {}
        for unit in registry.itertuples(index=False):
            names = [unit.unit_id, unit.name, *str(unit.aliases or "").split(";")]
            for written in names:
                for key in self._variants(written):
                    self._keys.setdefault(key, set()).add(unit.unit_id)
        self._choices = [k for k, ids in self._keys.items() if len(ids) == 1 and len(k) > 3]
        self.resolve = lru_cache(maxsize=None)(self._resolve)

    @staticmethod
    def _province_suffixes(province: str) -> tuple[str, ...]:
        city = fold(province)
        return (f"thanh pho {city}", f"tp {city}", f"tinh {city}", city)

    def _expand(self, key: str) -> str:
        for short, pattern, long in self._abbreviations:
            if short in key:  # the word cannot be there otherwise: no pattern run
                key = pattern.sub(long, key)
        return key

    def _core(self, key: str) -> str:
        for prefix in KIND_PREFIXES:
            if key.startswith(prefix + " "):
                key = key[len(prefix) + 1:]
                break
        for suffix in self._suffixes:
            if key.endswith(" " + suffix):
                key = key[: -len(suffix) - 1]
                break
        return key.strip()

    def _variants(self, written) -> set[str]:
        if is_blank(written):
            return set()
        key = fold(written)
        expanded = self._expand(key)
        return {k for k in (key, expanded, self._core(key), self._core(expanded)) if k}

    def _resolve(self, written: str) -> UnitMatch:
        if is_blank(written):
            return UnitMatch(None, "Thiếu tên đơn vị")
        found = set().union(*(self._keys.get(k, set()) for k in self._variants(written)))
        if len(found) == 1:
            return UnitMatch(next(iter(found)))
        shown = nfc(written)
        if len(found) > 1:
            return UnitMatch(None, f"'{shown}' khớp nhiều đơn vị ({', '.join(sorted(found))}): hãy ghi rõ tên")
        query = self._core(self._expand(fold(written)))
        best = process.extract(query, self._choices, scorer=fuzz.token_sort_ratio, limit=5)
        ids = [(next(iter(self._keys[k])), score) for k, score, _ in best if score >= FUZZY_UNIT_SCORE]
        if ids and all(uid == ids[0][0] or score < ids[0][1] - FUZZY_MARGIN for uid, score in ids):
            unit_id, score = ids[0]
            return UnitMatch(unit_id, f"'{shown}' gần giống đơn vị {unit_id} ({score:.0f}%): đã hiểu là đơn vị đó",
                             approximate=True)
        return UnitMatch(None, f"'{shown}' không có trong danh sách đơn vị (don_vi.xlsx)")
