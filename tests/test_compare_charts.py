"""The comparison chart builder on the real curated data: plain function calls, no Streamlit."""

from __future__ import annotations

import pandas as pd
import pytest

import queries
from charts.tables import figures_table
from charts.colors import district_colors
from charts.compare import comparison_charts

ALL = ["huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac"]


@pytest.fixture(scope="module")
def districts(con) -> pd.DataFrame:
    return queries.run(con, "districts")


def charts_for(con, districts, theme, lang="vi", per=None, chosen=ALL):
    observations = queries.run(con, "observations_for_districts", districts=chosen, theme=theme, indicators=None)
    selected = districts[districts["district_id"].isin(chosen)]
    specs = comparison_charts(observations, selected, district_colors(list(districts["district_id"])), lang,
                              per=per)
    return {spec.chart_id: spec for spec in specs}


def bar_texts(spec) -> list[str]:
    return [text for trace in spec.figure.data if trace.type == "bar" and trace.text for text in trace.text]


def assert_undated_said(spec) -> None:
    """An undated period is said on its bar in full words, or (where labels stand upright or under the name) as
    "~2023" with the note that says once what "~" means; never as a date."""
    from i18n import t

    words = period_words(spec)
    assert "không ghi ngày, khoảng 2023" in words or ("~2023" in words and t("present.undated_note", "vi") in spec.notes)


def period_words(spec) -> str:
    """Every period a chart writes: on its bars, or under them on the axis (where a long one is wrapped)."""
    figure = spec.figure.to_dict()
    words = list(bar_texts(spec)) + list(figure["layout"]["xaxis"].get("ticktext", []))
    for trace in figure["data"]:
        if trace["type"] == "bar" and trace.get("x") and isinstance(trace["x"][0], list):
            words += trace["x"][1]
    return " ".join(word for word in words if word).replace("<br>", " ")


def test_lam_binh_dossier_bars_carry_vietnamese_numbers_and_their_period(con, districts):
    spec = charts_for(con, districts, "online_services")["online_services.dossiers"]
    texts = bar_texts(spec)
    assert any("25.250" in text and "Năm 2022" in text for text in texts)
    assert any("1.973" in text and "Năm 2022" in text for text in texts)


def test_english_charts_use_english_number_format(con, districts):
    spec = charts_for(con, districts, "online_services", lang="en")["online_services.dossiers"]
    assert any("1,973" in text for text in bar_texts(spec))
    assert spec.title == "Administrative dossiers received and submitted online"


def test_missing_district_is_marked_no_data_never_drawn_as_zero(con, districts):
    spec = charts_for(con, districts, "online_services")["online_services.dossiers"]
    drawn = [trace for trace in spec.figure.data if trace.type == "bar" and trace.showlegend is not True]
    drawn_districts = {x[0] if isinstance(x, tuple) else x for trace in drawn for x in zip(*trace.x)} \
        if drawn and isinstance(drawn[0].x[0], (list, tuple)) else {x for trace in drawn for x in trace.x}
    assert drawn_districts == {"Lâm Bình"}
    marks = [trace for trace in spec.figure.data if trace.type == "scatter" and trace.mode == "text"]
    assert marks and all(text == "không có số liệu" for text in marks[0].text)
    assert any("Hương Khê" in note and "không phải bằng 0" in note for note in spec.notes)


def test_signing_chart_flags_different_periods_and_definitions(con, districts):
    spec = charts_for(con, districts, "signing")["signing.signing_rate"]
    subtitle = spec.figure.layout.title.subtitle.text
    assert "Kỳ báo cáo khác nhau" in subtitle and "Định nghĩa khác nhau" in subtitle
    assert any("Tam Dương: 6 tháng đầu năm 2023" in note for note in spec.notes)


def test_signing_chart_puts_the_district_office_and_commune_level_side_by_side(con, districts):
    spec = charts_for(con, districts, "signing", chosen=["tam-duong"])["signing.signing_rate"]
    texts = bar_texts(spec)
    assert any(text.startswith("<b>100%") for text in texts) and any("99,86%" in text for text in texts)
    legend = [trace.name for trace in spec.figure.data if trace.showlegend]
    # "của UBND huyện đạt 100%; của UBND cấp xã đạt 99,86%": the district's own bodies beside its communes
    assert any("UBND huyện" in name for name in legend) and any("cấp xã (cộng lại)" in name for name in legend)


