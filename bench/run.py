"""The benchmark: python -m bench.run [--sizes small,national,communes]  (make bench)

For each size: generate the synthetic data (bench/synthetic.py, fixed seed), then measure in one run
- cold build (files → validated → DuckDB) against DuckDB reading the same observations from one CSV;
- warm start (what the app does before its first page: serve the last build, checked in the background) against
  opening the DuckDB file;
- every page's server time under AppTest (first run, rerun after a selection change) against a minimal page;
- time to the first drawn chart in headless Chromium against the minimal page, and the app server's peak memory;
- ten concurrent sessions against one; PPTX and PDF packs of 20 charts after a first export.
Prints the tables, checks the budgets, and rewrites docs/performance.md with the results and the machine."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from bench.pack_times import DECK_CHARTS as PACK_CHARTS

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "bench"
NOTES = Path(__file__).parent / "performance_notes.md"
REPORT = REPO / "docs" / "performance.md"
WARM_REPEATS = 7

BUDGETS = {  # (what, measured key, limit, unit, sizes it applies to)
    "cold_build": ("cold build of national", "cold_build_s", 10.0, "s", ("national",)),
    "warm_start": ("warm start ÷ opening the DuckDB file", "warm_ratio", 1.5, "×", ("small", "national", "communes")),
    "page_rerun": ("slowest page rerun ÷ minimal page rerun", "worst_rerun_ratio", 2.0, "×", ("small", "national", "communes")),
    "page_first": ("slowest page first run ÷ minimal page first run", "worst_first_ratio", 3.0, "×",
                   ("small", "national", "communes")),
    "first_chart": ("first chart in Chromium ÷ minimal page, compare", "first_chart_ratio", 1.2, "×",
                    ("small", "national", "communes")),
    "profile_first_chart": ("first chart in Chromium ÷ minimal page, unit profile", "profile_first_chart_ratio", 1.2,
                            "×", ("small", "national", "communes")),
    "load": ("10 concurrent sessions: median first chart ÷ one session", "load_ratio", 2.0, "×",
             ("small", "national", "communes")),
    "pack_pptx": ("PPTX pack of 20 charts, after a first export", "pptx_warm_s", 5.0, "s",
                  ("small", "national", "communes")),
    "pack_pdf": ("PDF pack of 20 charts, after a first export", "pdf_warm_s", 5.0, "s",
                 ("small", "national", "communes")),
    "memory": ("app server peak memory at national", "app_peak_mb", 350.0, "MB", ("national",)),
    "load_memory": ("app server peak memory with 10 sessions at national", "load_peak_mb", 350.0, "MB",
                    ("national",)),
}


def _median_seconds(action, repeats: int, between=lambda: None) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
        between()  # untimed: what the action left running in the background
    return statistics.median(times)


def _one_csv(data_dir: Path, target: Path) -> int:
    """Every unit's observation CSV in one file (header once): the input of the bare DuckDB floor."""
    rows = 0
    with open(target, "w", encoding="utf-8") as out:
        for n, path in enumerate(sorted((data_dir / "units").glob("*.csv"))):
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            out.writelines(lines if n == 0 else lines[1:])
            rows += len(lines) - 1
    return rows


def measure_build(data_dir: Path, db_path: Path) -> dict:
    from loaders import build_database
    from loaders.build import manifest_path

    for path in (db_path, manifest_path(db_path)):
        path.unlink(missing_ok=True)
    start = time.perf_counter()
    dataset = build_database(data_dir, db_path)
    cold = time.perf_counter() - start

    csv_path = db_path.with_name("all-observations.csv")
    csv_rows = _one_csv(data_dir, csv_path)
    floor_db = db_path.with_name("floor.duckdb")

    def bare_csv_load():
        floor_db.unlink(missing_ok=True)
        con = duckdb.connect(str(floor_db))
        con.execute(f"CREATE TABLE observations AS SELECT * FROM read_csv('{csv_path.as_posix()}', all_varchar = true)")
        con.close()
    csv_floor = _median_seconds(bare_csv_load, 3)

    warm = measure_warm_start(data_dir, db_path)
    return {
        "units": len(dataset.districts), "observations": len(dataset.observations), "derived": len(dataset.derived),
        "csv_rows": csv_rows, "db_mb": db_path.stat().st_size / 1e6,
        "cold_build_s": cold, "csv_floor_s": csv_floor, "cold_ratio": cold / csv_floor,
        **warm,
    }


