"""The benchmark module's helpers on tiny inputs: the results table and the campaign scaling.
Benchmarks report, tests assert — nothing here times anything."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import Row, Timing, format_table, format_value  # noqa: E402
from bench.scaling import scale_reports  # noqa: E402

START, AS_OF = dt.date(2024, 6, 1), dt.date(2024, 6, 30)


def base_reports(n: int = 4) -> pd.DataFrame:
    held = pd.to_datetime([f"2024-06-{d:02d}" for d in range(10, 10 + n)])
    return pd.DataFrame({
        "unit_id": ["A", "B", "A", "C"][:n],
        "held_on": held,
        "sent_at": held + pd.Timedelta(days=2),
        "commune": ["Trường Xuân", "Tân Thới", "Nhơn Ái", "Thạnh An"][:n],
        "district": ["Thới Lai", "Phong Điền", "Phong Điền", "Vĩnh Thạnh"][:n],
        "commune_code": ["1", "2", "3", "4"][:n],
        "activity_key": [f"k{i}" for i in range(n)],
        "status": ["counted", "merged", "counted", "counted"][:n],
        "CT01": [10.0, 20.0, 30.0, 40.0][:n],
    })


def test_timing_median_and_spread():
    timing = Timing([3.0, 1.0, 2.0])
    assert timing.median == 2.0
    assert timing.spread == "1–3"


def test_format_value_units():
    assert format_value(None, "s") == "—"
    assert format_value(5.4321, "×") == "5.43×"
    assert format_value(12345.6, "rows/s") == "12,346 rows/s"
    assert format_value(0.1234, "s") == "0.123 s"
    assert format_value(2048.4, "MB") == "2,048 MB"


def test_format_table_text_and_markdown():
    rows = [Row("1", "Kit", 1.5, "s", 3, note="fresh process"),
            Row("1", "Speed-up", 6.0, "×", "", aim="≥ 5×", met=True),
            Row("2", "Memory", 3000.0, "MB", "", aim="≤ 2 GB", met=False, note="a | b")]
    text = format_table(rows).splitlines()
    assert text[0].split()[:3] == ["Fig", "Measure", "Median"]
    assert len(text) == 2 + len(rows)
    assert "6.00×" in text[3] and "yes" in text[3]
    assert "NO" in text[4]
    markdown = format_table(rows, markdown=True).splitlines()
    assert markdown[0].startswith("| Fig | Measure |") and markdown[1].startswith("|---|")
    assert len(markdown) == 2 + len(rows)
    assert "a \\| b" in markdown[-1]  # a pipe in a note does not break the table


def test_scaling_up_gives_unique_counted_activities_inside_the_window():
    base = base_reports()
    scaled = scale_reports(base, 10, ["A", "B", "C", "D"], START, AS_OF, seed=1)
    assert len(scaled) == 10
    assert scaled["activity_key"].is_unique
    assert (scaled["status"] == "counted").all()
    cutoff = pd.Timestamp(AS_OF) + pd.Timedelta(days=1)
    assert scaled["held_on"].between(pd.Timestamp(START), pd.Timestamp(AS_OF)).all()
    assert (scaled["sent_at"] < cutoff).all() and (scaled["sent_at"] >= scaled["held_on"]).all()
    assert set(scaled["unit_id"]) <= {"A", "B", "C", "D"}
    # every copy keeps a commune together with its own district and code
    pairs = set(zip(base["commune"], base["district"], base["commune_code"]))
    assert set(zip(scaled["commune"], scaled["district"], scaled["commune_code"])) <= pairs
    # the first copy is the base itself (its dates already inside the window)
    pd.testing.assert_series_equal(scaled["held_on"].iloc[:4], base["held_on"], check_names=False)
    assert list(scaled["CT01"]) == [10.0, 20.0, 30.0, 40.0] * 2 + [10.0, 20.0]


def test_scaling_down_is_a_subset_and_seeded():
    base = base_reports()
    first = scale_reports(base, 2, ["A"], START, AS_OF, seed=7)
    again = scale_reports(base, 2, ["A"], START, AS_OF, seed=7)
    pd.testing.assert_frame_equal(first, again)
    assert len(first) == 2
    assert set(first["CT01"]) <= set(base["CT01"])
    assert first["activity_key"].is_unique


def test_scaling_refuses_an_empty_base():
    with pytest.raises(ValueError):
        scale_reports(base_reports().iloc[0:0], 5, ["A"], START, AS_OF)
