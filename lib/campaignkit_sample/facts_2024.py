"""The facts of the 2024 campaign "Kỳ nghỉ hồng" that the generator needs (`FACTS`).

Only what the generator uses; the kit itself reads the real plan file
(data/plans/ky-nghi-hong-2024.yaml). Here: the campaign's dates, Saturdays and reporting periods;
the nine programs and their windows; the indicators with their targets and the ratios the sample
should land at; the communes and the plan's focus communes; the units of the bloc, how each one
behaves in the sample (profiles, who does not register); the activity templates units draw from;
the plan's own assignments and key days (specials, the volunteer Saturdays); and where the
deliberate mistakes go. The second campaign's facts sit beside these, in facts_2025.py.
"""

from __future__ import annotations

import datetime as dt

from .facts import DANG, HA_TANG, KINH_TE, NOI_CHINH, VHXH, Y_TE, Facts, Mistakes

# ---------------------------------------------------------------------------------------------
# Dates and reporting periods
# ---------------------------------------------------------------------------------------------

CAMPAIGN_START = dt.date(2024, 6, 1)
CAMPAIGN_END = dt.date(2024, 8, 31)
SATURDAYS = [CAMPAIGN_START + dt.timedelta(days=7 * i) for i in range(14)]  # 01/6 … 31/8
WEEKLY_DEADLINE = dt.time(17, 0)
REGISTRATION_DEADLINE = dt.date(2024, 6, 15)
PERIODS = {"dot1": dt.date(2024, 6, 23), "dot2": dt.date(2024, 7, 23), "tongket": dt.date(2024, 8, 20)}

# ---------------------------------------------------------------------------------------------
# Programs and indicators
# ---------------------------------------------------------------------------------------------

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
# where the synthetic campaign should land at scale 1 (ratio to target): some met, some behind
DESIRED_RATIO = {"CT01": 1.18, "CT04": 0.86, "CT05a": 1.22, "CT05b": 0.72, "CT06": 0.74, "CT07": 1.14,
                 "CT08a": 1.08, "CT08b": 0.68, "CT09": 1.12, "CT10": 1.14}

# ---------------------------------------------------------------------------------------------
# Communes
# ---------------------------------------------------------------------------------------------

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

# ---------------------------------------------------------------------------------------------
# Units of the bloc and how they behave in the sample
# ---------------------------------------------------------------------------------------------

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
    ("BHXH", "ĐCS", "Đoàn cơ sở Bảo hiểm xã hội thành phố Cần Thơ", 3, KINH_TE,
     ["ĐCS BHXH TPCT", "ĐCS BHXH thành phố"]),
    ("KBNN", "CĐCS", "Chi đoàn cơ sở Kho bạc Nhà nước Cần Thơ", 3, KINH_TE,
     ["CĐCS KBNN Cần Thơ", "CĐCS Kho bạc Nhà nước TPCT"]),
    ("TTR", "Chi đoàn", "Chi đoàn Thanh tra thành phố Cần Thơ", 5, NOI_CHINH, ["Chi đoàn Thanh tra TPCT"]),
    ("VPDBQH", "Chi đoàn", "Chi đoàn Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố Cần Thơ", 5,
     NOI_CHINH, ["Chi đoàn VP Đoàn ĐBQH và HĐND TPCT", "Chi đoàn Văn phòng Đoàn ĐBQH và HĐND TP"]),
    ("CDC", "ĐCS", "Đoàn cơ sở Trung tâm Kiểm soát bệnh tật thành phố Cần Thơ", 2, Y_TE,
     ["ĐCS CDC Cần Thơ", "ĐCS Trung tâm KSBT TPCT"]),
    ("BVYHCT", "CĐCS", "Chi đoàn cơ sở Bệnh viện Y học cổ truyền thành phố Cần Thơ", 1, Y_TE,
     ["CĐCS BV Y học cổ truyền TPCT", "BV YHCT Cần Thơ"]),
    ("BVLBP", "CĐCS", "Chi đoàn cơ sở Bệnh viện Lao và Bệnh phổi thành phố Cần Thơ", 1, Y_TE,
     ["CĐCS BV Lao và Bệnh phổi TPCT", "BV Lao và Bệnh phổi Cần Thơ"]),
]

# reporting behaviour of the base units (all others: "regular")
PROFILE = {"SNGV": "never", "STP": "never", "KBNN": "never", "TTR": "never", "CQLTT": "once",
           "SNV": "cumulative", "CHQ": "cumulative", "PTTH": "phase", "SYT": "phase"}
NOT_REGISTERED = ["TTR", "KBNN", "STC", "SCT", "BHXH", "VPDBQH", "BVLBP", "CQLTT"]

