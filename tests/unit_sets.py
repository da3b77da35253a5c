"""The sets of units the row-equality tests walk: each kind's default units, every unit, every seventh, one, none."""

from __future__ import annotations

import queries
from ui.scope import default_districts, in_display_order


def unit_sets(con) -> list[list[str]]:
    units = queries.run(con, "districts")
    by_kind = [units[units["unit_kind"] == kind] for kind in dict.fromkeys(units["unit_kind"].tolist())]
    every = units["district_id"].tolist()
    return [*(default_districts(in_display_order(kind)["district_id"].tolist()) for kind in by_kind),
            every, every[::7], every[:1], []]
