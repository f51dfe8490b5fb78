"""The facts of the second bundled campaign, "Kỳ nghỉ hồng" 2025 (`FACTS`), synthetic.

The same bloc's summer campaign a year later, after the reorganisation of 1/7/2025: the merged
city of Cần Thơ (with Sóc Trăng and Hậu Giang) has communes and wards and no districts; the
departments of the bloc were merged too (Sở Nội vụ took in Lao động – Thương binh và Xã hội, Sở
Khoa học và Công nghệ took in Thông tin và Truyền thông, …). A different shape from 2024: two
phases, six other programs, eight indicators with other ids and targets (no CT01: participations
are CT11), monthly reports due the 25th instead of weekly ones, other deadlines and award
quotas. Three units still use last year's template: a district column, and the communes written
by their names before the reorganisation (`old_names`), which the kit converts and logs.

The kit reads the campaign's plan file, data/plans/ky-nghi-hong-2025.yaml; these facts agree with it.
"""

from __future__ import annotations

import datetime as dt

from .facts import DANG, HA_TANG, KINH_TE, NOI_CHINH, VHXH, Y_TE, Facts, Mistakes

CAMPAIGN_START = dt.date(2025, 6, 2)
CAMPAIGN_END = dt.date(2025, 8, 15)
# the monthly reports due the 25th, then the final report after the campaign's last day
DEADLINES = [dt.date(2025, 6, 25), dt.date(2025, 7, 25), CAMPAIGN_END]
PERIODS = {"dot1": dt.date(2025, 7, 10), "tongket": dt.date(2025, 8, 20)}

# id: (full name as in plan section IV, shortened names units write — each one of the plan file's
# short_names —, start, end)
PROGRAMS = {
    "P1": ("Tuổi trẻ Khối cơ quan Dân Chính Đảng thành phố Cần Thơ đồng hành cùng chính quyền địa phương hai cấp",
           ["Chính quyền hai cấp", "Ngày thứ Bảy tình nguyện"], dt.date(2025, 6, 2), dt.date(2025, 7, 6)),
    "P2": ("Tuổi trẻ Khối cơ quan Dân Chính Đảng thành phố Cần Thơ tiên phong trong phong trào “Bình dân học vụ số”",
           ["Bình dân học vụ số", "Học vụ số"], dt.date(2025, 6, 2), dt.date(2025, 8, 15)),
    "P3": ("Kỳ nghỉ hồng vì đàn em thân yêu", ["Vì đàn em", "Đàn em thân yêu"], dt.date(2025, 6, 2),
           dt.date(2025, 6, 30)),
    "P4": ("Tuổi trẻ Khối cơ quan Dân Chính Đảng thành phố Cần Thơ tri ân anh hùng liệt sĩ",
           ["Tri ân anh hùng liệt sĩ", "Tri ân liệt sĩ"], dt.date(2025, 7, 7), dt.date(2025, 7, 31)),
    "P5": ("Thầy thuốc trẻ đồng hành cùng xã, phường mới", ["Thầy thuốc trẻ"], dt.date(2025, 7, 7),
           dt.date(2025, 8, 15)),
    "P6": ("Tuổi trẻ Khối cơ quan Dân Chính Đảng thành phố Cần Thơ ra quân “Ngày Chủ nhật xanh”",
           ["Chủ nhật xanh", "Bảo vệ môi trường"], dt.date(2025, 7, 7), dt.date(2025, 8, 15)),
}

# id, header, unit word written after numbers, target, decimals
INDICATORS = [
    ("CT02", "Tuyến đường, hẻm văn minh", "tuyến", 2, 0),
    ("CT04", "Cây xanh trồng mới", "cây", 1500, 0),
    ("CT07", "Lượt người dân được hướng dẫn kỹ năng số", "lượt", 3000, 0),
    ("CT10", "Thiếu nhi khó khăn được hỗ trợ", "em", 500, 0),
    ("CT11", "Lượt ĐVTN, CBCCVC trẻ tham gia", "lượt", 1500, 0),
    ("CT12", "Hồ sơ dịch vụ công trực tuyến được hỗ trợ", "hồ sơ", 800, 0),
    ("CT13", "Lượt người dân được khám, tư vấn sức khỏe", "lượt", 1200, 0),
    ("CT14", "Gia đình chính sách được thăm, tặng quà", "gia đình", 150, 0),
]
DESIRED_RATIO = {"CT04": 0.9, "CT07": 1.15, "CT10": 1.1, "CT11": 1.2, "CT12": 0.8, "CT13": 1.05, "CT14": 0.7}

