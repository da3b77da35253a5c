"""One colour per district on every chart and page: the colour follows the district's place in the
district list (districts.sort_order), never its place in the current selection."""

from __future__ import annotations

from collections.abc import Sequence

# Okabe–Ito-derived palette: distinguishable for colour-blind viewers and on washed-out projectors.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F3C8D", "#3B3B3B",
           "#A6761D", "#1B9E77", "#E7298A", "#66A61E")
TARGET_COLOR = "#B22222"
MISSING_COLOR = "#9E9E9E"


def district_colors(all_district_ids: Sequence[str]) -> dict[str, str]:
    """Map every district id (in display order) to its colour; the palette repeats past its length."""
    return {district: PALETTE[n % len(PALETTE)] for n, district in enumerate(all_district_ids)}
