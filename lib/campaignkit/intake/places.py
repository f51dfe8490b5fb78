"""Communes and districts, resolved against the 2024-era (pre-2025) administrative units of
the plan's province, from `vietnamadminunits`' own database.

Written with or without prefix (`xã Trường Xuân`, `X. Trường Xuân`, `Trường Xuân`), any
case, with or without diacritics. A name shared by several districts needs its district.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz, process

from ..errors import PlanError
from ..text import fold, is_blank, nfc

COMMUNE_PREFIX = re.compile(r"^(xa|phuong|thi tran|tt|x|p)\s+(?=\S)")
PREFIX_TYPES = {"xa": "xa", "x": "xa", "phuong": "phuong", "p": "phuong", "thi tran": "thi tran", "tt": "thi tran"}
DISAMBIGUATION = re.compile(r"\s*\(.*\)\s*$")  # the database writes "Thạnh An (Xã)" beside "Thạnh An (Thị trấn)"
PREFERRED_TYPE = "xa"
DISTRICT_PREFIX = re.compile(r"^(huyen|quan|thi xa|thanh pho|tx|tp|h|q)\s+(?=\S)")
FUZZY_PLACE_SCORE = 90


@dataclass(frozen=True)
class PlaceMatch:
    commune: str | None
    district: str | None
    commune_code: str | None = None
    problem: str | None = None
    approximate: bool = False


@lru_cache(maxsize=8)
def gazetteer(province: str) -> pd.DataFrame:
    """Communes (wards) of one province as of 2024: ward, district, codes and folded keys."""
    # imported here, when a campaign is cleaned: importing vietnamadminunits takes about a second
    # (it loads its parsers), which every notebook kernel would otherwise pay for nothing
    from vietnamadminunits.database import query

    rows = query(
        "SELECT DISTINCT wardShort, wardType, wardCode, districtShort, districtType, provinceShort "
        "FROM admin_units_legacy"
    )
    table = pd.DataFrame(rows)
    table = table[table["provinceShort"].map(fold) == fold(province)].copy()
    if table.empty:
        raise PlanError(f"Tỉnh/thành phố '{province}' (khoá 'campaign.province' của tệp kế hoạch) không có trong "
                        "danh mục hành chính: hãy ghi đúng tên tỉnh/thành phố, ví dụ 'Cần Thơ'")
    table["wardShort"] = table["wardShort"].str.replace(DISAMBIGUATION, "", regex=True)
    table["ward_key"] = table["wardShort"].map(fold)
    table["type_key"] = table["wardType"].map(fold)
    table["district_key"] = table["districtShort"].map(fold)
    return table.reset_index(drop=True)


def commune_key(written) -> str:
    return COMMUNE_PREFIX.sub("", fold(written))


def commune_type(written) -> str | None:
    """'xa', 'phuong' or 'thi tran' when the name is written with its prefix."""
    match = COMMUNE_PREFIX.match(fold(written))
    return PREFIX_TYPES[match.group(1)] if match else None


def district_key(written) -> str:
    return DISTRICT_PREFIX.sub("", fold(written))


class PlaceResolver:
    def __init__(self, province: str):
        self._table = gazetteer(province)
        self._wards = self._table.groupby("ward_key")
        self._ward_keys = sorted(self._table["ward_key"].unique())
        self._district_names = dict(zip(self._table["district_key"], self._table["districtShort"]))
        self.resolve = lru_cache(maxsize=None)(self._resolve)

    def _pick(self, ward_key: str, wanted_district: str):
        candidates = self._wards.get_group(ward_key)
        if wanted_district:
            candidates = candidates[candidates["district_key"] == wanted_district]
        return candidates

    def _resolve(self, commune, district) -> PlaceMatch:
        if is_blank(commune):
            return PlaceMatch(None, self._district_names.get(district_key(district)), None,
                              "Thiếu tên xã/phường")
        key, wanted = commune_key(commune), district_key(district)
        approximate = False
        if key not in self._wards.groups:
            best = process.extractOne(key, self._ward_keys, scorer=fuzz.ratio)
            if not best or best[1] < FUZZY_PLACE_SCORE:
                return PlaceMatch(nfc(commune), nfc(district) or None, None,
                                  f"Không tìm thấy xã/phường '{nfc(commune)}' ở {self._where()}")
            key, approximate = best[0], True
        candidates = self._pick(key, wanted)
        chosen_type = commune_type(commune)
        typed = candidates[candidates["type_key"] == (chosen_type or PREFERRED_TYPE)]
        if len(candidates) > 1 and len(typed) == 1:
            candidates = typed
        if candidates.empty:
            candidates = self._pick(key, "")
            if len(candidates) == 1:
                found = candidates.iloc[0]
                return PlaceMatch(found.wardShort, found.districtShort, found.wardCode,
                                  f"'{nfc(commune)}' thuộc {found.districtType.lower()} {found.districtShort}, "
                                  f"không phải '{nfc(district)}'", True)
        if len(candidates) != 1:
            names = ", ".join(sorted(candidates["districtShort"]))
            return PlaceMatch(nfc(commune), nfc(district) or None, None,
                              f"Xã/phường '{nfc(commune)}' có ở nhiều quận/huyện ({names}): hãy ghi rõ quận/huyện")
        found = candidates.iloc[0]
        problem = (f"'{nfc(commune)}' gần giống {found.wardType.lower()} {found.wardShort}: đã hiểu là nơi đó"
                   if approximate else None)
        return PlaceMatch(found.wardShort, found.districtShort, found.wardCode, problem, approximate)

    def _where(self) -> str:
        return nfc(self._table["provinceShort"].iloc[0])


@lru_cache(maxsize=8)
def commune_points(province: str) -> pd.DataFrame:
    """Each commune of the province (as of 2024) with its point and its district's, from
    `vietnamadminunits`' coordinates: ward_key, district_key, commune, district, lat, lon,
    district_lat, district_lon. For maps drawn without tiles (offline)."""
    from vietnamadminunits.database import query

    rows = query("SELECT DISTINCT wardShort, districtShort, provinceShort, wardLat, wardLon, districtLat, districtLon "
                 "FROM admin_units_legacy")
    table = pd.DataFrame(rows)
    table = table[table["provinceShort"].map(fold) == fold(province)].copy()
    table["wardShort"] = table["wardShort"].str.replace(DISAMBIGUATION, "", regex=True)
    return pd.DataFrame({
        "ward_key": table["wardShort"].map(commune_key), "district_key": table["districtShort"].map(district_key),
        "commune": table["wardShort"], "district": table["districtShort"],
        "lat": table["wardLat"].astype(float), "lon": table["wardLon"].astype(float),
        "district_lat": table["districtLat"].astype(float), "district_lon": table["districtLon"].astype(float),
    }).reset_index(drop=True)
