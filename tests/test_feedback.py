"""Each unit's own feedback: its data problems with what to do, its reports missing or late, its
registered activities not yet reported; one workbook per unit with findings and one of ready-to-send
messages without contact details; and a real run that writes them with the Word report and links
both from the period index page."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from python_calamine import CalamineWorkbook

from campaignkit.analyses import analyse_period
from campaignkit.intake import load_campaign
from campaignkit.intake.issues import Action
from campaignkit.paths import DEFAULT_PLAN, SAMPLE_DATA_DIR
from campaignkit.plan import find_period
from campaignkit.render.feedback import MESSAGES_FILE, write_feedback
from campaignkit.render.labels import vietnamese_headers
from campaignkit.render.privacy import HIDDEN
from conftest import registration_header, registration_row, report_header, report_row, write_xlsx

PHONE = "0909 123 456"


def _sheet(path, name) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


@pytest.fixture(scope="module")
def sample_dot2():
    campaign = load_campaign(SAMPLE_DATA_DIR)
    return analyse_period(campaign, find_period(campaign.plan, "dot2"))


@pytest.fixture
def small(campaign_dir, indicator_headers):
    """BVDK: one good report row, one rejected (a figure with a phone number typed in it), one warned
    (an unknown commune); a registration for 16/06 never reported. SLDTBXH: nothing sent at all."""
    first = indicator_headers[0]
    rows = [report_row(indicator_headers, figures={first: "30"}),
            report_row(indicator_headers, activity="Tặng quà", figures={first: f"gọi {PHONE}"}, number=2),
            report_row(indicator_headers, activity="Sinh hoạt hè", commune="Xóm Mới", district="", number=3)]
    write_xlsx(campaign_dir / "bao_cao" / "BC_BVDK.xlsx", {"Tuần 3": [report_header(indicator_headers), *rows]})
    registrations = [registration_row(indicator_headers, program="1", activity="Trao học bổng", start="16/06/2024",
                                      end="16/06/2024")]
    write_xlsx(campaign_dir / "dang_ky" / "DK_BVDK.xlsx",
               {"Đăng ký": [registration_header(indicator_headers), *registrations]})
    campaign = load_campaign(campaign_dir)
    return analyse_period(campaign, find_period(campaign.plan, "dot1"))


def test_each_unit_gets_its_issues_with_what_to_do(small):
    issues = small.feedback_issues
    assert set(issues["unit_id"]) == {"BVDK"}
    rejected = issues[issues["action"] == Action.REJECTED].iloc[0]
    assert rejected["column"] == "Số lượt ĐVTN tham gia" and rejected["row"] == 3
    assert rejected["todo"].startswith("Dòng này chưa được tính. Sửa ô cột 'Số lượt ĐVTN tham gia'")
    assert "chỉ ghi chữ số" in rejected["todo"]
    warned = issues[issues["action"] == Action.WARNING].iloc[0]
    assert warned["column"] == "Xã/Phường" and warned["todo"].startswith("Dòng này vẫn được tính.")
    assert "xã Thạnh Quới" in warned["todo"]  # the example is the plan's first focus commune


def test_missing_late_reports_and_unreported_registrations(small):
    reports = small.feedback_reports
    sldtbxh = reports[reports["unit_id"] == "SLDTBXH"]
    assert set(sldtbxh["status"]) == {"missing"} and "dot1" not in set(sldtbxh["report_name"])
    assert len(sldtbxh) == len(small.reporting[small.reporting["unit_id"] == "SLDTBXH"])
    (registration,) = small.feedback_registrations.to_dict("records")
    assert (registration["unit_id"], registration["program_id"], registration["activity"]) == ("BVDK", "P1",
                                                                                                "Trao học bổng")
    summary = small.feedback_summary.set_index("unit_id")
    assert summary.loc["BVDK", ["rows_rejected", "cells_to_check", "registrations_unreported"]].tolist() == [1, 1, 1]
    assert summary.loc["SLDTBXH", "reports_missing"] == len(sldtbxh)
    assert "KDTU" in summary.index and "STTTT" in summary.index  # nothing sent: every report is missing


def test_an_activity_reported_in_its_window_is_not_asked_for(sample_dot2):
    registrations, activities = sample_dot2.feedback_registrations, sample_dot2.activities
    for row in registrations.to_dict("records"):
        held = activities[(activities["unit_id"] == row["unit_id"]) & (activities["program_id"] == row["program_id"])
                          & (activities["held_on"] >= row["start"]) & (activities["held_on"] <= row["end"])]
        assert held.empty, row
        assert row["end"] <= pd.Timestamp(sample_dot2.as_of)


def test_workbooks_per_unit_and_messages_without_contacts(small, tmp_path):
    written = write_feedback(small, tmp_path)
    names = sorted(p.name for p in (tmp_path / "phan_hoi").iterdir())
    assert names == sorted(f"{u}.xlsx" for u in small.feedback_summary["unit_id"])
    assert written[-1] == tmp_path / MESSAGES_FILE
    sheets = CalamineWorkbook.from_path(str(tmp_path / "phan_hoi" / "BVDK.xlsx")).sheet_names
    assert sheets == ["Thư gửi đơn vị", "Lỗi dữ liệu cần sửa", "Báo cáo chưa gửi, gửi trễ", "Hoạt động chưa báo cáo"]
    issues = _sheet(tmp_path / "phan_hoi" / "BVDK.xlsx", "Lỗi dữ liệu cần sửa")
    assert issues[0] == vietnamese_headers(["file", "sheet", "row", "column", "value", "problem", "todo"])
    assert any(HIDDEN in str(cell) for row in issues for cell in row)
    messages = _sheet(tmp_path / MESSAGES_FILE, "Tin nhắn gửi đơn vị")
    assert messages[0] == ["Mã đơn vị", "Tên đơn vị", "Tệp phản hồi", "Tin nhắn"]
    by_unit = {row[0]: row[3] for row in messages[1:]}
    assert set(by_unit) == set(small.feedback_summary["unit_id"])
    bvdk = by_unit["BVDK"]
    assert bvdk.startswith("Kính gửi Ban Chấp hành Đoàn cơ sở Bệnh viện Đa khoa")
    assert "1 dòng số liệu chưa được tính" in bvdk and "1 ô số liệu cần kiểm tra lại" in bvdk
    assert "Trao học bổng (16/06/2024)" in bvdk and "BVDK.xlsx" in bvdk and bvdk.endswith("Trân trọng cảm ơn đơn vị!")
    assert "\n" not in bvdk
    for path in [*(tmp_path / "phan_hoi").iterdir(), tmp_path / MESSAGES_FILE]:
        cells = " ".join(str(c) for name in CalamineWorkbook.from_path(str(path)).sheet_names
                         for row in _sheet(path, name) for c in row)
        assert PHONE not in cells and "@" not in cells, path.name


def test_a_run_writes_the_word_report_and_feedback_and_links_them(small, campaign_dir, tmp_path):
    out = tmp_path / "outputs"
    result = subprocess.run([sys.executable, "-m", "campaignkit", "run", "--period", "dot1", "--data",
                             str(campaign_dir), "--plan", str(DEFAULT_PLAN), "--out", str(out), "--workers", "2"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    period = out / "dot1"
    assert (period / "bao_cao_dot1.docx").is_file() and (period / MESSAGES_FILE).is_file()
    feedback = sorted(p.name for p in (period / "phan_hoi").iterdir())
    assert feedback == sorted(f"{u}.xlsx" for u in small.feedback_summary["unit_id"])
    page = BeautifulSoup((period / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in page.find_all("a")}
    assert "bao_cao_dot1.docx" in links and MESSAGES_FILE in links
    assert {f"phan_hoi/{name}" for name in feedback} <= links
    shown = page.get_text(" ")
    assert f"{len(feedback)} đơn vị có việc cần sửa" in shown
    assert "Đoàn cơ sở Bệnh viện Đa khoa thành phố Cần Thơ: 1 dòng chưa được tính, 1 ô cần kiểm tra" in shown
    assert not any(p.name.startswith(".") for p in period.iterdir())


# --- any plan: the 2025 campaign (no districts, monthly reports) and a plan without a participation count ---

PLAN_2025 = DEFAULT_PLAN.parent / "ky-nghi-hong-2025.yaml"
DATA_2025 = SAMPLE_DATA_DIR.parent / "sample-2025"
DISTRICT_EXAMPLE = re.compile(r"\b(?:huyện|quận) [A-ZĐÀ-Ỹ]")   # 'huyện Vĩnh Thạnh': a district named as an example


@pytest.fixture(scope="module")
def campaign_2025():
    return load_campaign(DATA_2025, PLAN_2025)


@pytest.mark.parametrize("period_id", ["dot1", "tongket", "thang06", "thang07"])
def test_2025_feedback_reads_right_for_every_period(campaign_2025, period_id, tmp_path):
    analysis = analyse_period(campaign_2025, find_period(campaign_2025.plan, period_id))
    issues = analysis.feedback_issues
    places = issues[issues["column"].isin(["Xã/Phường", "Xa/Phuong", "Quận/Huyện"])]
    assert len(places)                       # the sample's units write last year's names: there is something to fix
    assert places["todo"].str.contains("(ví dụ: xã Vị Thủy)", regex=False).all()
    assert not places["todo"].str.contains(DISTRICT_EXAMPLE).any()
    programs = issues[issues["column"] == "Chương trình"]
    assert programs["todo"].str.contains("từ P1 đến P6", regex=False).all()
    written = write_feedback(analysis, tmp_path)
    assert len(written) == len(analysis.feedback_summary) + 1
    messages = _sheet(tmp_path / MESSAGES_FILE, "Tin nhắn gửi đơn vị")
    texts = [row[3] for row in messages[1:]]
    assert texts and all(f"“Kỳ nghỉ hồng 2025” đến ngày {analysis.as_of:%d/%m/%Y}" in t for t in texts)
    missing = analysis.feedback_reports[analysis.feedback_reports["status"] == "missing"]
    monthly = [name for name in missing["report_name"] if name.startswith("Báo cáo tháng ")]
    assert monthly and any(f"{monthly[0]}, hạn 17:00 ngày 25/" in t for t in texts)   # as the plan names them
    for path in [tmp_path / MESSAGES_FILE, *(tmp_path / "phan_hoi").iterdir()]:
        book = CalamineWorkbook.from_path(str(path))
        if "Hoạt động chưa báo cáo" in book.sheet_names:
            assert _sheet(path, "Hoạt động chưa báo cáo")[0] == ["Chương trình", "Tên hoạt động", "Từ ngày",
                                                                 "Đến ngày", "Xã/Phường"]
        sheets = [n for n in book.sheet_names if n != "Lỗi dữ liệu cần sửa"]
        shown = [str(c) for n in sheets for row in _sheet(path, n) for c in row]
        if "Lỗi dữ liệu cần sửa" in book.sheet_names:     # what the kit says there, not the cells units wrote
            kit = [row[-1] for row in _sheet(path, "Lỗi dữ liệu cần sửa")[1:]]
            assert not [t for t in kit if DISTRICT_EXAMPLE.search(t)], path.name
            shown += kit
        shown = " ".join(shown)
        for word in ("2024", "tuần", "Tuần", "CT01"):
            assert word not in shown, (path.name, word)


def test_2024_feedback_still_lists_the_district(small, tmp_path):
    write_feedback(small, tmp_path)
    sheet = _sheet(tmp_path / "phan_hoi" / "BVDK.xlsx", "Hoạt động chưa báo cáo")
    assert sheet[0][-2:] == ["Xã/Phường", "Quận/Huyện"]
    assert small.feedback_issues["todo"].str.contains("(ví dụ: xã Thạnh Quới, huyện Vĩnh Thạnh)", regex=False).any()


def test_feedback_on_a_plan_without_a_participation_indicator(tmp_path):
    text = PLAN_2025.read_text(encoding="utf-8")
    plan_file = tmp_path / "ke-hoach.yaml"
    plan_file.write_text(text.replace("    participations: true\n", "    participations: false\n"), encoding="utf-8")
    campaign = load_campaign(DATA_2025, plan_file)
    assert campaign.plan.participation_indicator() is None
    analysis = analyse_period(campaign, find_period(campaign.plan, "thang07"))
    written = write_feedback(analysis, tmp_path / "ky")
    assert sorted(p.name for p in (tmp_path / "ky" / "phan_hoi").iterdir()) == sorted(
        f"{u}.xlsx" for u in analysis.feedback_summary["unit_id"])
    assert written[-1].name == MESSAGES_FILE and len(analysis.feedback_summary) > 0