def test_one_communes_figure_is_labelled_with_the_commune_on_its_bar_card_and_table(con, districts):
    spec = charts_for(con, districts, "online_services", chosen=["luc-yen"])
    payment = next(s for key, s in spec.items() if "online_payment" in key)
    legend = [trace.name for trace in payment.figure.data if trace.showlegend]
    cards = [card for trace in payment.figure.data if trace.type == "bar" and trace.hovertext
             for card in trace.hovertext]
    assert legend == [] or all("Lâm Thượng" in name for name in legend)
    assert [trace.name for trace in payment.figure.data if trace.type == "bar" and trace.hovertext] == ["xã Lâm Thượng"]
    assert cards and all(card.startswith("<b>xã Lâm Thượng (Lục Yên)</b>") for card in cards)
    rows = queries.run(con, "observations_for_districts", districts=["luc-yen"], theme=None, indicators=["online_payment_rate"])
    table = figures_table(rows, "vi")
    assert list(table["Đơn vị"]) == ["xã Lâm Thượng (Lục Yên)"] and list(table["Cấp"]) == ["xã Lâm Thượng"]


def test_national_target_is_drawn_as_a_reference_line(con, districts):
    spec = charts_for(con, districts, "signing")["signing.signing_rate"]
    lines = [shape for shape in spec.figure.layout.shapes if shape.y0 == 100 and shape.y1 == 100]
    assert lines
    assert any(trace.name == "Mục tiêu quốc gia 2025: 100%" for trace in spec.figure.data)


def test_hover_names_the_source_document_and_quotes_it(con, districts):
    spec = charts_for(con, districts, "online_services")["online_services.dossiers"]
    hovers = [h for trace in spec.figure.data if trace.type == "bar" and trace.hovertext for h in trace.hovertext]
    assert any("Lâm Bình: hội nghị Ban Chỉ đạo" in h and "Trích dẫn" in h and "1.973" in h for h in hovers)


def test_derived_rate_shows_its_formula_in_the_hover(con, districts):
    spec = charts_for(con, districts, "online_services")["online_services.online_usage"]
    hovers = [h for trace in spec.figure.data if trace.type == "bar" and trace.hovertext for h in trace.hovertext]
    assert any("7,81%" in h and "1.973 ÷ 25.250 × 100" in h for h in hovers)


def test_per_commune_divides_counts_by_communes_and_keeps_rates(con, districts):
    charts = charts_for(con, districts, "community_teams", per="commune")
    teams = charts["community_teams.community_teams"]
    assert "bình quân mỗi xã" in teams.title
    # Hương Khê: 215 village teams over 21 communes = 10,24 per commune
    assert any(text.startswith("<b>10,24") for text in bar_texts(teams))
    covered = charts["community_teams.communes_covered_rate"]
    assert "bình quân" not in covered.title and any(text.startswith("<b>100%") for text in bar_texts(covered))


def test_colour_of_a_district_does_not_depend_on_the_selection(con, districts):
    def colour_of_lam_binh(chosen):
        spec = charts_for(con, districts, "online_services", chosen=chosen)["online_services.dossiers"]
        bars = [trace for trace in spec.figure.data if trace.type == "bar" and trace.showlegend is not True]
        return bars[0].marker.color[0]

    assert colour_of_lam_binh(ALL) == colour_of_lam_binh(["lam-binh"]) == colour_of_lam_binh(["thuan-bac", "lam-binh"])


