"""Unit pickers at scale (issue 17 seventh round (c)): past PICKER_LIMIT units a picker lists the units of the
province(s) of the units it holds, and its search finds a unit of any province (accents ignored), so every unit is
still one search away and no pick is ever dropped. Checked on the pure rule and on the compare page, the overview's
scorecard and the unit profile under AppTest, on the benchmark's synthetic `national` data (705 units)."""

from __future__ import annotations

import duckdb
import pytest

from bench.synthetic import generate
from loaders.build import build_database
from tests.apptest_pages import run_page
from ui.pickers import PICKER_LIMIT
from ui.search import fold, options_in_reach

OPTIONS = [f"u{n}" for n in range(10)]
GROUP = {option: ("A" if n < 4 else "B" if n < 7 else "C") for n, option in enumerate(OPTIONS)}
LABELS = {option: f"xã Đồng {option}" if option == "u8" else f"xã Lâm {option}" for option in OPTIONS}


def test_few_options_are_all_listed():
    assert options_in_reach(OPTIONS, LABELS, "", ["u5"], GROUP, limit=10) == OPTIONS


def test_many_options_list_the_groups_of_those_held():
    assert options_in_reach(OPTIONS, LABELS, "", ["u5"], GROUP, limit=5) == ["u4", "u5", "u6"]
    assert options_in_reach(OPTIONS, LABELS, "", ["u1", "u8"], GROUP, limit=5) == ["u0", "u1", "u2", "u3", "u7",
                                                                                   "u8", "u9"]
    assert options_in_reach(OPTIONS, LABELS, "", [], GROUP, limit=5) == ["u0", "u1", "u2", "u3"]


def test_a_search_lists_those_held_and_the_matches_of_every_group():
    assert options_in_reach(OPTIONS, LABELS, "dong", ["u1"], GROUP, limit=5) == ["u1", "u8"]
    assert options_in_reach(OPTIONS, LABELS, "  ", ["u1"], GROUP, limit=5) == ["u0", "u1", "u2", "u3"]


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national_pickers")
    generate("national", folder / "data")
    build_database(folder / "data", folder / "cds.duckdb")
    return folder


@pytest.fixture
def served(national, monkeypatch):
    monkeypatch.setenv("CDS_DATA_DIR", str(national / "data"))
    monkeypatch.setenv("CDS_DB_PATH", str(national / "cds.duckdb"))
    con = duckdb.connect(str(national / "cds.duckdb"), read_only=True)
    units = con.execute("SELECT district_id, district_name, province_2025, unit_kind FROM districts "
                        "ORDER BY sort_order").fetchall()
    con.close()
    return units


# the overview's scorecard picker too since the eighth round (m)
@pytest.mark.parametrize("page, key", [("compare", "compare_districts"), ("overview", "overview_districts")])
def test_the_unit_pickers_list_the_province_and_find_any_unit(served, page, key):
    kinds = {kind for *_, kind in served}
    assert len(served) > PICKER_LIMIT and len(kinds) == 1
    province_of = {unit: province for unit, _name, province, _kind in served}
    at = run_page(page, timeout=120)
    picker = at.multiselect(key=key)
    chosen = list(picker.value)
    held_provinces = {province_of[unit] for unit in chosen}
    in_reach = [unit for unit, *_ in served if province_of[unit] in held_provinces]
    assert len(picker.options) == len(in_reach) < len(served)
    # A unit of another province, searched without accents: listed beside the units held, and can be added.
    other, other_name = next((unit, name) for unit, name, province, _kind in served if province not in held_provinces)
    at.text_input(key=f"{key}_search").set_value(fold(other_name)).run()
    picker = at.multiselect(key=key)
    assert len(picker.options) < len(in_reach) + 5 and other_name in " ".join(picker.options)
    picker.set_value([*chosen, other]).run()
    assert not at.exception
    at.text_input(key=f"{key}_search").set_value("").run()
    picker = at.multiselect(key=key)
    assert list(picker.value) == [*chosen, other]  # nothing dropped when the search is cleared
    assert len(picker.options) == len([u for u, *_ in served if province_of[u] in held_provinces | {province_of[other]}])


def test_profile_lists_the_province_and_finds_any_unit(served):
    at = run_page("district", timeout=120)
    province_of = {unit: province for unit, _name, province, _kind in served}
    box = at.selectbox(key="profile_district")
    first_province = province_of[box.value]
    assert len(box.options) == sum(province == first_province for *_, province, _kind in served)
    other, other_name = next((unit, name) for unit, name, province, _kind in served if province != first_province)
    at.text_input(key="profile_district_search").set_value(fold(other_name)).run()
    assert not at.exception
    assert at.selectbox(key="profile_district").value == other  # the search picks its first match, as before


def test_profile_lists_the_province_of_the_unit_it_changes_to_in_display_order(served):
    """The profile's picker reads the province's list the page keeps per build (ui.pickers.searchable_select with
    `members`) instead of walking every unit on each rerun: once a search has taken it to a unit of another province
    and is cleared, it lists that unit's province, every unit of it and no other, in display order (province, then
    name), each by its name, the unit shown still chosen."""
    import pandas as pd

    from ui.scope import in_display_order

    at = run_page("district", timeout=120)
    province_of = {unit: province for unit, _name, province, _kind in served}
    names = {unit: name for unit, name, _province, _kind in served}
    first = province_of[at.selectbox(key="profile_district").value]
    frame = pd.DataFrame(served, columns=["district_id", "district_name", "province_2025", "unit_kind"])
    ordered = list(in_display_order(frame).itertuples())
    # a unit of another province whose name no other unit shares, so the search's first match is that unit
    other = next(row.district_id for row in ordered if row.province_2025 != first
                 and sum(fold(name) == fold(row.district_name) for name in names.values()) == 1)
    at.text_input(key="profile_district_search").set_value(fold(names[other])).run()
    assert at.selectbox(key="profile_district").value == other
    at.text_input(key="profile_district_search").set_value("").run()
    assert not at.exception
    expected = [row for row in ordered if row.province_2025 == province_of[other]]
    box = at.selectbox(key="profile_district")
    assert box.value == other
    assert len(box.options) == len(expected) > 1
    assert all(row.district_name in label for row, label in zip(expected, box.options))
