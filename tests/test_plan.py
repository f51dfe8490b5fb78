"""The bundled plan file carries the facts of the plan text, and broken plans fail clearly."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from pydantic import BaseModel

from campaignkit.paths import DEFAULT_PLAN, PROJECT_ROOT
from campaignkit.plan import Plan, PlanError, load_plan

D = dt.date
SHARED = PROJECT_ROOT.parent / "shared"
PLAN_TEXT = SHARED / "plan" / "ke-hoach-ky-nghi-hong-2024.txt"
CONTRACT = SHARED / "data-contract.md"

# The unit ids of the sample registry (don_vi.xlsx): every one is named in the plan.
UNIT_IDS = {
    "SLDTBXH", "BVDK", "BVTM", "BVMRHM", "BVHHTM", "BVUB", "BVPS", "BVND", "KDTU", "SXD",
    "SKHCN", "STTTT", "VPUBND", "CHQ", "CTHUE", "TTCLV6", "CQLTT", "SGTVT", "SNV", "LHHN",
    "SNGV", "PTTH",
}

# Indicator table of the data contract, section 1: id → (header, unit, target).
CONTRACT_INDICATORS = {
    "CT01": ("Số lượt ĐVTN tham gia", "lượt", 2000),
    "CT02": ("Tuyến phố văn minh", "tuyến", 1),
    "CT03": ("Nhà nhân ái/tình nghĩa/khăn quàng đỏ", "căn", 1),
    "CT04": ("Cây xanh trồng mới", "cây", 1000),
    "CT05a": ("Đường GTNT sửa chữa (km)", "km", 5),
    "CT05b": ("Đường GTNT làm mới (km)", "km", 5),
    "CT06": ("Ý tưởng, sáng kiến được hỗ trợ", "ý tưởng", 200),
    "CT07": ("Lượt hỗ trợ năng lực số", "lượt", 1000),
    "CT08a": ("Lượt tư vấn hướng nghiệp, việc làm", "lượt", 500),
    "CT08b": ("Thanh niên được giới thiệu việc làm", "người", 200),
    "CT09": ("Lượt thanh thiếu nhi học ngoại ngữ, hội nhập", "lượt", 500),
    "CT10": ("Thiếu nhi khó khăn được hỗ trợ", "em", 800),
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """NFC and single spaces: how a statement is compared with the plan text."""
    return re.sub(r"\s+", " ", nfc(text)).strip()


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(DEFAULT_PLAN)


@pytest.fixture(scope="module")
def plan_text() -> str:
    if not PLAN_TEXT.is_file():
        pytest.skip(f"plan text not found at {PLAN_TEXT}")
    return squash(PLAN_TEXT.read_text(encoding="utf-8"))


def all_assignments(plan: Plan):
    for program in plan.programs:
        yield from program.assignments
    yield from plan.other_assignments


def walk(value, path="plan"):
    """Yield (path, value) for every string, dict key included, of a dumped model."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}.<key>", key
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from walk(item, f"{path}[{i}]")


