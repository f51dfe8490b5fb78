"""Sinh bộ dữ liệu mẫu (giả lập) cho chiến dịch "Kỳ nghỉ hồng" 2024.

Make the synthetic sample campaign the kit is tested and demonstrated on:

    python scripts/make_sample_data.py                      # → data/sample/
    python scripts/make_sample_data.py --out /tmp/big --scale 200   # ≈ 100 000 report rows

It writes, under --out:

* ``don_vi.xlsx``            the unit registry (every unit the plan names, plus others of the bloc);
* ``dang_ky/``               registrations, one workbook per unit (.xlsx, one .xls, one .ods);
* ``bao_cao/``               weekly / per-phase activity reports, one workbook per unit;
* ``expected_counts.json``   what a correct ingest must find (fates of every row, totals, periods);
* ``README.md``              a Vietnamese description with the table of deliberate mistakes.

Everything is synthetic and seeded: the same ``--seed`` and ``--scale`` give byte-identical
spreadsheet contents. No real person's phone or e-mail appears (fake ``0909 000 ...`` numbers and
``@example.com`` addresses only). Generation is split into small steps: registry → activities →
report sends → calibration → messiness → rendering (grids) → writers → expectations.

The data contract is ../shared/data-contract.md; "rows" in expected_counts.json are 1-based sheet
row numbers as Excel shows them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Facts of the plan (only what the generator needs; the kit reads the real plan file)
# ---------------------------------------------------------------------------------------------

CAMPAIGN_START = dt.date(2024, 6, 1)
CAMPAIGN_END = dt.date(2024, 8, 31)
SATURDAYS = [CAMPAIGN_START + dt.timedelta(days=7 * i) for i in range(14)]  # 01/6 … 31/8
WEEKLY_DEADLINE = dt.time(17, 0)
REGISTRATION_DEADLINE = dt.date(2024, 6, 15)
PERIODS = {"dot1": dt.date(2024, 6, 23), "dot2": dt.date(2024, 7, 23), "tongket": dt.date(2024, 8, 20)}

# id: (full name as in plan section IV, shortened names units write — each one of the plan file's
# short_names, data/plans/ky-nghi-hong-2024.yaml —, start, end)
PROGRAMS = {
    "P1": ("Cán bộ công chức, viên chức trẻ tình nguyện hành động vì trẻ em",
           ["Hành động vì trẻ em"], dt.date(2024, 6, 1), dt.date(2024, 6, 30)),
    "P2": ("Ngày hội Thầy thuốc trẻ làm theo lời Bác tình nguyện vì sức khoẻ cộng đồng",
           ["Ngày hội thầy thuốc trẻ", "Thầy thuốc trẻ"], dt.date(2024, 6, 1), dt.date(2024, 8, 31)),
    "P3": ("Tuổi trẻ Khối cơ quan Dân Chính Đảng thành phố Cần Thơ hướng về biên giới, biển đảo",
           ["Biên giới, biển đảo", "Hướng về biên giới"], dt.date(2024, 6, 1), dt.date(2024, 8, 31)),
    "P4": ("Tuổi trẻ Khối cơ quan Dân Chính Đảng thành phố Cần Thơ đền ơn đáp nghĩa, uống nước nhớ nguồn",
           ["Đền ơn đáp nghĩa"], dt.date(2024, 7, 1), dt.date(2024, 7, 31)),
    "P5": ("Tuổi trẻ Khối cơ quan Dân Chính Đảng thành phố Cần Thơ thi đua góp phần xây dựng nông thôn mới, "
           "đô thị văn minh", ["Nông thôn mới, đô thị văn minh"], dt.date(2024, 6, 15), dt.date(2024, 8, 10)),
    "P6": ("Cán bộ, công chức, viên chức trẻ xung kích tình nguyện giải quyết thủ tục hành chính cho "
           "Doanh nghiệp và người dân", ["Giải quyết thủ tục hành chính", "Ngày thứ 7 tình nguyện"],
           dt.date(2024, 6, 1), dt.date(2024, 8, 31)),
    "P7": ("Tọa đàm giữa lãnh đạo Đảng ủy Khối và thanh niên", ["Tọa đàm"], dt.date(2024, 6, 1), dt.date(2024, 6, 30)),
    "P8": ("Tuổi trẻ Khối cơ quan Dân Chính Đảng thành phố Cần Thơ thi đua chuyển đổi số các hoạt động của Đoàn",
           ["Chuyển đổi số", "Tuổi trẻ sáng tạo"], dt.date(2024, 8, 1), dt.date(2024, 8, 31)),
    "P9": ("Thanh niên Khối cơ quan Dân Chính Đảng thành phố Cần Thơ hội tụ và hội nhập",
           ["Hội tụ và hội nhập"], dt.date(2024, 8, 1), dt.date(2024, 8, 31)),
}

# id, header (contract), unit word written after numbers, target, decimals
INDICATORS = [
    ("CT01", "Số lượt ĐVTN tham gia", "lượt", 2000, 0),
    ("CT02", "Tuyến phố văn minh", "tuyến", 1, 0),
    ("CT03", "Nhà nhân ái/tình nghĩa/khăn quàng đỏ", "căn", 1, 0),
    ("CT04", "Cây xanh trồng mới", "cây", 1000, 0),
    ("CT05a", "Đường GTNT sửa chữa (km)", "km", 5, 1),
    ("CT05b", "Đường GTNT làm mới (km)", "km", 5, 1),
    ("CT06", "Ý tưởng, sáng kiến được hỗ trợ", "ý tưởng", 200, 0),
    ("CT07", "Lượt hỗ trợ năng lực số", "lượt", 1000, 0),
    ("CT08a", "Lượt tư vấn hướng nghiệp, việc làm", "lượt", 500, 0),
    ("CT08b", "Thanh niên được giới thiệu việc làm", "người", 200, 0),
    ("CT09", "Lượt thanh thiếu nhi học ngoại ngữ, hội nhập", "lượt", 500, 0),
    ("CT10", "Thiếu nhi khó khăn được hỗ trợ", "em", 800, 0),
]
IND_IDS = [i[0] for i in INDICATORS]
IND_HEADER = {i[0]: i[1] for i in INDICATORS}
IND_WORD = {i[0]: i[2] for i in INDICATORS}
IND_TARGET = {i[0]: i[3] for i in INDICATORS}
IND_DECIMALS = {i[0]: i[4] for i in INDICATORS}
# where the synthetic campaign should land at scale 1 (ratio to target): some met, some behind
DESIRED_RATIO = {"CT01": 1.18, "CT04": 0.86, "CT05a": 1.22, "CT05b": 0.72, "CT06": 0.74, "CT07": 1.14,
                 "CT08a": 1.08, "CT08b": 0.68, "CT09": 1.12, "CT10": 1.14}

# commune, kind (xã/phường), district, district kind, focus commune of the plan
COMMUNES = [
    ("Thạnh Quới", "xã", "Vĩnh Thạnh", "huyện", True),
    ("Trung Hưng", "xã", "Cờ Đỏ", "huyện", True),
    ("Trường Xuân", "xã", "Thới Lai", "huyện", True),
    ("Tân Thới", "xã", "Phong Điền", "huyện", True),
    ("Thới Hưng", "xã", "Cờ Đỏ", "huyện", False),
    ("Trung An", "xã", "Cờ Đỏ", "huyện", False),
    ("Nhơn Ái", "xã", "Phong Điền", "huyện", False),
    ("Giai Xuân", "xã", "Phong Điền", "huyện", False),
    ("Trường Thành", "xã", "Thới Lai", "huyện", False),
    ("Đông Thuận", "xã", "Thới Lai", "huyện", False),
    ("Thạnh An", "xã", "Vĩnh Thạnh", "huyện", False),
    ("Thạnh Lộc", "xã", "Vĩnh Thạnh", "huyện", False),
    ("An Khánh", "phường", "Ninh Kiều", "quận", False),
    ("Xuân Khánh", "phường", "Ninh Kiều", "quận", False),
    ("Hưng Lợi", "phường", "Ninh Kiều", "quận", False),
    ("Long Hòa", "phường", "Bình Thủy", "quận", False),
    ("Bùi Hữu Nghĩa", "phường", "Bình Thủy", "quận", False),
    ("Tân Phú", "phường", "Cái Răng", "quận", False),
    ("Hưng Phú", "phường", "Cái Răng", "quận", False),
    ("Châu Văn Liêm", "phường", "Ô Môn", "quận", False),
    ("Thuận Hưng", "phường", "Thốt Nốt", "quận", False),
]
COMMUNE_INDEX = {c[0]: i for i, c in enumerate(COMMUNES)}
FOCUS = [i for i, c in enumerate(COMMUNES) if c[4]]
RURAL = [i for i, c in enumerate(COMMUNES) if c[1] == "xã" and not c[4]]
URBAN = [i for i, c in enumerate(COMMUNES) if c[1] == "phường"]

# ---------------------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------------------

Y_TE, KINH_TE, VHXH, NOI_CHINH, HA_TANG, DANG = (
    "Y tế", "Kinh tế", "Văn hóa - Xã hội", "Nội chính", "Kỹ thuật - Hạ tầng", "Đảng - Đoàn thể")

# id, kind, full name, cluster, sector, aliases
BASE_UNITS = [
    # named in the plan
    ("SLDTBXH", "ĐCS", "Đoàn cơ sở Sở Lao động, Thương binh và Xã hội thành phố Cần Thơ", 2, VHXH,
     ["ĐCS Sở LĐTBXH", "ĐCS Sở LĐ-TB&XH", "Đoàn cơ sở Sở Lao động, Thương binh và Xã hội TPCT",
      "ĐCS Sở Lao động - Thương binh và Xã hội thành phố"]),
    ("BVDK", "ĐCS", "Đoàn cơ sở Bệnh viện Đa khoa thành phố Cần Thơ", 1, Y_TE,
     ["BV Đa khoa TPCT", "ĐCS BVĐK", "ĐCS Bệnh viện Đa khoa thành phố Cần Thơ"]),
    ("BVTM", "ĐCS", "Đoàn cơ sở Bệnh viện Tim mạch thành phố Cần Thơ", 1, Y_TE,
     ["BV Tim mạch TPCT", "ĐCS BV Tim mạch", "ĐCS Bệnh viện Tim mạch TPCT"]),
    ("BVMRHM", "CĐCS", "Chi đoàn cơ sở Bệnh viện Mắt – Răng hàm mặt thành phố Cần Thơ", 1, Y_TE,
     ["BV Mắt - RHM", "CĐCS BV Mắt – RHM TPCT", "CĐCS Bệnh viện Mắt – Răng hàm mặt thành phố Cần Thơ"]),
    ("BVHHTM", "ĐCS", "Đoàn cơ sở Bệnh viện Huyết học – Truyền máu thành phố Cần Thơ", 1, Y_TE,
     ["ĐCS Bệnh viện Huyết học truyền máu TPCT", "BV Huyết học - Truyền máu", "BV HHTM"]),
    ("BVUB", "ĐCS", "Đoàn cơ sở Bệnh viện Ung bướu thành phố Cần Thơ", 1, Y_TE,
     ["ĐCS Bệnh viện Ung bướu TPCT", "BV Ung bướu TPCT"]),
    ("BVPS", "ĐCS", "Đoàn cơ sở Bệnh viện Phụ sản thành phố Cần Thơ", 1, Y_TE,
     ["ĐCS Bệnh viện Phụ sản TPCT", "BV Phụ sản TPCT"]),
    ("BVND", "ĐCS", "Đoàn cơ sở Bệnh viện Nhi đồng thành phố Cần Thơ", 1, Y_TE,
     ["ĐCS Bệnh viện Nhi đồng TPCT", "BV Nhi đồng TPCT"]),
    ("KDTU", "Chi đoàn", "Chi đoàn Khối Đảng khu vực Thành ủy", 5, DANG,
     ["CĐCS Khối Đảng khu vực Thành ủy Cần Thơ", "Chi đoàn Khối Đảng khu vực Thành ủy Cần Thơ",
      "Chi đoàn Khối Đảng Thành ủy"]),
    ("SXD", "ĐCS", "Đoàn cơ sở Sở Xây dựng thành phố Cần Thơ", 4, HA_TANG,
     ["ĐCS Sở Xây dựng thành phố", "ĐCS Sở Xây dựng TPCT", "Sở XD Cần Thơ"]),
    ("SKHCN", "ĐCS", "Đoàn cơ sở Sở Khoa học và Công nghệ thành phố Cần Thơ", 4, HA_TANG,
     ["ĐCS Sở KH&CN", "ĐCS Sở Khoa học và Công nghệ TPCT", "Sở KHCN Cần Thơ"]),
    ("STTTT", "CĐCS", "Chi đoàn cơ sở Sở Thông tin và Truyền thông thành phố Cần Thơ", 4, VHXH,
     ["CĐCS Sở TT&TT", "CĐCS Sở TTTT", "CĐCS Sở Thông tin truyền thông thành phố",
      "Chi đoàn cơ sở Sở Thông tin và Truyền thông TP Cần Thơ"]),
    ("VPUBND", "CĐCS", "Chi đoàn cơ sở Văn phòng Ủy ban nhân dân thành phố Cần Thơ", 5, NOI_CHINH,
     ["CĐCS Ủy ban nhân dân thành phố Cần Thơ", "CĐCS UBND TP", "CĐCS Văn phòng UBND TPCT"]),
    ("CHQ", "CĐCS", "Chi đoàn cơ sở Cục Hải quan thành phố Cần Thơ", 3, KINH_TE,
     ["CĐCS Cục Hải quan TPCT", "Cục Hải quan Cần Thơ"]),
    ("CTHUE", "ĐCS", "Đoàn cơ sở Cục Thuế thành phố Cần Thơ", 3, KINH_TE,
     ["ĐCS Cục thuế TP Cần Thơ", "Cục Thuế TPCT"]),
    ("TTCLV6", "CĐCS", "Chi đoàn cơ sở Trung tâm Chất lượng, Chế biến và Phát triển thị trường vùng 6", 3, KINH_TE,
     ["CĐCS Trung tâm Chất lượng, Chế biến và Phát triển thị trường vùng 6", "Trung tâm vùng 6"]),
    ("CQLTT", "CĐCS", "Chi đoàn cơ sở Cục Quản lý thị trường thành phố Cần Thơ", 3, KINH_TE,
     ["CĐCS Cục QLTT", "CĐCS Cục Quản lý thị trường thành phố Cần Thơ", "Cục QLTT TPCT"]),
    ("SGTVT", "ĐCS", "Đoàn cơ sở Sở Giao thông vận tải thành phố Cần Thơ", 4, HA_TANG,
     ["ĐCS Sở GTVT", "ĐCS Sở Giao thông vận tải TPCT"]),
    ("SNV", "CĐCS", "Chi đoàn cơ sở Sở Nội vụ thành phố Cần Thơ", 5, NOI_CHINH,
     ["CĐCS Sở Nội vụ TPCT", "CĐCS Sở Nội vụ"]),
    ("LHHN", "CĐCS", "Chi đoàn cơ sở Liên hiệp các tổ chức hữu nghị thành phố Cần Thơ", 2, VHXH,
     ["Chi Đoàn cơ sở Liên hiêp các tổ chức hữu nghị thành phố Cần Thơ", "CĐCS Liên hiệp các tổ chức hữu nghị",
      "Liên hiệp các TCHN TPCT"]),
    ("SNGV", "CĐCS", "Chi đoàn cơ sở Sở Ngoại vụ thành phố Cần Thơ", 2, VHXH,
     ["CĐCS Sở Ngoại vụ thành phố Cần Thơ", "CĐCS Sở Ngoại vụ TPCT"]),
    ("PTTH", "Chi đoàn", "Chi đoàn Đài Phát thanh và Truyền hình thành phố Cần Thơ", 4, VHXH,
     ["Chi đoàn Đài PT-TH TPCT", "Chi đoàn Đài Phát thanh và truyền hình thành phố Cần Thơ", "Đài PTTH Cần Thơ"]),
    # other agencies of the bloc
    ("STC", "CĐCS", "Chi đoàn cơ sở Sở Tài chính thành phố Cần Thơ", 3, KINH_TE, ["CĐCS Sở Tài chính TPCT"]),
    ("STP", "CĐCS", "Chi đoàn cơ sở Sở Tư pháp thành phố Cần Thơ", 5, NOI_CHINH, ["CĐCS Sở Tư pháp TPCT"]),
    ("SKHDT", "CĐCS", "Chi đoàn cơ sở Sở Kế hoạch và Đầu tư thành phố Cần Thơ", 3, KINH_TE,
     ["CĐCS Sở KH&ĐT", "CĐCS Sở Kế hoạch và Đầu tư TPCT"]),
    ("STNMT", "ĐCS", "Đoàn cơ sở Sở Tài nguyên và Môi trường thành phố Cần Thơ", 4, HA_TANG,
     ["ĐCS Sở TN&MT", "ĐCS Sở Tài nguyên và Môi trường TPCT"]),
    ("SNNPTNT", "ĐCS", "Đoàn cơ sở Sở Nông nghiệp và Phát triển nông thôn thành phố Cần Thơ", 4, HA_TANG,
     ["ĐCS Sở NN&PTNT", "ĐCS Sở Nông nghiệp và PTNT TPCT"]),
    ("SGDDT", "ĐCS", "Đoàn cơ sở Sở Giáo dục và Đào tạo thành phố Cần Thơ", 2, VHXH,
     ["ĐCS Sở GD&ĐT", "ĐCS Sở Giáo dục và Đào tạo TPCT"]),
    ("SYT", "CĐCS", "Chi đoàn cơ sở Sở Y tế thành phố Cần Thơ", 2, Y_TE, ["CĐCS Sở Y tế TPCT"]),
    ("SCT", "CĐCS", "Chi đoàn cơ sở Sở Công Thương thành phố Cần Thơ", 3, KINH_TE, ["CĐCS Sở Công Thương TPCT"]),
    ("SVHTTDL", "ĐCS", "Đoàn cơ sở Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ", 2, VHXH,
     ["ĐCS Sở VH-TT&DL", "ĐCS Sở Văn hóa, Thể thao và Du lịch TPCT"]),
    ("BHXH", "ĐCS", "Đoàn cơ sở Bảo hiểm xã hội thành phố Cần Thơ", 3, KINH_TE, ["ĐCS BHXH TPCT", "ĐCS BHXH thành phố"]),
    ("KBNN", "CĐCS", "Chi đoàn cơ sở Kho bạc Nhà nước Cần Thơ", 3, KINH_TE, ["CĐCS KBNN Cần Thơ", "CĐCS Kho bạc Nhà nước TPCT"]),
    ("TTR", "Chi đoàn", "Chi đoàn Thanh tra thành phố Cần Thơ", 5, NOI_CHINH, ["Chi đoàn Thanh tra TPCT"]),
    ("VPDBQH", "Chi đoàn", "Chi đoàn Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố Cần Thơ", 5,
     NOI_CHINH, ["Chi đoàn VP Đoàn ĐBQH và HĐND TPCT", "Chi đoàn Văn phòng Đoàn ĐBQH và HĐND TP"]),
    ("CDC", "ĐCS", "Đoàn cơ sở Trung tâm Kiểm soát bệnh tật thành phố Cần Thơ", 2, Y_TE, ["ĐCS CDC Cần Thơ", "ĐCS Trung tâm KSBT TPCT"]),
    ("BVYHCT", "CĐCS", "Chi đoàn cơ sở Bệnh viện Y học cổ truyền thành phố Cần Thơ", 1, Y_TE,
     ["CĐCS BV Y học cổ truyền TPCT", "BV YHCT Cần Thơ"]),
    ("BVLBP", "CĐCS", "Chi đoàn cơ sở Bệnh viện Lao và Bệnh phổi thành phố Cần Thơ", 1, Y_TE,
     ["CĐCS BV Lao và Bệnh phổi TPCT", "BV Lao và Bệnh phổi Cần Thơ"]),
]

# reporting behaviour of the base units (all others: "regular")
PROFILE = {"SNGV": "never", "STP": "never", "KBNN": "never", "TTR": "never", "CQLTT": "once",
           "SNV": "cumulative", "CHQ": "cumulative", "PTTH": "phase", "SYT": "phase"}
NOT_REGISTERED = ["TTR", "KBNN", "STC", "SCT", "BHXH", "VPDBQH", "BVLBP", "CQLTT"]
KIND_WEIGHT = {"ĐCS": 1.2, "CĐCS": 0.8, "Chi đoàn": 0.6}

# glossary abbreviations, long form → short form (units contract names with these)
CONTRACTIONS = [
    ("Chi đoàn cơ sở", "CĐCS"), ("Đoàn cơ sở", "ĐCS"), ("Bệnh viện", "BV"), ("thành phố Cần Thơ", "TPCT"),
    ("Lao động, Thương binh và Xã hội", "LĐTBXH"), ("Khoa học và Công nghệ", "KH&CN"),
    ("Thông tin và Truyền thông", "TT&TT"), ("Ủy ban nhân dân", "UBND"), ("Giao thông vận tải", "GTVT"),
    ("Quản lý thị trường", "QLTT"), ("Phát thanh và Truyền hình", "PT-TH"), ("Răng hàm mặt", "RHM"),
]


@dataclass
class Unit:
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


def make_registry(rng: random.Random, scale: float) -> list[Unit]:
    """The 38 units of the bloc, plus synthetic DV001… units when scale > 1."""
    units = []
    for uid, kind, name, cluster, sector, aliases in BASE_UNITS:
        weight = KIND_WEIGHT[kind] * (1.5 if sector == Y_TE and "Bệnh viện" in name else 1.0)
        units.append(Unit(uid, kind, name, f"Cụm {cluster}", sector, list(aliases), PROFILE.get(uid, "regular"),
                          uid not in NOT_REGISTERED, weight))
    n_total = max(len(units), round(len(BASE_UNITS) * scale ** (1 / 3)))
    sectors = [KINH_TE, VHXH, NOI_CHINH, HA_TANG, Y_TE]
    for i in range(1, n_total - len(BASE_UNITS) + 1):
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


# ---------------------------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------------------------

# program, names, indicator ranges, CT01 range (None: usually not reported), weight by sector ("*" default)
TEMPLATES = [
    ("P1", ["Trao quà, học bổng cho thiếu nhi có hoàn cảnh khó khăn",
            "Tặng quà thiếu nhi có hoàn cảnh khó khăn nhân Tháng hành động vì trẻ em"],
     {"CT10": (5, 25)}, (5, 15), {"*": 3}),
    ("P1", ["Sinh hoạt hè, tuyên truyền phòng chống đuối nước cho thiếu nhi",
            "Tập huấn kỹ năng phòng chống đuối nước, xâm hại trẻ em"], {}, (6, 15), {"*": 2}),
    ("P1", ["Ngày hội đọc sách, sân chơi khoa học vui cho thiếu nhi",
            "Gian hàng sách giáo khoa, đồ chơi, quần áo miễn phí cho thiếu nhi"], {"CT10": (5, 20)}, (6, 15), {"*": 2}),
    ("P1", ["Khám sức khỏe, tư vấn dinh dưỡng cho thiếu nhi", "Khám tầm soát khuyết tật vận động cho thiếu nhi"],
     {"CT10": (10, 40)}, (8, 20), {Y_TE: 4, "*": 0}),
    ("P1", ["Sơn sửa điểm vui chơi trường mẫu giáo", "Công trình “Vì trường đẹp cho em”"], {}, (8, 20), {"*": 1}),
    ("P2", ["Ngày hội Thầy thuốc trẻ: khám bệnh, phát thuốc miễn phí", "Khám bệnh, phát thuốc miễn phí cho người dân"],
     {}, (10, 30), {Y_TE: 7, "*": 0}),
    ("P2", ["Hiến máu tình nguyện trong đoàn viên thanh niên"], {}, (15, 40), {Y_TE: 2, "*": 0.8}),
    ("P2", ["Tư vấn sức khỏe sinh sản vị thành niên", "Truyền thông phòng chống sốt xuất huyết"], {}, (6, 15), {Y_TE: 3, "*": 0}),
    ("P2", ["Đội hình “Tiếp sức người bệnh”"], {}, (5, 12), {Y_TE: 2, "*": 0}),
    ("P3", ["Tuyên truyền chủ quyền biển, đảo cho đoàn viên thanh niên",
            "Thăm, tặng quà cán bộ chiến sĩ làm nhiệm vụ tại biên giới, hải đảo"], {}, (8, 25), {"*": 1.2}),
    ("P4", ["Viếng, thắp hương, vệ sinh Nghĩa trang liệt sĩ", "Thắp nến tri ân các anh hùng liệt sĩ"], {}, (10, 30), {"*": 2}),
    ("P4", ["Thăm, tặng quà Mẹ Việt Nam anh hùng, gia đình chính sách", "Thăm, tặng quà cựu thanh niên xung phong"],
     {}, (4, 10), {"*": 2.5}),
    ("P4", ["Thăm, tặng quà trung tâm bảo trợ xã hội"], {"CT10": (5, 20)}, (5, 12), {"*": 1}),
    ("P5", ["Trồng cây xanh bảo vệ môi trường", "Ra quân trồng cây xanh “Vì một Việt Nam xanh”",
            "Trồng cây xanh tuyến đường nông thôn"], {"CT04": (20, 200)}, (8, 25), {"*": 0.45, HA_TANG: 1.2}),
    ("P5", ["Sửa chữa đường giao thông nông thôn", "Nâng cấp, sửa chữa đường GTNT"], {"CT05a": (0.2, 1.5)}, (10, 25),
     {"*": 0.6, HA_TANG: 2.5}),
    ("P5", ["Làm mới đường giao thông nông thôn", "Bê tông hóa đường GTNT"], {"CT05b": (0.2, 1.2)}, (10, 25),
     {"*": 0.35, HA_TANG: 1.8}),
    ("P5", ["Tổng vệ sinh môi trường, thu gom rác thải nhựa", "Ngày Chủ nhật xanh"], {}, (8, 25), {"*": 2}),
    ("P5", ["Thắp sáng đường quê", "Lắp đặt đèn chiếu sáng đường giao thông nông thôn"], {}, (6, 15), {"*": 0.8}),
    ("P5", ["Hướng dẫn cài đặt, sử dụng VNeID, dịch vụ công trực tuyến", "Đội hình “Chuyển đổi số cộng đồng”"],
     {"CT07": (10, 40)}, (5, 12), {"*": 1.0}),
    ("P5", ["Tập huấn chuyển giao tiến bộ khoa học kỹ thuật nông nghiệp"], {}, (5, 15), {"*": 0.4, HA_TANG: 1.5}),
    ("P6", ["Ngày thứ 7 tình nguyện: hướng dẫn thủ tục hành chính cho người dân",
            "Hỗ trợ người dân nộp hồ sơ dịch vụ công trực tuyến"], {"CT07": (10, 35)}, (5, 12),
     {"*": 1.2, KINH_TE: 3, NOI_CHINH: 2.5}),
    ("P6", ["Tư vấn hướng nghiệp, việc làm cho thanh niên", "Phiên giao dịch việc làm cho thanh niên"],
     {"CT08a": (15, 60), "CT08b": (2, 12)}, (5, 12), {"*": 0.8, VHXH: 2}),
    ("P6", ["Tuyên truyền pháp luật tại địa bàn dân cư", "Phiên tòa giả định tuyên truyền pháp luật"], {}, (6, 15),
     {"*": 0.8, NOI_CHINH: 2}),
    ("P7", ["Hội nghị cấp ủy đối thoại với đoàn viên thanh niên"], {"CT06": (1, 5)}, (10, 30), {"*": 0.5}),
    ("P8", ["Tập huấn kỹ năng số cho đoàn viên thanh niên", "Hỗ trợ chuyển đổi số hoạt động chi đoàn"],
     {"CT07": (10, 35)}, (5, 15), {"*": 1.0}),
    ("P8", ["Cuộc thi ý tưởng sáng tạo trong đoàn viên thanh niên", "Hỗ trợ hiện thực hóa sáng kiến của đoàn viên"],
     {"CT06": (3, 15)}, (5, 15), {"*": 1.3}),
    ("P8", ["Tư vấn định hướng nghề nghiệp ngành công nghệ"], {"CT08a": (15, 40), "CT08b": (1, 6)}, (5, 12), {"*": 0.5}),
    ("P9", ["Lớp tiếng Anh hè cho thiếu nhi", "Câu lạc bộ ngoại ngữ cho thanh thiếu nhi"], {"CT09": (20, 60)}, (3, 10),
     {"*": 1}),
    ("P9", ["Giao lưu văn hóa, thể thao với thanh niên quốc tế"], {"CT09": (10, 40)}, (10, 25), {"*": 0.6}),
    ("P9", ["Tập huấn đối ngoại nhân dân cho đoàn viên thanh niên"], {}, (10, 30), {"*": 0.5}),
]

# the plan's assignments and key days, as activities of the named units
# unit, program, name, date, commune, {indicator: value}, kinh phí, note
SPECIALS = [
    ("SLDTBXH", "P1", "Ngày cao điểm chiến sỹ tình nguyện hỗ trợ thiếu nhi có hoàn cảnh khó khăn", (6, 1), "Thạnh Quới",
     {"CT01": 35, "CT10": 120}, 30_000_000, "Đăng cai cấp Khối"),
    ("SLDTBXH", "P1", "Trao tặng nhà khăn quàng đỏ cho học sinh nghèo", (6, 28), "Trung Hưng",
     {"CT01": 12, "CT03": 1}, 60_000_000, None),
    ("SXD", "P4", "Khởi công nhà nhân ái tại Lễ ra quân chiến dịch", (6, 15), "Trường Xuân", {"CT01": 20}, None,
     "Khởi công tại Lễ ra quân"),
    ("SXD", "P4", "Bàn giao nhà nhân ái cho gia đình chính sách", (7, 27), "Trường Xuân", {"CT01": 15, "CT03": 1},
     70_000_000, None),
    ("KDTU", "P4", "Vận động xã hội hóa xây dựng nhà nhân ái", (7, 27), "Trường Xuân", {"CT01": 8}, None,
     "Phối hợp ĐCS Sở Xây dựng"),
    ("BVDK", "P2", "Ngày hội Thầy thuốc trẻ làm theo lời Bác tại Lễ ra quân", (6, 15), "Trường Xuân", {"CT01": 25},
     25_000_000, "Khám, phát thuốc cho 300 lượt người dân"),
    ("BVTM", "P2", "Ngày hội Thầy thuốc trẻ làm theo lời Bác tại Lễ ra quân", (6, 15), "Trường Xuân", {"CT01": 20},
     18_000_000, "Khám, phát thuốc cho 220 lượt người dân"),
    ("BVMRHM", "P2", "Khám mắt, răng miệng miễn phí tại Lễ ra quân", (6, 15), "Trường Xuân", {"CT01": 15},
     12_000_000, "Khám cho 150 lượt người dân"),
    ("BVDK", "P2", "Ra mắt Câu lạc bộ Thầy thuốc trẻ Khối cơ quan Dân Chính Đảng", (6, 22), "An Khánh",
     {"CT01": 40}, 5_000_000, None),
    ("BVHHTM", "P2", "Ngày hội hiến máu tình nguyện vì cuộc sống cộng đồng", (8, 17), "Xuân Khánh", {"CT01": 60},
     15_000_000, "Tiếp nhận 180 đơn vị máu"),
    ("SLDTBXH", "P2", "Phối hợp tổ chức Ngày hội hiến máu tình nguyện", (8, 17), "Xuân Khánh", {"CT01": 30}, None, None),
    ("BVUB", "P2", "Khám, tầm soát ung thư miễn phí cho người dân", (7, 6), "Tân Thới", {"CT01": 18}, 20_000_000,
     "Tầm soát cho 200 lượt người dân"),
    ("BVPS", "P2", "Tư vấn chăm sóc sức khỏe sinh sản miễn phí", (6, 22), "Thạnh Quới", {"CT01": 14}, 8_000_000, None),
    ("BVTM", "P2", "Tầm soát bệnh đột quỵ, tim mạch cho đoàn viên thanh niên", (7, 13), "Hưng Lợi", {"CT01": 16},
     10_000_000, None),
    ("BVND", "P2", "Tầm soát bệnh lý trẻ em cho con em đoàn viên và trẻ em khó khăn", (7, 20), "Trung Hưng",
     {"CT01": 18, "CT10": 60}, 12_000_000, None),
    ("BVPS", "P3", "Hành trình với biển đảo quê hương", (7, 5), "Xuân Khánh", {"CT01": 20}, 40_000_000,
     "Đoàn xuất phát đi đảo Nam Du (Kiên Giang)"),
    ("KDTU", "P3", "Hành trình với biển đảo quê hương", (7, 5), "Xuân Khánh", {"CT01": 12}, 15_000_000, None),
    ("SKHCN", "P5", "Tập huấn chuyển giao tiến bộ khoa học công nghệ cho thanh niên", (7, 20), "Thạnh Quới",
     {"CT01": 25}, 10_000_000, None),
    ("SKHCN", "P8", "Ngày hội thanh niên sáng tạo", (8, 17), "Xuân Khánh", {"CT01": 60, "CT06": 40}, 35_000_000, None),
    ("SKHCN", "P8", "Hội nghị tập huấn, trang bị kiến thức thực hiện đề tài khoa học cấp cơ sở", (8, 24), "An Khánh",
     {"CT01": 45, "CT06": 18}, 8_000_000, None),
    ("STTTT", "P5", "Tuyên truyền xây dựng Chính phủ điện tử, dịch vụ công trực tuyến", (6, 29), "Tân Thới",
     {"CT01": 10, "CT07": 120}, 6_000_000, None),
    ("VPUBND", "P5", "Tuyên truyền dịch vụ công trực tuyến, thành phố thông minh", (7, 6), "Trường Xuân",
     {"CT01": 8, "CT07": 90}, 4_000_000, None),
    ("VPUBND", "P5", "Ra mắt tuyến phố văn minh “Sáng – Xanh – Sạch – Đẹp – Văn minh – An toàn”", (6, 29), "An Khánh",
     {"CT01": 30, "CT02": 1}, 25_000_000, "Ngày cao điểm xây dựng đô thị văn minh"),
    ("VPUBND", "P7", "Tọa đàm giữa lãnh đạo Đảng ủy Khối và thanh niên", (6, 27), "Xuân Khánh", {"CT01": 80, "CT06": 6},
     5_000_000, None),
    ("SNV", "P7", "Phối hợp tổ chức Tọa đàm giữa lãnh đạo Đảng ủy Khối và thanh niên", (6, 27), "Xuân Khánh",
     {"CT01": 20}, None, None),
    ("LHHN", "P9", "Giao lưu thanh niên quốc tế tại Cần Thơ", (8, 17), "Xuân Khánh", {"CT01": 30, "CT09": 60},
     12_000_000, None),
    ("LHHN", "P9", "Hội nghị tập huấn đối ngoại nhân dân", (8, 24), "An Khánh", {"CT01": 40}, 6_000_000, None),
    ("SLDTBXH", "P4", "Viếng, thắp hương, vệ sinh Nghĩa trang liệt sĩ thành phố", (7, 25), "Long Hòa", {"CT01": 60},
     5_000_000, None),
    ("SLDTBXH", "P4", "Tặng quà Mẹ Việt Nam anh hùng, gia đình có công với cách mạng", (7, 26), "Trường Thành",
     {"CT01": 10}, 20_000_000, None),
    ("SLDTBXH", "P6", "Phiên giao dịch việc làm cho thanh niên", (7, 12), "An Khánh",
     {"CT01": 15, "CT08a": 120, "CT08b": 40}, 10_000_000, None),
    ("PTTH", "P5", "Đội hình truyền thông: đưa tin, ghi hình Lễ ra quân chiến dịch", (6, 15), "Trường Xuân",
     {"CT01": 6}, None, None),
]
# "Ngày thứ 7 tình nguyện" of program 6: the plan's Saturdays 15/6, 13/7, 10/8
SATURDAY_UNITS = ["CHQ", "CTHUE", "TTCLV6", "CQLTT", "SGTVT"]
SATURDAY_DATES = [(6, 15), (7, 13), (8, 10)]


@dataclass
class Activity:
    unit: str
    program: str
    name: str
    held: dt.date
    commune: int
    values: dict           # canonical figures (indicator id → number)
    cost: int | None
    note: str | None
    key: tuple = ()
    template: int = -1     # index in TEMPLATES, -1 for plan specials


def norm(text: str) -> str:
    """What 'compared after normalisation' means here: no diacritics, no case, letters and digits only."""
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def activity_key(unit: str, held: dt.date, commune: int, name: str) -> tuple:
    return (unit, held.isoformat(), COMMUNES[commune][0], norm(name))


def weekend_days(start: dt.date, end: dt.date) -> list[dt.date]:
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return [d for d in days if d.weekday() >= 5]


PROGRAM_DAYS = {p: [v[2] + dt.timedelta(days=i) for i in range((v[3] - v[2]).days + 1)] for p, v in PROGRAMS.items()}
PROGRAM_WEEKENDS = {p: weekend_days(v[2], v[3]) for p, v in PROGRAMS.items()}


def pick_commune(rng: random.Random, program: str) -> int:
    r = rng.random()
    if program in ("P6", "P7", "P8", "P9"):
        return rng.choice(URBAN) if r < 0.55 else rng.choice(FOCUS) if r < 0.85 else rng.choice(RURAL)
    return rng.choice(FOCUS) if r < 0.58 else rng.choice(RURAL) if r < 0.85 else rng.choice(URBAN)


def template_weights(unit: Unit) -> list[float]:
    return [t[4].get(unit.sector, t[4].get("*", 0)) for t in TEMPLATES]


def make_template_activity(rng: random.Random, unit: Unit, t_index: int) -> Activity:
    program, names, ranges, ct01, _ = TEMPLATES[t_index]
    days = PROGRAM_WEEKENDS[program] if rng.random() < 0.6 else PROGRAM_DAYS[program]
    held = rng.choice(days)
    values = {}
    if ct01 and rng.random() < 0.5:
        values["CT01"] = rng.randint(*ct01)
    for ind, (lo, hi) in ranges.items():
        values[ind] = round(rng.uniform(lo, hi), 1) if IND_DECIMALS[ind] else rng.randint(lo, hi)
    cost = None if rng.random() < 0.3 else rng.randint(5, 150) * 100_000 * (3 if program == "P2" else 1)
    note = None
    if program == "P2" and "khám" in names[0].lower() and rng.random() < 0.7:
        note = f"Khám, phát thuốc cho {rng.randint(5, 30) * 10} lượt người dân"
    return Activity(unit.id, program, rng.choice(names), held, pick_commune(rng, program), values, cost, note,
                    template=t_index)


def make_activities(rng: random.Random, units: list[Unit], scale: float) -> list[Activity]:
    """Every activity held (before deciding which ones get reported): plan specials first, then templates."""
    reporting = [u for u in units if u.profile != "never"]
    total = max(len(reporting) * 2, round(400 * scale))
    by_id = {u.id: u for u in units}
    acts: list[Activity] = []
    keys: set = set()

    def add(act: Activity) -> bool:
        for attempt in range(6):
            act.key = activity_key(act.unit, act.held, act.commune, act.name)
            if act.key not in keys:
                keys.add(act.key)
                acts.append(act)
                return True
            if act.template < 0:
                break
            if attempt < 4:
                act.held = rng.choice(PROGRAM_DAYS[act.program])
            else:
                act.name = f"{act.name} (đợt {attempt})"
        return False

    for uid, program, name, (m, d), commune, values, cost, note in SPECIALS:
        if uid in by_id and by_id[uid].profile != "never":
            add(Activity(uid, program, name, dt.date(2024, m, d), COMMUNE_INDEX[commune], dict(values), cost, note))
    for uid in SATURDAY_UNITS:
        if uid in by_id and by_id[uid].profile != "never":
            for m, d in SATURDAY_DATES:
                add(Activity(uid, "P6", "Ngày thứ 7 tình nguyện giải quyết thủ tục hành chính cho nhân dân",
                             dt.date(2024, m, d), rng.choice(FOCUS + URBAN[:3]),
                             {"CT01": rng.randint(6, 14), "CT07": rng.randint(8, 25)}, None, None))
    # share the remaining activities by unit weight (largest remainder, deterministic)
    remaining = max(0, total - len(acts))
    weights = [u.weight for u in reporting]
    quotas = [remaining * w / sum(weights) for w in weights]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(reporting)), key=lambda i: (-(quotas[i] - counts[i]), reporting[i].id))
    for i in order[: remaining - sum(counts)]:
        counts[i] += 1
    for unit, n in zip(reporting, counts):
        tw = template_weights(unit)
        for _ in range(n):
            add(make_template_activity(rng, unit, rng.choices(range(len(TEMPLATES)), tw)[0]))
    return acts


# ---------------------------------------------------------------------------------------------
# Report sends and rows (specifications, before rendering)
# ---------------------------------------------------------------------------------------------

@dataclass
class RowSpec:
    kind: str                      # activity | blank | totals | reject
    activity: Activity | None = None
    values: dict | None = None     # figures this version carries (parsed meaning)
    cost: int | None = None
    reason: str | None = None      # reject reason code
    overrides: dict = field(default_factory=dict)  # column key → raw cell value written as is
    note: str | None = None
    tags: list = field(default_factory=list)
    totals: dict | None = None     # for totals rows: {"label", "mismatch": {col: (stated, computed)}}


@dataclass
class SheetSpec:
    name: str
    sent: dt.date | dt.datetime | None
    sent_cell: object = None       # how Ngày gửi is written (date, datetime or text)
    week: dt.date | None = None    # the Saturday of the weekly report it answers
    kind: str = "weekly"           # weekly | phase | final | guide
    rows: list = field(default_factory=list)
    style: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)


@dataclass
class BookSpec:
    unit: str | None
    path: str                      # relative to the campaign folder
    fmt: str                       # xlsx | xls | ods
    sheets: list = field(default_factory=list)
    tags: list = field(default_factory=list)


def week_number(saturday: dt.date) -> int:
    return SATURDAYS.index(saturday) + 1


def sent_moment(rng: random.Random, saturday: dt.date, late_ok: bool = True):
    """When a weekly report was sent: mostly Saturday before 17:00; some evenings, Sundays, Mondays."""
    r = rng.random()
    if r < 0.62:
        return saturday                                                       # date only
    if r < 0.82:
        return dt.datetime.combine(saturday, dt.time(rng.randint(8, 16), rng.choice([0, 10, 25, 40, 55])))
    if r < 0.89 or not late_ok:
        return dt.datetime.combine(saturday, dt.time(rng.randint(17, 21), rng.choice([5, 20, 45])))
    day = saturday + dt.timedelta(days=rng.choice([1, 2]))
    return day if rng.random() < 0.5 else dt.datetime.combine(day, dt.time(rng.randint(7, 20), rng.choice([0, 30])))


def sheet_name(style: str, saturday: dt.date, rng: random.Random) -> str:
    n = week_number(saturday)
    if style == "tuan_nodiac":
        return f"Tuan {n}"
    if style == "bc_date":
        return f"BC {saturday.day}-{saturday.month}"
    if style == "tuan_date":
        return f"Tuần {n} ({saturday.day}-{saturday.month})"
    if style == "dotted":
        return f"{saturday.day:02d}.{saturday.month:02d}"
    return f"Tuần {n}"


def plan_sends(rng: random.Random, unit: Unit, acts: list[Activity]) -> list[SheetSpec]:
    """Which reports a unit sends, and which activities each one lists (with repeats and corrections)."""
    acts = sorted(acts, key=lambda a: (a.held, a.key))
    sheets: list[SheetSpec] = []
    if unit.profile == "once":
        sent = dt.datetime(2024, 8, 19, 9, 15)
        sheets.append(SheetSpec("Báo cáo tổng kết", sent, week=dt.date(2024, 8, 17), kind="final",
                                rows=[RowSpec("activity", a) for a in acts if a.held <= dt.date(2024, 8, 18)]))
        return sheets
    if unit.profile == "phase":
        late_final = rng.random() < 0.5
        plan = [("Báo cáo đợt 1", dt.datetime(2024, 6, 22, 15, 30), dt.date(2024, 6, 22), "phase"),
                ("Báo cáo đợt 2", dt.date(2024, 7, 20), dt.date(2024, 7, 20), "phase"),
                ("Báo cáo tổng kết", dt.datetime(2024, 8, 19, 8, 0) if late_final else dt.datetime(2024, 8, 17, 16, 0),
                 dt.date(2024, 8, 17), "final")]
        start = dt.date(2024, 5, 31)
        for name, sent, sat, kind in plan:
            if kind == "final":
                day = sent.date() if isinstance(sent, dt.datetime) else sent
                chosen = [a for a in acts if a.held <= day]
            else:
                chosen = [a for a in acts if start < a.held <= sat]
            sheets.append(SheetSpec(name, sent, week=sat, kind=kind, rows=[RowSpec("activity", a) for a in chosen]))
            start = sat
        return sheets
    # weekly senders
    style = unit.style.get("sheet_names", "tuan")
    phase_names = unit.style.get("phase_names", False)
    pending = list(acts)
    listed: list[Activity] = []
    for sat in SATURDAYS[1:]:
        due = [a for a in pending if a.held <= sat]
        last = sat == SATURDAYS[-1]
        if not due or (not last and rng.random() > 0.8):
            continue
        name = sheet_name(style, sat, rng)
        if phase_names and sat in (dt.date(2024, 6, 22), dt.date(2024, 7, 20), dt.date(2024, 8, 17)):
            name = {6: "Báo cáo đợt 1", 7: "Báo cáo đợt 2", 8: "Báo cáo tổng kết"}[sat.month]
        sheet = SheetSpec(name, sent_moment(rng, sat, late_ok=not last), week=sat)
        if unit.profile == "cumulative":
            sheet.rows = [RowSpec("activity", a, tags=["cumulative"]) for a in listed]
            if sheet.rows:
                sheet.tags.append("cumulative")
        elif sheets:
            # a few activities of the previous sheet are sent again (corrected or unchanged)
            for a in [r.activity for r in sheets[-1].rows if r.kind == "activity"]:
                if rng.random() < 0.08 and not any(r.activity is a for r in sheet.rows):
                    sheet.rows.append(RowSpec("activity", a, tags=["resent"]))
        sheet.rows += [RowSpec("activity", a) for a in due]
        listed += due
        pending = [a for a in pending if a.held > sat]
        sheets.append(sheet)
    return sheets


def calibrate(acts: list[Activity], scale: float) -> dict:
    """Scale each indicator's figures so that the campaign lands near (some above, some below) the targets.

    The plan's own events (specials) keep their figures; only the ordinary activities are scaled.
    """
    factors = {}
    ordinary = [a for a in acts if a.template >= 0]
    for ind, ratio in DESIRED_RATIO.items():
        fixed = sum(a.values.get(ind, 0) for a in acts if a.template < 0)
        have = sum(a.values.get(ind, 0) for a in ordinary)
        if not have:
            continue
        f = max(0.2, (ratio * IND_TARGET[ind] * scale - fixed) / have)
        factors[ind] = round(f, 4)
        for a in ordinary:
            if ind in a.values:
                v = a.values[ind] * f
                a.values[ind] = max(0.1, round(v, 1)) if IND_DECIMALS[ind] else max(1, round(v))
    return factors


def perturb(rng: random.Random, values: dict) -> dict:
    """An earlier, later-corrected version of the figures."""
    out = dict(values)
    ind = rng.choice(sorted(out)) if out else None
    if ind:
        v = out[ind]
        new = round(v * rng.choice([0.6, 0.8, 1.25, 1.5]), IND_DECIMALS[ind] or None)
        out[ind] = new if new != v else (v + 1 if not IND_DECIMALS[ind] else round(v + 0.2, 1))
    return out


def finalize_versions(rng: random.Random, books: list[BookSpec]) -> None:
    """Give every row spec its figures: the latest version carries the canonical figures."""
    for book in books:
        seen: dict = {}
        for sheet in book.sheets:
            for row in sheet.rows:
                if row.kind != "activity":
                    continue
                seen.setdefault(id(row.activity), []).append(row)
        for rows in seen.values():
            a = rows[0].activity
            for i, row in enumerate(rows):
                if i == len(rows) - 1:
                    row.values, row.cost = dict(a.values), a.cost
                elif "resent" in rows[i + 1].tags and rng.random() < 0.3 or \
                        "cumulative" in rows[i + 1].tags and rng.random() < 0.8:
                    row.values, row.cost = dict(a.values), a.cost          # sent again unchanged
                else:
                    row.values, row.cost = perturb(rng, a.values), a.cost
                    rows[i + 1].note = rows[i + 1].note or ("Số liệu điều chỉnh" if rng.random() < 0.5 else None)
                    rows[i + 1].tags.append("corrects_earlier")


# ---------------------------------------------------------------------------------------------
# Styles and cell rendering (the messiness units produce)
# ---------------------------------------------------------------------------------------------

REPORT_COLS = ["stt", "unit", "sent", "program", "name", "held", "commune", "district", *IND_IDS, "cost",
               "evidence", "note"]
REG_COLS = ["stt", "unit", "sent", "program", "name", "from", "to", "commune", "district", "planned", *IND_IDS,
            "cost_plan", "note"]
HEADERS = {"stt": "STT", "unit": "Đơn vị", "sent": "Ngày gửi", "program": "Chương trình", "name": "Tên hoạt động",
           "held": "Ngày tổ chức", "commune": "Xã/Phường", "district": "Quận/Huyện", "from": "Từ ngày",
           "to": "Đến ngày", "planned": "Số lượt ĐVTN dự kiến", "cost": "Kinh phí (đồng)",
           "cost_plan": "Kinh phí dự kiến (đồng)", "evidence": "Minh chứng", "note": "Ghi chú",
           "person": "Người phụ trách", "note2": "Ghi chú thêm", **IND_HEADER}
HEADER_STYLES = ["standard", "standard", "upper", "spacing", "linebreak", "nodiac", "nfd", "punct"]
DATE_STYLES = ["excel", "excel", "excel", "dmy", "dmyy", "dash", "words", "dm_y"]
NUM_STYLES = ["num", "num", "num", "text", "units", "mixed"]
UNIT_FORMS = ["name", "name", "alias", "upper", "nodiac_alias", "nfd", "abbrev", "lower_alias", "spaces"]
COMMUNE_FORMS = ["plain", "plain", "prefix", "Prefix", "abbr", "nodiac", "upper", "nfd"]
PROGRAM_FORMS = ["num", "numtext", "id", "id", "full", "short", "mixed"]
FIRST_NAMES = ["An", "Bình", "Chi", "Dung", "Giang", "Hà", "Hải", "Khoa", "Lan", "Linh", "Minh", "Nam", "Ngọc",
               "Phúc", "Quân", "Thảo", "Trang", "Tú", "Vy", "Yến"]


def strip_marks(text: str) -> str:
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


def header_text(key: str, style: str) -> str:
    h = HEADERS[key]
    if style == "upper":
        return h.upper()
    if style == "spacing":
        return " " + h.replace(" ", "  ", 1) + " "
    if style == "linebreak":
        words = h.split(" ")
        return h if len(words) < 3 else " ".join(words[: len(words) // 2]) + "\n" + " ".join(words[len(words) // 2:])
    if style == "nodiac":
        return strip_marks(h)
    if style == "nfd":
        return unicodedata.normalize("NFD", h)
    if style == "punct":
        return h.replace("/", " / ").replace(",", "").replace("(", "- (").replace("STT", "S.T.T")
    return h


def contract(name: str) -> str:
    for long, short in CONTRACTIONS:
        name = name.replace(long, short)
    return name


def unit_text(unit: Unit, form: str, rng: random.Random) -> str:
    if form == "alias":
        return rng.choice(unit.aliases)
    if form == "upper":
        return unit.name.upper()
    if form == "nodiac_alias":
        return strip_marks(rng.choice(unit.aliases))
    if form == "nfd":
        return unicodedata.normalize("NFD", unit.name)
    if form == "abbrev":
        short = contract(unit.name)
        return short if short != unit.name else rng.choice(unit.aliases)
    if form == "lower_alias":
        return rng.choice(unit.aliases).lower()
    if form == "spaces":
        return "  " + unit.name.replace(" ", "  ", 2) + " "
    return unit.name


def commune_text(ci: int, form: str) -> str:
    name, kind = COMMUNES[ci][0], COMMUNES[ci][1]
    if form == "prefix":
        return f"{kind} {name}"
    if form == "Prefix":
        return f"{kind.capitalize()} {name}"
    if form == "abbr":
        return f"{'X.' if kind == 'xã' else 'P.'} {name}"
    if form == "nodiac":
        return strip_marks(name).lower()
    if form == "upper":
        return name.upper()
    if form == "nfd":
        return unicodedata.normalize("NFD", f"{kind} {name}")
    return name


def district_text(ci: int, form: str) -> str:
    name, kind = COMMUNES[ci][2], COMMUNES[ci][3]
    if form in ("prefix", "Prefix"):
        return f"{kind} {name}" if form == "prefix" else f"{kind.capitalize()} {name}"
    if form == "abbr":
        return f"{'H.' if kind == 'huyện' else 'Q.'} {name}"
    if form == "nodiac":
        return strip_marks(name)
    if form == "upper":
        return name.upper()
    if form == "nfd":
        return unicodedata.normalize("NFD", name)
    return name


def program_cell(pid: str, form: str, rng: random.Random):
    if form == "mixed":
        form = rng.choice(["num", "numtext", "id", "short"])
    n = int(pid[1:])
    if form == "num":
        return n
    if form == "numtext":
        return str(n)
    if form == "full":
        return PROGRAMS[pid][0]
    if form == "short":
        return rng.choice(PROGRAMS[pid][1])
    return pid


def date_cell(d: dt.date, style: str):
    if style == "dmy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmyy":
        return f"{d.day}/{d.month}/{d.year % 100:02d}"
    if style == "dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "words":
        return f"ngày {d.day} tháng {d.month} năm {d.year}"
    if style == "dm_y":
        return f"{d.day}/{d.month}/{d.year}"
    return d


def vn_number(v: float, decimals: int) -> str:
    """1000 → '1.000'; 2.5 → '2,5'."""
    if decimals:
        whole, frac = f"{v:.{decimals}f}".split(".")
        frac = frac.rstrip("0")
        whole = f"{int(whole):,}".replace(",", ".")
        return whole + ("," + frac if frac else "")
    return f"{int(round(v)):,}".replace(",", ".")


def number_cell(v, ind: str, style: str, rng: random.Random):
    if v is None:
        return None
    if style == "mixed":
        style = rng.choice(["num", "text", "units"])
    dec = IND_DECIMALS[ind]
    if style == "text":
        return vn_number(v, dec)
    if style == "units":
        return f"{vn_number(v, dec)} {IND_WORD[ind]}"
    return float(v) if dec else int(v)


def cost_cell(v, style: str, rng: random.Random):
    if v is None:
        return None
    if style == "num":
        return v
    r = rng.random()
    if r < 0.5:
        return vn_number(v, 0)
    if r < 0.8:
        return vn_number(v, 0) + " đồng"
    return vn_number(v, 0) + ",00"


@dataclass
class Grid:
    """A sheet as written: rows of cells, merged ranges, and the fate record of every data row."""
    name: str
    rows: list = field(default_factory=list)
    merges: list = field(default_factory=list)      # (r1, c1, r2, c2)
    header_row: int | None = None                   # 0-based
    wrap_header: bool = False
    widths: list = field(default_factory=list)
    metas: list = field(default_factory=list)       # dicts, one per data row


class Formula:
    def __init__(self, text: str, value):
        self.text, self.value = text, value


def col_letter(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def title_block(grid: Grid, unit_name: str, title: str, subtitle: str | None, when: dt.date, ncols: int,
                full: bool) -> None:
    left = min(4, ncols // 2)
    if full:
        grid.rows.append(["ĐOÀN TNCS HỒ CHÍ MINH"] + [None] * (left - 1) + [None]
                         + ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] + [None] * (ncols - left - 2))
        grid.merges += [(0, 0, 0, left - 1), (0, left + 1, 0, ncols - 1)]
        grid.rows.append([f"BCH {unit_name.upper()}"] + [None] * left
                         + ["Độc lập - Tự do - Hạnh phúc"] + [None] * (ncols - left - 2))
        grid.merges += [(1, 0, 1, left - 1), (1, left + 1, 1, ncols - 1)]
        grid.rows.append([None] * (left + 1) + [f"Cần Thơ, ngày {when.day} tháng {when.month} năm {when.year}"]
                         + [None] * (ncols - left - 2))
        grid.merges += [(2, left + 1, 2, ncols - 1)]
        grid.rows.append([None] * ncols)
    r = len(grid.rows)
    grid.rows.append([title] + [None] * (ncols - 1))
    grid.merges.append((r, 0, r, ncols - 1))
    if subtitle:
        grid.rows.append([subtitle] + [None] * (ncols - 1))
        grid.merges.append((r + 1, 0, r + 1, ncols - 1))
    grid.rows.append([None] * ncols)


def fake_contact(rng: random.Random) -> str:
    return rng.choice(["LH: 0909 000 111", "Liên hệ đ/c Minh 0909.000.222", "Gửi ảnh qua abc@example.com",
                       "LH đ/c Lan: 0909000333, email lan.doanvien@example.org"])


def sheet_columns(style: dict, base: list[str]) -> list[str]:
    cols = list(base)
    for key in style.get("drop", []):
        cols.remove(key)
    if style.get("swap"):
        i, j = cols.index("commune"), cols.index("district")
        cols[i], cols[j] = cols[j], cols[i]
    if style.get("person"):
        cols.insert(cols.index("name") + 1, "person")
    if style.get("note2"):
        cols.append("note2")
    return cols


def render_activity_row(spec: RowSpec, cols: list[str], stt, sheet: SheetSpec, units: dict, style: dict,
                        rng: random.Random) -> list:
    a = spec.activity
    unit = units[a.unit]
    ov = spec.overrides
    uform = style["unit_form"] if rng.random() < 0.75 else rng.choice(UNIT_FORMS)
    cform = style["commune_form"] if rng.random() < 0.7 else rng.choice(COMMUNE_FORMS)
    dstyle = style["date"] if rng.random() < 0.85 else rng.choice(DATE_STYLES)
    name = a.name
    if "cumulative" in spec.tags or "resent" in spec.tags:
        name = rng.choice([name, name, unicodedata.normalize("NFD", name), name.replace(" ", "  ", 1),
                           name[0].lower() + name[1:], name + " "])
    out = []
    for key in cols:
        if key in ov:
            out.append(ov[key])
        elif key == "stt":
            out.append(stt)
        elif key == "unit":
            out.append(unit_text(unit, uform, rng))
        elif key == "sent":
            out.append(sheet.sent_cell)
        elif key == "program":
            out.append(program_cell(a.program, style["program_form"], rng))
        elif key == "name":
            out.append(name)
        elif key in ("held", "from"):
            out.append(date_cell(a.held, dstyle))
        elif key == "to":
            out.append(date_cell(spec.overrides.get("_to"), dstyle) if spec.overrides.get("_to") else None)
        elif key == "commune":
            out.append(commune_text(a.commune, cform))
        elif key == "district":
            out.append(district_text(a.commune, cform if cform != "Prefix" else "prefix"))
        elif key in IND_HEADER:
            out.append(number_cell(spec.values.get(key), key, style["num"], rng))
        elif key == "planned":
            out.append(number_cell(spec.values.get("CT01"), "CT01", style["num"], rng))
        elif key in ("cost", "cost_plan"):
            out.append(cost_cell(spec.cost, style["num"], rng))
        elif key == "evidence":
            r = rng.random()
            out.append(None if r < 0.25 else "Ảnh gửi qua nhóm Zalo Đoàn Khối" if r < 0.35 else
                       f"https://example.com/kynghihong/{a.unit.lower()}/{a.held:%Y%m%d}.jpg")
        elif key == "note":
            out.append(spec.note if spec.note is not None else a.note)
        elif key == "person":
            out.append(f"đ/c {rng.choice(FIRST_NAMES)}" if rng.random() < 0.8 else None)
        elif key == "note2":
            out.append(rng.choice([None, None, "Phối hợp Đoàn xã", "Có hình ảnh", "Đăng fanpage"]))
        else:
            out.append(None)
    return out


def build_sheet_grid(book: BookSpec, sheet: SheetSpec, units: dict, base_cols: list[str], rng: random.Random,
                     registration: bool) -> Grid:
    style = sheet.style
    grid = Grid(sheet.name)
    if sheet.kind == "guide":
        for line in sheet.rows:
            grid.rows.append([line])
        grid.widths = [100]
        return grid
    cols = sheet_columns(style, base_cols)
    n = len(cols)
    unit = units.get(book.unit)
    when = (sheet.sent.date() if isinstance(sheet.sent, dt.datetime) else sheet.sent) or CAMPAIGN_START
    if style.get("title"):
        if registration:
            title = "BẢNG ĐĂNG KÝ HOẠT ĐỘNG CHIẾN DỊCH TÌNH NGUYỆN “KỲ NGHỈ HỒNG” NĂM 2024"
            sub = None
        else:
            title = "BÁO CÁO KẾT QUẢ THỰC HIỆN CHIẾN DỊCH TÌNH NGUYỆN “KỲ NGHỈ HỒNG” NĂM 2024"
            sub = f"({sheet.name})" if sheet.week else None
        title_block(grid, unit.name if unit else "", title, sub, when, n, style["title"] == "full")
    grid.header_row = len(grid.rows)
    grid.rows.append([header_text(k, style["header"]) for k in cols])
    grid.wrap_header = style["header"] == "linebreak"
    stt = 0
    data_rows: list[int] = []
    for spec in sheet.rows:
        r = len(grid.rows) + 1                        # 1-based row number as Excel shows it
        meta = {"file": book.path, "sheet": sheet.name, "row": r, "kind": spec.kind, "reason": spec.reason,
                "tags": list(spec.tags)}
        if spec.kind == "blank":
            grid.rows.append([None] * n)
        elif spec.kind == "totals":
            row = [None] * n
            label_col = 0 if style.get("totals_in_stt", True) else cols.index("unit")
            row[label_col] = spec.totals["label"]
            mismatch = spec.totals["mismatch"]
            for c, key in enumerate(cols):
                if key in IND_HEADER or key in ("cost", "cost_plan", "planned"):
                    vals = [m["values"].get("CT01" if key == "planned" else key) if key not in ("cost", "cost_plan")
                            else m["cost"] for m in grid.metas if m["kind"] == "activity"]
                    total = sum(v for v in vals if v is not None)
                    if not any(v is not None for v in vals):
                        continue
                    total = round(total, 1) if key in IND_DECIMALS and IND_DECIMALS[key] else total
                    if key in mismatch:
                        row[c] = mismatch[key]["stated"]
                        mismatch[key]["computed"] = total
                    elif style["num"] == "num" and book.fmt == "xlsx" and data_rows and spec.totals.get("formula"):
                        letter = col_letter(c)
                        row[c] = Formula(f"=SUM({letter}{data_rows[0]}:{letter}{data_rows[-1]})", total)
                    else:
                        row[c] = total
            grid.rows.append(row)
            meta["label"] = spec.totals["label"]
            meta["mismatch"] = {HEADERS[k]: {"stated": v["stated"], "computed": v.get("computed")}
                                for k, v in mismatch.items()}
        else:
            stt += 1
            cells = render_activity_row(spec, cols, stt if style.get("stt_numeric", True) else str(stt), sheet,
                                        units, style, rng)
            grid.rows.append(cells)
            data_rows.append(r)
            a = spec.activity
            meta.update({"unit": a.unit if spec.kind == "activity" else spec.overrides.get("unit", a.unit),
                         "program": a.program, "held": a.held.isoformat(), "commune": COMMUNES[a.commune][0],
                         "district": COMMUNES[a.commune][2], "key": list(a.key), "values": dict(spec.values),
                         "cost": spec.cost, "sent": _iso(sheet.sent), "sent_sort": _sort_moment(sheet.sent)})
            if "contact" in spec.tags:
                meta["contact_column"] = HEADERS["note"]
        grid.metas.append(meta)
    grid.widths = [5 if k == "stt" else 40 if k in ("unit", "name") else 14 for k in cols]
    return grid


def _iso(moment) -> str | None:
    if moment is None:
        return None
    return moment.isoformat(timespec="minutes") if isinstance(moment, dt.datetime) else moment.isoformat()


def _sort_moment(moment) -> str:
    if isinstance(moment, dt.datetime):
        return moment.isoformat(timespec="minutes")
    return dt.datetime.combine(moment, dt.time(0, 0)).isoformat(timespec="minutes")


def sent_cell(moment, text_style: str | None):
    if text_style:
        d = moment.date() if isinstance(moment, dt.datetime) else moment
        return date_cell(d, text_style)
    return moment


# ---------------------------------------------------------------------------------------------
# Messiness: unit styles and injected mistakes
# ---------------------------------------------------------------------------------------------

def spread(rng: random.Random, options: list, n: int) -> list:
    """n choices covering every option (when n allows), in random order."""
    out = (options * (n // len(options) + 1))[:n]
    rng.shuffle(out)
    return out


def assign_styles(rng: random.Random, units: list[Unit]) -> None:
    n = len(units)
    headers, dates = spread(rng, HEADER_STYLES, n), spread(rng, DATE_STYLES, n)
    nums, uforms = spread(rng, NUM_STYLES, n), spread(rng, UNIT_FORMS, n)
    cforms, pforms = spread(rng, COMMUNE_FORMS, n), spread(rng, PROGRAM_FORMS, n)
    titles = spread(rng, ["full", "full", "short", None], n)
    names = spread(rng, ["tuan", "tuan", "tuan", "tuan_nodiac", "bc_date", "tuan_date", "dotted"], n)
    for i, u in enumerate(units):
        u.style = {"header": headers[i], "date": dates[i], "num": nums[i], "unit_form": uforms[i],
                   "commune_form": cforms[i], "program_form": pforms[i], "title": titles[i],
                   "sheet_names": names[i], "phase_names": rng.random() < 0.25, "stt_numeric": rng.random() < 0.85,
                   "totals_in_stt": rng.random() < 0.6, "sent_text": "dmy" if rng.random() < 0.12 else None}
    by_id = {u.id: u for u in units}
    # the brief's own examples are always present
    for uid, form in (("BVDK", "alias"), ("SLDTBXH", "nodiac_alias")):
        if uid in by_id:
            by_id[uid].style["unit_form"] = form
    if "BVDK" in by_id:
        by_id["BVDK"].aliases.insert(0, by_id["BVDK"].aliases.pop(by_id["BVDK"].aliases.index("BV Đa khoa TPCT")))


def pick(rng: random.Random, items: list, preferred: list[str] | None = None, key=lambda x: x):
    if preferred:
        for p in preferred:
            for it in items:
                if key(it) == p:
                    return it
    return rng.choice(items) if items else None


def inject_report_messiness(rng: random.Random, books: list[BookSpec], units: dict) -> list[dict]:
    """Add the deliberate mistakes of the contract (fixed counts) and return their log for the README."""
    log: list[dict] = []
    xlsx = [b for b in books if b.fmt == "xlsx" and units[b.unit].profile == "regular"]

    def sheets_with_rows(pool, min_rows=2):
        return [(b, s) for b in pool for s in b.sheets if s.kind != "guide"
                and sum(r.kind == "activity" for r in s.rows) >= min_rows and "no_inject" not in s.tags]

    used: set = set()

    def take(pool, preferred=None, min_rows=2):
        cands = [(b, s) for b, s in sheets_with_rows(pool, min_rows) if (b.path, s.name) not in used]
        if not cands:
            return None, None
        choice = pick(rng, cands, preferred, key=lambda bs: bs[0].unit)
        used.add((choice[0].path, choice[1].name))
        return choice

    def extra_activity(unit_id: str, t_index: int | None = None, held: dt.date | None = None) -> Activity:
        u = units[unit_id]
        tw = template_weights(u)
        ti = t_index if t_index is not None else rng.choices(range(len(TEMPLATES)), tw)[0]
        a = make_template_activity(rng, u, ti)
        if held:
            a.held = held
        a.name = a.name + " (bổ sung)"
        a.key = activity_key(a.unit, a.held, a.commune, a.name)
        return a

    def add_reject(book, sheet, reason, overrides, what, t_index=None, values=None, held=None):
        a = extra_activity(book.unit, t_index, held or (sheet.week - dt.timedelta(days=rng.randint(1, 5))))
        spec = RowSpec("reject", a, values=values or dict(a.values), cost=a.cost, reason=reason, overrides=overrides)
        sheet.rows.insert(rng.randint(0, len(sheet.rows)), spec)
        sheet.tags.append("has_reject")
        log.append({"case": what, "file": book.path, "sheet": sheet.name, "outcome": "rejected", "reason": reason})

    # -- rejected rows ------------------------------------------------------------------------
    cases = [
        ("unknown_unit", {"unit": "Đoàn phường Xuân Khánh"}, "Đơn vị không có trong danh sách: “Đoàn phường Xuân Khánh”", ["BVDK"]),
        ("unknown_unit", {"unit": "Chi đoàn Công ty TNHH Minh Phát"}, "Đơn vị không có trong danh sách: “Chi đoàn Công ty TNHH Minh Phát”", ["SGTVT"]),
        ("unknown_unit", {"unit": "Đoàn phường X"}, "Đơn vị không có trong danh sách: “Đoàn phường X”", None),
        ("no_date", {"held": None}, "Thiếu ngày tổ chức", ["SXD"]),
        ("no_date", {"held": "   "}, "Ngày tổ chức chỉ có dấu cách", None),
        ("date_outside_campaign", {"held": "31/05/2024"}, "Ngày tổ chức 31/05/2024 (trước chiến dịch)", None),
        ("date_outside_campaign", {"held": dt.date(2024, 9, 15)}, "Ngày tổ chức 15/9/2024 (sau chiến dịch, gõ nhầm tháng)", None),
        ("invalid_date", {"held": "31/02/2024"}, "Ngày không tồn tại “31/02/2024”", None),
        ("invalid_date", {"held": "31/6/2024"}, "Ngày không tồn tại “31/6/2024”", None),
    ]
    for reason, overrides, what, preferred in cases:
        book, sheet = take(xlsx, preferred)
        if book:
            add_reject(book, sheet, reason, overrides, what)
    t_trees = next(i for i, t in enumerate(TEMPLATES) if "CT04" in t[2])
    book, sheet = take(xlsx, ["STNMT"])
    if book:
        a_vals = {"CT01": 12, "CT04": -20}
        add_reject(book, sheet, "negative_figure", {}, "Số âm: Cây xanh trồng mới = -20", t_trees, a_vals,
                   held=max(PROGRAMS["P5"][2], sheet.week - dt.timedelta(days=2)))
    book, sheet = take(xlsx)
    if book:
        add_reject(book, sheet, "negative_figure", {"CT01": "-5"}, "Số âm dạng chữ: Số lượt ĐVTN tham gia = “-5”")
    book, sheet = take(xlsx)
    if book:
        add_reject(book, sheet, "non_numeric_figure", {"CT01": "nhiều"}, "Số liệu không phải số: “nhiều”")
    # "nhiều" in an earlier version that a later sheet corrects
    done = False
    for b in xlsx:
        if done:
            break
        for i, s in enumerate(b.sheets[:-1]):
            nxt = b.sheets[i + 1]
            if (b.path, s.name) in used or (b.path, nxt.name) in used or s.kind == "guide":
                continue
            acts = [r for r in s.rows if r.kind == "activity" and "CT01" in r.activity.values
                    and not any(x.activity is r.activity for x in nxt.rows)]
            if not acts:
                continue
            r0 = acts[0]
            bad = RowSpec("reject", r0.activity, values=dict(r0.activity.values), cost=r0.activity.cost,
                          reason="non_numeric_figure", overrides={"CT01": "nhiều"})
            s.rows[s.rows.index(r0)] = bad
            nxt.rows.insert(0, RowSpec("activity", r0.activity, values=dict(r0.activity.values),
                                       cost=r0.activity.cost, tags=["resent", "fixes_rejected"]))
            used.update({(b.path, s.name), (b.path, nxt.name)})
            s.tags.append("has_reject")
            log.append({"case": "Số liệu “nhiều”, tuần sau gửi lại đúng (dòng sau được tính)", "file": b.path,
                        "sheet": f"{s.name} → {nxt.name}", "outcome": "rejected, rồi counted", "reason": "non_numeric_figure"})
            done = True
            break
    # -- blank rows ---------------------------------------------------------------------------
    for i in range(8):
        book, sheet = take(xlsx, min_rows=3)
        if not book:
            break
        pos = rng.randint(1, len(sheet.rows) - 1)
        for _ in range(2 if i == 0 else 1):
            sheet.rows.insert(pos, RowSpec("blank"))
        log.append({"case": "Dòng trống giữa bảng" + (" (2 dòng liền)" if i == 0 else ""), "file": book.path,
                    "sheet": sheet.name, "outcome": "skipped", "reason": "blank"})
    # -- totals rows (3 of 10 do not match the rows above) ------------------------------------
    labels = ["Tổng cộng", "Cộng", "Tổng", "TỔNG CỘNG", "Tổng cộng:"]
    for i in range(10):
        book, sheet = take(xlsx, min_rows=3)
        if not book:
            break
        mismatch = {}
        if i < 3:
            inds = sorted({k for r in sheet.rows if r.kind == "activity" for k in r.values})
            if inds:
                mismatch["CT01" if "CT01" in inds else inds[0]] = {"stated": None}
        spec = RowSpec("totals", totals={"label": labels[i % len(labels)], "mismatch": mismatch,
                                         "formula": i % 2 == 1})
        sheet.rows.append(spec)
        log.append({"case": f"Dòng tổng “{labels[i % len(labels)]}” " + ("KHÔNG khớp" if mismatch else "khớp"),
                    "file": book.path, "sheet": sheet.name, "outcome": "skipped",
                    "reason": "totals_mismatch" if mismatch else "totals"})
    # -- contact details in notes --------------------------------------------------------------
    for i in range(4):
        book, sheet = take(xlsx, min_rows=1)
        if not book:
            break
        row = next(r for r in sheet.rows if r.kind == "activity")
        row.note = fake_contact(rng)
        row.tags.append("contact")
        log.append({"case": "Ghi chú có số điện thoại/email (giả)", "file": book.path, "sheet": sheet.name,
                    "outcome": "counted; phải che", "reason": "contact"})
    # -- activities outside their program's window (inside the campaign): counted, with a warning
    moves = [("P1", dt.date(2024, 7, 3)), ("P8", dt.date(2024, 7, 27)), ("P9", dt.date(2024, 7, 30))]
    for program, day in moves:
        cands = [(b, s) for b, s in sheets_with_rows(xlsx, 1) if s.week and s.week >= day
                 and (b.path, s.name) not in used]
        if not cands:
            continue
        b, s = min(cands, key=lambda bs: (bs[1].week, bs[0].unit))
        t_index = next(i for i, t in enumerate(TEMPLATES) if t[0] == program)
        a = make_template_activity(rng, units[b.unit], t_index)
        a.held = day
        a.key = activity_key(a.unit, a.held, a.commune, a.name)
        s.rows.append(RowSpec("activity", a, values=dict(a.values), cost=a.cost, tags=["outside_window"]))
        used.add((b.path, s.name))
        log.append({"case": f"Hoạt động {program} ngày {day:%d/%m} (ngoài thời gian của chương trình)",
                    "file": b.path, "sheet": s.name, "outcome": "counted; cảnh báo", "reason": "outside_program_window"})
    return log


def add_structure_cases(rng: random.Random, books: list[BookSpec], units: dict) -> list[dict]:
    """Sheets without data (guide, empty), sheet order, extra/missing/swapped columns."""
    log = []
    regular = [b for b in books if b.fmt == "xlsx" and units[b.unit].profile == "regular" and len(b.sheets) >= 3]
    guide_book = pick(rng, regular, ["SGTVT"], key=lambda b: b.unit)
    if guide_book:
        guide = SheetSpec("Hướng dẫn", None, kind="guide", rows=[
            "HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO “KỲ NGHỈ HỒNG” 2024",
            "1. Mỗi dòng ghi một hoạt động đã tổ chức; không gộp nhiều hoạt động vào một dòng.",
            "2. Cột chương trình ghi số thứ tự chương trình (1 đến 9) theo mục IV của Kế hoạch.",
            "3. Ngày ghi theo dạng ngày/tháng/năm, ví dụ 15/06/2024.",
            "4. Số liệu ghi bằng số; không ghi chữ như “nhiều”, “khoảng”.",
            "5. Gửi báo cáo tuần trước 17h00 thứ Bảy hằng tuần.",
        ])
        guide_book.sheets.insert(0, guide)
        log.append({"case": "Trang “Hướng dẫn” (chỉ có lời dặn, không có bảng)", "file": guide_book.path,
                    "sheet": "Hướng dẫn", "outcome": "sheet skipped", "reason": "no_header"})
    # two header-only sheets ("không phát sinh hoạt động")
    empties = 0
    for b in sorted(regular, key=lambda b: b.unit):
        if empties == 2 or b is guide_book:
            continue
        weeks = {s.week for s in b.sheets}
        gaps = [sat for sat in SATURDAYS[2:-1] if sat not in weeks and min(weeks) < sat < max(weeks)]
        if not gaps:
            continue
        sat = gaps[0]
        style = units[b.unit].style
        s = SheetSpec(sheet_name(style["sheet_names"], sat, rng), sat, sent_cell=sat, week=sat,
                      style=dict(style), tags=["empty", "no_inject"])
        if any(x.name == s.name for x in b.sheets):
            continue
        b.sheets.append(s)
        b.sheets.sort(key=lambda x: x.week or dt.date(2024, 1, 1))
        empties += 1
        log.append({"case": "Báo cáo tuần không có hoạt động (chỉ có dòng tiêu đề cột)", "file": b.path,
                    "sheet": s.name, "outcome": "0 rows; vẫn tính là đã gửi", "reason": "empty_sheet"})
    # one workbook keeps its newest sheet first
    rev = pick(rng, [b for b in regular if b is not guide_book and len(b.sheets) >= 4], ["STNMT"], key=lambda b: b.unit)
    if rev:
        rev.sheets.reverse()
        rev.tags.append("newest_first")
        log.append({"case": "Các trang xếp ngược (mới nhất trước); bản gửi sau vẫn thắng", "file": rev.path,
                    "sheet": "(cả tệp)", "outcome": "merged theo Ngày gửi", "reason": "sheet_order"})
    # extra unknown columns, swapped and missing columns
    cands = [b for b in books if b.fmt == "xlsx" and b is not guide_book]
    for i, b in enumerate(rng.sample(cands, min(4, len(cands)))):
        for s in b.sheets:
            s.style["person"] = True
            s.style["note2"] = i % 2 == 0
        log.append({"case": "Cột lạ “Người phụ trách”" + (", “Ghi chú thêm”" if i % 2 == 0 else ""), "file": b.path,
                    "sheet": "(mọi trang)", "outcome": "giữ riêng, không lỗi", "reason": "unknown_column"})
    rest = [b for b in cands if not b.sheets[0].style.get("person")]
    if rest:
        b = rest[0]
        for s in b.sheets:
            s.style["swap"] = True
        log.append({"case": "Cột Quận/Huyện đứng trước Xã/Phường", "file": b.path, "sheet": "(mọi trang)",
                    "outcome": "đọc theo tên cột", "reason": "column_order"})
    if len(rest) > 1:
        b = rest[1]
        for s in b.sheets:
            s.style["drop"] = ["evidence", "cost"]
        log.append({"case": "Thiếu cột Minh chứng và Kinh phí (đồng)", "file": b.path, "sheet": "(mọi trang)",
                    "outcome": "đọc bình thường", "reason": "missing_optional_column"})
    return log


# ---------------------------------------------------------------------------------------------
# Reports and registrations as books
# ---------------------------------------------------------------------------------------------

def make_report_books(rng: random.Random, units: list[Unit], acts: list[Activity]) -> list[BookSpec]:
    by_unit = defaultdict(list)
    for a in acts:
        by_unit[a.unit].append(a)
    books = []
    odd_names = {"CTHUE": ("Bao cao KNH 2024 - Cuc Thue.xls", "xls"), "SXD": ("BC Ky nghi hong_SXD.xlsx", "xlsx"),
                 "BVND": ("bc_bvnd (1).xlsx", "xlsx")}
    for u in units:
        if u.profile == "never" or not by_unit[u.id]:
            continue
        path, fmt = odd_names.get(u.id, (f"BC_{u.id}.xlsx", "xlsx"))
        book = BookSpec(u.id, f"bao_cao/{path}", fmt)
        book.sheets = plan_sends(rng, u, by_unit[u.id])
        for s in book.sheets:
            s.style = dict(u.style)
            s.sent_cell = sent_cell(s.sent, u.style["sent_text"] if not isinstance(s.sent, dt.datetime) else None)
        if book.sheets:
            books.append(book)
    return books


def reported_activities(books: list[BookSpec]) -> list[Activity]:
    seen, out = set(), []
    for b in books:
        for s in b.sheets:
            for r in s.rows:
                if r.kind == "activity" and id(r.activity) not in seen:
                    seen.add(id(r.activity))
                    out.append(r.activity)
    return out


def make_registration_books(rng: random.Random, units: list[Unit], acts: list[Activity], scale: float
                            ) -> tuple[list[BookSpec], list[dict]]:
    """One workbook per registering unit; planned rows drawn from what the unit will do."""
    log = []
    regs = [u for u in units if u.registers]
    total_rows = max(len(regs), round(70 * scale))
    by_unit = defaultdict(list)
    for a in acts:
        by_unit[a.unit].append(a)
    weights = [u.weight for u in regs]
    quotas = [max(1, round(total_rows * w / sum(weights))) for w in weights]
    books = []
    special_fmt = {"SNV": ("DK_SNV.xls", "xls"), "LHHN": ("DK_LHHN.ods", "ods"),
                   "SKHCN": ("Dang ky KNH_SKHCN.xlsx", "xlsx")}
    late = {"BVUB": dt.datetime(2024, 6, 17, 10, 5), "STNMT": "20/06/2024", "SVHTTDL": dt.date(2024, 6, 24)}
    for u, quota in zip(regs, quotas):
        groups = defaultdict(list)
        for a in by_unit[u.id]:
            groups[(a.program, a.template, a.name if a.template < 0 else "")].append(a)
        ordered = sorted(groups.values(), key=lambda g: (g[0].template >= 0, set(g[0].values) <= {"CT01"}, -len(g),
                                                          g[0].held, g[0].key))
        n_special = sum(g[0].template < 0 for g in ordered)
        rows = []
        for g in ordered[:max(quota, n_special)]:
            a0 = g[0]
            held = sorted(a.held for a in g)
            values = {}
            for a in g:
                for k, v in a.values.items():
                    values[k] = values.get(k, 0) + v
            values = {k: (round(v * rng.uniform(0.8, 1.4), 1) if IND_DECIMALS[k] else max(1, round(v * rng.uniform(0.8, 1.4))))
                      for k, v in values.items()}
            name = a0.name if a0.template < 0 else TEMPLATES[a0.template][1][0]
            if len(g) > 1:
                name += " (chuỗi hoạt động)"
            plan = Activity(u.id, a0.program, name, held[0], a0.commune, values,
                            sum(a.cost or 0 for a in g) or None, "Đăng cai cấp Khối" if a0.template < 0 and rng.random() < 0.5 else None)
            plan.key = activity_key(u.id, plan.held, plan.commune, plan.name)
            spec = RowSpec("activity", plan, values=values, cost=plan.cost,
                           overrides={"_to": held[-1]} if held[-1] != held[0] else {})
            rows.append(spec)
        while len(rows) < quota:                     # units with nothing reported still plan something
            tw = template_weights(u)
            a = make_template_activity(rng, u, rng.choices(range(len(TEMPLATES)), tw)[0])
            a.key = activity_key(u.id, a.held, a.commune, a.name)
            rows.append(RowSpec("activity", a, values=dict(a.values), cost=a.cost))
        rows.sort(key=lambda r: r.activity.held)
        path, fmt = special_fmt.get(u.id, (f"DK_{u.id}.xlsx", "xlsx"))
        sent = late.get(u.id) or dt.date(2024, 6, rng.randint(3, 14))
        if isinstance(sent, str):
            moment, cell = dt.date(2024, 6, 20), sent
        else:
            moment, cell = sent, sent
        book = BookSpec(u.id, f"dang_ky/{path}", fmt)
        sheet = SheetSpec("Đăng ký" if rng.random() < 0.6 else "Sheet1", moment, sent_cell=cell, rows=rows,
                          style=dict(u.style), kind="registration")
        book.sheets.append(sheet)
        if u.id in late:
            log.append({"case": f"Đăng ký gửi muộn ({_iso(moment)}, hạn 15/6)", "file": book.path, "sheet": sheet.name,
                        "outcome": "counted; ghi nhận muộn", "reason": "late_registration"})
        books.append(book)
    # an ambitious planned row written with Vietnamese number text: "1.000" trees, "2,5 km" of new road
    b = pick(rng, [b for b in books if b.fmt == "xlsx"], ["SXD"], key=lambda b: b.unit)
    if b:
        a = Activity(b.unit, "P5", "Trồng 1.000 cây xanh và làm mới đường GTNT tại 4 xã trọng điểm",
                     PROGRAMS["P5"][2], COMMUNE_INDEX["Trường Xuân"], {"CT01": 80, "CT04": 1000, "CT05b": 2.5},
                     150_000_000, "Đăng ký phối hợp Cụm 4")
        a.key = activity_key(a.unit, a.held, a.commune, a.name)
        b.sheets[0].rows.append(RowSpec("activity", a, values=dict(a.values), cost=a.cost,
                                        overrides={"_to": PROGRAMS["P5"][3], "CT04": "1.000", "CT05b": "2,5 km",
                                                   "planned": "80", "cost_plan": "150.000.000"}))
        log.append({"case": "Số liệu dạng chữ “1.000” (cây), “2,5 km”, “150.000.000”", "file": b.path,
                    "sheet": b.sheets[0].name, "outcome": "counted (1000; 2,5; 150000000)", "reason": "vn_number_text"})
    # an added sheet sent later in one workbook
    b = pick(rng, [b for b in books if b.fmt == "xlsx" and len(b.sheets[0].rows) >= 2], ["BVDK"], key=lambda b: b.unit)
    if b:
        moved = b.sheets[0].rows.pop()
        extra = SheetSpec("Đăng ký bổ sung", dt.date(2024, 6, 20), sent_cell=dt.date(2024, 6, 20), rows=[moved],
                          style=dict(b.sheets[0].style), kind="registration")
        b.sheets.append(extra)
        log.append({"case": "Trang “Đăng ký bổ sung” gửi 20/6", "file": b.path, "sheet": extra.name,
                    "outcome": "counted; ghi nhận muộn", "reason": "late_registration"})
    xlsx = [b for b in books if b.fmt == "xlsx"]
    used = set()

    def take(min_rows=2, preferred=None):
        cands = [(b, s) for b in xlsx for s in b.sheets if len(s.rows) >= min_rows and (b.path, s.name) not in used]
        if not cands:
            return None, None
        choice = pick(rng, cands, preferred, key=lambda bs: bs[0].unit)
        used.add((choice[0].path, choice[1].name))
        return choice

    book, sheet = take(2, ["SLDTBXH"])
    if book:
        a = make_template_activity(rng, units[0], 0)
        a.key = ("?",)
        sheet.rows.insert(1, RowSpec("reject", a, values=dict(a.values), cost=a.cost, reason="unknown_unit",
                                     overrides={"unit": "Đoàn xã Trường Xuân"}))
        log.append({"case": "Đơn vị không có trong danh sách: “Đoàn xã Trường Xuân”", "file": book.path,
                    "sheet": sheet.name, "outcome": "rejected", "reason": "unknown_unit"})
    book, sheet = take(2)
    if book:
        a = make_template_activity(rng, next(u for u in units if u.id == book.unit), 0)
        a.key = ("?",)
        sheet.rows.insert(len(sheet.rows), RowSpec("reject", a, values=dict(a.values), cost=a.cost,
                                                   reason="invalid_date", overrides={"from": "31/06/2024"}))
        log.append({"case": "Từ ngày không tồn tại “31/06/2024”", "file": book.path, "sheet": sheet.name,
                    "outcome": "rejected", "reason": "invalid_date"})
    for i in range(2):
        book, sheet = take(3)
        if book:
            sheet.rows.insert(rng.randint(1, len(sheet.rows) - 1), RowSpec("blank"))
            log.append({"case": "Dòng trống giữa bảng", "file": book.path, "sheet": sheet.name, "outcome": "skipped",
                        "reason": "blank"})
    for i in range(2):
        book, sheet = take(2)
        if book:
            mismatch = {"planned": {"stated": None}} if i == 1 else {}
            sheet.rows.append(RowSpec("totals", totals={"label": "Tổng cộng", "mismatch": mismatch}))
            log.append({"case": "Dòng “Tổng cộng” " + ("KHÔNG khớp" if mismatch else "khớp"), "file": book.path,
                        "sheet": sheet.name, "outcome": "skipped", "reason": "totals_mismatch" if mismatch else "totals"})
    b = pick(rng, xlsx, ["SGTVT"], key=lambda b: b.unit)
    if b:
        for s in b.sheets:
            s.style["person"] = True
        log.append({"case": "Cột lạ “Người phụ trách”", "file": b.path, "sheet": "(mọi trang)",
                    "outcome": "giữ riêng, không lỗi", "reason": "unknown_column"})
    return books, log


def fill_mismatch_values(books: list[BookSpec]) -> None:
    """A mismatching totals row states a figure that differs from the rows above."""
    for b in books:
        for s in b.sheets:
            if s.kind == "guide":
                continue
            acts = []
            for r in s.rows:
                if r.kind == "activity":
                    acts.append(r)
                if r.kind == "totals":
                    for key, m in r.totals["mismatch"].items():
                        ind = "CT01" if key == "planned" else key
                        total = sum(x.values.get(ind, 0) for x in acts)
                        m["stated"] = round(total * 1.1 + 10, 1) if IND_DECIMALS.get(ind) else int(total + 10 + total // 10)


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------

def write_xlsx(path: Path, grids: list[Grid]) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"in_memory": True, "default_date_format": "dd/mm/yyyy",
                                         "strings_to_urls": False, "strings_to_numbers": False,
                                         "strings_to_formulas": False})
    wb.set_properties({"created": dt.datetime(2024, 6, 1), "author": "campaignkit (dữ liệu giả lập)"})
    f_date = wb.add_format({"num_format": "dd/mm/yyyy"})
    f_dt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    f_title = wb.add_format({"bold": True, "align": "center"})
    f_head = wb.add_format({"bold": True, "text_wrap": True, "border": 1})
    for g in grids:
        ws = wb.add_worksheet(g.name)
        for c, w in enumerate(g.widths):
            ws.set_column(c, c, w)
        skip = set()
        for r1, c1, r2, c2 in g.merges:
            ws.merge_range(r1, c1, r2, c2, g.rows[r1][c1] or "", f_title)
            skip.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        for r, row in enumerate(g.rows):
            fmt_row = f_head if r == g.header_row else None
            for c, v in enumerate(row):
                if v is None or (r, c) in skip:
                    continue
                if isinstance(v, str):
                    ws.write_string(r, c, v, fmt_row)
                elif isinstance(v, bool):
                    ws.write_boolean(r, c, v)
                elif isinstance(v, (int, float)):
                    ws.write_number(r, c, v)
                elif isinstance(v, dt.datetime):
                    ws.write_datetime(r, c, v, f_dt if v.time() != dt.time(0) else f_date)
                elif isinstance(v, dt.date):
                    ws.write_datetime(r, c, v, f_date)
                elif isinstance(v, Formula):
                    ws.write_formula(r, c, v.text, None, v.value)
    wb.close()


def write_xls(path: Path, grids: list[Grid]) -> None:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    s_date = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    s_dt = xlwt.easyxf(num_format_str="DD/MM/YYYY HH:MM")
    s_title = xlwt.easyxf("font: bold on; align: horiz center")
    for g in grids:
        ws = wb.add_sheet(g.name)
        skip = set()
        for r1, c1, r2, c2 in g.merges:
            ws.write_merge(r1, r2, c1, c2, g.rows[r1][c1] or "", s_title)
            skip.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        for r, row in enumerate(g.rows):
            for c, v in enumerate(row):
                if v is None or (r, c) in skip:
                    continue
                if isinstance(v, Formula):
                    v = v.value
                if isinstance(v, dt.datetime):
                    ws.write(r, c, v, s_dt if v.time() != dt.time(0) else s_date)
                elif isinstance(v, dt.date):
                    ws.write(r, c, v, s_date)
                else:
                    ws.write(r, c, v)
    wb.save(str(path))


def write_ods(path: Path, grids: list[Grid]) -> None:
    import pandas as pd

    with pd.ExcelWriter(str(path), engine="odf") as writer:
        for g in grids:
            rows = [[v.value if isinstance(v, Formula) else v for v in row] for row in g.rows]
            width = max(len(r) for r in rows)
            rows = [r + [None] * (width - len(r)) for r in rows]
            pd.DataFrame(rows, dtype=object).to_excel(writer, sheet_name=g.name, header=False, index=False)
    _freeze_zip(path)


def _freeze_zip(path: Path) -> None:
    """Give every member of a zip container a fixed timestamp, so that reruns give identical bytes."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 6, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            z.writestr(fixed, data)


