"""Plan checks: each mistake of the bundled plan is found, with the plan's words, the calendar
fact, a severity, the section of the plan text and the line of the plan file; a plan corrected in
memory gives an empty table with the same columns."""

from __future__ import annotations

import datetime as dt

import pytest

from campaignkit.paths import PLANS_DIR
from campaignkit.plan import Plan, load_plan
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
    days = by_id(data["key_days"], "thu_bay_tinh_nguyen")["dates"]
    days[0]["date"] = D(2024, 6, 8)
    for day in days:                 # the sentence the three dates share, with the date corrected
        day["statement"] = "Ngày thứ bảy tuần thứ 2 tháng 6, 7, 8 (ngày 8/6; 13/7 và 10/8/2024)"


def fix_program_windows(data):
    windows = {"P2": (D(2024, 6, 1), D(2024, 6, 30)), "P3": (D(2024, 6, 1), D(2024, 6, 30)),
               "P5": (D(2024, 7, 1), D(2024, 7, 31)), "P6": (D(2024, 7, 1), D(2024, 7, 31))}
    for program in data["programs"]:
        if program["id"] in windows:
            program["start"], program["end"] = windows[program["id"]]
            start, end = windows[program["id"]]
            program["window_statement"] = f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}."


def fix_targets(data):
    for indicator in data["indicators"]:
        if indicator["id"] in ("CT05a", "CT05b"):
            indicator["statement"] = "Sửa chữa ít nhất 05 km, làm mới ít nhất 05 km đường giao thông nông thôn."
        if not indicator["minimum"]:
            indicator["minimum"] = True
            indicator["statement"] = indicator["statement"].replace("cho ", "cho ít nhất ", 1).replace(
                "hiện thực hóa ", "hiện thực hóa ít nhất ", 1)


def fix_weekend_deadlines(data):
    by_id(data["reporting"]["reports"], "ke_hoach")["due"].update(date=D(2024, 6, 14), statement="trước ngày 14/6/2024")
    by_id(data["reporting"]["reports"], "dot1")["due"].update(date=D(2024, 6, 24), statement="trước ngày 24/6/2024")
    data["reporting"]["cycle"].update(weekday=2, first=D(2024, 6, 5), last=D(2024, 8, 28),
                                      statement="gửi báo cáo hàng tuần trước 17h00 (thứ 4 hàng tuần)")


def fix_crowded_days(data):
    for duty in data["other_assignments"]:
        duty.update(date=None, key_day=None)
    by_id(data["key_days"], "cao_diem_moi_truong_nong_thon")["dates"][0].update(date=D(2024, 7, 20),
                                                                                statement="ngày 20/7/2024")


def fix_numbering(data):
    data["sections"][5]["number"], data["sections"][6]["number"] = "V", "VI"


def fix_titles(data):
    for program in data["programs"]:
        if program["id"] in ("P1", "P3"):
            program["name_in_phase"] = None


def fix_joined_item(data):
    by_id(data["programs"], "P8")["parts"] = []
    by_id(data["phases"], "chuoi3")["statement"] = "Chuỗi hoạt động thứ 3: Từ 01/8/2024 đến 31/8/2024 gồm 02 hoạt động"


ALL_FIXES = (fix_award_weekdays, fix_covered_periods, fix_second_saturday, fix_program_windows, fix_targets,
             fix_weekend_deadlines, fix_crowded_days, fix_numbering, fix_titles, fix_joined_item)


@pytest.fixture(scope="module")
def findings(plan):
    return check_plan(plan)


def of(findings, check: str):
    return findings[findings["check"] == check]


QUOTABLE = ("statement", "window_statement", "name", "name_in_phase", "title")


def plan_statements(plan: Plan) -> set[str]:
    """Every text of the plan file in the plan's own words (its sentences, the names and headings
    it writes): the checker may quote only these."""
    found = set()

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in QUOTABLE:
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
            part = part.split(". ", 1)[-1] if part[:1] in "IVX" else part      # "IV. NỘI DUNG …": a heading
            assert any(part in statement for statement in statements), part


