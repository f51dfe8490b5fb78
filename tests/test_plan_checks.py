"""Plan checks: each mistake of the bundled plan is found, with the plan's words, the calendar
fact and a severity; a plan corrected in memory gives an empty table with the same columns."""

from __future__ import annotations

import datetime as dt

import pytest

from campaignkit.plan import Plan
from campaignkit.plan.checks import (
    CHECK_COLUMNS,
    CHECKS,
    ERROR,
    NOTE,
    SEVERITIES,
    WARNING,
    calendar_week_in_month,
    check_plan,
    nth_in_month,
    nth_weekday,
    parse_weekday,
    target_clauses,
)

D = dt.date
SENTENCE_5 = "Sửa chữa, làm mới ít nhất 05 km, làm mới ít nhất 05 km đường giao thông nông thôn."
SENTENCE_8 = ("Tư vấn hướng nghiệp và việc làm cho ít nhất 500 lượt đoàn viên, thanh niên; giới thiệu việc làm cho "
              "ít nhất 200 thanh niên.")


def modified(plan: Plan, *changes) -> Plan:
    data = plan.model_dump()
    for change in changes:
        change(data)
    return Plan.model_validate(data)


def by_id(items: list[dict], wanted: str) -> dict:
    return next(i for i in items if i["id"] == wanted)


# --- the corrections, one per mistake ------------------------------------------------------

def fix_award_weekdays(data):
    thanh_doan = by_id(data["awards"], "thanh_doan")
    thanh_doan["due"].update(stated_weekday="thứ sáu", statement="hạn chót trước 17h00, thứ sáu, ngày 23/8/2024")
    doan_khoi = by_id(data["awards"], "doan_khoi")
    doan_khoi["due"].update(date=D(2024, 8, 22), statement="hạn chót trước 17h00, thứ năm, ngày 22/8/2024")


def fix_covered_periods(data):
    by_id(data["reporting"]["reports"], "tong_ket")["due"].update(date=D(2024, 9, 5), statement="trước ngày 5/9/2024")
    by_id(data["awards"], "thanh_doan")["covers_until"] = D(2024, 8, 23)
    by_id(data["awards"], "doan_khoi")["covers_until"] = D(2024, 8, 22)


def fix_second_saturday(data):
    by_id(data["key_days"], "thu_bay_tinh_nguyen")["dates"][0]["date"] = D(2024, 6, 8)


def fix_program_windows(data):
    windows = {"P2": (D(2024, 6, 1), D(2024, 6, 30)), "P3": (D(2024, 6, 1), D(2024, 6, 30)),
               "P5": (D(2024, 7, 1), D(2024, 7, 31)), "P6": (D(2024, 7, 1), D(2024, 7, 31))}
    for program in data["programs"]:
        if program["id"] in windows:
            program["start"], program["end"] = windows[program["id"]]


def fix_targets(data):
    for indicator in data["indicators"]:
        if indicator["id"] in ("CT05a", "CT05b"):
            indicator["statement"] = "Sửa chữa ít nhất 05 km, làm mới ít nhất 05 km đường giao thông nông thôn."
        if not indicator["minimum"]:
            indicator["minimum"] = True
            indicator["statement"] = indicator["statement"].replace("cho ", "cho ít nhất ", 1).replace(
                "hiện thực hóa ", "hiện thực hóa ít nhất ", 1)


ALL_FIXES = (fix_award_weekdays, fix_covered_periods, fix_second_saturday, fix_program_windows, fix_targets)


@pytest.fixture(scope="module")
def findings(plan):
    return check_plan(plan)


def of(findings, check: str):
    return findings[findings["check"] == check]


def plan_statements(plan: Plan) -> set[str]:
    """Every statement-like text of the plan file: the checker may quote only these."""
    found = set()

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in ("statement", "window_statement"):
            found.add(value)
    walk(plan.model_dump())
    return found


# --- the table -----------------------------------------------------------------------------