def test_units_chosen_together_never_share_a_colour_and_keep_it_on_every_chart(con, districts):
    """More units than the 12 colours: two units of the list fall on the same colour; chosen together, the later one
    takes the next free colour, on every chart of the selection; alone, each keeps its own. The pair is the first one
    among the units with online-service figures, so the test follows whichever units the data holds."""
    ids = list(districts["district_id"])
    base = district_colors(ids)
    charted = set(queries.run(con, "observations_for_districts", districts=ids, theme="online_services",
                              indicators=None)["district_id"])
    candidates = [d for d in ids if d in charted]
    later = next(d for i, d in enumerate(candidates) if base[d] in {base[e] for e in candidates[:i]})
    earlier = next(d for d in candidates if base[d] == base[later])
    third = next(d for d in candidates if base[d] != base[later])
    assert earlier != later and ids.index(later) - ids.index(earlier) >= 12
    chosen = [earlier, later, third]
    colors = district_colors(ids, together=chosen)
    assert len({colors[d] for d in chosen}) == 3 and colors[earlier] == base[earlier]
    assert district_colors(ids, together=[later])[later] == base[later]
    observations = queries.run(con, "observations_for_districts", districts=chosen, theme="online_services",
                               indicators=None)
    specs = comparison_charts(observations, districts[districts["district_id"].isin(chosen)], colors, "vi")
    drawn: dict[str, set] = {}
    for spec in specs:
        for trace in spec.figure.data:
            if trace.type == "bar" and isinstance(trace.marker.color, (list, tuple)):
                for custom, color in zip(trace.customdata, trace.marker.color):  # the bar's observation id
                    drawn.setdefault(custom[0].split("/")[0], set()).add(color)
    assert set(drawn) == set(chosen) and all(len(c) == 1 for c in drawn.values()), drawn  # one colour, every chart
    assert {unit: c.pop() for unit, c in drawn.items()} == {d: colors[d] for d in chosen}


def test_no_observations_give_no_charts(districts):
    empty = pd.DataFrame(columns=["compare_group", "indicator_id", "indicator_order"])
    assert comparison_charts(empty, districts, {}, "vi") == []


def test_an_undated_figure_never_claims_a_date_beside_a_dated_one_of_the_same_year(con, districts):
    """Thuận Bắc's article states no date (its figures are 'asof unknown', about 2023): the bar and the
    different-periods note say the date is unknown instead of 'end of 2023'."""
    from charts.compare import chart_keys, comparison_chart

    observations = queries.run(con, "observations_for_districts", districts=ALL, theme="signing", indicators=None)
    undated = observations["district_id"].eq("thuan-bac") & observations["period_label"].eq("asof unknown")
    assert undated.any()
    colors = district_colors(list(districts["district_id"]))
    specs = [comparison_chart(observations, key, districts, colors, "vi") for key in chart_keys(observations)]
    touched = [s for s in specs if any("Thuận Bắc: Đến thời điểm đưa tin" in note for note in s.notes)]
    assert touched
    for spec in touched:
        note = next(n for n in spec.notes if "Thuận Bắc: Đến thời điểm đưa tin" in n)
        assert "Thuận Bắc: Đến thời điểm đưa tin (không ghi ngày, khoảng 2023)" in note
        assert "Thuận Bắc: Đến cuối năm 2023" not in note
        assert_undated_said(spec)


# ── built as plotly JSON, without validation (issue 17) ────────────────────────────────────────────────────────

def _themes(con) -> list[str]:
    return list(queries.run(con, "themes")["theme_id"])


@pytest.mark.parametrize("lang,per,medium", [("vi", None, "screen"), ("en", "commune", "screen"),
                                              ("vi", "residents", "screen"), ("vi", None, "slide")])
def test_unvalidated_charts_send_the_json_plotly_validation_would_send(con, districts, lang, per, medium):
    """Every chart of the real data: the figure built without plotly's validation serialises to the same JSON
    as the same figure validated by plotly — so skipping validation changes nothing that reaches the browser."""
    import json

    import plotly.graph_objects as go
    import plotly.io as pio

    colors = district_colors(list(districts["district_id"]))
    checked = 0
    for theme in _themes(con):
        observations = queries.run(con, "observations_for_districts", districts=ALL, theme=theme, indicators=None)
        for spec in comparison_charts(observations, districts, colors, lang, per=per, medium=medium):
            sent = json.loads(pio.to_json(spec.figure, validate=False))
            validated = json.loads(pio.to_json(go.Figure(spec.figure.to_dict()), validate=False))
            assert sent == validated, spec.chart_id
            checked += 1
    assert checked >= 40