def measure_warm_start(data_dir: Path, db_path: Path) -> dict:
    """A server's start on a build that is in place, against opening the DuckDB file and running the same query."""
    import queries
    from loaders import ensure_database
    from loaders.watch import DataWatch, start
    from store.save import finish_interrupted_saves

    watches = []

    def warm_start():
        # What ui/db.py does before a server's first page: finish a killed save (none here: no history folder),
        # then loaders.watch.start, which opens the build the pages read and asks it its schema version; then the
        # first query. The look at the data files that start leaves running in the background is not timed here
        # (it is waited for after the clock stops, so that no look overlaps the next repeat).
        finish_interrupted_saves(data_dir)
        opened = []
        watch = DataWatch(data_dir, db_path)
        state = start(watch, connect=lambda path: opened.append(queries.open_database(path)) or opened[-1])
        assert state.status == "unchecked", state
        opened[0].execute(f"SELECT count(*) FROM {queries.SCHEMA}.observations").fetchone()
        opened[0].close()
        watches.append(watch)

    def open_file():
        con = duckdb.connect(str(db_path), read_only=True)
        con.execute("SELECT count(*) FROM observations").fetchone()
        con.close()
    assert ensure_database(data_dir, db_path).status == "current"  # the first check after a build writes nothing
    warm_start()  # let the OS cache settle like a restart would
    watches.pop().wait()
    warm, floor = [], []
    for _ in range(WARM_REPEATS):  # in turn, so that a burst of load elsewhere on the machine falls on both alike
        warm.append(_median_seconds(warm_start, 1, between=lambda: watches.pop().wait()))
        floor.append(_median_seconds(open_file, 1))
    warm_s, floor_s = statistics.median(warm), statistics.median(floor)
    return {"warm_start_s": warm_s, "open_floor_s": floor_s, "warm_ratio": warm_s / floor_s}


def measure_pages(data_dir: Path, db_path: Path) -> dict:
    output = subprocess.run([sys.executable, "-m", "bench.server_times", str(data_dir), str(db_path)], cwd=REPO,
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
    pages = {}
    for line in output.stdout.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            pages[record.pop("page")] = record
    if "minimal" not in pages:
        raise RuntimeError(f"page timings failed:\n{output.stderr[-3000:]}")
    floor = pages["minimal"]
    for name, record in pages.items():
        if "error" not in record:
            record["first_ratio"] = record["first_s"] / floor["first_s"]
            record["rerun_ratio"] = record["rerun_s"] / floor["rerun_s"]
    app_pages = {k: v for k, v in pages.items() if k != "minimal"}
    worst = max(app_pages, key=lambda k: app_pages[k].get("rerun_ratio", float("inf")))
    worst_first = max(app_pages, key=lambda k: app_pages[k].get("first_ratio", float("inf")))
    return {"pages": pages, "worst_rerun_page": worst,
            "worst_rerun_ratio": app_pages[worst].get("rerun_ratio", float("inf")),
            "worst_first_page": worst_first,
            "worst_first_ratio": app_pages[worst_first].get("first_ratio", float("inf"))}


def measure_browser(data_dir: Path, db_path: Path) -> dict:
    from bench.browser_times import measure

    result = measure(data_dir, db_path)
    result["first_chart_ratio"] = result["app_first_chart_s"] / result["minimal_first_chart_s"]
    result["profile_first_chart_ratio"] = result["profile_first_chart_s"] / result["minimal_first_chart_s"]
    return result


def _json_from_module(module: str, what: str, data_dir: Path, db_path: Path) -> dict:
    """Run `python -m <module> DATA DB` in a fresh process and read the JSON line it prints."""
    output = subprocess.run([sys.executable, "-m", module, str(data_dir), str(db_path)], cwd=REPO,
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
    for line in output.stdout.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"{what} failed:\n{output.stderr[-3000:]}")


def measure_load(data_dir: Path, db_path: Path) -> dict:
    """10 concurrent sessions (websocket clients, bench/load.py) against one, in a fresh process."""
    return _json_from_module("bench.load", "load timings", data_dir, db_path)


def measure_packs(data_dir: Path, db_path: Path) -> dict:
    """PPTX and PDF packs of 20 charts after a first export (bench/pack_times.py), in a fresh process."""
    return _json_from_module("bench.pack_times", "pack timings", data_dir, db_path)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) / 1024 / 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), float("nan"))
    import pandas
    import plotly
    import streamlit

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory, 1), "os": platform.platform(),
            "python": platform.python_version(), "duckdb": duckdb.__version__, "streamlit": streamlit.__version__,
            "pandas": pandas.__version__, "plotly": plotly.__version__}