def test_columns_severities_and_order(findings):
    assert list(findings.columns) == CHECK_COLUMNS
    assert set(findings["severity"]) <= set(SEVERITIES)
    assert set(findings["check"]) <= set(CHECKS)
    ranks = findings["severity"].map(SEVERITIES.index)
    assert ranks.is_monotonic_increasing
    assert (findings["finding"].str.len() > 40).all() and (findings["where"] != "").all()


def test_every_quote_is_the_plans_own_words(plan, findings):
    statements = plan_statements(plan)
    for quote in findings["quote"]:
        for part in quote.split(" … "):
            assert any(part in statement for statement in statements), part


def test_corrected_plan_is_silent(plan):
    corrected = modified(plan, *ALL_FIXES)
    table = check_plan(corrected)
    assert table.empty, table[["check", "where"]].to_string()
    assert list(table.columns) == CHECK_COLUMNS


def test_the_bundled_plan_has_these_findings(findings):
    assert sorted(zip(findings["check"], findings["where"])) == sorted([
        ("weekday_mismatch", "awards.thanh_doan.due"),
        ("weekday_mismatch", "awards.doan_khoi.due"),
        ("nth_weekday_mismatch", "key_days.thu_bay_tinh_nguyen.dates.0"),
        ("deadline_order", "awards.doan_khoi.must_precede"),
        ("program_outside_phase", "phases.chuoi1.programs, programs.P2"),
        ("program_outside_phase", "phases.chuoi2.programs, programs.P5"),
        ("program_outside_phase", "phases.chuoi2.programs, programs.P6"),
        ("due_before_period_end", "reporting.reports.tong_ket.due"),
        ("due_before_period_end", "awards.thanh_doan.due"),
        ("due_before_period_end", "awards.doan_khoi.due"),
        ("target_repeated_action", "indicators.CT05a.statement, indicators.CT05b.statement"),
        ("target_minimum_unstated", "indicators.CT01.minimum"),
        ("target_minimum_unstated", "indicators.CT06.minimum"),
        ("target_minimum_unstated", "indicators.CT09.minimum"),
    ])


# --- (a) weekdays --------------------------------------------------------------------------

def test_weekday_mismatch_found(findings):
    found = of(findings, "weekday_mismatch").set_index("where")
    assert set(found["severity"]) == {ERROR}
    thanh_doan = found.loc["awards.thanh_doan.due"]
    assert "23/08/2024 là thứ sáu, không phải thứ năm" in thanh_doan["finding"]
    assert "thứ năm, ngày 23/8/2024" in thanh_doan["quote"]
    assert "chính câu này cũng ghi “thứ sáu”" in thanh_doan["finding"]
    doan_khoi = found.loc["awards.doan_khoi.due"]
    assert "25/08/2024 là chủ nhật, không phải thứ năm" in doan_khoi["finding"]
    assert "22/08/2024" in doan_khoi["finding"]                    # the nearest Thursday before


def test_weekday_silent_when_right(plan, findings):
    assert not of(findings, "weekday_mismatch")["where"].str.startswith("key_days").any()   # 21/7/2024 is a Sunday
    assert of(check_plan(modified(plan, fix_award_weekdays)), "weekday_mismatch").empty


def test_weekday_unreadable(plan, findings):
    assert of(findings, "weekday_unreadable").empty

    def garbled(data):
        by_id(data["key_days"], "chu_nhat_xanh_3")["dates"][0]["stated_weekday"] = "ngày nghỉ"
    found = of(check_plan(modified(plan, garbled)), "weekday_unreadable")
    assert list(found["where"]) == ["key_days.chu_nhat_xanh_3.dates.0"]
    assert list(found["severity"]) == [WARNING]


def test_weekday_words():
    assert parse_weekday("thứ 7") == parse_weekday("Thứ Bảy") == 5
    assert parse_weekday("chủ nhật") == parse_weekday("CN") == 6
    assert parse_weekday("thứ tư") == 2 and parse_weekday("hôm nay") is None


# --- (b) n-th weekday ----------------------------------------------------------------------