def test_streamlit_sends_a_figure_as_its_dict_without_validating_it_again(con, districts):
    """What st.plotly_chart does with a plotly Figure (pinned: Streamlit 1.67): it takes figure.to_dict() as it
    is, without building a validated Figure again (a plain dict would be validated)."""
    import plotly.tools

    spec = charts_for(con, districts, "signing")["signing.signing_rate"]
    sent = plotly.tools.return_figure_from_figure_or_data(spec.figure, validate_figure=True)
    assert sent == spec.figure.to_dict()
    # Streamlit's path never built plotly's object tree (the cost this guards) …
    assert object.__getattribute__(spec.figure, "_json_built") is False
    # … and code that uses the figure as a plotly figure gets one, built from the same JSON, unvalidated
    assert spec.figure.layout.title.text == spec.title and spec.figure._validate is False
    assert spec.figure.to_dict() == sent


def test_a_copy_of_a_chart_is_an_ordinary_plotly_figure_and_leaves_the_original_alone(con, districts):
    import copy

    import plotly.graph_objects as go

    spec = charts_for(con, districts, "signing")["signing.signing_rate"]
    before = spec.figure.to_dict()
    copied = copy.deepcopy(spec.figure)
    copied.update_layout(height=100)
    assert type(copied) is go.Figure and copied.layout.height == 100
    assert spec.figure.to_dict() == before


def test_screen_charts_have_preset_margins_and_no_uniformtext(con, districts):
    for spec in charts_for(con, districts, "signing").values():
        layout = spec.figure.to_dict()["layout"]
        assert layout["xaxis"]["automargin"] is False and layout["yaxis"]["automargin"] is False
        assert set(layout["margin"]) == {"l", "r", "t", "b"} and layout["margin"]["l"] >= 40
        assert "uniformtext" not in layout


def test_slide_charts_keep_uniform_text(con, districts):
    observations = queries.run(con, "observations_for_districts", districts=ALL, theme="signing", indicators=None)
    specs = comparison_charts(observations, districts, district_colors(list(districts["district_id"])), "vi",
                              medium="slide")
    assert all("uniformtext" in spec.figure.to_dict()["layout"] for spec in specs)


# ── labels that do not collide (issue 16) ─────────────────────────────────────────────────────────────────────

def _bar_points(spec):
    for trace in spec.figure.to_dict()["data"]:
        if trace["type"] == "bar" and not trace.get("showlegend"):
            positions = trace["textposition"]
            for n, (y, text) in enumerate(zip(trace["y"], trace["text"])):
                yield y, text, positions if isinstance(positions, str) else positions[n]


def test_a_target_line_is_interrupted_behind_the_labels_it_would_strike_through(con, districts):
    """Tam Dương's 99,86% and Thuận Bắc's "trên 90%" sit just under the 100% national target: written above their
    bars, the dashed line would run through them; the line is drawn in pieces that leave their labels free.
    A chart whose labels clear the line draws it whole."""
    charts = charts_for(con, districts, "signing")
    spec = charts["signing.signing_rate"]
    figure = spec.figure.to_dict()
    pieces = [(shape["x0"], shape["x1"]) for shape in figure["layout"]["shapes"] if shape["y0"] == 100]
    assert len(pieces) >= 2  # interrupted
    slots = len(figure["data"][0]["x"][0])  # the two-row axis: one slot per bar or missing unit, in order
    order = list(zip(*figure["data"][0]["x"]))
    for trace in figure["data"]:
        if trace["type"] == "bar" and not trace.get("showlegend") and trace.get("text"):
            for x, y, text in zip(zip(*trace["x"]), trace["y"], trace["text"]):
                centre = (order.index(tuple(x)) + 0.5) / slots
                covered = any(start <= centre <= end for start, end in pieces)
                assert not (90 <= y <= 100) or not covered, text  # labels standing at the line are left free
    assert any("99,86%" in text for y, text, position in _bar_points(spec))
    assert_undated_said(spec)
    with_clear_labels = [shape for shape in charts["signing.edocs_signed_rate"].figure.to_dict()["layout"]
                         .get("shapes", [])] if "signing.edocs_signed_rate" in charts else []
    assert all((shape["x0"], shape["x1"]) == (0, 1) for shape in with_clear_labels)