def write_book(out: Path, book: BookSpec, grids: list[Grid]) -> None:
    path = out / book.path
    path.parent.mkdir(parents=True, exist_ok=True)
    {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods}[book.fmt](path, grids)


def write_registry(out: Path, units: list[Unit]) -> None:
    g = Grid("Đơn vị")
    g.header_row = 0
    g.rows.append(["Mã đơn vị", "Tên đơn vị", "Loại", "Cụm thi đua", "Khối", "Tên gọi khác"])
    for u in units:
        g.rows.append([u.id, u.name, u.kind, u.cluster, u.sector, ";".join(u.aliases)])
    g.widths = [12, 70, 10, 12, 20, 90]
    write_xlsx(out / "don_vi.xlsx", [g])


# ---------------------------------------------------------------------------------------------
# Expectations
# ---------------------------------------------------------------------------------------------

def round_totals(d: dict) -> dict:
    return {k: round(v, 2) if IND_DECIMALS[k] else int(v) for k, v in sorted(d.items(), key=lambda kv: IND_IDS.index(kv[0]))}


def settle(metas: list[dict]) -> None:
    """Give every data row its fate: counted, merged (a later version wins), skipped or rejected."""
    groups = defaultdict(list)
    for m in metas:
        if m["kind"] == "activity":
            groups[tuple(m["key"])].append(m)
        elif m["kind"] in ("blank", "totals"):
            m["fate"] = "skipped"
        else:
            m["fate"] = "rejected"
    for rows in groups.values():
        rows.sort(key=lambda m: m["sent_sort"])
        sents = [m["sent_sort"] for m in rows]
        assert len(set(sents)) == len(sents), f"two versions sent at the same moment: {rows[0]['key']}"
        for m in rows[:-1]:
            m["fate"] = "merged"
            m["merged_into"] = {"file": rows[-1]["file"], "sheet": rows[-1]["sheet"], "row": rows[-1]["row"]}
        rows[-1]["fate"] = "counted"