def test_nth_weekday_found(findings):
    found = of(findings, "nth_weekday_mismatch")
    assert list(found["where"]) == ["key_days.thu_bay_tinh_nguyen.dates.0"]     # 13/7 and 10/8 are right
    row = found.iloc[0]
    assert row["severity"] == ERROR
    assert "15/06/2024 là thứ bảy thứ 3 của tháng 6/2024, không phải thứ bảy thứ 2" in row["finding"]
    assert "08/06/2024" in row["finding"] and "tuần thứ 3" in row["finding"]
    assert "tuần thứ 2" in row["quote"]


def test_nth_weekday_silent_when_right(plan):
    assert of(check_plan(modified(plan, fix_second_saturday)), "nth_weekday_mismatch").empty


def test_nth_weekday_only_true_by_calendar_week_is_a_warning(plan):
    def monday(data):          # 05/08/2024: the 1st Monday of August, but in its 2nd calendar week
        by_id(data["key_days"], "thuong_binh_liet_si")["dates"][0].update(
            date=D(2024, 8, 5), stated_weekday="thứ hai", stated_nth=2)
    found = of(check_plan(modified(plan, fix_second_saturday, monday)), "nth_weekday_mismatch")
    assert list(found["severity"]) == [WARNING]
    assert "thứ hai thứ 1" in found.iloc[0]["finding"] and "12/08/2024" in found.iloc[0]["finding"]


def test_calendar_helpers():
    assert nth_in_month(D(2024, 6, 15)) == 3 and nth_in_month(D(2024, 7, 13)) == 2
    assert calendar_week_in_month(D(2024, 6, 15)) == 3 and calendar_week_in_month(D(2024, 8, 5)) == 2
    assert nth_weekday(2024, 6, 5, 2) == D(2024, 6, 8)
    assert nth_weekday(2024, 6, 5, 5) == D(2024, 6, 29) and nth_weekday(2024, 6, 0, 5) is None


# --- (c) programs and phases ---------------------------------------------------------------

def test_program_outside_phase_found(findings):
    found = of(findings, "program_outside_phase").set_index("where")
    assert set(found["severity"]) == {WARNING}
    p5 = found.loc["phases.chuoi2.programs, programs.P5"]
    assert "P5 (15/06/2024–10/08/2024)" in p5["finding"] and "(01/07/2024–31/07/2024)" in p5["finding"]
    assert "bắt đầu sớm hơn chuỗi 16 ngày và kết thúc muộn hơn chuỗi 10 ngày" in p5["finding"]
    assert "Từ 15/6/2024 đến 10/8/2024." in p5["quote"] and "Chuỗi hoạt động thứ 2" in p5["quote"]
    p6 = found.loc["phases.chuoi2.programs, programs.P6"]
    assert "tháng 6,7 và 8/2024" in p6["quote"]
    p2 = found.loc["phases.chuoi1.programs, programs.P2"]
    assert "kết thúc muộn hơn chuỗi 62 ngày" in p2["finding"]
    assert not any(f"programs.{p}" in w for w in found.index for p in ("P1", "P4", "P7", "P8", "P9"))


def test_program_outside_phase_silent_when_the_phase_says_so(plan):
    """The plan text's chain 1 says P3 "kéo dài đến 31/8/2024": copied into the phase statement,
    it silences P3 but not P2, whose clause gives no date."""
    def full_chain_statement(data):
        data["phases"][0]["statement"] += (
            ": + Chương trình “Tuổi trẻ Khối cơ quan Dân Chính Đảng TP Cần Thơ hành động vì trẻ em”. "
            "+ Ngày hội “Thầy thuốc trẻ làm theo lời Bác tình nguyện vì sức khoẻ cộng đồng”. "
            "+ Chương trình “Tuổi trẻ Khối cơ quan Dân Chính Đảng TP Cần Thơ hướng về biên giới, biển đảo quê hương” "
            "(chương trình kéo dài đến 31/8/2024).")
    found = of(check_plan(modified(plan, full_chain_statement)), "program_outside_phase")
    assert not found["where"].str.endswith("programs.P3").any()
    assert found["where"].str.endswith("programs.P2").any()
    assert of(check_plan(modified(plan, fix_program_windows)), "program_outside_phase").empty


