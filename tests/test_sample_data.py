"""The bundled sample campaign, read end to end, against the counts its generator recorded
(data/sample/expected_counts.json, written by campaignkit_sample from what it put in)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from campaignkit.analyses.as_of import activities_as_of
from campaignkit.intake import load_campaign
from campaignkit.paths import SAMPLE_DATA_DIR
from conftest import ledger_places

EXPECTED = json.loads((SAMPLE_DATA_DIR / "expected_counts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample():
    return load_campaign(SAMPLE_DATA_DIR)


@pytest.mark.parametrize("kind, section", [("dang_ky", "registrations"), ("bao_cao", "reports")])
def test_every_row_lands_where_the_generator_put_it(sample, kind, section):
    expected = EXPECTED[section]
    ledger = sample.ledger[sample.ledger["kind"] == kind]
    counts = ledger["status"].value_counts().to_dict()
    assert len(ledger) == expected["rows_read"]
    for status in ("counted", "merged", "skipped", "rejected"):
        assert counts.get(status, 0) == expected[status], status
    rejected = {(r["file"], r["sheet"], r["row"]) for r in expected["rejected_rows"]}
    assert ledger_places(sample.ledger, kind, "rejected") == rejected
    skipped = {(r["file"], r["sheet"], r["row"]) for r in expected["blank_rows"] + expected["totals_rows"]}
    assert ledger_places(sample.ledger, kind, "skipped") == skipped


def test_summary_adds_up(sample):
    summary = sample.summary.set_index("source")
    places = ["counted", "merged", "skipped", "rejected", "after_as_of"]
    assert (summary["rows_read"] == summary[places].sum(axis=1)).all()
    assert summary.loc["dang_ky", "rows_read"] == EXPECTED["registrations"]["rows_read"]
    assert summary.loc["bao_cao", "rows_read"] == EXPECTED["reports"]["rows_read"]
    assert summary.loc["tong", "rows_read"] == EXPECTED["registrations"]["rows_read"] + EXPECTED["reports"]["rows_read"]
    assert (summary["after_as_of"] == 0).all()  # the whole folder: no cut-off


def test_merged_rows_point_to_their_later_version(sample):
    merged = ledger_places(sample.ledger, "bao_cao", "merged")
    assert merged == {(r["file"], r["sheet"], r["row"]) for r in EXPECTED["reports"]["merged_rows"]}


def test_totals_mismatches_are_reported(sample):
    mismatched = [r for r in EXPECTED["reports"]["totals_rows"] if r["mismatch"]]
    issues = sample.issues
    for row in mismatched:
        found = issues[(issues["file"] == row["file"]) & (issues["sheet"] == row["sheet"])
                       & (issues["row"] == row["row"]) & issues["problem"].str.contains("Dòng tổng cộng ghi")]
        assert len(found) == len(row["mismatch"]), row


@pytest.mark.parametrize("period", ["dot1", "dot2", "tongket", "all"])
def test_indicator_totals_as_of_each_period(sample, period):
    expected = EXPECTED["reports"]["periods"][period]
    activities = activities_as_of(sample, dt.date.fromisoformat(expected["as_of"]))
    assert len(activities) == expected["activities"]
    for indicator, total in expected["indicator_totals"].items():
        assert activities[indicator].sum() == pytest.approx(total), indicator


def test_make_report_entry_point_prints_the_accounting(tmp_path):
    result = subprocess.run([sys.executable, "-m", "campaignkit", "ingest", "--data", str(SAMPLE_DATA_DIR),
                             "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    total = EXPECTED["registrations"]["rows_read"] + EXPECTED["reports"]["rows_read"]
    assert f"Đã đọc {total} dòng dữ liệu" in result.stdout
    assert "(khớp)" in result.stdout
    for name in ("data_issues.csv", "ingest_summary.csv", "activities.csv", "registrations.csv"):
        assert (tmp_path / name).is_file()
    summary = (tmp_path / "ingest_summary.csv").read_text(encoding="utf-8").splitlines()
    assert summary[0] == "source,rows_read,counted,merged,skipped,rejected,after_as_of"
    assert [line.split(",")[0] for line in summary[1:]] == ["dang_ky", "bao_cao", "tong"]