# commune, kind (xã/phường), district (none on the 2025 map), district kind, focus commune of the plan
COMMUNES = [
    ("Vị Thủy", "xã", "", "", True),
    ("Kế Sách", "xã", "", "", True),
    ("Vĩnh Trinh", "xã", "", "", True),
    ("Nhơn Ái", "xã", "", "", False),
    ("Cờ Đỏ", "xã", "", "", False),
    ("Mỹ Tú", "xã", "", "", False),
    ("Trần Đề", "xã", "", "", False),
    ("Thạnh Phú", "xã", "", "", False),
    ("Long Phú", "xã", "", "", False),
    ("Ninh Kiều", "phường", "", "", False),
    ("Cái Khế", "phường", "", "", False),
    ("Tân An", "phường", "", "", False),
    ("Bình Thủy", "phường", "", "", False),
    ("Cái Răng", "phường", "", "", False),
    ("Vị Thanh", "phường", "", "", False),
    ("Sóc Trăng", "phường", "", "", False),
    ("Ngã Bảy", "phường", "", "", False),
]
# commune index → (name, kind, district, district kind) of a 2024-map commune merged into it,
# as a unit using last year's template writes it (vietnamadminunits converts each to its commune)
OLD_NAMES = {
    0: ("Vị Trung", "xã", "Vị Thủy", "huyện"),
    1: ("Kế An", "xã", "Kế Sách", "huyện"),
    2: ("Vĩnh Bình", "xã", "Vĩnh Thạnh", "huyện"),
    3: ("Nhơn Nghĩa", "xã", "Phong Điền", "huyện"),
    4: ("Thới Xuân", "xã", "Cờ Đỏ", "huyện"),
    5: ("Mỹ Thuận", "xã", "Mỹ Tú", "huyện"),
    6: ("Trung Bình", "xã", "Trần Đề", "huyện"),
    10: ("An Hòa", "phường", "Ninh Kiều", "quận"),
    11: ("Hưng Lợi", "phường", "Ninh Kiều", "quận"),
    12: ("An Thới", "phường", "Bình Thủy", "quận"),
    13: ("Ba Láng", "phường", "Cái Răng", "quận"),
    16: ("Hiệp Thành", "phường", "Ngã Bảy", "thị xã"),
}