def as_of_totals(metas: list[dict], as_of: dt.date) -> dict:
    latest = {}
    for m in metas:
        if m["kind"] != "activity" or m["held"] > as_of.isoformat() or m["sent_sort"][:10] > as_of.isoformat():
            continue
        k = tuple(m["key"])
        if k not in latest or latest[k]["sent_sort"] < m["sent_sort"]:
            latest[k] = m
    totals = defaultdict(float)
    for m in latest.values():
        for ind, v in m["values"].items():
            totals[ind] += v
    return {"as_of": as_of.isoformat(), "activities": len(latest), "indicator_totals": round_totals(totals)}


def fate_counts(metas: list[dict]) -> dict:
    c = Counter(m["fate"] for m in metas)
    return {"rows_read": len(metas), "counted": c["counted"], "merged": c["merged"], "skipped": c["skipped"],
            "rejected": c["rejected"],
            "skipped_blank": sum(m["kind"] == "blank" for m in metas),
            "skipped_totals": sum(m["kind"] == "totals" for m in metas)}


def loc(m: dict) -> dict:
    return {"file": m["file"], "sheet": m["sheet"], "row": m["row"]}


def weekly_status(moment) -> str:
    if isinstance(moment, dt.datetime):
        if moment.weekday() == 5 and moment.time() <= WEEKLY_DEADLINE:
            return "on_time"
        return "late"
    return "on_time" if moment.weekday() == 5 else "late"


