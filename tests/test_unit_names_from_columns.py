"""The unit pickers' labels (ui.pickers.unit_names) are read from the few columns a label needs, each as one list,
instead of the whole units frame turned into dicts (issue 17, eighth round (c): 21 → 4.5 ms for the 3,321 units of
the benchmark's communes): the same label for every unit, in both languages, on the real data and the synthetic
`small` data, from the districts query and from the summary frame the overview labels its units from."""

from __future__ import annotations

import pandas as pd
import pytest

import queries
from charts.labels import unit_labels
from ui import pickers


def assert_the_labels_of_the_whole_frame(con) -> int:
    compared = 0
    for name in ("districts", "district_summary"):
        frame = queries.run(con, name)
        for lang in ("vi", "en"):
            labels = pickers.unit_names(frame, lang)
            assert labels == unit_labels(frame.to_dict("records"), lang)
            assert list(labels) == list(dict.fromkeys(frame["district_id"]))
            compared += len(labels)
    # a frame without the optional columns (a page's own selection of units): labels as before
    bare = queries.run(con, "districts")[["district_id", "district_name"]]
    assert pickers.unit_names(bare, "vi") == unit_labels(bare.to_dict("records"), "vi")
    return compared


def test_the_real_units_are_labelled_as_from_the_whole_frame(con):
    assert assert_the_labels_of_the_whole_frame(con) > 100


def test_the_synthetic_units_are_labelled_as_from_the_whole_frame(synthetic_small):
    assert assert_the_labels_of_the_whole_frame(synthetic_small) >= 200


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_units_that_read_alike_still_say_their_province(con, lang):
    frame = queries.run(con, "districts")
    twins = frame.assign(district_id=frame["district_id"] + "-twin")
    both = pd.concat([frame.iloc[:3], twins.iloc[:3]])  # three pairs of units of the same name and province
    labels = pickers.unit_names(both, lang)
    assert len(set(labels.values())) == len(labels) == 6
    assert labels == unit_labels(both.to_dict("records"), lang)
