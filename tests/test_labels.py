"""One Vietnamese vocabulary: every section of every report, rendered on each of the sample's
phase periods, shows only labelled Vietnamese headers, no raw values (True, NaN, <NA>…) and no
internal id (phase, period, report ids, plan-key paths)."""

from __future__ import annotations

import ast
import re

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from campaignkit.analyses import load_period
from campaignkit.errors import UsageError
from campaignkit.paths import DEFAULT_PLAN, NOTEBOOKS_DIR, PLANS_DIR, SAMPLE_DATA_DIR
from campaignkit.plan import campaign_periods
from campaignkit.render import sections
from campaignkit.render.html import table_html
from campaignkit.render.labels import plan_place, vietnamese_header

REPORTS = sorted(p for p in NOTEBOOKS_DIR.glob("0[1-6]_*.ipynb"))
RAW_VALUES = re.compile(r"(?<![\w<])(True|False|NaN|nan|None|NaT|<NA>|inf)(?![\w>])")
PLAN_PATH = re.compile(r"\b(awards|key_days|phases|programs|indicators|reporting|campaign|focus_communes|pace)"
                       r"\.[A-Za-z0-9_]+")


def section_calls(path) -> list[str]:
    """Every `report.<section>(…)` call of a notebook, as written."""
    calls = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "report"):
                calls.append(ast.unparse(node))
    return calls


@pytest.fixture(scope="module", params=["dot1", "dot2", "tongket"])
def data(request):
    return load_period(request.param, "", SAMPLE_DATA_DIR, DEFAULT_PLAN)


def internal_ids(plan) -> re.Pattern:
    ids = {p.id for p in plan.phases} | {p.id for p in campaign_periods(plan)} | {r.id for r in plan.reporting.reports}
    return re.compile(r"(?<![\w/.])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![\w])")


def test_every_report_has_sections():
    assert len(REPORTS) == 6
    for path in REPORTS:
        calls = section_calls(path)
        assert calls[0] == "report.stamp(data)" and len(calls) >= 6, (path.name, calls)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_every_section_speaks_vietnamese(path, data):
    ids = internal_ids(data.plan)
    communes = set(data.workload_commune["commune"])  # place names head the units × communes columns
    for call in section_calls(path):
        fragment = eval(call, {"report": sections, "data": data}).data  # noqa: S307 - the notebook's own calls
        soup = BeautifulSoup(fragment, "html.parser")
        for tag in soup(["style"]):
            tag.decompose()
        for header in soup.find_all("th"):
            text = header.get_text(" ", strip=True)
            assert text and (not text.isascii() or text in communes), (path.name, call, text)
        shown = soup.get_text(" ")
        files = {f for f in data.campaign.files["file"]}
        for name in files:  # file names are what units named their files: not the kit's words
            shown = shown.replace(name, "")
        assert not RAW_VALUES.search(shown), (path.name, call, RAW_VALUES.search(shown)[0])
        assert not ids.search(shown), (path.name, call, ids.search(shown)[0])
        assert not PLAN_PATH.search(shown), (path.name, call, PLAN_PATH.search(shown)[0])


def test_an_unlabelled_column_raises_and_a_readers_word_passes(plan):
    with pytest.raises(UsageError, match="chưa có nhãn tiếng Việt"):
        vietnamese_header("brand_new_column", plan)
    with pytest.raises(UsageError):
        table_html(pd.DataFrame({"Activities": [1]}), plan)
    assert vietnamese_header("Trường Xuân", plan) == "Trường Xuân"
    assert vietnamese_header("done_CT04", plan) == "Đã thực hiện: Cây xanh trồng mới"
    assert vietnamese_header("tuan03", plan) == "Tuần 3"
    assert vietnamese_header("tong_ket", plan) == "Tổng kết"


def test_plan_places_read_as_words(plan):
    assert plan_place("awards.thanh_doan.due", plan) == "Khen thưởng cấp Thành đoàn: hạn"
    assert plan_place("phases.chuoi1.programs, programs.P2", plan) == \
        "Chuỗi hoạt động thứ 1: các chương trình; Chương trình P2"
    assert plan_place("indicators.CT01.minimum", plan) == "Chỉ tiêu CT01: mức tối thiểu"
    with pytest.raises(UsageError):
        plan_place("awards.thanh_doan.unknown_field", plan)


def test_sentences_speak_of_whole_people_and_ideas(data):
    for sentence in data.behind["sentence"]:
        unit = sentence.rsplit(" so với tiến độ", 1)[0].split("chậm ", 1)[1]
        figure, word = unit.split(" ", 1)
        if word != "km":
            assert "," not in figure, sentence
    met = data.headline.set_index("figure").loc["indicators_met"]
    assert met["out_of"] == 10 and "12 mục" in met["note"]  # 10 targets, 12 measures, as the plan says


@pytest.mark.parametrize("plan_file", sorted(PLANS_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_plan_check_location_of_every_bundled_plan_reads_as_words(plan_file):
    """Every plan key a check can name (the checks of each bundled plan, and its places) has words."""
    from campaignkit.intake.places import check_plan_places
    from campaignkit.plan import load_plan
    from campaignkit.plan.checks import check_plan
    from campaignkit.render.labels import plan_place

    bundled = load_plan(plan_file)
    findings = check_plan(bundled, check_plan_places(bundled), {})
    assert len(findings)
    for where in findings["where"]:
        words = plan_place(where, bundled)
        assert words and not re.search(r"[a-z]+_[a-z_]+|\.\w+\.", words), (where, words)
