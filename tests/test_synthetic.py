"""The synthetic benchmark data (bench/synthetic.py): deterministic, valid by the project's own rules, and the
queries over it agree with the same aggregates computed straight from its files in pandas."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml

import queries
from bench.synthetic import CATALOGUE_PATH, SIZES, generate, plain_number, vietnamese_number
from loaders import build_database, load_dataset

REPO = Path(__file__).resolve().parent.parent
PICKED = ["unit-0003", "unit-0017", "unit-0042"]


def _digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, dict]:
    out_dir = tmp_path_factory.mktemp("synthetic") / "data"
    return out_dir, generate("small", out_dir)


@pytest.fixture(scope="module")
def con(small, tmp_path_factory):
    out_dir, _ = small
    db_path = tmp_path_factory.mktemp("synthetic-db") / "db.duckdb"
    build_database(out_dir, db_path)
    connection = queries.open_database(db_path)
    yield connection
    connection.close()


# ── the files, read without the loaders ─────────────────────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def catalogue() -> dict:
    return yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def files(small) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(districts, sources, observations) straight from the YAML headers and the CSV files."""
    out_dir, _ = small
    headers, sources, frames = [], [], []
    for order, path in enumerate(sorted((out_dir / "units").glob("*.yaml"))):
        header = yaml.safe_load(path.read_text(encoding="utf-8"))
        headers.append({"district_id": header["slug"], "district_name": header["name"], "province": header["province"],
                        "province_2025": header["province_2025"], "communes": header["communes"]["value"], "sort_order": order})
        sources += [{"source_id": s["id"], "title": s["title"]} for s in header["sources"]]
        rows = pd.read_csv(path.with_suffix(".csv"), dtype=str, keep_default_na=False)
        communes = header["communes"]
        rows.loc[len(rows)] = {"indicator": "communes", "value": str(communes["value"]), "unit": "count",
                               "period": communes["period"], "level": "district", "commune": "", "qualifier": "",
                               "source": communes["source"], "quote": communes["quote"], "note": ""}
        rows.insert(0, "district_id", header["slug"])
        frames.append(rows)
    observations = pd.concat(frames, ignore_index=True)
    observations["value"] = observations["value"].astype(float)
    return pd.DataFrame(headers), pd.DataFrame(sources), observations


def _period_bounds(code: str) -> tuple[date, date]:
    if code.startswith("asof "):
        year = int(code.removeprefix("asof "))
        return date(year, 12, 31), date(year, 12, 31)
    return date(int(code), 1, 1), date(int(code), 12, 31)


def _expected_derived(observations: pd.DataFrame, districts: pd.DataFrame, catalogue: dict) -> pd.DataFrame:
    """Derived figures as docs/data-format.md describes them, in pandas: at every (level, period) where a numerator
    part is reported and a denominator part too, sum ÷ sum × scale; a structural denominator (communes) is the
    district's own, whatever the period."""
    wide = observations.pivot_table(index=["district_id", "level", "period"], columns="indicator", values="value", aggfunc="first")
    communes = districts.set_index("district_id")["communes"].astype(float)
    structural = {i["id"] for i in catalogue["indicators"] if i.get("structural")}
    frames = []
    for indicator in catalogue["indicators"]:
        spec = indicator.get("derived")
        if not spec:
            continue
        top_parts = [spec["numerator"]] if isinstance(spec["numerator"], str) else spec["numerator"]
        bottom_parts = [spec["denominator"]] if isinstance(spec["denominator"], str) else spec["denominator"]
        top_columns = [p for p in top_parts if p in wide.columns]
        if not top_columns:
            continue
        top = wide[top_columns].sum(axis=1, min_count=1)
        bottom_columns = []
        for part in bottom_parts:
            if part in structural:
                bottom_columns.append(pd.Series(wide.index.get_level_values("district_id").map(communes), index=wide.index))
            elif part in wide.columns:
                bottom_columns.append(wide[part])
        if not bottom_columns:
            continue
        bottom = pd.concat(bottom_columns, axis=1).sum(axis=1, min_count=1)
        keep = top.notna() & bottom.notna() & (bottom != 0)
        value = (top[keep] / bottom[keep] * float(spec.get("scale", 1))).rename("value").reset_index()
        value["indicator"] = indicator["id"]
        frames.append(value)
    return pd.concat(frames, ignore_index=True)


