"""Counts per 1,000 residents (issue 14 §4) on the Compare and Present pages under AppTest, on the real data and a
real DuckDB: the figures the browser gets, the population figure and period each unit was divided by, the unit
without one marked (never a zero bar), rates left alone, and the choice carried by the link (`per=residents`)."""

from __future__ import annotations

import pytest

from tests.apptest_pages import run_page
from tests.plotly_spec import all_text, bars
from tests.test_pages import charts

# Provinces with curated population figures (Huế 1.153.795 in 2021, Hải Dương 1.971.326 on 1/4/2024) and one
# without (Hà Nội), all reporting dossiers.
PROVINCES = "tinh-hue,tinh-hai-duong,tinh-ha-noi"
pytestmark = pytest.mark.usefixtures("built_db")


def _chart(at, words: str) -> dict:
    return next(figure for figure in charts(at) if words in figure["layout"]["title"]["text"])


def test_compare_per_residents_draws_the_divided_counts_and_says_which_population_each_unit_was_divided_by():
    at = run_page("compare", kind="province", d=PROVINCES, theme="online_services", per="residents")
    assert at.radio(key="compare_per").value == "residents"
    dossiers = _chart(at, "Hồ sơ thủ tục hành chính")
    assert dossiers["layout"]["title"]["text"].endswith("— trên 1.000 dân")
    drawn = bars(dossiers)
    hue = next(bar for bar in drawn if bar["x"][0] == "Huế" and bar["text"].startswith("<b>38,85</b>"))
    assert hue["y"] == pytest.approx(44825 / 1153795 * 1000)
    assert "44.825 ÷ 1.153.795 dân (Năm 2021) × 1.000 = 38,85" in hue["hover"]
    hai_duong = next(bar for bar in drawn if bar["x"][0] == "Hải Dương")  # its latest: 143.269 in Jan–Feb 2025
    assert hai_duong["y"] == pytest.approx(143269 / 1971326 * 1000)
    assert not any(bar["x"][0] == "Hà Nội" for bar in drawn)  # no bar, never a zero
    assert "không có số dân" in all_text(dossiers)
    # the notes under the chart, as text (markdown escaped: backslashes, a word joiner after a colon)
    captions = " ".join(c.value for c in at.caption).replace("\\", "").replace("\u2060", "")
    assert "Số dân dùng để chia" in captions and "Huế: 1.153.795 dân (Năm 2021)" in captions
    assert "Hải Dương: 1.971.326 dân (Đến 1/4/2024)" in captions
    assert "Hà Nội: dữ liệu chưa có số dân" in captions


def test_compare_per_residents_leaves_rates_as_they_are():
    plain = run_page("compare", kind="province", d=PROVINCES, theme="online_services")
    divided = run_page("compare", kind="province", d=PROVINCES, theme="online_services", per="residents")
    rates = _chart(divided, "Tỷ lệ hồ sơ trực tuyến")
    assert "1.000 dân" not in rates["layout"]["title"]["text"]
    assert bars(rates) == bars(_chart(plain, "Tỷ lệ hồ sơ trực tuyến"))


def test_compare_per_residents_in_english():
    at = run_page("compare", kind="province", d=PROVINCES, theme="online_services", per="residents", lang="en")
    dossiers = next(f for f in charts(at) if "per 1,000 residents" in f["layout"]["title"]["text"])
    assert "no population figure" in all_text(dossiers)
    assert "44,825 ÷ 1,153,795 residents (2021) × 1,000 = 38.85" in all_text(dossiers)