def test_no_data_mark_is_lifted_off_the_zero_line(con, districts):
    spec = charts_for(con, districts, "online_services")["online_services.dossiers"]
    marks = [trace for trace in spec.figure.to_dict()["data"] if trace["type"] == "scatter"
             and trace.get("mode") == "text"]
    assert marks and all(y > 0 for y in marks[0]["y"])
    top = spec.figure.layout.yaxis.range[1]
    assert all(y < top * 0.1 for y in marks[0]["y"])  # still at the foot of the chart, not a value


def test_bars_are_sorted_by_value_with_units_without_a_figure_last(con, districts):
    charts = charts_for(con, districts, "digital_citizens")
    checked = 0
    for spec in charts.values():
        layout = spec.figure.to_dict()["layout"]
        if layout["xaxis"]["type"] != "category":
            continue
        values = {x: y for trace in spec.figure.to_dict()["data"] if trace["type"] == "bar"
                  for x, y in zip(trace["x"], trace["y"])}
        order = [name for name in layout["xaxis"]["categoryarray"] if name in values]
        assert [values[name] for name in order] == sorted(values.values(), reverse=True)
        assert layout["xaxis"]["categoryarray"][:len(order)] == order  # the missing come after
        checked += len(order) > 1
    assert checked


# ── compare what is comparable (issue 14 §4) ──────────────────────────────────────────────────────────────────

def test_indicators_only_one_unit_reports_are_listed_apart(con):
    from charts.compare import comparable_keys, group_records

    observations = queries.run(con, "observations_for_districts", districts=ALL, theme="online_services",
                               indicators=None)
    comparable, single = comparable_keys(group_records(observations))
    assert single["dossiers"] == ["Lâm Bình"]
    assert comparable and not set(comparable) & set(single)
    for key in comparable:
        units = {r["district_id"] for r in group_records(observations)[key] if r["latest"]}
        assert len(units) >= 2


def test_per_commune_keeps_the_qualifier_and_never_divides_a_rate(con, districts):
    """Lâm Bình has 'trên 600' team members over 10 communes: per commune it reads 'trên 60', not '60'."""
    charts = charts_for(con, districts, "community_teams", per="commune")
    texts = [text for spec in charts.values() for text in bar_texts(spec)]
    assert any(text.startswith("<b>trên 60<") for text in texts)
    assert not any(text.startswith("<b>60<") for text in texts)
    rates = [spec for spec in charts.values() if "100%" in (spec.figure.to_dict()["layout"]["yaxis"].get("ticktext") or [])]
    assert rates and all("bình quân" not in spec.title for spec in rates)


def test_charts_from_the_querys_plain_rows_equal_charts_from_its_data_frame(con, districts):
    """The page builds charts from queries.records (no DataFrame); exports from the frame: the same charts."""
    from charts.compare import chart_from_records, group_records

    colors = district_colors(list(districts["district_id"]))
    for theme in _themes(con):
        frame = queries.run(con, "observations_for_districts", districts=ALL, theme=theme, indicators=None)
        rows = queries.records(con, "observations_for_districts", districts=ALL, theme=theme, indicators=None)
        assert len(rows) == len(frame)
        from_frame = {spec.chart_id: spec for spec in comparison_charts(frame, districts, colors, "vi")}
        for key, records in group_records(rows).items():
            spec = chart_from_records(records, key, districts, colors, "vi")
            assert spec.figure.to_dict() == from_frame[spec.chart_id].figure.to_dict(), spec.chart_id
            assert (spec.notes, spec.source_note) == (from_frame[spec.chart_id].notes,
                                                      from_frame[spec.chart_id].source_note)


def test_per_commune_names_a_unit_whose_source_gives_no_commune_count_never_as_having_no_data(con, districts):
    """Đại Từ reported 3.000 team members but its page gives no number of communes: per commune it cannot be
    divided, which its own note says; it did report, so it is not among the units with no data."""
    chosen = ["lam-binh", "huong-khe", "dai-tu"]
    spec = next(s for s in charts_for(con, districts, "community_teams", per="commune", chosen=chosen).values()
                if "thành viên" in s.title.lower())
    notes = " ".join(spec.notes)
    assert "Đại Từ" in notes
    missing_note = next((n for n in spec.notes if n.startswith("Không có số liệu")), "")
    assert "Đại Từ" not in missing_note