def statements(value, path="plan"):
    """Yield (path, text) for every field the schema defines as 'the plan's own words'."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, dict):
        for key, item in value.items():
            if key in {"statement", "window_statement", "peak_month_statement", "expected_forces"} and item:
                yield f"{path}.{key}", item
            else:
                yield from statements(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from statements(item, f"{path}[{i}]")


# --- the bundled plan ------------------------------------------------------------------


def test_bundled_plan_loads(plan):
    assert DEFAULT_PLAN.is_file()
    assert isinstance(plan, Plan)


def test_campaign(plan):
    c = plan.campaign
    assert "Kỳ nghỉ hồng" in c.name and "2024" in c.name
    assert "Đoàn Khối cơ quan Dân Chính Đảng" in c.organiser
    assert c.province == "Cần Thơ"
    assert (c.start, c.end) == (D(2024, 6, 1), D(2024, 8, 31))
    assert c.peak_month == 7 and "7/2024" in c.peak_month_statement
    assert "trên 1000" in c.expected_forces
    assert c.expected_volunteers == 1000
    assert any("Thầy thuốc trẻ" in f for f in c.invited_forces)


def test_phases(plan):
    phases = {(p.id, p.start, p.end): p.programs for p in plan.phases}
    assert phases == {
        ("chuoi1", D(2024, 6, 1), D(2024, 6, 30)): ["P1", "P2", "P3", "P7"],
        ("chuoi2", D(2024, 7, 1), D(2024, 7, 31)): ["P4", "P5", "P6"],
        ("chuoi3", D(2024, 8, 1), D(2024, 8, 31)): ["P8", "P9"],
    }


def test_programs_in_section_iv_order_with_their_windows(plan):
    windows = {p.id: (p.start, p.end) for p in plan.programs}
    assert [p.id for p in plan.programs] == [f"P{i}" for i in range(1, 10)]
    assert windows == {
        "P1": (D(2024, 6, 1), D(2024, 6, 30)),
        "P2": (D(2024, 6, 1), D(2024, 8, 31)),
        "P3": (D(2024, 6, 1), D(2024, 8, 31)),
        "P4": (D(2024, 7, 1), D(2024, 7, 31)),
        "P5": (D(2024, 6, 15), D(2024, 8, 10)),  # outside chain 2: kept as the plan says
        "P6": (D(2024, 6, 1), D(2024, 8, 31)),
        "P7": (D(2024, 6, 1), D(2024, 6, 30)),
        "P8": (D(2024, 8, 1), D(2024, 8, 31)),
        "P9": (D(2024, 8, 1), D(2024, 8, 31)),
    }
    assert plan.program("P5").window_statement == "Từ 15/6/2024 đến 10/8/2024."
    assert plan.program("P6").window_statement == "Dự kiến tháng 6,7 và 8/2024."
    assert {p.id for p in plan.programs if p.separate_plan} == {"P6", "P7", "P8", "P9"}


def test_program_names_and_short_names(plan):
    assert "hành động vì trẻ em" in plan.program("P1").name
    assert "Thầy thuốc trẻ" in plan.program("P2").name
    assert "chuyển đổi số" in plan.program("P8").name and "tuổi trẻ sáng tạo" in plan.program("P8").name
    assert "hội tụ và hội nhập" in plan.program("P9").name
    owners: dict[str, str] = {}
    for program in plan.programs:
        assert 2 <= len(program.short_names) <= 4, program.id
        assert program.content.strip()
        for short in program.short_names:
            key = short.casefold()
            assert owners.setdefault(key, program.id) == program.id, f"{short!r} names two programs"
    for short, program_id in [
        ("hành động vì trẻ em", "P1"), ("Thầy thuốc trẻ", "P2"), ("biển đảo", "P3"),
        ("đền ơn đáp nghĩa", "P4"), ("nông thôn mới", "P5"), ("thủ tục hành chính", "P6"),
        ("Tọa đàm", "P7"), ("chuyển đổi số", "P8"), ("tuổi trẻ sáng tạo", "P8"), ("hội nhập", "P9"),
    ]:
        assert short in plan.program(program_id).short_names


def test_launch(plan):
    launch = [d for d in plan.key_days if d.kind == "launch"]
    assert len(launch) == 1
    launch = launch[0]
    assert [d.date for d in launch.dates] == [D(2024, 6, 15)]
    assert "Trường Xuân" in launch.place and "Thới Lai" in launch.place
    assert launch.tentative


def test_focus_communes(plan):
    assert {(c.commune, c.district) for c in plan.focus_communes} == {
        ("Thạnh Quới", "Vĩnh Thạnh"),
        ("Trung Hưng", "Cờ Đỏ"),
        ("Trường Xuân", "Thới Lai"),
        ("Tân Thới", "Phong Điền"),
    }
    goals = {c.commune: c.goal for c in plan.focus_communes}
    assert "nâng cao" in goals["Thạnh Quới"]
    assert all("kiểu mẫu" in goals[c] for c in ("Trung Hưng", "Trường Xuân", "Tân Thới"))


def test_indicators_match_the_contract(plan):
    got = {i.id: (i.header, i.unit, i.target) for i in plan.indicators}
    assert got == CONTRACT_INDICATORS
    assert plan.indicator_ids() == list(CONTRACT_INDICATORS)
    by_id = {i.id: i for i in plan.indicators}
    assert by_id["CT05a"].statement == by_id["CT05b"].statement
    assert by_id["CT08a"].statement == by_id["CT08b"].statement
    for indicator in plan.indicators:
        says_minimum = "ít nhất" in indicator.statement or "trên" in indicator.statement
        assert indicator.minimum == says_minimum, indicator.id
    assert {i.id for i in plan.indicators if not i.minimum} == {"CT01", "CT06", "CT09"}


def test_contract_table_is_the_one_of_the_tests():
    """Guard the test's own copy of the contract table against the shared contract."""
    if not CONTRACT.is_file():
        pytest.skip(f"contract not found at {CONTRACT}")
    rows = {}
    for line in nfc(CONTRACT.read_text(encoding="utf-8")).splitlines():
        m = re.match(r"\|\s*(CT\d\d[a-z]?)\s*\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|\s*([\d.]+)\s*\|", line)
        if m:
            rows[m[1]] = (m[2], m[3], int(m[4].replace(".", "")))
    assert rows == CONTRACT_INDICATORS


