"""One colour per district on every chart and page: the colour follows the district's place in the
district list (districts.sort_order), never its place in the current selection.

With more units than colours the palette repeats down the list, so two units drawn together could share a colour
(the 1st and the 13th). Given the units drawn together (a page's selection, a deck's units), a unit whose colour an
earlier unit of the list in that selection already holds takes the next colour free in it: every unit of one
selection is told apart, and a unit keeps its list colour whenever it can (always, for at most 12 units that do
not collide)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# Okabe–Ito-derived palette: distinguishable for colour-blind viewers and on washed-out projectors.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F3C8D", "#3B3B3B",
           "#A6761D", "#1B9E77", "#E7298A", "#66A61E")
TARGET_COLOR = "#B22222"
MISSING_COLOR = "#9E9E9E"


def district_colors(all_district_ids: Sequence[str], together: Iterable[str] | None = None) -> dict[str, str]:
    """Map every district id (in display order) to its colour; the palette repeats past its length, except that
    the units drawn together (when given, up to the palette's length) never share a colour."""
    ids = list(all_district_ids)
    colors = {district: PALETTE[n % len(PALETTE)] for n, district in enumerate(ids)}
    if together is None:
        return colors
    shown = set(together)
    used: set[str] = set()
    for n, district in enumerate(ids):
        if district not in shown:
            continue
        if colors[district] in used and len(used) < len(PALETTE):
            colors[district] = next(PALETTE[(n + step) % len(PALETTE)] for step in range(1, len(PALETTE))
                                    if PALETTE[(n + step) % len(PALETTE)] not in used)
        used.add(colors[district])
    return colors