# id, kind, full name, cluster, sector, aliases
BASE_UNITS = [
    # named in the plan
    ("SNV", "ĐCS", "Đoàn cơ sở Sở Nội vụ thành phố Cần Thơ", 5, NOI_CHINH, ["ĐCS Sở Nội vụ", "ĐCS Sở Nội vụ TPCT"]),
    ("STP", "CĐCS", "Chi đoàn cơ sở Sở Tư pháp thành phố Cần Thơ", 5, NOI_CHINH, ["CĐCS Sở Tư pháp TPCT"]),
    ("CTHUE", "ĐCS", "Đoàn cơ sở Thuế thành phố Cần Thơ", 3, KINH_TE, ["ĐCS Thuế TP Cần Thơ", "ĐCS Thuế thành phố"]),
    ("CHQ", "CĐCS", "Chi đoàn cơ sở Hải quan thành phố Cần Thơ", 3, KINH_TE,
     ["CĐCS Hải quan thành phố", "Hải quan Cần Thơ"]),
    ("SKHCN", "ĐCS", "Đoàn cơ sở Sở Khoa học và Công nghệ thành phố Cần Thơ", 4, HA_TANG,
     ["ĐCS Sở KH&CN", "ĐCS Sở Khoa học và Công nghệ"]),
    ("BVND", "ĐCS", "Đoàn cơ sở Bệnh viện Nhi đồng thành phố Cần Thơ", 1, Y_TE,
     ["ĐCS Bệnh viện Nhi đồng", "BV Nhi đồng TPCT"]),
    ("SGDDT", "ĐCS", "Đoàn cơ sở Sở Giáo dục và Đào tạo thành phố Cần Thơ", 2, VHXH,
     ["ĐCS Sở GD&ĐT", "ĐCS Sở Giáo dục và Đào tạo"]),
    ("BVDK", "ĐCS", "Đoàn cơ sở Bệnh viện Đa khoa thành phố Cần Thơ", 1, Y_TE,
     ["BV Đa khoa TPCT", "ĐCS Bệnh viện Đa khoa thành phố"]),
    ("BVTM", "ĐCS", "Đoàn cơ sở Bệnh viện Tim mạch thành phố Cần Thơ", 1, Y_TE,
     ["BV Tim mạch TPCT", "ĐCS Bệnh viện Tim mạch"]),
    ("SNNMT", "ĐCS", "Đoàn cơ sở Sở Nông nghiệp và Môi trường thành phố Cần Thơ", 4, HA_TANG,
     ["ĐCS Sở NN&MT", "ĐCS Sở Nông nghiệp và Môi trường"]),
    ("SXD", "ĐCS", "Đoàn cơ sở Sở Xây dựng thành phố Cần Thơ", 4, HA_TANG, ["ĐCS Sở Xây dựng", "Sở XD Cần Thơ"]),
    ("BPTTH", "Chi đoàn", "Chi đoàn Báo và Phát thanh, Truyền hình Cần Thơ", 4, VHXH,
     ["Chi đoàn Báo và PT-TH Cần Thơ", "Chi đoàn Báo và Phát thanh, Truyền hình"]),
    # other agencies of the bloc
    ("BVMRHM", "CĐCS", "Chi đoàn cơ sở Bệnh viện Mắt – Răng hàm mặt thành phố Cần Thơ", 1, Y_TE,
     ["BV Mắt - RHM", "CĐCS BV Mắt – RHM TPCT"]),
    ("BVUB", "ĐCS", "Đoàn cơ sở Bệnh viện Ung bướu thành phố Cần Thơ", 1, Y_TE, ["BV Ung bướu TPCT"]),
    ("BVPS", "ĐCS", "Đoàn cơ sở Bệnh viện Phụ sản thành phố Cần Thơ", 1, Y_TE, ["BV Phụ sản TPCT"]),
    ("BVDKVT", "ĐCS", "Đoàn cơ sở Bệnh viện Đa khoa khu vực Vị Thanh", 1, Y_TE,
     ["BV Đa khoa Vị Thanh", "ĐCS BVĐK khu vực Vị Thanh"]),
    ("BVDKST", "ĐCS", "Đoàn cơ sở Bệnh viện Đa khoa khu vực Sóc Trăng", 1, Y_TE,
     ["BV Đa khoa Sóc Trăng", "ĐCS BVĐK khu vực Sóc Trăng"]),
    ("CDC", "ĐCS", "Đoàn cơ sở Trung tâm Kiểm soát bệnh tật thành phố Cần Thơ", 2, Y_TE, ["ĐCS CDC Cần Thơ"]),
    ("SYT", "CĐCS", "Chi đoàn cơ sở Sở Y tế thành phố Cần Thơ", 2, Y_TE, ["CĐCS Sở Y tế TPCT"]),
    ("VPUBND", "CĐCS", "Chi đoàn cơ sở Văn phòng Ủy ban nhân dân thành phố Cần Thơ", 5, NOI_CHINH,
     ["CĐCS Văn phòng UBND TPCT", "CĐCS UBND TP"]),
    ("KDTU", "Chi đoàn", "Chi đoàn cơ quan Đảng ủy các cơ quan Đảng thành phố", 5, DANG,
     ["Chi đoàn Đảng ủy các cơ quan Đảng", "Chi đoàn cơ quan Đảng ủy"]),
    ("STC", "ĐCS", "Đoàn cơ sở Sở Tài chính thành phố Cần Thơ", 3, KINH_TE, ["ĐCS Sở Tài chính TPCT"]),
    ("SCT", "CĐCS", "Chi đoàn cơ sở Sở Công Thương thành phố Cần Thơ", 3, KINH_TE, ["CĐCS Sở Công Thương TPCT"]),
    ("SVHTTDL", "ĐCS", "Đoàn cơ sở Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ", 2, VHXH,
     ["ĐCS Sở VH-TT&DL", "ĐCS Sở Văn hóa, Thể thao và Du lịch"]),
    ("SNGV", "CĐCS", "Chi đoàn cơ sở Sở Ngoại vụ thành phố Cần Thơ", 2, VHXH, ["CĐCS Sở Ngoại vụ TPCT"]),
    ("BHXH", "ĐCS", "Đoàn cơ sở Bảo hiểm xã hội thành phố Cần Thơ", 3, KINH_TE, ["ĐCS BHXH TPCT"]),
    ("KBNN", "CĐCS", "Chi đoàn cơ sở Kho bạc Nhà nước khu vực XX", 3, KINH_TE, ["CĐCS Kho bạc khu vực XX"]),
    ("TTR", "Chi đoàn", "Chi đoàn Thanh tra thành phố Cần Thơ", 5, NOI_CHINH, ["Chi đoàn Thanh tra TPCT"]),
    ("VPDBQH", "Chi đoàn", "Chi đoàn Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố Cần Thơ", 5,
     NOI_CHINH, ["Chi đoàn VP Đoàn ĐBQH và HĐND TPCT"]),
    ("BVYHCT", "CĐCS", "Chi đoàn cơ sở Bệnh viện Y học cổ truyền thành phố Cần Thơ", 1, Y_TE,
     ["CĐCS BV Y học cổ truyền TPCT", "BV YHCT Cần Thơ"]),
]
PROFILE = {"TTR": "never", "KBNN": "never", "VPDBQH": "once", "STC": "cumulative", "SYT": "phase",
           "BPTTH": "phase"}
