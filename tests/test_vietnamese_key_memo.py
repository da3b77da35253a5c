"""The Vietnamese dictionary key is memoised (every page orders its units by it on each rerun): a remembered key is
the key worked out afresh, for every unit and province name of the real data, and the order of the units is the
same."""

from __future__ import annotations

import queries
from ui.scope import in_display_order
from ui.search import vietnamese_key


def test_remembered_keys_are_the_keys_worked_out_afresh(con):
    units = queries.run(con, "districts")
    names = set(units["district_name"]) | set(units["province"]) | set(units["province_2025"])
    names |= set(queries.run(con, "map_units", province=None, indicator="population")["unit_name"].dropna())
    assert len(names) > 100
    for name in sorted(names) * 2:  # the second time from the memo
        assert vietnamese_key(name) == vietnamese_key.__wrapped__(name), name
    assert vietnamese_key(1) != vietnamese_key(1.0)  # written "1" and "1.0": not one cached key for both
    assert vietnamese_key(None) == vietnamese_key.__wrapped__(None)


def test_units_are_listed_in_the_order_the_fresh_keys_give(con):
    units = queries.run(con, "districts")
    fresh = sorted(range(len(units)), key=lambda n: (vietnamese_key.__wrapped__(units["province_2025"].iloc[n]),
                                                     vietnamese_key.__wrapped__(units["district_name"].iloc[n])))
    assert list(in_display_order(units)["district_id"]) == list(units["district_id"].iloc[fresh])
    assert list(in_display_order(units)["district_id"]) == list(units["district_id"].iloc[fresh])  # memo used