def test_pace(plan):
    assert plan.pace.kind == "proportional_days"
    assert plan.pace.peak_month_weight == 1.5
    assert "1,5" in plan.pace.description and "tháng 7" in plan.pace.description


def test_reporting(plan):
    reports = {r.id: r for r in plan.reporting.reports}
    assert {k: r.due.date for k, r in reports.items()} == {
        "ke_hoach": D(2024, 6, 15),
        "dot1": D(2024, 6, 23),
        "dot2": D(2024, 7, 23),
        "tong_ket": D(2024, 8, 20),
    }
    assert {k: r.period for k, r in reports.items()} == {
        "ke_hoach": None, "dot1": "dot1", "dot2": "dot2", "tong_ket": "tongket",
    }
    assert reports["tong_ket"].covers_until == plan.campaign.end
    assert "phụ lục số liệu" in reports["tong_ket"].name
    weekly = plan.reporting.cycle
    assert (weekly.every, weekly.weekday, weekly.day, weekly.time) == ("week", 5, None, dt.time(17, 0))
    assert weekly.first.weekday() == 5 and weekly.last.weekday() == 5
    assert (weekly.first, weekly.last, weekly.grace_days) == (D(2024, 6, 8), D(2024, 8, 31), 3)
    assert "17h00" in weekly.statement and "thứ 7" in weekly.statement
    assert reports["tong_ket"].includes == ["thanh_doan", "doan_khoi"]   # "… tổng kết Chiến dịch, khen thưởng …"
    assert "Phan Anh Trang" in plan.reporting.recipient
    assert "dkcqdanchinhdang@cantho.gov.vn" in plan.reporting.recipient


def test_no_phone_number_in_the_plan_file():
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    digits_only = re.sub(r"[ .\-]", "", text)
    assert "0907019345" not in digits_only
    assert not re.search(r"\b0\d{2,3}[ .\-]?\d{3}[ .\-]?\d{3,4}\b", text)
    assert "SĐT" not in nfc(text)


def test_awards(plan):
    awards = {a.id: a for a in plan.awards}
    city, bloc = awards["thanh_doan"], awards["doan_khoi"]
    assert city.level == "Thành đoàn" and bloc.level == "Đoàn Khối"
    assert (city.due.date, city.due.time) == (D(2024, 8, 23), dt.time(17, 0))
    assert (bloc.due.date, bloc.due.time) == (D(2024, 8, 25), dt.time(17, 0))
    assert city.due.stated_weekday == bloc.due.stated_weekday == "thứ năm"
    assert "(thứ sáu)" in city.due.statement
    assert (city.quota_collective, city.quota_individual, city.copies) == (1, 2, 2)
    assert city.covers_until == bloc.covers_until == D(2024, 8, 31)
    assert bloc.must_precede == ["thanh_doan"]