# ---------------------------------------------------------------------------------------------
# Activities: the templates units draw from, and the plan's own assignments and key days
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
    ("P2", ["Tư vấn sức khỏe sinh sản vị thành niên", "Truyền thông phòng chống sốt xuất huyết"], {}, (6, 15),
     {Y_TE: 3, "*": 0}),
    ("P2", ["Đội hình “Tiếp sức người bệnh”"], {}, (5, 12), {Y_TE: 2, "*": 0}),
    ("P3", ["Tuyên truyền chủ quyền biển, đảo cho đoàn viên thanh niên",
            "Thăm, tặng quà cán bộ chiến sĩ làm nhiệm vụ tại biên giới, hải đảo"], {}, (8, 25), {"*": 1.2}),
    ("P4", ["Viếng, thắp hương, vệ sinh Nghĩa trang liệt sĩ", "Thắp nến tri ân các anh hùng liệt sĩ"], {}, (10, 30),
     {"*": 2}),
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
    ("P8", ["Tư vấn định hướng nghề nghiệp ngành công nghệ"], {"CT08a": (15, 40), "CT08b": (1, 6)}, (5, 12),
     {"*": 0.5}),
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
    ("SLDTBXH", "P2", "Phối hợp tổ chức Ngày hội hiến máu tình nguyện", (8, 17), "Xuân Khánh", {"CT01": 30},
     None, None),
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

# ---------------------------------------------------------------------------------------------
# Where the deliberate mistakes go
# ---------------------------------------------------------------------------------------------

MISTAKES = Mistakes(
    unknown_units=[
        ({"unit": "Đoàn phường Xuân Khánh"}, "Đơn vị không có trong danh sách: “Đoàn phường Xuân Khánh”", ["BVDK"]),
        ({"unit": "Chi đoàn Công ty TNHH Minh Phát"},
         "Đơn vị không có trong danh sách: “Chi đoàn Công ty TNHH Minh Phát”", ["SGTVT"]),
        ({"unit": "Đoàn phường X"}, "Đơn vị không có trong danh sách: “Đoàn phường X”", None),
    ],
    missing_date_preferred=["SXD"],
    outside_dates=[("31/05/2024", "Ngày tổ chức 31/05/2024 (trước chiến dịch)"),
                   (dt.date(2024, 9, 15), "Ngày tổ chức 15/9/2024 (sau chiến dịch, gõ nhầm tháng)")],
    invalid_dates=[("31/02/2024", "Ngày không tồn tại “31/02/2024”"), ("31/6/2024", "Ngày không tồn tại “31/6/2024”")],
    negative={"unit": "STNMT", "indicator": "CT04", "program": "P5", "values": {"CT01": 12, "CT04": -20},
              "what": "Số âm: Cây xanh trồng mới = -20"},
    outside_window_moves=[("P1", dt.date(2024, 7, 3)), ("P8", dt.date(2024, 7, 27)), ("P9", dt.date(2024, 7, 30))],
    guide_lines=[
        "HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO “KỲ NGHỈ HỒNG” 2024",
        "1. Mỗi dòng ghi một hoạt động đã tổ chức; không gộp nhiều hoạt động vào một dòng.",
        "2. Cột chương trình ghi số thứ tự chương trình (1 đến 9) theo mục IV của Kế hoạch.",
        "3. Ngày ghi theo dạng ngày/tháng/năm, ví dụ 15/06/2024.",
        "4. Số liệu ghi bằng số; không ghi chữ như “nhiều”, “khoảng”.",
        "5. Gửi báo cáo tuần trước 17h00 thứ Bảy hằng tuần.",
    ],
    guide_preferred="SGTVT",
    newest_first_preferred="STNMT",
    vn_number={"unit": "SXD", "program": "P5", "name": "Trồng 1.000 cây xanh và làm mới đường GTNT tại 4 xã trọng điểm",
               "commune": "Trường Xuân", "values": {"CT01": 80, "CT04": 1000, "CT05b": 2.5}, "cost": 150_000_000,
               "note": "Đăng ký phối hợp Cụm 4",
               "overrides": {"CT04": "1.000", "CT05b": "2,5 km", "planned": "80", "cost_plan": "150.000.000"},
               "what": "Số liệu dạng chữ “1.000” (cây), “2,5 km”, “150.000.000”",
               "outcome": "counted (1000; 2,5; 150000000)"},
    late_sheet=("BVDK", dt.date(2024, 6, 20)),
    registration_unknown_unit=("Đoàn xã Trường Xuân", "SLDTBXH"),
    registration_invalid_date="31/06/2024",
    registration_unknown_column_preferred="SGTVT",
)

