"""ui.gc_freeze: after the first run, full collections walk only what later runs make, and garbage made later is
still collected. Run in a fresh interpreter, so that this test process's collector is left as it is."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

PROBE = """
import gc, json, time
import streamlit, pandas, plotly.graph_objects, duckdb, babel.numbers
import ui.charts, ui.db, charts.compare
from ui import gc_freeze
before = len(gc.get_objects())
first, second = gc_freeze.freeze_once(), gc_freeze.freeze_once()
after = len(gc.get_objects())
class Node: pass
a, b = Node(), Node()
a.other, b.other = b, a
del a, b
print(json.dumps({"before": before, "after": after, "frozen": gc.get_freeze_count(), "first": first,
                  "second": second, "collected": gc.collect()}))
"""


def test_freezing_leaves_the_collector_only_new_objects_and_still_collects_new_cycles():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120,
                         check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["first"] is True and result["second"] is False  # once per process
    assert result["before"] > 50_000  # the libraries a page imports
    assert result["frozen"] >= result["before"] * 0.9 and result["after"] < 1_000
    assert result["collected"] >= 2  # a reference cycle made after the freeze is still collected