def test_volunteer_saturdays(plan):
    days = [d for d in plan.key_days if d.kind == "volunteer_saturday"]
    assert len(days) == 1 and days[0].program == "P6"
    dates = days[0].dates
    assert [d.date for d in dates] == [D(2024, 6, 15), D(2024, 7, 13), D(2024, 8, 10)]
    assert all(d.date.weekday() == 5 for d in dates)
    assert all((d.stated_weekday, d.stated_nth) == ("thứ bảy", 2) for d in dates)


def test_key_days(plan):
    by_id = {d.id: d for d in plan.key_days}
    assert len(by_id) == len(plan.key_days)
    kinds = {(d.kind, d.program, x.date) for d in plan.key_days for x in d.dates}
    for fact in [
        ("peak_day", "P1", D(2024, 6, 1)),
        ("host_day", "P2", D(2024, 6, 15)),
        ("host_day", "P2", D(2024, 8, 1)),
        ("peak_day", "P5", D(2024, 6, 29)),
        ("peak_day", "P5", D(2024, 7, 21)),
        ("green_sunday", "P5", D(2024, 7, 21)),
        ("anniversary", "P4", D(2024, 7, 27)),
        ("ceremony", None, D(2024, 9, 1)),
    ]:
        assert fact in kinds, fact
    green = next(d for d in plan.key_days if d.kind == "green_sunday")
    assert green.dates[0].stated_weekday == "chủ nhật" and green.dates[0].date.weekday() == 6
    ceremony = next(d for d in plan.key_days if d.kind == "ceremony")
    assert ceremony.tentative and "tháng 9/2024" in ceremony.dates[0].statement
    blood = next(d for d in plan.key_days if d.kind == "host_day" and d.dates[0].date.month == 8)
    assert blood.tentative and "tháng 8/2024" in blood.dates[0].statement


def test_assignments(plan):
    for program in plan.programs:  # every program of section IV assigns someone
        assert program.assignments, program.id
    p1 = plan.program("P1").assignments
    assert any(a.units == ["SLDTBXH"] and a.role == "host" and a.date.date == D(2024, 6, 1) for a in p1)
    p2_host = [a for a in plan.program("P2").assignments if a.role == "host"]
    assert len(p2_host) == 1 and p2_host[0].units == ["BVDK", "BVTM", "BVMRHM"]
    assert p2_host[0].date.date == D(2024, 6, 15) and "Trường Xuân" in p2_host[0].place
    assert any(a.sector == "Y tế" for a in plan.program("P2").assignments)
    p6 = plan.program("P6").assignments[0]
    assert set(p6.units) == {"CHQ", "CTHUE", "TTCLV6", "CQLTT", "SGTVT"} and p6.sector == "Y tế"
    other = {u for a in plan.other_assignments for u in a.units}
    assert other == {"PTTH", "STTTT"}
    for assignment in all_assignments(plan):
        assert assignment.task.strip() and assignment.statement.strip()


def test_every_unit_id_is_a_registry_id(plan):
    used = {u for a in all_assignments(plan) for u in a.units}
    assert used <= UNIT_IDS, used - UNIT_IDS
    assert used == UNIT_IDS  # and the plan names every unit of the registry


def test_teams_and_abbreviations(plan):
    names = [t.name for t in plan.teams]
    assert len(names) == len(set(names)) >= 9
    assert all(t.startswith("Đội") for t in names)
    assert "Đội tuyên truyền, phản ứng nhanh cấp Khối" in names
    assert any("Chăm sóc và bảo vệ quyền trẻ em" in t for t in names)
    for abbr in ["ĐCS", "CĐCS", "BV", "TP", "TPCT", "Sở LĐTBXH", "Sở LĐ-TB&XH", "Sở KH&CN",
                 "Sở TT&TT", "TTTT", "UBND", "GTVT", "QLTT", "PT-TH", "RHM"]:
        assert plan.abbreviations.get(abbr), abbr
    assert plan.abbreviations["ĐCS"] == "Đoàn cơ sở"
    assert plan.abbreviations["Sở LĐ-TB&XH"] == plan.abbreviations["Sở LĐTBXH"]