NOT_REGISTERED = ["TTR", "KBNN", "SCT", "VPDBQH", "BHXH"]

# program, names, indicator ranges, participations range (CT11), weight by sector ("*" default)
TEMPLATES = [
    ("P1", ["Hỗ trợ người dân làm thủ tục tại trung tâm phục vụ hành chính công xã",
            "Hướng dẫn thủ tục hành chính cho người dân phường mới"], {"CT12": (5, 25)}, (5, 12),
     {"*": 2, NOI_CHINH: 4, KINH_TE: 3}),
    ("P1", ["Tuyên truyền về chính quyền địa phương hai cấp"], {}, (6, 15), {"*": 1}),
    ("P2", ["Bình dân học vụ số: hướng dẫn cài đặt, sử dụng VNeID",
            "Hướng dẫn người dân thanh toán không dùng tiền mặt"], {"CT07": (15, 60)}, (5, 12), {"*": 3}),
    ("P2", ["Hỗ trợ người dân nộp hồ sơ dịch vụ công trực tuyến"], {"CT07": (5, 20), "CT12": (5, 20)}, (4, 10),
     {"*": 1.5, HA_TANG: 2.5}),
    ("P3", ["Trao quà, học bổng cho thiếu nhi có hoàn cảnh khó khăn",
            "Sinh hoạt hè, phòng chống đuối nước cho thiếu nhi"], {"CT10": (5, 25)}, (5, 15), {"*": 2}),
    ("P3", ["Khám sức khỏe, tư vấn dinh dưỡng cho thiếu nhi"], {"CT10": (10, 30), "CT13": (10, 40)}, (6, 15),
     {Y_TE: 4, "*": 0}),
    ("P4", ["Thăm, tặng quà gia đình chính sách, gia đình có công", "Thắp nến tri ân tại nghĩa trang liệt sĩ"],
     {"CT14": (2, 8)}, (8, 25), {"*": 2}),
    ("P5", ["Khám bệnh, phát thuốc miễn phí cho người dân xã, phường mới", "Tư vấn sức khỏe miễn phí cho người dân"],
     {"CT13": (20, 80)}, (8, 20), {Y_TE: 7, "*": 0}),
    ("P5", ["Hiến máu tình nguyện"], {}, (15, 40), {Y_TE: 2, "*": 0.8}),
    ("P6", ["Ngày Chủ nhật xanh: trồng cây xanh", "Trồng cây xanh tuyến đường xã"], {"CT04": (20, 150)}, (8, 25),
     {"*": 1.2, HA_TANG: 2}),
    ("P6", ["Thu gom rác thải nhựa, làm sạch kênh rạch"], {}, (8, 25), {"*": 1.5}),
]

