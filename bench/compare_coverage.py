"""How much the Compare page compares by default: ``python -m bench.compare_coverage [--db PATH]``.

Issue 14's measure of done: in the default Compare view of the largest province and of "all provinces", at least
80% of the charts shown have five or more units. The default view is what the page draws before anyone chooses:
units of one kind (district, commune or province; the page opens on the kind the data holds most units of, marked
``*`` below), the first MAX_DEFAULT_DISTRICTS units of the scope in the page's order (province, then name),
and, per theme, the charts that at least two of those units report (each unit at its latest period). This walks
the page's first theme (what opens by default) and every theme of that view with the page's own query and grouping
(queries/observations_for_districts.sql, charts.compare.group_records and comparable_keys) and prints, per kind and
scope, how many charts are shown and how many of them draw five or more units. "Largest province" is the province (after the 2025 reform, as the page's
province picker names them) with the most units of that kind holding figures.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import duckdb

import queries
from charts.compare import _charted, comparable_keys, group_records
from ui.scope import MAX_DEFAULT_DISTRICTS, default_kind, in_display_order  # the page's own choice of default units

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("district", "commune", "province")
ENOUGH = 5


def view_counts(con, theme_ids: list[str], unit_ids: list[str]) -> tuple[int, int, list[tuple[str, int]]]:
    """(charts shown by default over every theme, charts with ENOUGH or more units, (chart, units) per chart)."""
    shown = wide = 0
    per_chart = []
    for theme in theme_ids:
        rows = queries.records(con, "observations_for_districts", districts=unit_ids, theme=theme, indicators=None)
        groups = group_records(rows)
        comparable, _single = comparable_keys(groups) if len(unit_ids) > 1 else ([], {})
        for key in comparable:
            units = len({r["district_id"] for r in _charted(groups[key])})
            per_chart.append((key, units))
            shown += 1
            wide += units >= ENOUGH
    return shown, wide, per_chart


def report(con) -> list[dict]:
    units = in_display_order(queries.run(con, "districts"))
    opened = default_kind(units)
    theme_ids = list(queries.run(con, "themes")["theme_id"])
    rows = []
    for kind in KINDS:
        of_kind = units[units["unit_kind"] == kind]
        if of_kind.empty:
            continue
        scopes = [("all provinces", list(of_kind["district_id"]))]
        sizes = Counter(of_kind["province_2025"])
        if kind != "province":
            largest, _n = max(sizes.items(), key=lambda item: (item[1], item[0]))
            scopes.append((f"largest province: {largest}",
                           list(of_kind.loc[of_kind["province_2025"] == largest, "district_id"])))
        for scope, ids in scopes:
            chosen = ids[:MAX_DEFAULT_DISTRICTS]
            for themes, label in ((theme_ids[:1], theme_ids[0]), (theme_ids, "all themes")):
                shown, wide, per_chart = view_counts(con, themes, chosen)
                rows.append(dict(kind=kind + ("*" if kind == opened else ""), scope=scope, themes=label, units_in_scope=len(ids), units_drawn=len(chosen),
                                 charts=shown, charts_5plus=wide, per_chart=per_chart))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "build" / "cds.duckdb")
    parser.add_argument("--charts", action="store_true", help="list every chart with its number of units")
    args = parser.parse_args(argv)
    con = duckdb.connect(str(args.db), read_only=True)
    print(f"{'kind':9} {'scope':36} {'themes':16} {'units':>5} {'drawn':>5} {'charts':>6} {'>=5':>4} {'share':>6}")
    for row in report(con):
        share = row["charts_5plus"] / row["charts"] if row["charts"] else 0.0
        print(f"{row['kind']:9} {row['scope']:36} {row['themes']:16} {row['units_in_scope']:5} {row['units_drawn']:5} "
              f"{row['charts']:6} {row['charts_5plus']:4} {share:6.0%}")
        if args.charts and row["themes"] == "all themes":
            for key, n in row["per_chart"]:
                print(f"{'':16}{key:40} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