def expectations(units: list[Unit], report_books, report_grids, reg_books, reg_grids, factors, seed, scale) -> dict:
    rmetas = [m for gs in report_grids for g in gs for m in g.metas]
    gmetas = [m for gs in reg_grids for g in gs for m in g.metas]
    settle(rmetas)
    for m in gmetas:
        m["fate"] = "counted" if m["kind"] == "activity" else "skipped" if m["kind"] in ("blank", "totals") else "rejected"
    counted = [m for m in rmetas if m["fate"] == "counted"]
    final_totals = defaultdict(float)
    for m in counted:
        for k, v in m["values"].items():
            final_totals[k] += v
    final_totals = round_totals(final_totals)
    by_id = {u.id: u for u in units}
    by_loc = {(m["file"], m["sheet"], m["row"]): m for m in rmetas}

    def out_of_window(m):
        start, end = PROGRAMS[m["program"]][2], PROGRAMS[m["program"]][3]
        return not (start.isoformat() <= m["held"] <= end.isoformat())

    sends = defaultdict(list)
    for b in report_books:
        for s in sorted((s for s in b.sheets if s.kind != "guide"), key=lambda s: _sort_moment(s.sent)):
            sends[b.unit].append({"file": b.path, "sheet": s.name, "sent": _iso(s.sent), "kind": s.kind,
                                  "week": s.week.isoformat() if s.week else None,
                                  "weekly_status": weekly_status(s.sent),
                                  "rows": sum(r.kind in ("activity", "reject") for r in s.rows)})
    reg_counted = [m for m in gmetas if m["fate"] == "counted"]
    planned = defaultdict(float)
    for m in reg_counted:
        for k, v in m["values"].items():
            planned[k] += v
    status = {}
    for ind in IND_IDS:
        act = final_totals.get(ind, 0)
        status[ind] = {"target": IND_TARGET[ind], "actual": act,
                       "percent_of_target": round(100 * act / IND_TARGET[ind], 1),
                       "met": act >= IND_TARGET[ind]}
    periods = {p: as_of_totals(rmetas, d) for p, d in PERIODS.items()}
    periods["all"] = {"as_of": CAMPAIGN_END.isoformat(), "activities": len(counted), "indicator_totals": final_totals}
    return {
        "about": "Kết quả mà một lần nạp dữ liệu đúng phải tìm ra trên bộ dữ liệu mẫu này "
                 "(row = số dòng 1-based như Excel hiển thị; rows_read = mọi dòng dưới dòng tiêu đề cột, "
                 "kể cả dòng trống xen giữa và dòng tổng).",
        "generator": {"script": "scripts/make_sample_data.py", "seed": seed, "scale": scale,
                      "calibration_factors": factors},
        "registry": {"units": len(units), "ids": [u.id for u in units],
                     "clusters": dict(sorted(Counter(u.cluster for u in units).items())),
                     "sectors": dict(sorted(Counter(u.sector for u in units).items()))},
        "registrations": {
            "workbooks": len(reg_books), "sheets": sum(len(b.sheets) for b in reg_books),
            **fate_counts(gmetas),
            "units_registered": sorted({b.unit for b in reg_books}),
            "units_not_registered": [u.id for u in units if not u.registers],
            "late": [{"unit": b.unit, "file": b.path, "sheet": s.name, "sent": _iso(s.sent)} for b in reg_books
                     for s in b.sheets if (s.sent.date() if isinstance(s.sent, dt.datetime) else s.sent) > REGISTRATION_DEADLINE],
            "rejected_rows": [{**loc(m), "reason": m["reason"]} for m in gmetas if m["fate"] == "rejected"],
            "totals_rows": [{**loc(m), "label": m["label"], "mismatch": m["mismatch"]} for m in gmetas if m["kind"] == "totals"],
            "blank_rows": [loc(m) for m in gmetas if m["kind"] == "blank"],
            "planned_indicator_totals": round_totals(planned),
            "planned_activities_by_unit": dict(sorted(Counter(m["unit"] for m in reg_counted).items())),
        },
        "reports": {
            "workbooks": len(report_books), "sheets": sum(len(b.sheets) for b in report_books),
            "sheets_without_table": [{"file": b.path, "sheet": s.name} for b in report_books for s in b.sheets
                                     if s.kind == "guide"],
            "empty_sheets": [{"file": b.path, "sheet": s.name} for b in report_books for s in b.sheets if "empty" in s.tags],
            **fate_counts(rmetas),
            "activities": len(counted),
            "indicator_totals": final_totals,
            "indicator_status": status,
            "periods": periods,
            "activities_by_unit": dict(sorted(Counter(m["unit"] for m in counted).items())),
            "activities_by_program": dict(sorted(Counter(m["program"] for m in counted).items())),
            "activities_by_commune": dict(sorted(Counter(f"{m['commune']} ({m['district']})" for m in counted).items())),
            "activities_in_focus_communes": sum(m["commune"] in [COMMUNES[i][0] for i in FOCUS] for m in counted),
            "rejected_rows": [{**loc(m), "reason": m["reason"]} for m in rmetas if m["fate"] == "rejected"],
            "rejected_by_reason": dict(sorted(Counter(m["reason"] for m in rmetas if m["fate"] == "rejected").items())),
            "totals_rows": [{**loc(m), "label": m["label"], "mismatch": m["mismatch"]} for m in rmetas if m["kind"] == "totals"],
            "blank_rows": [loc(m) for m in rmetas if m["kind"] == "blank"],
            "merged_rows": [{**loc(m), "into": m["merged_into"]} for m in rmetas if m["fate"] == "merged"],
            "corrected_figures": sum(1 for m in rmetas if m["fate"] == "merged"
                                     and m["values"] != by_loc[tuple(m["merged_into"].values())]["values"]),
            "outside_program_window": [{**loc(m), "program": m["program"], "held": m["held"]} for m in counted
                                       if out_of_window(m)],
            "contact_info_to_hide": [{**loc(m), "column": m["contact_column"]} for m in rmetas if "contact_column" in m],
            "units_never_reporting": [u.id for u in units if u.id not in sends],
            "units_reporting_once": sorted(uid for uid, v in sends.items() if len(v) == 1),
            "late_weekly_sends": sum(s["weekly_status"] == "late" for v in sends.values() for s in v if s["kind"] == "weekly"),
            "sends": dict(sorted(sends.items())),
        },
        "program_cell_forms": {p: {"number": int(p[1:]), "id": p, "full": v[0], "short": v[1]} for p, v in PROGRAMS.items()},
        "assigned_units": sorted({s[0] for s in SPECIALS} | set(SATURDAY_UNITS) | {"SNGV"}),
        "assigned_but_silent": [uid for uid in sorted({s[0] for s in SPECIALS} | set(SATURDAY_UNITS) | {"SNGV"})
                                if uid in by_id and uid not in sends],
    }


