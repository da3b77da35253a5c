"""How the server starts: on this machine only unless told otherwise, and without showing tracebacks."""

from __future__ import annotations

import subprocess
import tomllib

from tests.conftest import REPO


def make_run(*variables: str) -> str:
    """The command `make run` would run (make -n prints it without running anything)."""
    return subprocess.run(["make", "-n", "run", *variables], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout


def test_make_run_listens_on_this_machine_only_by_default():
    assert "--server.address 127.0.0.1" in make_run()


def test_make_run_serves_other_machines_only_when_asked():
    assert "--server.address 0.0.0.0" in make_run("ADDRESS=0.0.0.0")


def test_streamlit_config_hides_error_details_and_binds_to_localhost():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["address"] == "127.0.0.1"


def test_streamlit_config_does_not_watch_the_source_files():
    # A new session's first run ended with Streamlit listing every imported module to watch (200–300 ms on the
    # event loop, no session's messages sent meanwhile): a served dashboard does not watch its code.
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"
