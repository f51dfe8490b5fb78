"""A second campaign with no code change: the 2025 plan (the merged city's communes and wards, no
districts, two phases, monthly reports, other indicators and programs) and its synthetic data,
made by the generator with its own seed; the generator still gives 2024's bytes; a plan with
none of the bundled plans' ids runs every analysis; the full batch runs on both campaigns and no
2024 word, date or target shows on the 2025 pages."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from campaignkit.analyses import analyse_period
from campaignkit.analyses.as_of import activities_as_of
from campaignkit.batch import run as runner
from campaignkit.intake import load_campaign
from campaignkit.intake.clean import clean_campaign
from campaignkit.intake.workbooks import read_campaign_folder
from campaignkit.paths import DATA_DIR, DEFAULT_PLAN, PLANS_DIR, SAMPLE_DATA_DIR
from campaignkit.plan import Plan, campaign_periods, load_plan
from campaignkit.render.explore import Explorer
from campaignkit_sample.facts import campaign_facts
from conftest import ledger_places

PLAN_2025 = PLANS_DIR / "ky-nghi-hong-2025.yaml"
DATA_2025 = DATA_DIR / "sample-2025"
EXPECTED_2025 = json.loads((DATA_2025 / "expected_counts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def campaign_2025():
    return load_campaign(DATA_2025, PLAN_2025)


# --- the 2025 sample, read against what its generator put in --------------------------------

@pytest.mark.parametrize("kind, section", [("dang_ky", "registrations"), ("bao_cao", "reports")])
def test_every_2025_row_lands_where_the_generator_put_it(campaign_2025, kind, section):
    expected = EXPECTED_2025[section]
    ledger = campaign_2025.ledger[campaign_2025.ledger["kind"] == kind]
    assert len(ledger) == expected["rows_read"]
    counts = ledger["status"].value_counts().to_dict()
    for status in ("counted", "merged", "skipped", "rejected"):
        assert counts.get(status, 0) == expected[status], status
    assert ledger_places(campaign_2025.ledger, kind, "rejected") == {(r["file"], r["sheet"], r["row"])
                                                               for r in expected["rejected_rows"]}


@pytest.mark.parametrize("period", ["dot1", "tongket", "all"])
def test_2025_indicator_totals_as_of_each_period(campaign_2025, period):
    expected = EXPECTED_2025["reports"]["periods"][period]
    activities = activities_as_of(campaign_2025, dt.date.fromisoformat(expected["as_of"]))
    assert len(activities) == expected["activities"]
    assert "CT01" not in activities
    for indicator, total in expected["indicator_totals"].items():
        assert activities[indicator].sum() == pytest.approx(total), indicator


def test_communes_written_by_their_2024_names_are_converted_and_logged(campaign_2025):
    """Units using last year's template write 'xã Vị Trung, huyện Vị Thủy': counted in xã Vị Thủy
    (2025 code), with one warning per row saying what it was and what it became."""
    issues = campaign_2025.issues
    renamed = issues[issues["problem"].str.contains("là tên trước 1/7/2025", regex=False)]
    expected = [r for s in ("registrations", "reports") for r in EXPECTED_2025[s]["renamed_communes"]]
    assert len(expected) > 20
    assert {(r.file, r.sheet, int(r.row)) for r in renamed.itertuples()} == {
        (r["file"], r["sheet"], r["row"]) for r in expected}
    assert set(renamed["action"]) == {"vẫn tính, cần kiểm tra"}
    communes = set(campaign_2025.reports["commune"])
    assert {"Vị Thủy", "Kế Sách", "Vĩnh Trinh"} <= communes and "Vị Trung" not in communes
    assert set(campaign_2025.reports["district"].fillna("")) == {""}       # no districts on the 2025 map


def test_the_generator_gives_both_campaigns_byte_for_byte(tmp_path):
    """`python -m campaignkit_sample` and `--campaign 2025` rewrite data/sample and data/sample-2025
    unchanged: the 2024 output did not move when the generator learnt the second campaign. (One
    campaign per process, as the command runs: odfpy adds to an .ods the XML namespaces of the
    documents written before it in the same process.)"""
    for key, folder in (("2024", SAMPLE_DATA_DIR), ("2025", DATA_2025)):
        out = tmp_path / key
        result = subprocess.run([sys.executable, "-m", "campaignkit_sample", "--campaign", key, "--out", str(out)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert campaign_facts(key).name in (out / "README.md").read_text(encoding="utf-8").replace("”", "")
        written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
        assert written == sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
        for name in written:
            assert (out / name).read_bytes() == (folder / name).read_bytes(), name


# --- a plan with none of the bundled plans' ids ----------------------------------------------

def _renamed_plan(participations: bool) -> Plan:
    """The 2025 plan with every id of its own renamed (programs P11…, indicators CT21…, phases,
    reports and periods, key days, awards), none of them an id of either bundled plan."""
    data = load_plan(PLAN_2025).model_dump()
    programs = {p["id"]: f"P1{i}" for i, p in enumerate(data["programs"], start=1)}
    indicators = {c["id"]: f"CT{21 + i}" for i, c in enumerate(data["indicators"])}
    days = {d["id"]: f"ngay_{i}" for i, d in enumerate(data["key_days"])}
    for program in data["programs"]:
        program["id"] = programs[program["id"]]
        for assignment in program["assignments"]:
            assignment["key_day"] = days.get(assignment["key_day"])
    for phase in data["phases"]:
        phase["id"] = f"giai_doan_{phase['id'][-1]}"
        phase["programs"] = [programs[p] for p in phase["programs"]]
    for day in data["key_days"]:
        day["id"] = days[day["id"]]
        day["program"] = programs.get(day["program"])
    for team in data["teams"]:
        team["program"] = programs.get(team["program"])
    for indicator in data["indicators"]:
        indicator["id"] = indicators[indicator["id"]]
        indicator["participations"] = indicator["participations"] and participations
    for i, report in enumerate(data["reporting"]["reports"]):
        report["id"] = f"bc{i}"
        report["period"] = report["period"] and f"ky{i}"
    for award in data["awards"]:
        award["id"] = f"kt_{award['id'][:2]}"
    data["awards"][1]["must_precede"] = [data["awards"][0]["id"]]
    return Plan.model_validate(data)


@pytest.mark.parametrize("participations", [True, False], ids=["with a participation count", "without"])
def test_a_plan_without_any_bundled_id_runs_every_analysis(campaign_2025, participations):
    plan = _renamed_plan(participations)
    bundled = {*load_plan(DEFAULT_PLAN).indicator_ids(), *load_plan(PLAN_2025).indicator_ids(), "CT01"}
    assert not set(plan.indicator_ids()) & bundled
    assert not {p.id for p in plan.programs} & {f"P{n}" for n in range(1, 10)}
    tables = clean_campaign(read_campaign_folder(DATA_2025, plan), plan)   # the units' files read for this plan
    for period in campaign_periods(plan):
        analysis = analyse_period(tables, period)
        status = analysis.indicator_status
        assert list(status["indicator_id"]) == plan.indicator_ids()
        assert status["actual"].sum() > 0                       # the columns are found by their headers
        figures = set(analysis.headline["figure"])
        assert ("participations" in figures) == participations
        if participations:
            row = analysis.headline.set_index("figure").loc["participations"]
            assert row["label"] == "Lượt ĐVTN, CBCCVC trẻ tham gia"
            assert row["value"] == status.set_index("indicator_id").loc["CT25", "actual"]
        else:
            assert analysis.focus_coverage["participations"].isna().all()
        for name, table in analysis.tables().items():
            assert isinstance(table, pd.DataFrame), name
        assert len(analysis.focus_coverage) == 3 * 2
        assert set(analysis.reporting["report_id"]) <= {"bc0", "bc1", "bc2", "thang06", "thang07"}
        assert not analysis.workload_commune["successor_commune"].astype(bool).any()   # 2025 map: no successor


# --- the full batch on both campaigns ----------------------------------------------------------

# What only the 2024 plan says: words, dates, targets, places, programs, the weekly cycle.
WORDS_OF_2024 = ["2024", "CT01", "Tuần 1", "báo cáo tuần", "Báo cáo tuần", "thứ Bảy hằng tuần", "thứ bảy hằng tuần",
                 "4 xã", "Bốn xã", "10 chỉ tiêu", "Mười chỉ tiêu", "Thới Lai", "Trường Xuân", "Thạnh Quới",
                 "Trung Hưng", "Tân Thới", "Đợt 2", "dot2", "Tuyến phố văn minh", "Ý tưởng, sáng kiến", "hướng nghiệp",
                 "ngoại ngữ", "Nhà nhân ái", "GTNT", "hướng về biên giới", "hội tụ và hội nhập", "Tọa đàm",
                 "Thầy thuốc trẻ làm theo lời Bác", "Chuỗi hoạt động thứ 3"]
WORDS_OF_2025 = ["2025", "CT11", "Tháng 7", "Báo cáo tháng 6", "Vị Thủy", "Bình dân học vụ số",
                 "17h00 ngày 25 hằng tháng", "3 xã trọng điểm"]


def page_text(path: Path) -> str:
    """What a reader sees of a page: the text, without tags, scripts, styles and embedded images."""
    source = path.read_text(encoding="utf-8")
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S | re.I)
    source = re.sub(r"data:[^\"')\s]+", " ", source)
    return html.unescape(re.sub(r"<[^>]+>", " ", source))


@pytest.fixture(scope="module")
def batch_runs(tmp_path_factory):
    """`run --period all` on the 2025 campaign and `run --period phases` on the 2024 one."""
    runs = {}
    for key, period, data, plan in (("2025", "all", DATA_2025, PLAN_2025),
                                    ("2024", "phases", SAMPLE_DATA_DIR, DEFAULT_PLAN)):
        out = tmp_path_factory.mktemp(f"outputs-{key}")
        request = runner.prepare(period, None, data, plan, out, workers=2, progress=False)
        runs[key] = (out, runner.run(request))
    return runs


@pytest.mark.parametrize("key, periods", [("2025", ["dot1", "tongket", "thang06", "thang07"]),
                                          ("2024", ["dot1", "dot2", "tongket"])])
def test_the_full_batch_runs_on_both_campaigns(batch_runs, key, periods):
    out, outcomes = batch_runs[key]
    assert list(outcomes) == periods
    for period, results in outcomes.items():
        assert len(results) == len(runner.batch_notebooks())
        assert all(r.ok for r in results), [(period, r.name, r.error) for r in results if not r.ok]
        folder = out / period
        assert (folder / "index.html").is_file() and (folder / "phu_luc_so_lieu.xlsx").is_file()
        assert (folder / "tables" / "workload_commune.csv").is_file()
    site = page_text(out / "index.html")
    assert all(p in site or f"kỳ {p}" in site or p in (out / "index.html").read_text(encoding="utf-8")
               for p in periods)


def test_no_2024_word_date_or_target_on_the_2025_pages(batch_runs):
    out, outcomes = batch_runs["2025"]
    pages = sorted(out.glob("**/*.html"))
    assert len(pages) >= 4 * 7 + 1                   # six reports and an index per period, the site index
    seen = set()
    for page in pages:
        text = page_text(page)
        found = [w for w in WORDS_OF_2024 if w in text]
        assert not found, (page.relative_to(out), found)
        seen |= {w for w in WORDS_OF_2025 if w in text}
    assert seen == set(WORDS_OF_2025)
    for csv in out.glob("*/tables/*.csv"):
        text = csv.read_text(encoding="utf-8")
        assert "2024" not in text and "CT01" not in text, csv.relative_to(out)


def test_the_2024_commune_table_names_each_communes_2025_successor(batch_runs):
    out, _ = batch_runs["2024"]
    table = pd.read_csv(out / "tongket" / "tables" / "workload_commune.csv", keep_default_na=False, dtype=str)
    assert list(table.columns[-2:]) == ["successor_commune", "successor_code"]   # new columns at the end
    rows = table.set_index("commune")
    assert rows.loc["Trường Xuân", "successor_commune"] == "Xã Trường Xuân"
    assert rows.loc["Thạnh Quới", "successor_commune"] == "Xã Thạnh Quới (một phần)"
    assert rows.loc["Tân Thới", "successor_commune"] == "Phường Phong Điền"
    assert rows.loc["An Khánh", ["successor_commune", "successor_code"]].tolist() == ["Phường Tân An", "31147"]
    assert rows.loc["Tổng cộng", "successor_commune"] == ""
    named = table[(table["commune"] != "Tổng cộng") & (table["commune"] != "Không rõ xã/phường")]
    assert named["successor_code"].str.fullmatch(r"\d{5}").all()


def test_the_explorer_runs_on_the_2025_campaign(campaign_2025):
    plan = campaign_2025.plan
    data = analyse_period(campaign_2025, campaign_periods(plan)[1])       # tổng kết
    explorer = Explorer(data)
    weekly = explorer.weekly()
    assert len(weekly) == 11 and weekly["done_activities"].sum() == len(data.activities)  # Saturdays 7/6 … 16/8
    explorer.controls["unit"].value = explorer.unit_label("SNNMT")
    assert set(explorer.filtered()["unit_id"]) == {"SNNMT"}
    assert "CT11" in explorer.indicators and "CT01" not in explorer.indicators


def test_make_report_takes_the_plan():
    result = subprocess.run(["make", "-n", "report", "DATA=data/sample-2025", "PLAN=data/plans/ky-nghi-hong-2025.yaml"],
                            capture_output=True, text=True, cwd=PLANS_DIR.parents[1])
    assert result.returncode == 0, result.stderr
    commands = [line for line in result.stdout.splitlines() if "-m campaignkit " in line]
    assert len(commands) == 1 and " run " in commands[0]   # run writes outputs/ingest/ too: the folder read once
    assert all("--data data/sample-2025 --plan data/plans/ky-nghi-hong-2025.yaml" in c for c in commands)
    default = subprocess.run(["make", "-n", "report"], capture_output=True, text=True, cwd=PLANS_DIR.parents[1])
    assert "--plan data/plans/ky-nghi-hong-2024.yaml" in default.stdout


def test_every_2025_period_has_its_word_report_and_feedback(batch_runs):
    """`run --period all` on 2025 (what `make report … PERIOD=all` runs): each period's Word report,
    with nothing of 2024 in it, and each unit's feedback with the messages, linked from its index."""
    import docx

    out, outcomes = batch_runs["2025"]
    for period in outcomes:
        folder = out / period
        document = docx.Document(folder / f"bao_cao_{period}.docx")
        text = "\n".join([p.text for p in document.paragraphs]
                         + [c.text for t in document.tables for r in t.rows for c in r.cells])
        found = [w for w in [*WORDS_OF_2024, "tuần", "huyện", "Huyện", "quận", "Quận", "[đã ẩn]"] if w in text]
        assert not found, (period, found)
        assert "Kỳ nghỉ hồng 2025" in text and "Lượt ĐVTN, CBCCVC trẻ tham gia" in text
        feedback = sorted(p.name for p in (folder / "phan_hoi").iterdir())
        assert feedback and (folder / "tin_nhan_phan_hoi.xlsx").is_file()
        index = (folder / "index.html").read_text(encoding="utf-8")
        assert f'href="bao_cao_{period}.docx"' in index and all(f'href="phan_hoi/{n}"' in index for n in feedback)


def test_the_workload_report_names_each_2024_commune_after_the_merger(campaign_2025):
    """On the 2024 map the commune table and the map's figures give the 2025 commune or ward; on the
    2025 map there is nothing to give."""
    from campaignkit.render import sections

    header = "Xã/phường từ 1/7/2025"
    old = load_campaign(SAMPLE_DATA_DIR, DEFAULT_PLAN)
    old_period = analyse_period(old, campaign_periods(old.plan)[2])                  # tổng kết 2024
    for section in (sections.commune_workload, sections.commune_chart):
        page = section(old_period).data
        assert header in page and "Xã Thạnh Quới (một phần)" in html.unescape(page)
    new_period = analyse_period(campaign_2025, campaign_periods(campaign_2025.plan)[1])
    for section in (sections.commune_workload, sections.commune_chart):
        assert header not in section(new_period).data