# the plan's assignments and key days, as activities of the named units
# unit, program, name, date, commune, {indicator: value}, kinh phí, note
SPECIALS = [
    ("BPTTH", "P2", "Đội hình truyền thông: đưa tin Lễ ra quân chiến dịch", (6, 7), "Vị Thủy", {"CT11": 6}, None,
     None),
    ("BVND", "P3", "Ngày hội vì đàn em thân yêu", (6, 14), "Vị Thủy", {"CT11": 30, "CT10": 120}, 25_000_000,
     "Đăng cai cấp Khối"),
    ("SGDDT", "P3", "Ngày hội vì đàn em thân yêu: sân chơi, tặng sách cho thiếu nhi", (6, 14), "Vị Thủy",
     {"CT11": 25, "CT10": 80}, 15_000_000, None),
    ("SKHCN", "P2", "Ngày cao điểm Bình dân học vụ số", (6, 21), "Kế Sách", {"CT11": 40, "CT07": 300}, 12_000_000,
     "Chủ trì cấp Khối"),
    ("BVDK", "P5", "Ngày hội Thầy thuốc trẻ đồng hành cùng xã, phường mới", (7, 12), "Vĩnh Trinh",
     {"CT11": 30, "CT13": 250}, 30_000_000, "Khám, phát thuốc cho 250 lượt người dân"),
    ("BVTM", "P5", "Ngày hội Thầy thuốc trẻ: tầm soát tim mạch cho người dân", (7, 12), "Vĩnh Trinh",
     {"CT11": 20, "CT13": 150}, 18_000_000, None),
    ("SNNMT", "P6", "Ngày Chủ nhật xanh cấp Khối: trồng cây xanh", (7, 20), "Kế Sách", {"CT11": 50, "CT04": 400},
     20_000_000, "Chủ trì cấp Khối"),
    ("SXD", "P6", "Ra mắt tuyến đường văn minh xã Vị Thủy", (7, 20), "Vị Thủy", {"CT11": 25, "CT02": 1}, 30_000_000,
     None),
    ("SNV", "P4", "Thăm, tặng quà gia đình chính sách, thắp nến tri ân liệt sĩ", (7, 26), "Bình Thủy",
     {"CT11": 40, "CT14": 30}, 25_000_000, None),
    ("VPUBND", "P6", "Ra mắt tuyến hẻm văn minh phường Ninh Kiều", (8, 9), "Ninh Kiều", {"CT11": 20, "CT02": 1},
     20_000_000, None),
]

MISTAKES = Mistakes(
    unknown_units=[
        ({"unit": "Đoàn phường Cái Khế"}, "Đơn vị không có trong danh sách: “Đoàn phường Cái Khế”", ["BVDK"]),
        ({"unit": "Chi đoàn Công ty Cổ phần Phú An"},
         "Đơn vị không có trong danh sách: “Chi đoàn Công ty Cổ phần Phú An”", ["SKHCN"]),
        ({"unit": "Đoàn xã X"}, "Đơn vị không có trong danh sách: “Đoàn xã X”", None),
    ],
    missing_date_preferred=["SNV"],
    outside_dates=[("01/06/2025", "Ngày tổ chức 01/06/2025 (trước chiến dịch)"),
                   (dt.date(2025, 8, 30), "Ngày tổ chức 30/8/2025 (sau chiến dịch)")],
    invalid_dates=[("31/02/2025", "Ngày không tồn tại “31/02/2025”"), ("31/6/2025", "Ngày không tồn tại “31/6/2025”")],
    negative={"unit": "SGDDT", "indicator": "CT04", "program": "P6", "values": {"CT11": 12, "CT04": -20},
              "what": "Số âm: Cây xanh trồng mới = -20"},
    outside_window_moves=[("P3", dt.date(2025, 7, 8)), ("P4", dt.date(2025, 6, 20))],
    guide_lines=[
        "HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO “KỲ NGHỈ HỒNG” 2025",
        "1. Mỗi dòng ghi một hoạt động đã tổ chức; không gộp nhiều hoạt động vào một dòng.",
        "2. Cột chương trình ghi số thứ tự chương trình (1 đến 6) theo mục IV của Kế hoạch.",
        "3. Ngày ghi theo dạng ngày/tháng/năm, ví dụ 14/06/2025.",
        "4. Xã, phường ghi theo tên từ 1/7/2025; không ghi quận, huyện.",
        "5. Gửi báo cáo tháng trước 17h00 ngày 25 hằng tháng.",
    ],
    guide_preferred="SGDDT",
    newest_first_preferred="BVUB",
    vn_number={"unit": "SXD", "program": "P6", "name": "Trồng 1.500 cây xanh tại 3 xã trọng điểm",
               "commune": "Vị Thủy", "values": {"CT11": 60, "CT04": 1500}, "cost": 90_000_000,
               "note": "Đăng ký phối hợp Cụm 4",
               "overrides": {"CT04": "1.500", "planned": "60", "cost_plan": "90.000.000"},
               "what": "Số liệu dạng chữ “1.500” (cây), “90.000.000”", "outcome": "counted (1500; 90000000)"},
    late_sheet=("BVDK", dt.date(2025, 6, 5)),
    registration_unknown_unit=("Đoàn phường Vị Thanh", "SNV"),
    registration_invalid_date="31/06/2025",
    registration_unknown_column_preferred="SKHCN",
    old_name_units=["SNNMT", "SXD", "BVYHCT"],
)