def run_size(size: str) -> dict:
    from bench.synthetic import generate

    folder = WORK / size
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    start = time.perf_counter()
    summary = generate(size, folder / "data")
    generated = time.perf_counter() - start
    db_path = folder / "cds.duckdb"
    result = {"size": size, "generate_s": generated, "generated": summary}
    print(f"[{size}] generated in {generated:.1f} s: {summary}", flush=True)
    result.update(measure_build(folder / "data", db_path))
    print(f"[{size}] cold build {result['cold_build_s']:.2f} s, warm start {result['warm_start_s'] * 1000:.1f} ms", flush=True)
    result.update(measure_pages(folder / "data", db_path))
    print(f"[{size}] pages timed", flush=True)
    result.update(measure_browser(folder / "data", db_path))
    print(f"[{size}] browser timed", flush=True)
    result.update(measure_load(folder / "data", db_path))
    print(f"[{size}] load timed: {result['load_ratio']:.2f}×", flush=True)
    result.update(measure_packs(folder / "data", db_path))
    print(f"[{size}] packs timed", flush=True)
    return result


def budget_lines(results: list[dict]) -> list[tuple[str, str, str, bool]]:
    lines = []
    for what, key, limit, unit, sizes in BUDGETS.values():
        for result in results:
            if result["size"] in sizes and key in result:
                value = result[key]
                text = f"{value:.2f} {unit}" if unit != "MB" else f"{value:.0f} MB"
                lines.append((f"{what} ({result['size']})", text, f"≤ {limit:g} {unit}", value <= limit))
    return lines


