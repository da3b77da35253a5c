"""Briefing packs of 20 charts, PPTX and PDF, timed after a first export (kaleido's browser started, modules
loaded): what an official waits for on the Present page's second download. Run in a fresh process per size:

    python -m bench.pack_times DATA_DIR DB_PATH   → one JSON line

The deck is the first 20 comparison charts (catalogue order) of the first 20 units in list order, the Present
page's default units. Wall time, the process's own CPU time and its Chromium's CPU time are reported: the PDF's
pages are drawn in kaleido's Chromium (child processes), and on a shared machine CPU time is the steadier figure."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DECK_CHARTS = 20
DECK_UNITS = 20
REPEATS = 3


def pack_deck(con):
    import queries
    from exports.deck import SCORECARD_ID, Deck, chart_titles
    from exports.unit_brief import PROFILE_PREFIX

    units = [row[0] for row in con.execute(
        f"SELECT district_id FROM {queries.SCHEMA}.districts ORDER BY sort_order LIMIT ?", [DECK_UNITS]).fetchall()]
    titles = chart_titles(con, units, "vi")
    chart_ids = [chart_id for chart_id in titles
                 if chart_id != SCORECARD_ID and not chart_id.startswith(PROFILE_PREFIX)][:DECK_CHARTS]
    return Deck(tuple(chart_ids), tuple(units), "vi")


def descendants_cpu_s() -> float:
    """CPU seconds used so far by this process's descendants that still run (kaleido's Chromium), from /proc:
    the PDF's drawing, which the process's own CPU time does not count."""
    parents, cpu = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # ended meanwhile
                continue
            parents[int(entry)], cpu[int(entry)] = int(fields[1]), int(fields[11]) + int(fields[12])
    total, frontier = 0, [os.getpid()]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        total += sum(cpu[pid] for pid in children)
        frontier += children
    return total / os.sysconf("SC_CLK_TCK")


def time_packs(con) -> dict:
    from exports.images import renderer_available
    from exports.pdf_pack import build_pdf
    from exports.pptx_pack import build_pptx

    deck = pack_deck(con)
    builders = {"pptx": build_pptx}
    if renderer_available():
        builders["pdf"] = build_pdf
    result = {"pack_charts": len(deck.chart_ids)}
    for name, build in builders.items():
        start = time.perf_counter()
        build(con, deck)  # the first export: starts kaleido's browser, loads modules
        result[f"{name}_first_s"] = time.perf_counter() - start
    walls, cpus, browser = ({name: [] for name in builders} for _ in range(3))
    for _ in range(REPEATS):
        for name, build in builders.items():  # alternated, so load from elsewhere falls on both alike
            wall, cpu, chromium = time.perf_counter(), time.process_time(), descendants_cpu_s()
            build(con, deck)
            cpus[name].append(time.process_time() - cpu)
            browser[name].append(descendants_cpu_s() - chromium)
            walls[name].append(time.perf_counter() - wall)
    for name in builders:
        result[f"{name}_warm_s"] = statistics.median(walls[name])
        result[f"{name}_warm_cpu_s"] = statistics.median(cpus[name])
        result[f"{name}_warm_chromium_cpu_s"] = statistics.median(browser[name])
    return result


def main(argv: list[str]) -> None:
    data_dir, db_path = argv[0], argv[1]
    os.environ["CDS_DATA_DIR"], os.environ["CDS_DB_PATH"] = data_dir, db_path
    sys.path.insert(0, str(REPO))
    import queries

    con = queries.open_database(Path(db_path))
    try:
        print(json.dumps(time_packs(con)), flush=True)
    finally:
        con.close()


if __name__ == "__main__":
    main(sys.argv[1:])