def test_all_strings_are_nfc(plan):
    bad = [path for path, text in walk(plan) if text != nfc(text)]
    assert not bad


def test_nfd_file_loads_to_the_same_plan(plan, tmp_path):
    copy = tmp_path / "nfd.yaml"
    copy.write_text(unicodedata.normalize("NFD", DEFAULT_PLAN.read_text(encoding="utf-8")), encoding="utf-8")
    assert copy.read_bytes() != DEFAULT_PLAN.read_bytes()
    assert load_plan(copy) == plan


def test_statements_are_the_plans_own_words(plan, plan_text):
    """Every statement, cut at '…', is found word for word in the plan (NFC, spaces squashed)."""
    missing = []
    for path, text in statements(plan):
        for fragment in squash(text).split("…"):
            fragment = fragment.strip()
            if fragment and fragment not in plan_text:
                missing.append((path, fragment))
    assert not missing


def test_program_names_are_as_written(plan, plan_text):
    for program in plan.programs:
        for part in program.name.split("; "):
            assert f"“{squash(part)}”" in plan_text, program.id


# --- broken plans ----------------------------------------------------------------------


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in the bundled plan"
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def plan_error(path: Path) -> str:
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return str(caught.value)


# The schema's messages are Vietnamese and name the line of the file, the key, the value and what
# was expected (changed deliberately from pydantic's English with issue #12: a planner reads them).

def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_bad_date(tmp_path):
    path = broken_copy(tmp_path, "  start: 2024-06-01\n  end: 2024-08-31\n  window_statement",
                       "  start: 2024-06-31\n  end: 2024-08-31\n  window_statement")
    message = plan_error(path)
    assert "campaign.start" in message
    assert "2024-06-31" in message
    assert "cần một ngày có thật" in message
    assert f"dòng {line_of(path, 'start: 2024-06-31')}, khoá 'campaign.start'" in message


def test_date_not_a_date(tmp_path):
    message = plan_error(broken_copy(tmp_path, "first: 2024-06-08", "first: 15/6/2024"))
    assert "reporting.cycle.first" in message and "15/6/2024" in message and "năm-tháng-ngày" in message


def test_unknown_program_in_a_phase(tmp_path):
    path = broken_copy(tmp_path, "programs: [P4, P5, P6]", "programs: [P4, P10, P6]")
    message = plan_error(path)
    assert "phases.1.programs" in message and "chuoi2" in message
    assert "P10" in message
    assert "không có chương trình này; cần một trong" in message and "P9" in message
    assert f"dòng {line_of(path, '[P4, P10, P6]')}" in message


def test_missing_required_key(tmp_path):
    message = plan_error(broken_copy(tmp_path, "  peak_month: 7 ", "  # peak_month: 7 "))
    assert "campaign.peak_month" in message
    assert "thiếu khoá bắt buộc này" in message


def test_out_of_range_value(tmp_path):
    message = plan_error(broken_copy(tmp_path, "  peak_month: 7 ", "  peak_month: 13 "))
    assert "campaign.peak_month" in message and "13" in message and "cần không quá 12" in message


def test_unknown_key(tmp_path):
    message = plan_error(broken_copy(tmp_path, "  province: Cần Thơ\n", "  provinse: Cần Thơ\n"))
    assert "campaign.provinse" in message and "khoá này không có trong mẫu kế hoạch" in message
    assert "campaign.province" in message  # and the right key is reported missing


def test_a_wrong_literal_lists_what_is_allowed(tmp_path):
    message = plan_error(broken_copy(tmp_path, "    every: week\n", "    every: fortnight\n"))
    assert "reporting.cycle.every" in message and "cần một trong: 'week' hoặc 'month'" in message


def test_a_cycle_that_does_not_keep_its_weekday(tmp_path):
    message = plan_error(broken_copy(tmp_path, "first: 2024-06-08", "first: 2024-06-09"))
    assert "reporting.cycle" in message and "weekday 5 (thứ bảy)" in message


def test_the_old_weekly_key_still_reads_as_a_weekly_cycle(tmp_path, plan):
    path = broken_copy(tmp_path, "  cycle:\n    every: week\n", "  weekly:\n")
    assert load_plan(path) == plan


