"""Charts for the reports: matplotlib, Vietnamese labels, readable when printed in grey.

Every chart function takes DataFrames and returns a matplotlib Figure; it never shows or
saves it (the notebook displays it, the export embeds it). Grey-safe means: meaning carried
by hatching, markers, labels and lightness, never by hue alone.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no screen on the batch machine; notebooks render inline anyway

import matplotlib.pyplot as plt  # noqa: E402

# Lightness-ordered, distinguishable in grey; hatches double the meaning for print.
GREYS = ["#1b1b1b", "#5a5a5a", "#8c8c8c", "#bdbdbd", "#e0e0e0"]
STATUS_STYLE = {
    "met": {"color": "#1b1b1b", "hatch": ""},
    "on_track": {"color": "#8c8c8c", "hatch": ""},
    "behind": {"color": "#ffffff", "hatch": "////"},
    "no_data": {"color": "#ffffff", "hatch": ".."},
}
HATCHES = ["", "////", "....", "xxxx", "\\\\\\\\", "----", "++++", "oooo", "||||"]


def new_figure(width: float = 9.0, height: float = 4.5):
    """A figure sized for an A4 page (about 17 cm wide) with the kit's style."""
    plt.rcParams.update({
        "font.family": "DejaVu Sans",  # has every Vietnamese glyph
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": "#dddddd",
        "grid.linewidth": 0.6,
        "figure.dpi": 110,
    })
    return plt.subplots(figsize=(width, height), layout="constrained")
