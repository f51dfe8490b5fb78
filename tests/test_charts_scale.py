"""Charts bounded and readable at scale: on `python -m campaignkit_sample --scale 50` the
units × communes heatmap and the Gantt keep a fixed size, and no label drawn is smaller than
on the sample's own charts."""

from __future__ import annotations

import subprocess
import sys

import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Text

from campaignkit.analyses import load_period
from campaignkit.paths import DEFAULT_PLAN, SAMPLE_DATA_DIR
from campaignkit.render.charts.schedule import gantt_chart
from campaignkit.render.charts.workload import HEATMAP_COMMUNES, HEATMAP_UNITS, unit_commune_heatmap


def _measure(figure) -> tuple[tuple[float, float], float]:
    """(size in inches, smallest font size of any visible label)."""
    figure.canvas.draw()
    sizes = [t.get_fontsize() for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    size = tuple(figure.get_size_inches())
    plt.close(figure)
    return size, min(sizes)


def _charts(data):
    matrix = data.unit_commune_matrix.set_index("unit_id")
    return {"heatmap": _measure(unit_commune_heatmap(matrix)), "gantt": _measure(gantt_chart(data.schedule))}


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale50")
    subprocess.run([sys.executable, "-m", "campaignkit_sample", "--out", str(folder), "--scale", "50"], check=True,
                   capture_output=True)
    return load_period("tongket", "", folder, DEFAULT_PLAN)


def test_charts_keep_their_size_and_label_size_at_scale_50(large):
    sample = _charts(load_period("tongket", "", SAMPLE_DATA_DIR, DEFAULT_PLAN))
    big = _charts(large)
    assert large.unit_commune_matrix.shape[0] > HEATMAP_UNITS  # more units than fit: the rest are grouped
    assert len(large.schedule[large.schedule["kind"] == "registration"]) > 10 * len(
        load_period("tongket", "", SAMPLE_DATA_DIR, DEFAULT_PLAN).schedule.query("kind == 'registration'"))
    width, height = big["heatmap"][0]
    assert width <= 0.55 * HEATMAP_COMMUNES + 3.0 + 1e-9 and height <= 0.3 * HEATMAP_UNITS + 2.2 + 1e-9
    assert big["gantt"][0][1] <= 11.0
    for name in ("heatmap", "gantt"):
        assert big[name][1] >= sample[name][1], (name, big[name], sample[name])