def test_unquoted_time_is_a_time_not_base_60(tmp_path):
    path = broken_copy(tmp_path, 'time: "17:00"\n    first:', "time: 17:30\n    first:")
    assert load_plan(path).reporting.cycle.time == dt.time(17, 30)


def test_not_yaml(tmp_path):
    path = tmp_path / "not_yaml.yaml"
    path.write_text("campaign: [name: “Kỳ nghỉ hồng”\n  start: {2024-06-01\n", encoding="utf-8")
    message = plan_error(path)
    assert str(path) in message and "YAML" in message


def test_yaml_but_not_a_mapping(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- P1\n- P2\n", encoding="utf-8")
    assert "mapping" in plan_error(path)


def test_binary_file(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04\xff\xfe\x00binary")
    assert str(path) in plan_error(path)


def test_missing_file(tmp_path):
    path = tmp_path / "khong-co.yaml"
    message = plan_error(path)
    assert str(path) in message and "Không tìm thấy" in message


# --- facts carried from the plan text (issue #12: the 2024 plan file completed fact by fact) ---


def test_the_two_source_plans(plan):
    assert [(s.number, s.date, s.issuer) for s in plan.campaign.sources] == [
        ("483 - KH/TĐTN-TTNTH", D(2024, 4, 11), "Ban Thường vụ Thành đoàn Cần Thơ"),
        ("550 - KH/TĐTN-BPT", D(2024, 5, 20), "Ban Thường vụ Thành đoàn Cần Thơ"),
    ]
    assert "Thanh niên tình nguyện hè năm 2024" in plan.campaign.sources[0].subject


def test_item_8_keeps_its_two_programs_apart(plan, plan_text):
    p8 = plan.program("P8")
    assert p8.number == "8" and len(p8.parts) == 2
    for part in p8.parts:
        assert f"“{squash(part.name)}”" in plan_text
    chain3 = next(p for p in plan.phases if p.id == "chuoi3")
    assert sum(len(plan.program(p).listed_names()) for p in chain3.programs) == 3   # "chuỗi 03 hoạt động"


def test_section_ii_names_where_they_differ(plan, plan_text):
    assert plan.program("P1").name_in_phase == "Tuổi trẻ Khối cơ quan Dân Chính Đảng TP Cần Thơ hành động vì trẻ em"
    assert plan.program("P3").name_in_phase.endswith("biển đảo quê hương")
    for program in plan.programs:
        if program.name_in_phase:
            assert f"“{squash(program.name_in_phase)}”" in plan_text, program.id


def test_cooperations_roles_and_the_groundbreaking(plan):
    assert [p.name for p in plan.program("P2").partners] == ["Hội Thầy thuốc trẻ thành phố"]
    p3 = next(a for a in plan.program("P3").assignments if a.units == ["BVPS", "KDTU"])
    assert p3.roles == ["host", "lead"]                       # "chủ trì … tổ chức đăng cai"
    sxd = next(a for a in plan.program("P4").assignments if a.units == ["SXD"])
    assert sxd.key_day == "ra_quan" and plan.key_day("ra_quan").dates[0].date == D(2024, 6, 15)
    p5 = next(a for a in plan.program("P5").assignments if "SKHCN" in a.units)
    assert p5.partners == ["Câu lạc bộ Trí thức trẻ tình nguyện thành phố"]


def test_the_other_units_duties(plan):
    shared = {p.id: [a for a in p.assignments if a.all_units or a.other_units] for p in plan.programs}
    assert all(shared[p] for p in ("P1", "P3", "P4", "P5", "P6", "P7", "P8", "P9")), shared
    assert any(a.other_units for a in shared["P4"]) and any(a.all_units for a in shared["P4"])
    duties = [a for a in plan.other_assignments if a.all_units]
    assert len(duties) == 3                                   # section V.2: plan and calendar, the Bí thư, stand-outs
    assert [a.date.date if a.date else None for a in duties] == [D(2024, 6, 15), D(2024, 6, 15), None]
    assert "đồng chí Bí thư" in duties[1].statement and "đoàn viên ưu tú" in duties[2].statement


def test_the_specialised_teams_section_iv_names(plan):
    by_program = {t.program: t.name for t in plan.teams if t.program}
    assert "Chuyển đổi số cộng đồng" in by_program["P5"]
    assert "Tiếp sức người bệnh" in by_program["P6"]
    assert "xe chiếu phim lưu động" in by_program["P4"]
    assert next(t for t in plan.teams if t.units == ["PTTH"]).name == "Đội hình chuyên truyền thông của chiến dịch"


def test_the_general_area_beside_the_focus_communes(plan):
    assert plan.campaign.area.general == "các xã vùng sâu, vùng xa, vùng khó khăn khác của thành phố Cần Thơ"
    assert "tại 04 xã" in plan.campaign.area.statement
    assert plan.campaign.admin_map == "2024" and plan.campaign.has_districts


def test_sections_numbered_as_written(plan):
    assert [s.number for s in plan.sections] == ["", "I", "II", "III", "IV", "IV", "V"]
    assert [p.title for p in plan.sections[6].parts] == ["Ban Thường vụ Đoàn Khối",
                                                          "Ban Chấp hành các TCCSĐ trực thuộc", "Chế độ báo cáo"]


def test_participations_are_plan_data(plan):
    assert plan.participation_indicator().id == "CT01"
    assert [i.id for i in plan.indicators if i.participations] == ["CT01"]


# --- the second bundled plan ---------------------------------------------------------------

PLAN_2025 = PROJECT_ROOT / "data" / "plans" / "ky-nghi-hong-2025.yaml"


@pytest.fixture(scope="module")
def plan_2025() -> Plan:
    return load_plan(PLAN_2025)


def test_the_2025_plan_has_another_shape(plan, plan_2025):
    c = plan_2025.campaign
    assert (c.start, c.end, c.admin_map, c.has_districts) == (D(2025, 6, 2), D(2025, 8, 15), "2025", False)
    assert len(plan_2025.phases) == 2 and len(plan_2025.programs) == 6
    assert not set(plan_2025.indicator_ids()) >= {"CT01"} and "CT01" not in plan_2025.indicator_ids()
    assert plan_2025.participation_indicator().id == "CT11"
    assert {p.name for p in plan_2025.programs}.isdisjoint({p.name for p in plan.programs})
    assert all(f.district == "" for f in plan_2025.focus_communes) and len(plan_2025.focus_communes) == 3
    cycle = plan_2025.reporting.cycle
    assert (cycle.every, cycle.day, cycle.first, cycle.last) == ("month", 25, D(2025, 6, 25), D(2025, 7, 25))
    assert [a.quota_collective for a in plan_2025.awards] == [2, None]


def test_the_2025_periods_are_monthly(plan_2025):
    from campaignkit.plan import campaign_periods, period_start

    periods = {p.id: p for p in campaign_periods(plan_2025)}
    assert list(periods) == ["dot1", "tongket", "thang06", "thang07"]
    assert periods["thang07"].label == "Tháng 7 (số liệu đến 25/07/2025)"
    assert periods["thang07"].kind == "monthly" and periods["thang07"].due == dt.datetime(2025, 7, 25, 17, 0)
    assert period_start(plan_2025, periods["thang07"]) == D(2025, 6, 26)
    assert period_start(plan_2025, periods["thang06"]) == D(2025, 6, 2)     # the month before is before the start


def test_a_district_on_a_map_without_districts_is_refused(tmp_path):
    text = PLAN_2025.read_text(encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace("{commune: Vị Thủy,", "{commune: Vị Thủy, district: Vị Thủy,"), encoding="utf-8")
    message = plan_error(path)
    assert "focus_communes" in message and "không còn cấp huyện" in message


def test_a_monthly_cycle_keeps_its_day(tmp_path):
    text = PLAN_2025.read_text(encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace("first: 2025-06-25", "first: 2025-06-24"), encoding="utf-8")
    assert "không phải ngày 25 của tháng" in plan_error(path)