def test_the_per_residents_choice_round_trips_through_the_link():
    at = run_page("compare", kind="province", d=PROVINCES, theme="online_services")
    assert at.radio(key="compare_per").value == "" and "per" not in at.query_params
    at.radio(key="compare_per").set_value("residents").run()
    assert not at.exception and at.query_params["per"] in ("residents", ["residents"])
    assert any("trên 1.000 dân" in f["layout"]["title"]["text"] for f in charts(at))
    link = {key: at.query_params[key] for key in at.query_params}
    reopened = run_page("compare", **{k: v if isinstance(v, str) else ",".join(v) for k, v in link.items()})
    assert reopened.radio(key="compare_per").value == "residents"
    assert [f["layout"]["title"]["text"] for f in charts(reopened)] == [f["layout"]["title"]["text"] for f in charts(at)]
    at.radio(key="compare_per").set_value("").run()  # the default is left out of the link
    assert "per" not in at.query_params
    assert not any("1.000 dân" in f["layout"]["title"]["text"] for f in charts(at))


def test_communes_are_offered_per_residents_but_a_per_commune_link_is_named_and_dropped():
    at = run_page("compare", kind="commune", per="residents")
    assert at.radio(key="compare_per").value == "residents"
    dropped = run_page("compare", kind="commune", per="commune")
    assert dropped.radio(key="compare_per").value == "" and "per" not in dropped.query_params
    assert any("per" in w.value and "commune" in w.value for w in dropped.warning)


def test_present_show_mode_draws_the_deck_per_residents_from_the_link():
    at = run_page("present", kind="province", d=PROVINCES, deck="online_services.dossiers", per="residents", show="1")
    slide = charts(at)[0]
    assert slide["layout"]["title"]["text"].endswith("— trên 1.000 dân")
    assert any(bar["text"].startswith("<b>38,85</b>") for bar in bars(slide))


def test_the_pptx_pack_carries_the_counts_per_residents_and_the_population_used(con):
    """A deck taken away keeps the normalisation: the native chart's values are the divided ones, the slide or its
    notes say which population figure each unit was divided by."""
    import io

    from pptx import Presentation

    from exports.deck import Deck
    from exports.pptx_pack import build_pptx

    deck = Deck(("online_services.dossiers",), tuple(PROVINCES.split(",")), "vi", "residents")
    slides = list(Presentation(io.BytesIO(build_pptx(con, deck))).slides)
    chart_slide = next(s for s in slides if any(shape.has_chart for shape in s.shapes))
    texts = "\n".join(shape.text_frame.text for shape in chart_slide.shapes if shape.has_text_frame)
    notes = chart_slide.notes_slide.notes_text_frame.text if chart_slide.has_notes_slide else ""
    assert "trên 1.000 dân" in texts
    assert "Huế: 1.153.795 dân (Năm 2021)" in texts + notes
    chart = next(shape.chart for shape in chart_slide.shapes if shape.has_chart)
    values = [v for plot in chart.plots for series in plot.series for v in series.values if v is not None]
    assert any(v == pytest.approx(44825 / 1153795 * 1000) for v in values)
    assert not any(v in (44825, 0) for v in values)  # neither the undivided count nor a zero for Hà Nội


def test_communes_per_residents_on_the_compare_page():
    """Today's wards: Phù Liễn's latest dossiers, 3.718 from July to September 2025 (its own page, reader round 10),
    over its 60.733 residents read 61,22 per 1,000; Rạch Giá (250.661 residents) is divided by its own; An Lão has no
    population figure and is marked."""
    at = run_page("compare", kind="commune", d="phu-lien,kien-an,rach-gia,an-lao", theme="online_services",
                  per="residents")
    dossiers = _chart(at, "Hồ sơ thủ tục hành chính")
    drawn = bars(dossiers)
    phu_lien = [bar for bar in drawn if bar["x"][0] == "Phù Liễn"]
    assert any(bar["text"].startswith("<b>61,22</b>") and bar["y"] == pytest.approx(3718 / 60733 * 1000)
               for bar in phu_lien)
    assert any(bar["x"][0] == "Rạch Giá" and "÷ 250.661 dân (Đến 22/6/2025)" in bar["hover"] for bar in drawn)
    assert not any(bar["x"][0] == "An Lão" for bar in drawn) and "không có số dân" in all_text(dossiers)


