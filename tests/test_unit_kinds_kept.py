"""What the kind switch reads of the units (ui.scope.unit_kinds), which the overview keeps per build instead of
reading 3,321 units' kinds and display order on every rerun (issue 17, ninth round (r)), gives what it read from the
frame: each kind's units in display order, the kind a page starts from (default_kind, with and without a link
naming units), and the kinds held. On the real data and the benchmark's synthetic `small` and `national` builds,
both frames the pages switch on (the units and their summary)."""

from __future__ import annotations

import pytest

import queries
from ui.scope import KINDS, default_kind, in_display_order, unit_kinds


@pytest.mark.parametrize("build", ["con", "synthetic_small", "synthetic_national"])
@pytest.mark.parametrize("query", ["districts", "district_summary"])
def test_kept_kinds_give_what_the_frame_gave(build, query, request):
    units = queries.run(request.getfixturevalue(build), query)
    kept = unit_kinds(units)
    ordered = in_display_order(units)
    held = units["unit_kind"].value_counts()
    assert {kind: count for kind, count in kept.held.items()} == {kind: int(n) for kind, n in held.items()}
    for kind in KINDS:
        assert list(kept.in_order.get(kind, ())) == list(ordered.loc[ordered["unit_kind"] == kind, "district_id"])
    first_of_kind = [ordered.loc[ordered["unit_kind"] == kind, "district_id"].iloc[-1] for kind in kept.held]
    for linked in ((), ("no-such-unit",), *((unit,) for unit in first_of_kind), ("no-such-unit", *first_of_kind[::-1])):
        assert kept.default(linked) == default_kind(units, linked), linked