# ── 1. determinism ──────────────────────────────────────────────────────────────────────────────────────────────

def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(tmp_path):
    first = generate("small", tmp_path / "a")
    second = generate("small", tmp_path / "b")
    generate("small", tmp_path / "c", seed=7)
    assert first == second
    digests = _digests(tmp_path / "a")
    assert len(digests) == first["files"] == 2 + 2 * SIZES["small"]
    assert digests == _digests(tmp_path / "b")
    other_digests = _digests(tmp_path / "c")
    assert other_digests != digests
    changed = [name for name in digests if other_digests.get(name) != digests[name]]
    assert len(changed) >= 2 * SIZES["small"]  # every district file differs, not just one
    assert other_digests["indicators.yaml"] == digests["indicators.yaml"]


def test_the_catalogue_is_copied_byte_for_byte(small):
    out_dir, _ = small
    assert (out_dir / "indicators.yaml").read_bytes() == CATALOGUE_PATH.read_bytes()


def test_generate_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        generate("small", tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_command_line_prints_the_summary(tmp_path):
    result = subprocess.run([sys.executable, "-m", "bench.synthetic", "small", str(tmp_path / "out"), "--seed", "3"],
                            cwd=REPO, capture_output=True, text=True, check=True)
    summary = json.loads(result.stdout)
    assert summary["units"] == SIZES["small"] and summary["seed"] == 3
    assert summary["bytes"] == sum(p.stat().st_size for p in (tmp_path / "out").rglob("*") if p.is_file())


# ── 2. valid by the project's own rules ─────────────────────────────────────────────────────────────────────────

def test_output_passes_the_projects_validation(small, files, catalogue):
    out_dir, summary = small
    _, _, observations = files
    dataset = load_dataset(out_dir)  # raises ValidationFailed on any problem
    assert len(dataset.districts) == SIZES["small"] == summary["units"]
    assert len(dataset.observations) == summary["observations"] == len(observations)
    # Each unit reports 40-80% of ~80 indicators for 2-5 years each.
    assert 50 * 80 * 0.4 * 2 * 0.8 < len(dataset.observations) < 50 * 80 * 0.8 * 5
    derived_ids = {i["id"] for i in catalogue["indicators"] if i.get("derived")}
    assert not derived_ids & set(observations["indicator"]), "derived indicators are never typed in"


def test_derived_rates_are_within_0_to_100(small, catalogue):
    out_dir, _ = small
    dataset = load_dataset(out_dir)
    percentages = [i["id"] for i in catalogue["indicators"] if i.get("derived", {}).get("scale") == 100]
    for indicator in percentages:
        values = [row.value for row in dataset.derived if row.indicator == indicator]
        assert values, f"no {indicator} derived at all"
        assert all(0 <= v <= 100 for v in values), indicator


def test_values_are_plausible_and_quoted_the_vietnamese_way(files, catalogue):
    _, _, observations = files
    units = {i["id"]: i["unit"] for i in catalogue["indicators"]}
    assert (observations["unit"] == observations["indicator"].map(units)).all()
    percent = observations[observations["unit"] == "percent"]
    counts = observations[observations["unit"] != "percent"]
    assert percent["value"].between(0, 100).all()
    assert (counts["value"] >= 0).all() and (counts["value"] == counts["value"].round()).all()
    big = counts[counts["value"] >= 1000].head(200)
    assert len(big) and all(vietnamese_number(int(v), "count") in q for v, q in zip(big["value"], big["quote"]))
    fractional = percent[percent["value"] != percent["value"].round()].head(200)
    assert len(fractional) and all("," in vietnamese_number(round(v * 100), "percent") for v in fractional["value"])
    assert all(vietnamese_number(round(v * 100), "percent") in q for v, q in zip(fractional["value"], fractional["quote"]))
    assert set(observations["level"]) == {"district", "commune_aggregate"}
    assert all(source.startswith(f"{district}-") for district, source in zip(observations["district_id"], observations["source"]))


def test_number_formats():
    assert vietnamese_number(25250, "count") == "25.250"
    assert vietnamese_number(1_250_000_000, "vnd") == "1.250.000.000"
    assert vietnamese_number(9986, "percent") == "99,86"
    assert vietnamese_number(6540, "percent") == "65,4"
    assert vietnamese_number(10000, "percent") == "100"
    assert plain_number(9986, "percent") == "99.86" and plain_number(6540, "percent") == "65.4"
    assert plain_number(25250, "count") == "25250"


# ── 3. queries agree with pandas over the same files ────────────────────────────────────────────────────────────

def test_district_summary_matches_pandas(con, files, catalogue):
    districts, sources, observations = files
    derived = _expected_derived(observations, districts, catalogue)
    result = queries.run(con, "district_summary").set_index("district_id")
    assert list(result.index) == list(districts["district_id"])
    titles = sources.set_index("source_id")["title"]
    for header in districts.itertuples():
        row = result.loc[header.district_id]
        own = observations[observations["district_id"] == header.district_id]
        own_derived = derived[derived["district_id"] == header.district_id]
        assert (row.district_name, row.province, row.province_2025) == (header.district_name, header.province, header.province_2025)
        assert (row.communes, row.sort_order) == (header.communes, header.sort_order)
        assert row.figures == len(own)
        assert row.derived_figures == len(own_derived)
        assert row.indicators == len(set(own["indicator"]) | set(own_derived["indicator"]))
        periods = sorted(set(own["period"]) | set(own_derived["period"]))
        assert list(row.period_labels) == periods
        bounds = [_period_bounds(p) for p in periods]
        assert pd.Timestamp(row.first_period_start).date() == min(b[0] for b in bounds)
        assert pd.Timestamp(row.last_period_end).date() == max(b[1] for b in bounds)
        assert list(row.source_titles) == sorted(set(titles[own["source"]]))
    assert result["figures"].sum() == len(observations)
    assert result["derived_figures"].sum() == len(derived)


def test_observations_for_districts_match_pandas(con, files, catalogue):
    districts, _, observations = files
    derived = _expected_derived(observations, districts, catalogue)
    result = queries.run(con, "observations_for_districts", districts=PICKED, theme=None, indicators=None)
    assert set(result["district_id"]) == set(PICKED)

    typed = result[~result["is_derived"]]
    expected = observations[observations["district_id"].isin(PICKED)]
    key = ["district_id", "indicator_id", "level", "period_label"]
    got = typed[key + ["value", "unit", "source_id", "quote"]].sort_values(key).reset_index(drop=True)
    want = (expected.rename(columns={"indicator": "indicator_id", "period": "period_label", "source": "source_id"})
            [key + ["value", "unit", "source_id", "quote"]].sort_values(key).reset_index(drop=True))
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    qualifiers = typed.sort_values(key)["qualifier"].fillna("").tolist()
    assert qualifiers == expected.sort_values(["district_id", "indicator", "level", "period"])["qualifier"].tolist()

    computed = result[result["is_derived"]]
    want_derived = derived[derived["district_id"].isin(PICKED)]
    assert len(computed) == len(want_derived) > 0
    merged = computed.merge(want_derived, left_on=["district_id", "indicator_id", "level", "period_label"],
                            right_on=["district_id", "indicator", "level", "period"], suffixes=("", "_pandas"))
    assert len(merged) == len(computed)
    assert (merged["value"] - merged["value_pandas"]).abs().max() < 1e-9

    # Ordered by catalogue order, then district order.
    catalogue_order = {i["id"]: n for n, i in enumerate(catalogue["indicators"])}
    district_order = districts.set_index("district_id")["sort_order"]
    order = list(zip(result["indicator_id"].map(catalogue_order), result["district_id"].map(district_order)))
    assert order == sorted(order)


def test_observations_for_districts_filters_match_pandas(con, files, catalogue):
    districts, _, observations = files
    derived = _expected_derived(observations, districts, catalogue)
    themes = {i["id"]: i["theme"] for i in catalogue["indicators"]}
    both = pd.concat([observations[["district_id", "indicator"]], derived[["district_id", "indicator"]]])
    both = both[both["district_id"].isin(PICKED)]

    by_theme = queries.run(con, "observations_for_districts", districts=PICKED, theme="online_services", indicators=None)
    assert len(by_theme) == (both["indicator"].map(themes) == "online_services").sum() > 0

    chosen = ["dossiers_received", "online_submission_rate", "communes"]
    by_indicator = queries.run(con, "observations_for_districts", districts=PICKED, theme=None, indicators=chosen)
    assert len(by_indicator) == both["indicator"].isin(chosen).sum() > 0
    assert set(by_indicator["indicator_id"]) <= set(chosen)


# ── the default compare view on benchmark data: one bar per unit and series, labels that fit ───────────────────

def _compare_specs(con, ids, theme="online_services", **options):
    from charts.colors import district_colors
    from charts.compare import comparison_charts

    units = queries.run(con, "districts")
    observations = queries.run(con, "observations_for_districts", districts=ids, theme=theme, indicators=None)
    return observations, comparison_charts(observations, units[units["district_id"].isin(ids)],
                                           district_colors(list(units["district_id"])), "vi", **options)


def test_default_view_draws_each_units_latest_period_once(con):
    """Synthetic units report 2-5 years of a figure; the default chart has one bar per unit and series, at its
    latest period (the bar says which), instead of 2-5 bars drawn on top of each other."""
    ids = list(queries.run(con, "districts")["district_id"][:20])
    observations, specs = _compare_specs(con, ids)
    latest = observations.groupby(["district_id", "indicator_id", "level"])["period_end"].max()
    assert (observations.groupby(["district_id", "indicator_id", "level"]).size() > 1).any()
    for spec in specs:
        slots = []
        for trace in spec.figure.to_dict()["data"]:
            if trace["type"] == "bar" and not trace.get("showlegend") and trace.get("customdata"):
                xs = trace["x"] if not isinstance(trace["x"][0], list) else list(zip(*trace["x"]))
                slots += [(trace["name"], str(x)) for x in xs]
                for (observation_id,) in trace["customdata"]:
                    row = observations[observations["observation_id"] == observation_id].iloc[0]
                    assert row["period_end"] == latest[(row["district_id"], row["indicator_id"], row["level"])]
        assert len(slots) == len(set(slots)), spec.chart_id  # no two bars on one spot
    _, every = _compare_specs(con, ids, all_periods=True)

    def drawn(charts):
        return sum(len(trace.y) for spec in charts for trace in spec.figure.data if trace.type == "bar" and trace.text)
    assert drawn(every) > drawn(specs)  # the older periods exist; the default leaves them to the table


def test_twenty_units_period_labels_never_run_into_each_other(con):
    """With 20 bars a period label ('Đến cuối năm 2024') is wider than its bar's slot: the period moves under the
    unit's name on the axis, so the labels above the bars are values only and every bar still has its period."""
    from charts.compare import CHAR_WIDTH, PLOT_WIDTH

    ids = list(queries.run(con, "districts")["district_id"][:20])
    _, specs = _compare_specs(con, ids)
    checked = 0
    for spec in specs:
        figure = spec.figure.to_dict()
        if figure["layout"]["xaxis"]["type"] != "category":
            continue
        bars = [trace for trace in figure["data"] if trace["type"] == "bar"]
        slots = len(figure["layout"]["xaxis"]["categoryarray"])
        slot_px = PLOT_WIDTH["screen"] / slots
        for trace in bars:
            for text in trace["text"]:
                widest_line = max(len(line.replace("<b>", "").replace("</b>", "")) for line in text.split("<br>"))
                assert widest_line * 13 * CHAR_WIDTH <= slot_px or trace.get("textangle") == -90, text
        if "ticktext" in figure["layout"]["xaxis"]:
            drawn = [name for trace in bars for name in trace["x"]]
            ticks = dict(zip(figure["layout"]["xaxis"]["tickvals"], figure["layout"]["xaxis"]["ticktext"]))
            assert all("<br>" in ticks[name] for name in drawn)  # name<br>period under every bar
            checked += 1
    assert checked