def test_a_qualified_count_keeps_its_qualifier_after_dividing(con):
    # Hải Dương's 2023 dossiers are printed "trên 1.000.000": divided, they are "trên 507,…", never a plain 507
    import queries
    from charts.colors import district_colors
    from charts.compare import comparison_charts

    units = queries.run(con, "districts")
    rows = queries.run(con, "observations_for_districts", districts=["tinh-hai-duong"], theme="online_services",
                       indicators=None)
    rows = rows[(rows["indicator_id"] == "dossiers_received") & (rows["period_label"] == "2023")]
    assert list(rows["qualifier"]) == ["over"]
    shown = units[units["district_id"] == "tinh-hai-duong"]
    spec = next(iter(comparison_charts(rows, shown, district_colors(["tinh-hai-duong"]), "vi", per="residents", all_periods=True)))
    texts = [text for trace in spec.figure.data if trace.type == "bar" and trace.text for text in trace.text]
    assert any(text.startswith("<b>trên 507,") for text in texts), texts


def test_a_population_figure_more_than_five_years_away_is_not_used(con):
    # Lâm Bình's only population figure is of its founding (2011): its 2022 dossiers are not divided by it
    import queries

    rows = queries.run(con, "observations_for_districts", districts=["lam-binh"], theme=None, indicators=None)
    population = rows[rows["indicator_id"] == "population"]
    # undated page about the founding: 'asof unknown', published about January 2011
    assert len(population) == 1 and str(population["period_about"].iloc[0]).startswith("2011"), \
        "the test leans on Lâm Bình's 2011 figure"
    dossiers = rows[(rows["indicator_id"] == "dossiers_received") & (rows["period_label"] == "2022")]
    assert len(dossiers) and dossiers["population"].isna().all()


def test_a_figure_that_cannot_be_divided_is_named_under_the_chart_not_drawn_beside_divided_ones():
    # Khánh Hòa's provincial bodies received "gần 23.700" dossiers: undivided beside 85,56 per 1,000 residents on one
    # axis, it read as a province three hundred times busier than itself
    at = run_page("compare", kind="province", d="tinh-khanh-hoa,tinh-hue", theme="online_services", per="residents")
    dossiers = _chart(at, "Hồ sơ thủ tục hành chính")
    texts = [bar["text"] for bar in bars(dossiers)]
    assert texts and not any("23.700" in text for text in texts)
    assert all(float(bar["y"]) < 1000 for bar in bars(dossiers))  # every bar is per 1,000 residents
    captions = " ".join(c.value for c in at.caption).replace("\\", "").replace("\u2060", "")
    assert "Không vẽ ở đây vì không chia được" in captions and "Khánh Hòa (" in captions


def test_a_unit_whose_figures_all_cannot_be_divided_is_marked_on_the_axis_not_left_off(con):
    import queries
    from charts.colors import district_colors
    from charts.compare import comparison_charts

    chosen = ["tinh-khanh-hoa", "tinh-hue"]
    units = queries.run(con, "districts")
    rows = queries.run(con, "observations_for_districts", districts=chosen, theme="online_services", indicators=None)
    dossiers = rows[rows["indicator_id"] == "dossiers_received"]
    # Khánh Hòa with only its provincial bodies' figures: nothing of it can go per 1,000 residents
    only_bodies = dossiers[(dossiers["district_id"] != "tinh-khanh-hoa") | (dossiers["level"] == "unit_bodies")]
    assert set(only_bodies.loc[only_bodies["district_id"] == "tinh-khanh-hoa", "level"]) == {"unit_bodies"}
    spec = comparison_charts(only_bodies, units[units["district_id"].isin(chosen)], district_colors(chosen), "vi",
                             per="residents")[0]
    marks = [trace for trace in spec.figure.data if trace.type == "scatter" and trace.text
             and set(trace.text) & {"không chia được", "∤"}]
    assert len(marks) == 1 and any("Khánh Hòa" in str(x) for x in marks[0].x)
    assert any(note.startswith("Không vẽ ở đây vì không chia được") and "Khánh Hòa (" in note for note in spec.notes)