def tables(results: list[dict], host: dict) -> str:
    out = [f"Machine: {host['cpu']}, {host['cores']} cores, {host['memory_gb']} GB; {host['os']}; Python {host['python']}, "
           f"DuckDB {host['duckdb']}, Streamlit {host['streamlit']}, pandas {host['pandas']}, plotly {host['plotly']}.", ""]
    out += ["| size | units | observations (+ derived) | DB MB | cold build | bare CSV → DuckDB | ratio | warm start | open DB file | ratio |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        out.append(f"| {r['size']} | {r['units']:,} | {r['observations']:,} (+{r['derived']:,}) | {r['db_mb']:.1f} | "
                   f"{r['cold_build_s']:.2f} s | {r['csv_floor_s']:.2f} s | {r['cold_ratio']:.1f}× | "
                   f"{r['warm_start_s'] * 1000:.1f} ms | {r['open_floor_s'] * 1000:.1f} ms | {r['warm_ratio']:.2f}× |")
    out += ["", "Server time per page under AppTest (median of 3; first run with empty caches, then a rerun after one "
            "selection change; each ÷ the minimal page's):", ""]
    names = [n for n in results[0]["pages"]]
    out += ["| size | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for r in results:
        cells = []
        for name in names:
            p = r["pages"][name]
            cells.append("error" if "error" in p else
                         f"{p['first_s']:.2f} s / {p['rerun_s']:.2f} s" if name == "minimal" else
                         f"{p['first_s']:.2f} s ({p['first_ratio']:.1f}×) / {p['rerun_s']:.2f} s ({p['rerun_ratio']:.1f}×)")
        out.append(f"| {r['size']} first / rerun | " + " | ".join(cells) + " |")
    out += ["", "Headless Chromium, page opened → first chart drawn (median of 3 after a warm-up visit; the clock: see *How it is measured*); server peak memory:", "",
            "| size | app /compare | ratio | app /district | ratio | minimal page | app server peak | "
            "minimal server peak |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        profile = (f"{r['profile_first_chart_s']:.2f} s | {r['profile_first_chart_ratio']:.2f}×"
                   if "profile_first_chart_s" in r else "— | —")  # runs before the profile was measured
        out.append(f"| {r['size']} | {r['app_first_chart_s']:.2f} s | {r['first_chart_ratio']:.2f}× | {profile} | "
                   f"{r['minimal_first_chart_s']:.2f} s | {r['app_peak_mb']:.0f} MB | {r['minimal_peak_mb']:.0f} MB |")
    out += ["", "Ten sessions at once (websocket clients speaking Streamlit's protocol, bench/load.py), request → first "
            "chart element sent, against one session alone (median of 3 after a warm-up):", "",
            "| size | one session | 10 sessions, median | 10 sessions, slowest | ratio | server peak | "
            "minimal page: one / 10 sessions | its ratio |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        if "load_ratio" in r:
            floor = (f"{r['load_minimal_single_s']:.2f} s / {r['load_minimal_median_s']:.2f} s | "
                     f"{r['load_minimal_ratio']:.2f}×" if "load_minimal_ratio" in r else "— | —")
            out.append(f"| {r['size']} | {r['load_single_s']:.2f} s | {r['load_median_s']:.2f} s | "
                       f"{r['load_max_s']:.2f} s | {r['load_ratio']:.2f}× | {r['load_peak_mb']:.0f} MB | {floor} |")
    out += ["", f"Briefing packs of {PACK_CHARTS} charts (the first {PACK_CHARTS} charts of the first 20 units), built "
            "after a first export (its Chromium started), median of 3; wall time, then the CPU time of the process "
            "and of its Chromium (where a PDF's pages are drawn):", "",
            "| size | PPTX first | PPTX | its CPU | PDF first | PDF | its CPU: Python + Chromium |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        if "pptx_warm_s" in r:
            pdf = (f"{r['pdf_first_s']:.2f} s | {r['pdf_warm_s']:.2f} s | "
                   f"{r['pdf_warm_cpu_s']:.2f} s + {r['pdf_warm_chromium_cpu_s']:.2f} s"
                   if "pdf_warm_s" in r else "no Chromium | — | —")
            out.append(f"| {r['size']} | {r['pptx_first_s']:.2f} s | {r['pptx_warm_s']:.2f} s | "
                       f"{r['pptx_warm_cpu_s']:.2f} s | {pdf} |")
    out += ["", "| budget | measured | limit | met |", "|---|---:|---:|---|"]
    for what, measured, limit, met in budget_lines(results):
        out.append(f"| {what} | {measured} | {limit} | {'yes' if met else '**NO**'} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--sizes", default="small,national,communes")
    parser.add_argument("--no-report", action="store_true", help="print only; leave docs/performance.md alone")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: rewrite docs/performance.md from the last run (after editing the notes)")
    args = parser.parse_args(argv)
    if args.report_only:
        saved = json.loads((WORK / "results.json").read_text())
        host, results, stamp = saved["machine"], saved["results"], saved["stamp"]
        args.sizes = ",".join(r["size"] for r in results)
    else:
        results = [run_size(size) for size in args.sizes.split(",")]
        host = machine()
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        (WORK / "results.json").write_text(json.dumps({"machine": host, "results": results, "stamp": stamp},
                                                      indent=1, default=str))
    text = tables(results, host)
    print()
    print(text)
    if not args.no_report:
        notes = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
        REPORT.write_text(f"# Performance\n\nGenerated by `make bench` on {stamp} (sizes: {args.sizes}). "
                          f"Do not edit the tables by hand; the text after them is `bench/performance_notes.md`.\n\n"
                          f"{text}\n\n{notes}", encoding="utf-8")
        print(f"\nwrote {REPORT.relative_to(REPO)}")
    failed = [line for line in budget_lines(results) if not line[3]]
    for what, measured, limit, _ in failed:
        print(f"budget NOT met: {what}: {measured} (limit {limit})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
