"""Communes and districts, resolved against the administrative map the plan chooses
(`campaign.admin_map`), from `vietnamadminunits`' own database:

- "2024": the 63-province division list in force until 30/6/2025, communes within districts
  (table `admin_units_legacy`);
- "2025": the 34-province list from 1/7/2025, two levels, communes and wards with no district
  (table `admin_units`); Cần Thơ, Sóc Trăng and Hậu Giang are one city on it.

Written with or without prefix (`xã Trường Xuân`, `X. Trường Xuân`, `Trường Xuân`), any case,
with or without diacritics. On the 2024 map a name shared by several districts needs its
district. On the 2025 map a district is not needed (there is none), and a commune written by
its 2024 name (a unit using last year's template) is looked up in the 2024 list of the
provinces merged into the plan's, converted with `vietnamadminunits.convert_address` and
logged, not rejected. For a 2024 campaign `successor` gives the commune or ward of the 2025 map
each 2024 commune became; `commune_coordinates` gives a commune's point on either map;
`check_plan_places` checks the plan's own focus communes against its map.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from ..errors import PlanError
from ..plan.findings import ERROR, NOTE, WARNING, finding
from ..plan.schema import Plan
from ..text import fold, is_blank, nfc

LEGACY_MAP, CURRENT_MAP = "2024", "2025"
TABLES = {LEGACY_MAP: "admin_units_legacy", CURRENT_MAP: "admin_units"}
REORGANISED = "1/7/2025"  # the day the 2025 map came into force
COMMUNE_PREFIX = re.compile(r"^(xa|phuong|thi tran|dac khu|tt|x|p)\s+(?=\S)")
PREFIX_TYPES = {"xa": "xa", "x": "xa", "phuong": "phuong", "p": "phuong", "thi tran": "thi tran", "tt": "thi tran",
                "dac khu": "dac khu"}
DISAMBIGUATION = re.compile(r"\s*\(.*\)\s*$")  # the database writes "Thạnh An (Xã)" beside "Thạnh An (Thị trấn)"
PREFERRED_TYPE = "xa"
DISTRICT_PREFIX = re.compile(r"^(huyen|quan|thi xa|thanh pho|tx|tp|h|q)\s+(?=\S)")
FUZZY_PLACE_SCORE = 90
COLUMNS = ("wardShort", "wardType", "wardCode", "districtShort", "districtType", "provinceShort", "province",
           "ward", "district", "wardLat", "wardLon", "provinceKey")


@dataclass(frozen=True)
class PlaceMatch:
    commune: str | None
    district: str | None
    commune_code: str | None = None
    problem: str | None = None
    approximate: bool = False
    converted: bool = False      # found by its name before the 2025 reorganisation


def _dataset() -> Path | None:
    """vietnamadminunits' own database file, found without importing the package (importing it
    loads its address parsers: 0.3–1 s that cleaning a campaign does not need)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "dataset.db"
        if path.is_file():
            return path
    return None


def _query(sql: str) -> pd.DataFrame:
    """Rows of vietnamadminunits' database: read as its `database.query` reads them (sqlite, rows
    as dicts), straight from the file; through the package if a later version moves the file."""
    path = _dataset()
    if path is None:
        from vietnamadminunits.database import query

        return pd.DataFrame(query(sql))
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        cursor = connection.execute(sql)
        return pd.DataFrame(cursor.fetchall(), columns=[d[0] for d in cursor.description])


def _select(admin_map: str) -> str:
    if admin_map == LEGACY_MAP:
        return f"SELECT DISTINCT {', '.join(COLUMNS)} FROM {TABLES[LEGACY_MAP]}"
    blank = {"districtShort", "districtType", "district"}
    fields = [f"'' AS {c}" if c in blank else c for c in COLUMNS]
    return f"SELECT DISTINCT {', '.join(fields)} FROM {TABLES[CURRENT_MAP]}"


