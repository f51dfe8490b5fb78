"""The units of the bloc: the Unit record, the registry the sample is made of, and its workbook.

`make_registry` turns the base units of the plan (`Facts.base_units`) into Unit records, adding
synthetic units DV001… when the campaign is scaled up; `contract` shortens a unit's name with the
glossary's abbreviations (one way units write their own name); `write_registry` writes the unit
registry don_vi.xlsx.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from .facts import HA_TANG, KINH_TE, NOI_CHINH, VHXH, Y_TE, Facts
from .rendering import Grid
from .writers import write_xlsx

# how many activities a unit holds, relative to the others, by its kind
KIND_WEIGHT = {"ĐCS": 1.2, "CĐCS": 0.8, "Chi đoàn": 0.6}

# glossary abbreviations, long form → short form (units contract names with these)
CONTRACTIONS = [
    ("Chi đoàn cơ sở", "CĐCS"), ("Đoàn cơ sở", "ĐCS"), ("Bệnh viện", "BV"), ("thành phố Cần Thơ", "TPCT"),
    ("Lao động, Thương binh và Xã hội", "LĐTBXH"), ("Khoa học và Công nghệ", "KH&CN"),
    ("Thông tin và Truyền thông", "TT&TT"), ("Ủy ban nhân dân", "UBND"), ("Giao thông vận tải", "GTVT"),
    ("Quản lý thị trường", "QLTT"), ("Phát thanh và Truyền hình", "PT-TH"), ("Răng hàm mặt", "RHM"),
]


def contract(name: str) -> str:
    """A unit name shortened with the glossary's abbreviations ("Đoàn cơ sở Bệnh viện …" → "ĐCS BV …")."""
    for long, short in CONTRACTIONS:
        name = name.replace(long, short)
    return name


@dataclass
class Unit:
    """A unit of the bloc, with how it behaves in the sample (profile, registers) and writes (style)."""
    id: str
    kind: str
    name: str
    cluster: str
    sector: str
    aliases: list
    profile: str = "regular"
    registers: bool = True
    weight: float = 1.0
    style: dict = field(default_factory=dict)

    def contracted_name(self) -> str:
        """The unit's name written with the glossary's abbreviations (see `contract`)."""
        return contract(self.name)


def make_registry(f: Facts, rng: random.Random, scale: float) -> list[Unit]:
    """The units of the bloc, plus synthetic DV001… units when scale > 1."""
    units = []
    for uid, kind, name, cluster, sector, aliases in f.base_units:
        weight = KIND_WEIGHT[kind] * (1.5 if sector == Y_TE and "Bệnh viện" in name else 1.0)
        units.append(Unit(uid, kind, name, f"Cụm {cluster}", sector, list(aliases), f.profile.get(uid, "regular"),
                          uid not in f.not_registered, weight))
    n_total = max(len(units), round(len(f.base_units) * scale ** (1 / 3)))
    sectors = [KINH_TE, VHXH, NOI_CHINH, HA_TANG, Y_TE]
    for i in range(1, n_total - len(f.base_units) + 1):
        kind = rng.choice(["ĐCS", "CĐCS", "CĐCS", "Chi đoàn"])
        long = {"ĐCS": "Đoàn cơ sở", "CĐCS": "Chi đoàn cơ sở", "Chi đoàn": "Chi đoàn"}[kind]
        uid = f"DV{i:03d}"
        name = f"{long} Đơn vị mô phỏng số {i:03d} thành phố Cần Thơ"
        aliases = [f"{kind} Đơn vị mô phỏng {i:03d}", f"{kind} ĐV{i:03d}"]
        r = rng.random()
        profile = "never" if r < 0.08 else "once" if r < 0.10 else "cumulative" if r < 0.13 else \
            "phase" if r < 0.18 else "regular"
        units.append(Unit(uid, kind, name, f"Cụm {i % 5 + 1}", rng.choice(sectors), aliases, profile,
                          rng.random() < 0.8, KIND_WEIGHT[kind]))
    return units


def write_registry(f: Facts, out: Path, units: list[Unit]) -> None:
    """The unit registry, don_vi.xlsx: one row per unit, its aliases joined by ";"."""
    g = Grid("Đơn vị")
    g.header_row = 0
    g.rows.append(["Mã đơn vị", "Tên đơn vị", "Loại", "Cụm thi đua", "Khối", "Tên gọi khác"])
    for u in units:
        g.rows.append([u.id, u.name, u.kind, u.cluster, u.sector, ";".join(u.aliases)])
    g.widths = [12, 70, 10, 12, 20, 90]
    write_xlsx(out / "don_vi.xlsx", [g], f.start)
