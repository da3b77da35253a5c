"""bench.server_times times pages as a server runs them: each page compiled once (a server's ScriptCache), not on
every AppTest run, which made a long page's rerun look slower by its compile time."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from bench.server_times import compile_pages_once
from tests.conftest import REPO


@pytest.mark.usefixtures("built_db")
def test_pages_are_compiled_once_across_apptest_runs(monkeypatch):
    monkeypatch.setattr(app_test, "ScriptCache", app_test.ScriptCache)  # restored after the test
    monkeypatch.setattr(local_script_runner, "ScriptCache", local_script_runner.ScriptCache)
    compile_pages_once()
    page = REPO / "bench" / "minimal_page.py"
    compiled = []
    for _ in range(2):
        at = AppTest.from_file(str(page), default_timeout=60)
        at.run()
        assert not at.exception
        cache = app_test.ScriptCache()
        compiled.append(cache.get_bytecode(str(page)))
    assert cache is local_script_runner.ScriptCache() and compiled[0] is compiled[1]
