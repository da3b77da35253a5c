"""Time from opening a page in headless Chromium to the frame that shows its first chart, for the app's compare page
(default view) and unit profile (first unit) and for the minimal page on the same data; and the servers' peak
memory."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
CHART = '[data-testid="stPlotlyChart"] .main-svg'
REPEATS = 3


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(script: str, env: dict, log_path: Path | None = None):
    """Run a Streamlit script on a free port until the block ends; yields (url, server pid). The browser tests use
    this too, with a log file to show when the app fails to start."""
    port = _free_port()
    log = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.2)
        else:
            tail = log_path.read_text()[-3000:] if log_path else ""
            raise RuntimeError(f"{script} did not start within 120 s\n{tail}")
        yield url, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        if log_path:
            log.close()


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# Timed in the page: from the start of the navigation to the first frame after the first chart's SVG is in the
# document (plotly draws a chart in one go, so the frame after its SVG appears is the one that shows it). Until the
# fifth round of issue 17 the time was when Playwright's wait_for_selector saw the chart: it polls from its driver,
# every 500 ms after the first second, each poll a few round trips that wait for the page's main thread — so a
# page still drawing other charts after its first was seen up to seconds after that chart was on screen.
FIRST_CHART_CLOCK = """
window.__cdsFirstChart = null;
new MutationObserver((records, observer) => {
  if (document.querySelector(CHART_SELECTOR)) {
    observer.disconnect();
    requestAnimationFrame(() => { window.__cdsFirstChart = performance.now(); });
  }
}).observe(document, {childList: true, subtree: true});
""".replace("CHART_SELECTOR", repr(CHART))


def first_chart_seconds(browser, url: str) -> float:
    """Seconds from the start of the navigation to the frame that shows the page's first chart."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    try:
        page.add_init_script(FIRST_CHART_CLOCK)
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__cdsFirstChart !== null", timeout=300_000, polling=100)
        return page.evaluate("window.__cdsFirstChart") / 1000
    finally:
        page.close()


def measure(data_dir: Path, db_path: Path) -> dict:
    """Median first-chart time for the app (compare page, default view; unit profile) and the minimal page, and
    the servers' peak memory."""
    from playwright.sync_api import sync_playwright

    env = dict(os.environ, CDS_DATA_DIR=str(data_dir), CDS_DB_PATH=str(db_path))
    env.pop("CDS_EDITOR_SECRET", None)
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # Both servers run at once and the pages are visited in turn (minimal, compare, unit profile, …), so
            # a burst of load from elsewhere on a shared machine falls on every page alike, not on one of them.
            with serve("bench/minimal_page.py", env) as (minimal_url, minimal_pid), \
                    serve("app.py", env) as (app_url, app_pid):
                visits = {name: url + path for name, url, path in (("minimal", minimal_url, "/"),
                                                                     ("app", app_url, "/compare"),
                                                                     ("profile", app_url, "/district"))}
                for url in visits.values():
                    first_chart_seconds(browser, url)  # warm-up: the server's first session after start
                times: dict[str, list[float]] = {name: [] for name in visits}
                for _ in range(REPEATS):
                    for name, url in visits.items():
                        times[name].append(first_chart_seconds(browser, url))
                for name, measured in times.items():
                    results[f"{name}_first_chart_s"] = statistics.median(measured)
                results["minimal_peak_mb"] = peak_memory_mb(minimal_pid)
                results["app_peak_mb"] = peak_memory_mb(app_pid)
        finally:
            browser.close()
    return results