def test_every_finding_says_where_in_the_text_and_in_the_file(findings):
    """Loaded from its file, every finding names a section of the plan text and a line of the file."""
    assert (findings["section"].str.startswith("mục ")).all(), findings[["where", "section"]]
    assert findings["line"].str.fullmatch(r"\d+(, \d+)*").all()
    text = PLANS_DIR.joinpath("ky-nghi-hong-2024.yaml").read_text(encoding="utf-8").splitlines()
    award = findings[findings["where"] == "awards.thanh_doan.due"].iloc[0]
    assert text[int(award["line"]) - 1].strip() == "due:"                  # the key's own line
    assert award["section"] == "mục IV.2 “Thi đua, khen thưởng”"
    p6 = findings[findings["where"] == "key_days.thu_bay_tinh_nguyen.dates.0"].iloc[0]
    assert p6["section"] == "mục IV.6 (chương trình P6)"                    # a key day: its program's item


def test_corrected_plan_is_silent(plan):
    corrected = modified(plan, *ALL_FIXES)
    table = check_plan(corrected)
    assert table.empty, table[["check", "where"]].to_string()
    assert list(table.columns) == CHECK_COLUMNS


def test_the_bundled_plan_has_these_findings(findings):
    assert sorted(zip(findings["check"], findings["where"])) == sorted([
        ("weekend_deadline", "reporting.reports.ke_hoach.due"),
        ("weekend_deadline", "reporting.reports.dot1.due"),
        ("weekend_deadline", "awards.doan_khoi.due"),
        ("weekend_deadline", "reporting.cycle"),
        ("includes_later_deadline", "reporting.reports.tong_ket.includes"),
        ("day_overload", "programs.P2.assignments.1, programs.P4.assignments.3, programs.P6.assignments.0, "
                         "other_assignments.3, other_assignments.4, reporting.reports.ke_hoach.due, reporting.cycle"),
        ("day_overload", "key_days.cao_diem_do_thi_van_minh.dates.0, reporting.cycle"),
        ("day_overload", "programs.P6.assignments.0, reporting.cycle"),                      # 13/7
        ("day_overload", "programs.P6.assignments.0, reporting.cycle"),                      # 10/8
        ("day_overload", "key_days.cao_diem_moi_truong_nong_thon.dates.0, key_days.chu_nhat_xanh_3.dates.0"),
        ("section_numbering", "sections.4, sections.5"),
        ("title_mismatch", "programs.P1.name_in_phase"),
        ("title_mismatch", "programs.P3.name_in_phase"),
        ("program_numbering", "programs.P8.parts"),
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


# --- (f) days off, reports carrying what is due later --------------------------------------

def test_weekend_deadlines_found(findings):
    found = of(findings, "weekend_deadline").set_index("where")
    plan_due = found.loc["reporting.reports.ke_hoach.due"]
    assert plan_due["severity"] == WARNING and "15/06/2024, là thứ bảy" in plan_due["finding"]
    assert "thứ sáu 14/06/2024" in plan_due["finding"]                     # the working day before
    assert "23/06/2024, là chủ nhật" in found.loc["reporting.reports.dot1.due", "finding"]
    weekly = found.loc["reporting.cycle"]                                  # "(thứ 7 hàng tuần)": chosen
    assert weekly["severity"] == NOTE and "13 trên 13 hạn" in weekly["finding"]
    assert "thứ bảy hằng tuần" in weekly["finding"]


def test_a_deadline_on_a_public_holiday(plan):
    def on_national_day(data):                                             # 2/9 is Quốc khánh
        by_id(data["reporting"]["reports"], "tong_ket")["due"].update(date=D(2024, 9, 2),
                                                                        statement="trước ngày 2/9/2024")
    found = of(check_plan(modified(plan, on_national_day)), "weekend_deadline").set_index("where")
    assert "ngày nghỉ lễ" in found.loc["reporting.reports.tong_ket.due", "finding"]


def test_a_month_only_date_is_no_deadline_on_a_weekend(plan):
    """'dự kiến tháng 9/2024' is written 01/09/2024 (a Sunday): the plan gives no day, so no finding."""
    ceremony = next(d for d in plan.key_days if d.kind == "ceremony").dates[0]
    assert ceremony.date.weekday() == 6
    def month_only_report(data):
        by_id(data["reporting"]["reports"], "tong_ket")["due"].update(date=D(2024, 9, 1),
                                                                        statement="trong tháng 9/2024")
    found = of(check_plan(modified(plan, month_only_report)), "weekend_deadline")
    assert not found["where"].str.contains("tong_ket").any()


def test_a_report_including_what_is_due_later(findings, plan):
    row = of(findings, "includes_later_deadline").iloc[0]
    assert row["severity"] == WARNING
    assert "hạn ngày 20/08/2024" in row["finding"] and "Thành đoàn (hạn 17:00 ngày 23/08/2024)" in row["finding"]
    assert "Đoàn Khối (hạn 17:00 ngày 25/08/2024)" in row["finding"]
    assert of(check_plan(modified(plan, fix_covered_periods)), "includes_later_deadline").empty


# --- (g) crowded days ----------------------------------------------------------------------

def test_the_launch_day_is_overloaded(findings):
    found = of(findings, "day_overload")
    launch = found[found["finding"].str.startswith("Ngày 15/06/2024")].iloc[0]
    assert launch["severity"] == WARNING
    assert "có 7 việc" in launch["finding"]
    assert "BVDK, BVMRHM, BVTM: 5 việc" in launch["finding"] and "SXD: 5 việc" in launch["finding"]
    assert "--data" in launch["finding"]                 # which units the sector 'Y tế' holds is in the registry
    sunday = found[found["finding"].str.startswith("Ngày 21/07/2024")].iloc[0]
    assert sunday["severity"] == NOTE and "Mọi đơn vị" in sunday["finding"]


def test_the_registry_tells_which_units_a_sector_loads(plan):
    """With the unit registry, the hospitals hosting the Ngày hội on 15/6 are also in 'Khối Y tế'
    called to the Saturday of volunteers: one more task each."""
    sectors = {"BVDK": "Y tế", "BVTM": "Y tế", "BVMRHM": "Y tế", "SXD": "Kỹ thuật - Hạ tầng"}
    found = of(check_plan(plan, sectors=sectors), "day_overload")
    launch = found[found["finding"].str.startswith("Ngày 15/06/2024")].iloc[0]
    assert "BVDK, BVMRHM, BVTM: 6 việc" in launch["finding"] and "--data" not in launch["finding"]


def test_two_tasks_of_one_unit_on_one_day(plan):
    def clash(data):                              # SXD's groundbreaking moved onto the 29/6 peak day, with a date
        sxd = next(a for a in by_id(data["programs"], "P4")["assignments"] if a["units"] == ["SXD"])
        sxd.update(key_day=None, date={"date": D(2024, 7, 13), "statement": "ngày 13/7/2024"})
        p6 = by_id(data["programs"], "P6")["assignments"][0]
        p6["units"] = [*p6["units"], "SXD"]
    found = of(check_plan(modified(plan, fix_crowded_days, fix_weekend_deadlines, clash)), "day_overload")
    row = found[found["finding"].str.startswith("Ngày 13/07/2024")].iloc[0]
    assert row["severity"] == WARNING and "SXD: 2 việc" in row["finding"]


# --- (h) the text against itself and against the file --------------------------------------

def test_a_date_changed_in_the_file_but_not_in_its_sentence(plan):
    def stale(data):                              # copied into next year's file, the date changed, not the words
        by_id(data["key_days"], "chu_nhat_xanh_3")["dates"][0]["date"] = D(2025, 7, 20)
        by_id(data["programs"], "P4")["end"] = D(2024, 7, 30)
    found = of(check_plan(modified(plan, stale)), "statement_date_mismatch").set_index("where")
    assert set(found["severity"]) == {ERROR}
    sunday = found.loc["key_days.chu_nhat_xanh_3.dates.0"]
    assert "20/07/2025" in sunday["finding"] and "21/07/2024" in sunday["finding"]
    assert "30/07/2024" in found.loc["programs.P4.window_statement", "finding"]


def test_a_count_that_disagrees_with_its_list(plan):
    def miscounted(data):
        by_id(data["phases"], "chuoi2")["programs"] = ["P4", "P5"]          # "bao gồm chuỗi 03 hoạt động"
        data["focus_communes"] = data["focus_communes"][:3]                # "Trọng tâm: tại 04 xã"
        by_id(data["awards"], "thanh_doan")["copies"] = 3                   # "(02 bản)"
    found = of(check_plan(modified(plan, miscounted)), "count_mismatch").set_index("where")
    assert set(found["severity"]) == {WARNING}
    phase = found.loc["phases.chuoi2.statement, phases.chuoi2.programs"]
    assert "nói 3 hoạt động" in phase["finding"] and "có 2:" in phase["finding"]
    assert "nói 4 xã trọng điểm" in found.loc["campaign.area.statement, focus_communes", "finding"]
    assert "ghi 2 bản nhưng tệp kế hoạch ghi 3" in found.loc["awards.thanh_doan.copies", "finding"]


def test_the_joined_item_counts_as_two_programs(plan, findings):
    """Chain 3 says 03 activities and lists P8 (two programs under item 8) and P9: no count finding,
    one note that item 8 joins two programs."""
    assert of(findings, "count_mismatch").empty
    row = of(findings, "program_numbering").iloc[0]
    assert row["severity"] == NOTE
    assert "kể 10 chương trình nhưng phần nội dung chỉ đánh số 9 mục: mục 8 gộp 2" in row["finding"]


def test_section_numbered_twice(findings, plan):
    row = of(findings, "section_numbering").iloc[0]
    assert "Mục IV “TỔ CHỨC HOẠT ĐỘNG KHỞI ĐỘNG, TỔNG KẾT, THI ĐUA, KHEN THƯỞNG” trùng số" in row["finding"]

    def skipped(data):
        data["sections"][3]["number"] = "II"        # III written II: numbered twice again
        data["sections"][2]["parts"][2]["number"] = "4"
    found = of(check_plan(modified(plan, fix_numbering, skipped)), "section_numbering")
    assert len(found) == 3                          # II twice, IV right after II, part 4 right after part 2
    assert found["finding"].str.contains("Mục II “MỘT SỐ CHỈ TIÊU TRỌNG TÂM” trùng số", regex=False).any()
    assert found["finding"].str.contains("Mục IV “NỘI DUNG VÀ PHƯƠNG THỨC THỰC HIỆN” đánh số IV ngay sau",
                                         regex=False).any()
    assert found["finding"].str.contains("Mục II.4 “Lực lượng tham gia” đánh số 4 ngay sau", regex=False).any()


def test_program_titles_compared_with_abbreviations_written_out(findings):
    found = of(findings, "title_mismatch").set_index("where")
    assert set(found.index) == {"programs.P1.name_in_phase", "programs.P3.name_in_phase"}
    assert "(khác nhau: “quê hương”)" in found.loc["programs.P3.name_in_phase", "finding"]
    # P4 ("TPCT") and P6 ("doanh nghiệp") are written differently but say the same: no finding


# --- the second campaign -------------------------------------------------------------------

def test_the_2025_plan_has_its_own_findings():
    plan = load_plan(PLANS_DIR / "ky-nghi-hong-2025.yaml")
    found = check_plan(plan)
    assert sorted(zip(found["check"], found["where"])) == sorted([
        ("program_outside_phase", "phases.chuoi1.programs, programs.P2"),
        ("weekend_deadline", "reporting.reports.ke_hoach.due"),
        ("target_minimum_unstated", "indicators.CT11.minimum"),
        ("target_minimum_unstated", "indicators.CT14.minimum"),
    ])
    assert (found["section"] != "").all() and (found["line"] != "").all()
    assert not found["finding"].str.contains("2024").any()