README_NOTES = (
    "Ngoài ra, rải khắp các tệp (đọc được, không bị loại): khối tiêu đề “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” / "
    "“ĐOÀN TNCS HỒ CHÍ MINH” có ô gộp phía trên bảng; tiêu đề cột viết hoa, thừa dấu cách, xuống dòng, "
    "không dấu (“So luot DVTN tham gia”), dạng Unicode NFD, khác dấu câu; ngày là ngày Excel, "
    "`dd/mm/yyyy`, `d/m/yy`, `dd-mm-yyyy`, “ngày 15 tháng 6 năm 2024”; Ngày gửi có giờ (gửi sau 17h00 "
    "thứ Bảy, hoặc Chủ nhật/thứ Hai là muộn); số dạng chữ “1.500.000”, “2,5”, “3.500.000,00”, “150 cây”, "
    "“0,8 km”; tên đơn vị viết tắt (“BV Đa khoa TPCT”, “DCS So LDTBXH”), tên gọi khác, không dấu, chữ hoa, NFD; "
    "chương trình ghi “5”, “P5”, tên đầy đủ hoặc tên rút gọn; xã ghi “xã Trường Xuân”, “Trường Xuân”, "
    "“X. Trường Xuân”, “truong xuan”; hoạt động gửi lại ở tuần sau (có khi sửa số liệu) được gộp làm một, "
    "số liệu của lần gửi sau cùng được tính"
)

FACTS = Facts(
    key="2024",
    name="Kỳ nghỉ hồng 2024",
    title="“KỲ NGHỈ HỒNG” NĂM 2024",
    default_seed=2024,
    folder="sample",
    plan_file="ky-nghi-hong-2024.yaml",
    start=CAMPAIGN_START,
    end=CAMPAIGN_END,
    cycle="week",
    deadlines=SATURDAYS[1:],
    first_sheet_number=2,
    deadline_time=WEEKLY_DEADLINE,
    registration_deadline=REGISTRATION_DEADLINE,
    registration_sent=(2024, 6, 3, 14),
    late_registration_text_moment=dt.date(2024, 6, 20),
    late_registrations={"BVUB": dt.datetime(2024, 6, 17, 10, 5), "STNMT": "20/06/2024",
                        "SVHTTDL": dt.date(2024, 6, 24)},
    periods=PERIODS,
    once_send=(dt.datetime(2024, 8, 19, 9, 15), dt.date(2024, 8, 17), dt.date(2024, 8, 18)),
    phase_sends=[("Báo cáo đợt 1", dt.datetime(2024, 6, 22, 15, 30), dt.date(2024, 6, 22), "phase"),
                 ("Báo cáo đợt 2", dt.date(2024, 7, 20), dt.date(2024, 7, 20), "phase"),
                 ("Báo cáo tổng kết", (dt.datetime(2024, 8, 19, 8, 0), dt.datetime(2024, 8, 17, 16, 0)),
                  dt.date(2024, 8, 17), "final")],
    phase_start=dt.date(2024, 5, 31),
    phase_sheet_names={dt.date(2024, 6, 22): "Báo cáo đợt 1", dt.date(2024, 7, 20): "Báo cáo đợt 2",
                       dt.date(2024, 8, 17): "Báo cáo tổng kết"},
    programs=PROGRAMS,
    indicators=INDICATORS,
    desired_ratio=DESIRED_RATIO,
    participation="CT01",
    communes=COMMUNES,
    has_districts=True,
    base_units=BASE_UNITS,
    profile=PROFILE,
    not_registered=NOT_REGISTERED,
    templates=TEMPLATES,
    specials=SPECIALS,
    volunteer_days={"units": SATURDAY_UNITS, "dates": SATURDAY_DATES, "program": "P6",
                    "name": "Ngày thứ 7 tình nguyện giải quyết thủ tục hành chính cho nhân dân",
                    "figures": {"CT01": (6, 14), "CT07": (8, 25)}},
    urban_programs=("P6", "P7", "P8", "P9"),
    health_program="P2",
    report_files={"CTHUE": ("Bao cao KNH 2024 - Cuc Thue.xls", "xls"), "SXD": ("BC Ky nghi hong_SXD.xlsx", "xlsx"),
                  "BVND": ("bc_bvnd (1).xlsx", "xlsx")},
    registration_files={"SNV": ("DK_SNV.xls", "xls"), "LHHN": ("DK_LHHN.ods", "ods"),
                        "SKHCN": ("Dang ky KNH_SKHCN.xlsx", "xlsx")},
    assigned_extra={"SNGV"},
    readme_notes=README_NOTES,
    mistakes=MISTAKES,
)