README_NOTES = (
    "Ngoài ra, rải khắp các tệp (đọc được, không bị loại): khối tiêu đề “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” / "
    "“ĐOÀN TNCS HỒ CHÍ MINH” có ô gộp phía trên bảng; tiêu đề cột viết hoa, thừa dấu cách, xuống dòng, "
    "không dấu, dạng Unicode NFD, khác dấu câu; ngày là ngày Excel, `dd/mm/yyyy`, `d/m/yy`, `dd-mm-yyyy`, "
    "“ngày 14 tháng 6 năm 2025”; Ngày gửi có giờ (gửi sau 17h00 ngày 25, hoặc một hai ngày sau là muộn); "
    "số dạng chữ “1.500.000”, “2,5”, “150 cây”; tên đơn vị viết tắt, tên gọi khác, không dấu, chữ hoa, NFD; "
    "chương trình ghi “5”, “P5”, tên đầy đủ hoặc tên rút gọn; xã, phường ghi “xã Vị Thủy”, “Vị Thủy”, "
    "“X. Vị Thủy”, “vi thuy”, không có quận, huyện; ba đơn vị (SNNMT, SXD, BVYHCT) vẫn dùng mẫu năm trước: "
    "có cột Quận/Huyện và ghi xã, phường theo tên trước 1/7/2025 (“xã Vị Trung, huyện Vị Thủy”), bộ công cụ "
    "đổi sang tên mới (xã Vị Thủy) và ghi lại trong danh sách lỗi dữ liệu; hoạt động gửi lại ở báo cáo sau (có khi "
    "sửa số liệu) được gộp làm một, số liệu của lần gửi sau cùng được tính"
)

FACTS = Facts(
    key="2025",
    name="Kỳ nghỉ hồng 2025",
    title="“KỲ NGHỈ HỒNG” NĂM 2025",
    default_seed=2025,
    folder="sample-2025",
    plan_file="ky-nghi-hong-2025.yaml",
    start=CAMPAIGN_START,
    end=CAMPAIGN_END,
    cycle="month",
    deadlines=DEADLINES,
    first_sheet_number=1,
    deadline_time=dt.time(17, 0),
    registration_deadline=dt.date(2025, 5, 31),
    registration_sent=(2025, 5, 19, 30),
    late_registration_text_moment=dt.date(2025, 6, 3),
    late_registrations={"BVUB": dt.datetime(2025, 6, 2, 9, 40), "SNNMT": "03/06/2025",
                        "SVHTTDL": dt.date(2025, 6, 6)},
    periods=PERIODS,
    once_send=(dt.datetime(2025, 8, 19, 9, 15), CAMPAIGN_END, CAMPAIGN_END),
    phase_sends=[("Báo cáo đợt 1", dt.datetime(2025, 7, 9, 15, 30), dt.date(2025, 7, 6), "phase"),
                 ("Báo cáo tổng kết", (dt.datetime(2025, 8, 21, 8, 0), dt.datetime(2025, 8, 18, 16, 0)),
                  CAMPAIGN_END, "final")],
    phase_start=dt.date(2025, 6, 1),
    phase_sheet_names={CAMPAIGN_END: "Báo cáo tổng kết"},
    programs=PROGRAMS,
    indicators=INDICATORS,
    desired_ratio=DESIRED_RATIO,
    participation="CT11",
    communes=COMMUNES,
    has_districts=False,
    base_units=BASE_UNITS,
    profile=PROFILE,
    not_registered=NOT_REGISTERED,
    templates=TEMPLATES,
    specials=SPECIALS,
    volunteer_days={"units": ["SNV", "STP", "CTHUE", "CHQ"], "dates": [(6, 14), (6, 28)], "program": "P1",
                    "name": "Ngày thứ Bảy tình nguyện hỗ trợ người dân xã, phường mới",
                    "figures": {"CT11": (6, 14), "CT12": (8, 25)}},
    urban_programs=("P1", "P2"),
    health_program="P5",
    report_files={"CTHUE": ("Bao cao KNH 2025 - Thue TP.xls", "xls"), "SXD": ("BC thang_SXD.xlsx", "xlsx")},
    registration_files={"SNV": ("DK_SNV.xls", "xls"), "SKHCN": ("DK_SKHCN.ods", "ods")},
    assigned_extra=set(),
    readme_notes=README_NOTES,
    mistakes=MISTAKES,
    old_names=OLD_NAMES,
)