# --- (d) deadlines -------------------------------------------------------------------------

def test_due_before_period_end_found(findings):
    found = of(findings, "due_before_period_end").set_index("where")
    assert set(found["severity"]) == {WARNING}
    final = found.loc["reporting.reports.tong_ket.due"]
    assert "hạn ngày 20/08/2024" in final["finding"] and "hết 31/08/2024" in final["finding"]
    assert "11 ngày cuối (21/08/2024–31/08/2024)" in final["finding"]
    assert final["quote"] == "trước ngày 20/8/2024"
    assert "8 ngày cuối" in found.loc["awards.thanh_doan.due", "finding"]
    assert "6 ngày cuối" in found.loc["awards.doan_khoi.due", "finding"]


def test_due_before_period_end_silent(plan):
    assert of(check_plan(modified(plan, fix_covered_periods)), "due_before_period_end").empty


def test_deadline_order_found(findings):
    found = of(findings, "deadline_order")
    row = found.iloc[0]
    assert row["severity"] == ERROR
    assert "Đoàn Khối (hạn 17:00 ngày 25/08/2024)" in row["finding"]
    assert "Thành đoàn" in row["finding"] and "17:00 ngày 23/08/2024" in row["finding"]
    assert "muộn hơn 2 ngày" in row["finding"]
    assert "ngày 25/8/2024" in row["quote"] and "ngày 23/8/2024" in row["quote"]


def test_deadline_order_silent_and_unknown_reference(plan, findings):
    assert of(check_plan(modified(plan, fix_award_weekdays)), "deadline_order").empty
    assert of(findings, "deadline_unknown_reference").empty

    def dangling(data):
        by_id(data["awards"], "doan_khoi")["must_precede"] = ["tinh_doan"]
    found = of(check_plan(modified(plan, dangling)), "deadline_unknown_reference")
    assert list(found["where"]) == ["awards.doan_khoi.must_precede"] and list(found["severity"]) == [ERROR]
    assert "tinh_doan" in found.iloc[0]["finding"]


# --- (e) targets ---------------------------------------------------------------------------

def test_target_clauses():
    assert [set(c.values()) for c in target_clauses(SENTENCE_5)] == [{"Sửa chữa", "làm mới"}, {"làm mới"}]
    assert [set(c.values()) for c in target_clauses(SENTENCE_8)] == [
        {"Tư vấn hướng nghiệp", "việc làm"}, {"giới thiệu việc làm"}]


def test_target_repeated_action_found(findings):
    found = of(findings, "target_repeated_action")
    assert len(found) == 1                                          # CT08a/CT08b share a sentence too, rightly
    row = found.iloc[0]
    assert row["severity"] == NOTE and row["quote"] == SENTENCE_5
    assert "“làm mới”" in row["finding"] and "CT05a" in row["finding"] and "CT05b" in row["finding"]


def test_target_not_in_statement(plan, findings):
    assert of(findings, "target_not_in_statement").empty

    def mistyped(data):
        by_id(data["indicators"], "CT04")["target"] = 1500
    found = of(check_plan(modified(plan, mistyped)), "target_not_in_statement")
    assert list(found["where"]) == ["indicators.CT04.target"] and list(found["severity"]) == [WARNING]
    assert "1.500 cây" in found.iloc[0]["finding"] and "1.000" in found.iloc[0]["finding"]


def test_target_minimum_unstated(plan, findings):
    found = of(findings, "target_minimum_unstated")
    assert list(found["where"]) == ["indicators.CT01.minimum", "indicators.CT06.minimum", "indicators.CT09.minimum"]
    assert set(found["severity"]) == {NOTE}
    assert "2.000 lượt" in found.iloc[0]["finding"]
    assert of(check_plan(modified(plan, fix_targets)), "target_minimum_unstated").empty
    assert of(check_plan(modified(plan, fix_targets)), "target_repeated_action").empty