# ---------------------------------------------------------------------------------------------
# README
# ---------------------------------------------------------------------------------------------

REASON_VI = {"unknown_unit": "đơn vị không có trong danh sách", "no_date": "thiếu ngày tổ chức",
             "date_outside_campaign": "ngày ngoài thời gian chiến dịch", "invalid_date": "ngày không tồn tại",
             "negative_figure": "số liệu âm", "non_numeric_figure": "số liệu không phải số"}


def readme(exp: dict, log: list[dict], scale: float, seed: int) -> str:
    r, g = exp["reports"], exp["registrations"]
    lines = [
        "# Dữ liệu mẫu — chiến dịch “Kỳ nghỉ hồng” 2024",
        "",
        "**Toàn bộ dữ liệu trong thư mục này là giả lập**, không phải số liệu thật của đơn vị nào. "
        "Số điện thoại và email trong cột Ghi chú là giả (`0909 000 …`, `@example.com`).",
        "",
        f"Tạo lại bằng: `python scripts/make_sample_data.py` (seed {seed}, scale {scale:g}; "
        "cùng tham số thì nội dung giống hệt). Dùng `--scale 200` để tạo chiến dịch lớn (~100 000 dòng) cho đo hiệu năng.",
        "",
        "## Nội dung",
        "",
        "| tệp / thư mục | nội dung |",
        "|---|---|",
        f"| `don_vi.xlsx` | danh sách {exp['registry']['units']} đơn vị (TCCSĐ) của Khối, 5 cụm thi đua, tên gọi khác |",
        f"| `dang_ky/` | {g['workbooks']} tệp đăng ký ({g['rows_read']} dòng: {g['counted']} hoạt động dự kiến), "
        "một tệp `.xls`, một tệp `.ods` |",
        f"| `bao_cao/` | {r['workbooks']} tệp báo cáo tuần/đợt, {r['sheets']} trang, {r['rows_read']} dòng → "
        f"{r['activities']} hoạt động sau khi gộp |",
        "| `expected_counts.json` | kết quả đúng mà bộ công cụ phải tìm ra (để kiểm thử) |",
        "",
        "## Kết quả mong đợi khi nạp `bao_cao/`",
        "",
        "| rows_read | counted | merged | skipped | rejected |",
        "|---|---|---|---|---|",
        f"| {r['rows_read']} | {r['counted']} | {r['merged']} | {r['skipped']} | {r['rejected']} |",
        "",
        f"Đăng ký (`dang_ky/`): rows_read {g['rows_read']}, counted {g['counted']}, skipped {g['skipped']}, "
        f"rejected {g['rejected']}.",
        "",
        "Tổng chỉ tiêu (toàn chiến dịch, sau khi gộp bản sửa):",
        "",
        "| chỉ tiêu | chỉ tiêu KH | thực hiện | % |",
        "|---|---|---|---|",
    ]
    for ind in IND_IDS:
        s = r["indicator_status"][ind]
        lines.append(f"| {ind} {IND_HEADER[ind]} | {vn_number(s['target'], 0)} | "
                     f"{vn_number(s['actual'], IND_DECIMALS[ind])} | {vn_number(s['percent_of_target'], 1)} |")
    lines += [
        "",
        f"Không gửi báo cáo: {', '.join(r['units_never_reporting'])}. Chỉ gửi một lần: "
        f"{', '.join(r['units_reporting_once'])}. Báo cáo lũy kế (trang sau lặp lại hoạt động trang trước): "
        "SNV, CHQ; báo cáo theo đợt: PTTH, SYT.",
        "",
        "## Các lỗi cố ý (để kiểm tra bộ công cụ)",
        "",
        "| trường hợp | tệp | trang | kết quả mong đợi |",
        "|---|---|---|---|",
    ]
    for e in log:
        lines.append(f"| {e['case']} | `{e['file']}` | {e['sheet']} | {e['outcome']} |")
    lines += [
        "",
        "Ngoài ra, rải khắp các tệp (đọc được, không bị loại): khối tiêu đề “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” / "
        "“ĐOÀN TNCS HỒ CHÍ MINH” có ô gộp phía trên bảng; tiêu đề cột viết hoa, thừa dấu cách, xuống dòng, "
        "không dấu (“So luot DVTN tham gia”), dạng Unicode NFD, khác dấu câu; ngày là ngày Excel, "
        "`dd/mm/yyyy`, `d/m/yy`, `dd-mm-yyyy`, “ngày 15 tháng 6 năm 2024”; Ngày gửi có giờ (gửi sau 17h00 "
        "thứ Bảy, hoặc Chủ nhật/thứ Hai là muộn); số dạng chữ “1.500.000”, “2,5”, “3.500.000,00”, “150 cây”, "
        "“0,8 km”; tên đơn vị viết tắt (“BV Đa khoa TPCT”, “DCS So LDTBXH”), tên gọi khác, không dấu, chữ hoa, NFD; "
        "chương trình ghi “5”, “P5”, tên đầy đủ hoặc tên rút gọn; xã ghi “xã Trường Xuân”, “Trường Xuân”, "
        "“X. Trường Xuân”, “truong xuan”; hoạt động gửi lại ở tuần sau (có khi sửa số liệu) được gộp làm một, "
        f"số liệu của lần gửi sau cùng được tính ({r['merged']} dòng gộp, trong đó {r['corrected_figures']} dòng có số liệu khác bản sau).",
        "",
        "Chi tiết từng dòng (tệp, trang, số dòng, lý do) nằm trong `expected_counts.json`.",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Orchestration
# ---------------------------------------------------------------------------------------------

def clean_output(out: Path) -> None:
    """Remove only what this script writes (a plan file or other material in the folder stays)."""
    for sub in ("dang_ky", "bao_cao"):
        d = out / sub
        if d.is_dir():
            for f in d.iterdir():
                if f.is_file() and f.suffix.lower() in (".xlsx", ".xls", ".ods"):
                    f.unlink()
    for name in ("don_vi.xlsx", "expected_counts.json", "README.md"):
        if (out / name).is_file():
            (out / name).unlink()


def make_campaign(out_dir, seed: int = 2024, scale: float = 1.0) -> dict:
    """Write a synthetic campaign folder and return its expected counts (also saved as expected_counts.json)."""
    if scale <= 0:
        raise ValueError("scale must be > 0")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    clean_output(out)
    rng = lambda part: random.Random(f"{seed}:{part}")  # noqa: E731 — one independent stream per step

    units = make_registry(rng("registry"), scale)
    assign_styles(rng("styles"), units)
    by_id = {u.id: u for u in units}
    acts = make_activities(rng("activities"), units, scale)
    report_books = make_report_books(rng("sends"), units, acts)
    reported = reported_activities(report_books)
    factors = calibrate(reported, scale)
    finalize_versions(rng("versions"), report_books)
    log = inject_report_messiness(rng("mistakes"), report_books, by_id)
    log += add_structure_cases(rng("structure"), report_books, by_id)
    fill_mismatch_values(report_books)
    reg_books, reg_log = make_registration_books(rng("registrations"), units, reported, scale)
    fill_mismatch_values(reg_books)

    write_registry(out, units)
    render = rng("render")
    report_grids, reg_grids = [], []
    for book in report_books:
        grids = [build_sheet_grid(book, s, by_id, REPORT_COLS, render, registration=False) for s in book.sheets]
        write_book(out, book, grids)
        report_grids.append(grids)
    for book in reg_books:
        grids = [build_sheet_grid(book, s, by_id, REG_COLS, render, registration=True) for s in book.sheets]
        write_book(out, book, grids)
        reg_grids.append(grids)

    exp = expectations(units, report_books, report_grids, reg_books, reg_grids, factors, seed, scale)
    exp["deliberate_mistakes"] = {"registrations": reg_log, "reports": log}
    (out / "expected_counts.json").write_text(json.dumps(exp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "README.md").write_text(readme(exp, reg_log + log, scale, seed), encoding="utf-8")
    return exp


def summary(exp: dict, out) -> str:
    r, g = exp["reports"], exp["registrations"]
    lines = [f"Đã ghi {out}:",
             f"  don_vi.xlsx  {exp['registry']['units']} đơn vị",
             f"  dang_ky/     {g['workbooks']} tệp, {g['rows_read']} dòng: counted {g['counted']}, "
             f"skipped {g['skipped']}, rejected {g['rejected']}",
             f"  bao_cao/     {r['workbooks']} tệp, {r['sheets']} trang, {r['rows_read']} dòng: counted {r['counted']}, "
             f"merged {r['merged']}, skipped {r['skipped']}, rejected {r['rejected']}",
             "  chỉ tiêu:    " + ", ".join(f"{k} {v['actual']:g}/{v['target']:g}" for k, v in r["indicator_status"].items()),
             "  kỳ báo cáo:  " + ", ".join(f"{p} {v['activities']} hđ" for p, v in r["periods"].items()),
             f"  lỗi cố ý:    {len(exp['deliberate_mistakes']['reports'])} (báo cáo) + "
             f"{len(exp['deliberate_mistakes']['registrations'])} (đăng ký); xem README.md, expected_counts.json"]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Sinh dữ liệu mẫu giả lập cho chiến dịch Kỳ nghỉ hồng 2024.")
    parser.add_argument("--out", default=None, help="thư mục đích (mặc định data/sample của dự án)")
    parser.add_argument("--seed", type=int, default=2024, help="hạt giống ngẫu nhiên (mặc định 2024)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="hệ số quy mô: số hoạt động × scale, số đơn vị × scale^(1/3) (mặc định 1.0)")
    args = parser.parse_args(argv)
    out = args.out or Path(__file__).resolve().parents[1] / "data" / "sample"
    exp = make_campaign(out, seed=args.seed, scale=args.scale)
    print(summary(exp, out))


if __name__ == "__main__":
    main()