def test_upright_bar_labels_say_an_undated_period_as_tilde_year_and_the_note_says_what_it_means(con, districts):
    """Twenty communes' dossiers: labels written upright; "Đến thời điểm đưa tin (không ghi ngày, khoảng 2025)"
    on a bar ran over the chart's title, so the bar says "~2025", the note says once what "~" means, and the hover
    card keeps the words."""
    from i18n import t
    from ui.scope import default_districts, first_kind

    units = default_districts(first_kind(districts)[1])
    spec = next(s for s in charts_for(con, districts, "online_services", chosen=units).values()
                if s.chart_id.endswith("dossiers"))
    texts = bar_texts(spec)
    assert texts and not any("không ghi ngày" in text for text in texts)
    assert any("~20" in text for text in texts)
    assert t("present.undated_note", "vi") in spec.notes
    hovers = [h for trace in spec.figure.data if trace.type == "bar" and trace.hovertext for h in trace.hovertext]
    assert any("không ghi ngày" in h for h in hovers)


# Per 1,000 residents: provinces of the real data with their curated population figures (bench/population_pages.yaml):
# Huế 1.153.795 (2021), Hải Dương 1.971.326 (1/4/2024); Hà Nội has none.
PROVINCES = ["tinh-hue", "tinh-hai-duong", "tinh-ha-noi"]


def test_per_residents_divides_a_count_by_the_units_population_and_says_which_figure(con, districts):
    spec = charts_for(con, districts, "online_services", per="residents", chosen=PROVINCES)["online_services.dossiers"]
    assert spec.title.endswith("— trên 1.000 dân")
    bars = {(str(trace.x[0][0]), str(trace.x[1][0])): (trace.y[0], trace.text[0]) for trace in spec.figure.data
            if trace.type == "bar" and trace.text}
    # Huế: 44.825 dossiers of its communes together (July 2025) ÷ 1.153.795 residents × 1.000 = 38,85
    value, text = next(v for (unit, _), v in bars.items() if unit == "Huế" and v[1].startswith("<b>38,"))
    assert value == pytest.approx(44825 / 1153795 * 1000) and text.startswith("<b>38,85</b>")
    hovers = [h for trace in spec.figure.data if trace.type == "bar" and trace.hovertext for h in trace.hovertext]
    assert any("44.825 ÷ 1.153.795 dân (Năm 2021) × 1.000 = 38,85" in h for h in hovers)
    used = next(n for n in spec.notes if n.startswith("Số dân dùng để chia"))
    assert "Huế: 1.153.795 dân (Năm 2021)" in used and "Hải Dương: 1.971.326 dân (Đến 1/4/2024)" in used


def test_per_residents_never_divides_a_rate(con, districts):
    plain = charts_for(con, districts, "online_services", chosen=PROVINCES)
    divided = charts_for(con, districts, "online_services", per="residents", chosen=PROVINCES)
    for key in ("online_services.online_usage", "online_services.on_time_rate"):
        assert "1.000 dân" not in divided[key].title
        assert bar_texts(divided[key]) == bar_texts(plain[key])
        assert divided[key].figure.to_dict()["data"] == plain[key].figure.to_dict()["data"]


def test_per_residents_marks_a_unit_without_a_population_figure_never_as_zero(con, districts):
    spec = charts_for(con, districts, "online_services", per="residents", chosen=PROVINCES)["online_services.dossiers"]
    bar_units = {str(trace.x[0][0]) for trace in spec.figure.data if trace.type == "bar" and trace.text}
    assert "Hà Nội" not in bar_units  # no bar, not a zero bar
    marks = [trace for trace in spec.figure.data if trace.type == "scatter" and trace.mode == "text"]
    assert [(list(m.customdata), list(m.text)) for m in marks] == [(["Hà Nội"], ["không có số dân"])]
    assert "Hà Nội: dữ liệu chưa có số dân của đơn vị trong vòng 5 năm quanh kỳ số liệu nên không tính được trên 1.000 dân." in spec.notes
    assert not any(n.startswith("Không có số liệu") and "Hà Nội" in n for n in spec.notes)  # it did report