def _keyed(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    table["wardShort"] = table["wardShort"].str.replace(DISAMBIGUATION, "", regex=True)
    table["ward_key"] = table["wardShort"].map(commune_key)   # "Phường 5" is stored with its prefix
    table["type_key"] = table["wardType"].map(fold)
    table["district_key"] = table["districtShort"].map(fold)
    return table.reset_index(drop=True)


@lru_cache(maxsize=16)
def gazetteer(province: str, admin_map: str = LEGACY_MAP) -> pd.DataFrame:
    """Communes (wards) of one province on one map ("2024" or "2025"): ward, its type and code,
    district (blank on the 2025 map), coordinates (wardLat, wardLon) and folded keys."""
    if admin_map not in TABLES:
        raise PlanError(f"Danh mục hành chính '{admin_map}' (khoá 'campaign.admin_map' của tệp kế hoạch) không có: "
                        f"hãy ghi \"{LEGACY_MAP}\" hoặc \"{CURRENT_MAP}\"")
    table = _query(_select(admin_map))
    table = table[table["provinceShort"].map(fold) == fold(province)]
    if table.empty:
        raise PlanError(f"Tỉnh/thành phố '{province}' (khoá 'campaign.province' của tệp kế hoạch) không có trong "
                        f"danh mục hành chính {admin_map}: hãy ghi đúng tên tỉnh/thành phố, ví dụ 'Cần Thơ'")
    return _keyed(table)


@lru_cache(maxsize=8)
def predecessors(province: str) -> pd.DataFrame:
    """The 2024-map communes of the provinces merged into `province` of the 2025 map (for Cần Thơ:
    those of Cần Thơ, Hậu Giang and Sóc Trăng)."""
    from vietnamadminunits.converter.converter_2025 import DICT_PROVINCE

    new_key = gazetteer(province, CURRENT_MAP)["provinceKey"].iloc[0]
    old_keys = set(DICT_PROVINCE.get(new_key, [new_key]))
    table = _query(_select(LEGACY_MAP))
    return _keyed(table[table["provinceKey"].isin(old_keys)])


def commune_key(written) -> str:
    return COMMUNE_PREFIX.sub("", fold(written))


def commune_type(written) -> str | None:
    """'xa', 'phuong', 'thi tran' or 'dac khu' when the name is written with its prefix."""
    match = COMMUNE_PREFIX.match(fold(written))
    return PREFIX_TYPES[match.group(1)] if match else None


def district_key(written) -> str:
    return DISTRICT_PREFIX.sub("", fold(written))


def full_name(row) -> str:
    """'xã Trường Xuân', 'phường Cái Khế' ('phường 5', not 'phường Phường 5'): the commune with its
    type, as a sentence writes it."""
    kind, name = str(row.wardType).lower(), str(row.wardShort)
    return f"{kind} {name[len(kind) + 1:]}" if fold(name).startswith(fold(kind) + " ") else f"{kind} {name}"


@dataclass(frozen=True)
class _Found:
    row: object | None                 # the gazetteer row, or None
    problem: str | None = None
    approximate: bool = False
    ambiguous: bool = False


class _Index:
    """One list of communes, looked up by name (exactly or nearly), type and district. Rows are
    kept as records (attribute access, like the table's rows) grouped by name: a lookup is a dict
    access and a few comparisons, not a filter of the table."""

    def __init__(self, table: pd.DataFrame, where: str):
        self.table, self.where = table, where
        self._wards: dict[str, list] = {}
        for row in table.itertuples(index=False):
            self._wards.setdefault(row.ward_key, []).append(row)
        self._ward_keys = sorted(self._wards)
        self.district_names = dict(zip(table["district_key"], table["districtShort"]))

    def _pick(self, ward_key: str, wanted_district: str) -> list:
        candidates = self._wards[ward_key]
        if wanted_district:
            candidates = [row for row in candidates if row.district_key == wanted_district]
        return candidates

    def find(self, commune, district, fuzzy: bool) -> _Found:
        key, wanted = commune_key(commune), district_key(district)
        approximate = False
        if key not in self._wards:
            best = process.extractOne(key, self._ward_keys, scorer=fuzz.ratio) if fuzzy else None
            if not best or best[1] < FUZZY_PLACE_SCORE:
                return _Found(None)
            key, approximate = best[0], True
        candidates = self._pick(key, wanted)
        chosen_type = commune_type(commune) or PREFERRED_TYPE
        typed = [row for row in candidates if row.type_key == chosen_type]
        if len(candidates) > 1 and len(typed) == 1:
            candidates = typed
        if not candidates:
            candidates = self._pick(key, "")
            if len(candidates) == 1:
                found = candidates[0]
                return _Found(found, f"'{nfc(commune)}' thuộc {found.districtType.lower()} {found.districtShort}, "
                                     f"không phải '{nfc(district)}'", True)
        if len(candidates) != 1:
            names = ", ".join(sorted(row.districtShort for row in candidates))
            return _Found(None, f"Xã/phường '{nfc(commune)}' có ở nhiều quận/huyện ({names}): hãy ghi rõ quận/huyện",
                          ambiguous=True)
        found = candidates[0]
        problem = (f"'{nfc(commune)}' gần giống {found.wardType.lower()} {found.wardShort}: đã hiểu là nơi đó"
                   if approximate else None)
        return _Found(found, problem, approximate)


@lru_cache(maxsize=4096)
def _converted(province_name: str, ward: str, district: str) -> tuple[str, bool]:
    """The 2025-map code of a 2024-map commune (`vietnamadminunits.convert_address`), and whether
    the old commune was divided between several new ones (then its main part's is given)."""
    from vietnamadminunits import convert_address
    from vietnamadminunits.converter.converter_2025 import DICT_PROVINCE_WARD_DIVIDED

    unit = convert_address(f"{ward}, {district}, {province_name}")
    old = unit.OldAdminUnit
    old_key = f"{old.province_key}_{old.district_key}_{old.ward_key}"
    divided = any(old_key in wards for wards in DICT_PROVINCE_WARD_DIVIDED.values())
    return unit.ward_code, divided


@lru_cache(maxsize=1)
def _current_by_code() -> dict[str, object]:
    """Every commune of the 2025 map by its code."""
    table = _keyed(_query(_select(CURRENT_MAP)))
    return {row.wardCode: row for row in table.itertuples(index=False)}


def _successor_row(old) -> tuple[object | None, bool]:
    """The 2025-map row a 2024-map row became, and whether the old commune was divided."""
    code, divided = _converted(old.province, old.ward, old.district)
    return _current_by_code().get(code), divided


class PlaceResolver:
    """Resolves (commune, district) as units write them against the plan's map."""

    def __init__(self, province: str, admin_map: str = LEGACY_MAP):
        self.province, self.admin_map = province, admin_map
        self._index = _Index(gazetteer(province, admin_map), province)
        self._old = _Index(predecessors(province), province) if admin_map == CURRENT_MAP else None
        self.resolve = lru_cache(maxsize=None)(self._resolve)

    def _match(self, row, problem: str | None = None, approximate: bool = False) -> PlaceMatch:
        return PlaceMatch(row.wardShort, row.districtShort or "", row.wardCode, problem, approximate)

    def _resolve(self, commune, district) -> PlaceMatch:
        if is_blank(commune):
            return PlaceMatch(None, self._index.district_names.get(district_key(district)), None,
                              "Thiếu tên xã/phường")
        current = self._index.find(commune, "" if self._old else district, fuzzy=False)
        if current.row is not None or current.ambiguous:
            return self._found(commune, district, current)
        if self._old is not None:
            old = self._old.find(commune, district, fuzzy=False)
            if old.row is not None or old.ambiguous:
                return self._convert(commune, district, old)
        near = self._index.find(commune, "" if self._old else district, fuzzy=True)
        if near.row is not None:
            return self._found(commune, district, near)
        if self._old is not None:
            old = self._old.find(commune, district, fuzzy=True)
            if old.row is not None:
                return self._convert(commune, district, old)
        return PlaceMatch(nfc(commune), nfc(district) or None, None,
                          f"Không tìm thấy xã/phường '{nfc(commune)}' ở {self.province} "
                          f"(danh mục hành chính {self.admin_map})")

    def _found(self, commune, district, found: _Found) -> PlaceMatch:
        if found.row is None:
            return PlaceMatch(nfc(commune), nfc(district) or None, None, found.problem)
        return self._match(found.row, found.problem, found.approximate)

    def _convert(self, commune, district, old: _Found) -> PlaceMatch:
        if old.row is None:
            return PlaceMatch(nfc(commune), nfc(district) or None, None,
                              f"{old.problem} (tên trước {REORGANISED})")
        new, divided = _successor_row(old.row)
        written = nfc(commune) + (f" ({nfc(district)})" if nfc(district) else "")
        if new is None:
            return PlaceMatch(nfc(commune), nfc(district) or None, None,
                              f"'{written}' là {full_name(old.row)} trước {REORGANISED} nhưng không tìm được nơi "
                              f"nó thuộc về từ ngày đó: hãy ghi tên xã/phường mới")
        part = " (xã cũ được chia cho nhiều nơi: đã lấy nơi nhận phần chính, hãy kiểm tra)" if divided else ""
        problem = (f"'{written}' là tên trước {REORGANISED} ({full_name(old.row)}, {str(old.row.districtType).lower()} "
                   f"{old.row.districtShort}): từ {REORGANISED} thuộc {full_name(new)}; đã tính cho {full_name(new)}"
                   f"{part}")
        return PlaceMatch(new.wardShort, "", new.wardCode, problem, old.approximate or divided, converted=True)

    def successor(self, commune, district) -> PlaceMatch | None:
        """On the 2024 map: the commune or ward of the 2025 map (commune = its full name, 'xã
        Trường Xuân') that (commune, district) became; None when it cannot be found."""
        if self.admin_map != LEGACY_MAP or is_blank(commune):
            return None
        found = self._index.find(commune, district, fuzzy=True)
        if found.row is None:
            return None
        new, divided = _successor_row(found.row)
        if new is None:
            return None
        name = full_name(new)
        return PlaceMatch(name[0].upper() + name[1:], "", new.wardCode, approximate=divided, converted=True)

    def coordinates(self, commune, district="") -> tuple[float, float] | None:
        """(latitude, longitude) of the commune on the resolver's map, None if it is not found."""
        match = self.resolve(nfc(commune), nfc(district))
        if not match.commune_code:
            return None
        rows = self._index.table[self._index.table["wardCode"] == match.commune_code]
        if rows.empty:
            return None
        return float(rows.iloc[0]["wardLat"]), float(rows.iloc[0]["wardLon"])


@lru_cache(maxsize=8)
def resolver_for(province: str, admin_map: str = LEGACY_MAP) -> PlaceResolver:
    """One resolver per province and map, shared by every caller of the process."""
    return PlaceResolver(province, admin_map)


def successors(plan: Plan, places: list[tuple[str, str]]) -> list[PlaceMatch | None]:
    """For each (commune, district) of a campaign on the 2024 map, the 2025 commune or ward it
    became (None when it cannot be found, and for every place of a campaign on the 2025 map)."""
    if plan.campaign.admin_map != LEGACY_MAP:
        return [None] * len(places)
    resolver = resolver_for(plan.campaign.province, plan.campaign.admin_map)
    return [resolver.successor(commune, district) for commune, district in places]


# --- the plan's own communes ---------------------------------------------------------------

def _focus_finding(plan: Plan, index: int, resolver: PlaceResolver) -> dict | None:
    focus = plan.focus_communes[index]
    where, quote = f"focus_communes.{index}", plan.campaign.area.statement if plan.campaign.area else focus.goal
    match = resolver.resolve(nfc(focus.commune), nfc(focus.district))
    written = focus.commune + (f" ({focus.district})" if focus.district else "")
    if not match.commune_code:
        return finding("commune_not_in_map", ERROR, where, quote,
                       f"Xã trọng điểm “{written}” không có trong danh mục hành chính {plan.campaign.admin_map} của "
                       f"{plan.campaign.province} ({match.problem}): báo cáo sẽ không nhận ra hoạt động ở xã này. "
                       f"Hãy ghi đúng tên theo danh mục (khoá campaign.admin_map).")
    if match.converted:
        return finding("commune_renamed", WARNING, where, quote,
                       f"Xã trọng điểm “{written}” ghi theo tên trước {REORGANISED}: {match.problem}. Hãy ghi tên "
                       f"mới “{match.commune}” (bỏ huyện) trong kế hoạch.")
    if match.problem:
        return finding("commune_renamed", WARNING if match.approximate else NOTE, where, quote,
                       f"Xã trọng điểm “{written}”: {match.problem}.")
    return None


def _place_finding(plan: Plan, where: str, place: str, quote: str, resolver: PlaceResolver) -> dict | None:
    """A place the plan names for an event ('Xã Trường Xuân, Huyện Thới Lai'): its commune on the map."""
    commune, _, district = place.partition(",")
    match = resolver.resolve(nfc(commune), nfc(district))
    if match.commune_code and not match.converted:
        return None
    if match.commune_code:
        return finding("commune_renamed", WARNING, where, quote,
                       f"Nơi tổ chức “{place}” ghi theo tên trước {REORGANISED}: {match.problem}.")
    return finding("commune_not_in_map", WARNING, where, quote,
                   f"Nơi tổ chức “{place}” không có xã/phường nào trong danh mục hành chính "
                   f"{plan.campaign.admin_map} ({match.problem}): lịch và báo cáo không gắn được với xã nào.")


def check_plan_places(plan: Plan) -> list[dict]:
    """The plan's communes against its administrative map: a focus commune not on it (lỗi), a focus
    commune or an event's place named by a name the map no longer has (cảnh báo), an event's place
    not on it (cảnh báo). Findings for `plan.checks.check_plan(extra=…)`."""
    resolver = resolver_for(plan.campaign.province, plan.campaign.admin_map)
    found = [_focus_finding(plan, i, resolver) for i in range(len(plan.focus_communes))]
    for day in plan.key_days:
        if day.place:
            found.append(_place_finding(plan, f"key_days.{day.id}.place", day.place, day.dates[0].statement, resolver))
    for where, assignment in plan.all_assignments():
        if assignment.place:
            found.append(_place_finding(plan, f"{where}.place", assignment.place, assignment.statement, resolver))
    return [f for f in found if f]


# --- coordinates ---------------------------------------------------------------------------

def commune_coordinates(province: str, commune: str, district: str = "",
                        admin_map: str = LEGACY_MAP) -> tuple[float, float] | None:
    """(latitude, longitude) of a commune of `province` on the 2024 or 2025 map, from
    `vietnamadminunits`' database; None when the commune is not found. The commune map of the
    workload report places each row of `workload_commune` with it."""
    return resolver_for(province, admin_map).coordinates(commune, district)


@lru_cache(maxsize=8)
def commune_points(province: str, admin_map: str = LEGACY_MAP) -> pd.DataFrame:
    """Each commune of the province on the plan's map with its point, and its district's centre
    (the mean of its communes' points; blank on the 2025 map, which has no districts): ward_key,
    district_key, commune, district, lat, lon, district_lat, district_lon. For maps drawn without
    tiles (offline)."""
    table = gazetteer(province, admin_map)
    points = pd.DataFrame({
        "ward_key": table["ward_key"], "district_key": table["district_key"],
        "commune": table["wardShort"], "district": table["districtShort"].fillna(""),
        "lat": pd.to_numeric(table["wardLat"], errors="coerce"),
        "lon": pd.to_numeric(table["wardLon"], errors="coerce"),
    }).dropna(subset=["lat", "lon"]).drop_duplicates(["ward_key", "district_key"]).reset_index(drop=True)
    centres = points.groupby("district")[["lat", "lon"]].transform("mean")
    points["district_lat"], points["district_lon"] = centres["lat"], centres["lon"]
    return points
