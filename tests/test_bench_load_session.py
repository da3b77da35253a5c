"""bench.load's sessions cost the server what a browser's session costs: on the compare page, whose charts after
the first are sent once the browser says one is drawn (ui/first_chart.py), a load session says so and receives
every chart of the view, as many as the page sends without a browser."""

from __future__ import annotations

import asyncio
import os

import pytest

from bench.browser_times import serve
from bench.load import session
from tests.apptest_pages import run_page


@pytest.mark.usefixtures("built_db")
def test_a_load_session_receives_every_chart_of_the_default_compare_view(tmp_path):
    expected = len(run_page("compare", timeout=120).get("plotly_chart"))
    assert expected >= 2  # so that some charts come after the first
    with serve("app.py", dict(os.environ), tmp_path / "streamlit.log") as (url, _pid):
        first, charts = asyncio.run(session(url.replace("http://", "ws://") + "/_stcore/stream", timeout=120))
    assert first > 0 and charts == expected