def test_each_figure_is_divided_by_the_population_of_the_year_nearest_to_it(con, districts):
    """Cao Phong (Hòa Bình) has populations for 2019, 2020 and 2021 (the province's yearbook): its dossiers of the
    first half of 2019 are divided by 2019's residents, those of the first half of 2023 by 2021's (the latest)."""
    rows = queries.run(con, "observations_for_districts", districts=["cao-phong"], theme="online_services",
                       indicators=["dossiers_received"])
    assert dict(zip(rows["period_label"], zip(rows["population"], rows["population_period"]))) == {
        "2019-H1": (45551, "2019"), "2023-H1": (46187, "2021")}
    spec = charts_for(con, districts, "online_services", per="residents", chosen=["cao-phong", "da-bac", "tan-lac"])
    dossiers = spec["online_services.dossiers"]
    hovers = " ".join(h for trace in dossiers.figure.data if trace.type == "bar" and trace.hovertext
                      for h in trace.hovertext)
    assert "6.747 ÷ 46.187 dân (Năm 2021) × 1.000 = 146,1" in hovers  # its latest period, 2023-H1


def test_the_catalogue_says_which_counts_may_be_put_per_residents(con):
    indicators = queries.run(con, "indicator_catalogue").set_index("indicator_id")
    per = indicators[indicators["per_residents"]]
    assert {"dossiers_received", "eid_accounts", "cccd_collected"} <= set(per.index)
    assert set(per["unit"]) == {"count"}  # never a rate, an index or an amount
    assert not {"online_submission_rate", "cchc_index_score", "cchc_index_rank", "communes", "population",
                "members_per_team", "teams_per_commune"} & set(per.index)


def test_no_two_series_of_a_chart_share_a_number(con, districts):
    """The provinces' dossiers chart holds eleven series (definitions and levels of the figure); the legend numbered
    them ① … ⑨ and then ① again, so the tenth and eleventh series read as the first and second under the bars."""
    provinces = list(districts[districts["unit_kind"] == "province"]["district_id"])
    spec = charts_for(con, districts, "online_services", chosen=provinces)["online_services.dossiers"]
    legend = [trace["name"] for trace in spec.figure.to_dict()["data"] if trace["type"] == "bar"
              and trace.get("showlegend")]
    assert len(legend) >= 10
    marks = [name.split(" ", 1)[0] for name in legend]
    assert len(set(marks)) == len(marks), marks
    assert marks[9:11] == ["⑩", "(11)"]


def test_series_past_ten_are_numbered_in_brackets():
    from charts.compare import series_mark

    assert [series_mark(n) for n in (0, 8, 9, 10, 31)] == ["①", "⑨", "⑩", "(11)", "(32)"]


def test_units_with_no_bar_on_a_two_row_axis_are_named_upright_in_their_places(con, districts):
    """On a two-row axis (several series) a unit with no bar has one narrow place: its name as a group label ran
    into its neighbours'. Its place is unnamed on the axis and its name stands upright above its mark; the PPTX's
    native chart still lists it by name."""
    from exports.pptx_charts import native_chart

    spec = charts_for(con, districts, "online_services", per="residents", chosen=PROVINCES)["online_services.dossiers"]
    figure = spec.figure
    assert figure.layout.xaxis.type == "multicategory"
    names = [a for a in figure.layout.annotations or () if a.xref == "x"]
    assert [(a.text, a.textangle) for a in names] == [("Hà Nội", -90)]
    marks = [trace for trace in figure.data if trace.type == "scatter" and trace.mode == "text"]
    order = next(trace for trace in figure.data if trace.type == "scatter" and trace.mode == "markers")
    place = list(zip(*order.x)).index(tuple(mark[0] for mark in marks[0].x))
    assert names[0].x == place and not marks[0].x[0][0].strip() and not marks[0].x[1][0].strip("\u200b")
    assert "Hà Nội" in native_chart(spec).categories
