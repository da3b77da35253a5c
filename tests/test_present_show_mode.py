"""The Present page under AppTest on the real data: show mode draws the whole deck once (the browser moves between
slides, tests/test_browser_present.py), the deck editor reorders and removes slides, the scorecard and a unit
profile are slides, and a server without chromium still offers the PowerPoint pack and says where pictures come
from instead."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests import apptest_pages
from tests.conftest import REPO
from tests.plotly_spec import figure_json

pytestmark = pytest.mark.usefixtures("built_db")

DECK = "signing.signing_rate,community_teams.community_teams,online_services.dossiers"


SEEDS = "lam-binh,huong-khe,tam-duong,thuan-bac,luc-yen"  # the five seed districts, with the project's own reports


def run_page(**query) -> AppTest:
    """The Present page on the seed districts unless the test names its units: the default units are the first 20
    of a kind, and which those are changes with every real page bundled."""
    query.setdefault("d", SEEDS)
    return apptest_pages.run_page("present", **query)


def titles(at: AppTest) -> list[str]:
    return [figure_json(chart)["layout"]["title"]["text"] for chart in at.get("plotly_chart")]


def navigation_script(at: AppTest) -> str:
    def walk(node):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", "") == "iframe":
                yield child.proto.srcdoc
            yield from walk(child)

    scripts = list(walk(at._tree))
    assert len(scripts) == 1, "one navigation script per deck"
    return scripts[0]


def test_show_mode_draws_every_slide_once_with_the_current_one_first():
    at = run_page(deck=DECK, show="1", slide="2")
    assert titles(at) == ["Số tổ công nghệ số cộng đồng", "Tỷ lệ văn bản điện tử được ký số",
                          "Hồ sơ thủ tục hành chính tiếp nhận và nộp trực tuyến"]
    keys = [chart.proto.id.rsplit("-", 1)[-1] for chart in at.get("plotly_chart")]
    assert keys == ["slide_chart_2", "slide_chart_1", "slide_chart_3"]


def test_show_mode_script_knows_the_deck_and_the_clicker_keys():
    script = navigation_script(run_page(deck=DECK, show="1", slide="3"))
    assert '\\"total\\": 3' in script and '\\"current\\": 3' in script
    for key in ('"ArrowRight"', '"PageDown"', '" "', '"ArrowLeft"', '"PageUp"', '"Home"', '"End"'):
        assert key in script
    assert "http" not in script.replace("P.location.href", "")  # nothing fetched from anywhere


def test_show_mode_has_full_screen_and_a_counter_and_keeps_the_source_line_per_slide():
    at = run_page(deck=DECK, show="1")
    assert [b.label for b in at.button] == ["◀ Trước", "Sau ▶", "Toàn màn hình", "Thoát trình chiếu"]
    assert any(m.value == "**Trang chiếu 1 / 3**" for m in at.markdown)
    sources = [m.value for m in at.markdown if m.value.startswith("**Nguồn")]
    in_notes = [m.value for toggle in at.expander for m in toggle.markdown if m.value.startswith("**Nguồn")]
    assert len(sources) - len(in_notes) == 3  # one under each slide (one cut short is whole in its notes too)


def test_scorecard_and_unit_profile_are_slides():
    at = run_page(deck="overview.scorecard,profile.lam-binh", show="1", d="lam-binh,huong-khe,tam-duong,thuan-bac,luc-yen")
    charts = [figure_json(chart) for chart in at.get("plotly_chart")]
    assert charts[0]["data"][0]["type"] == "heatmap"
    assert charts[1]["data"][0]["type"] == "table"
    assert "Hồ sơ Lâm Bình" in charts[1]["layout"]["title"]["text"]
    cells = " ".join(str(v) for column in charts[1]["data"][0]["cells"]["values"] for v in column)
    assert "7,81%" in cells and "Năm 2022" in cells


def test_deck_editor_moves_a_slide_down_and_removes_one():
    at = run_page(deck=DECK)
    at.button(key="present_down_0").click().run()
    assert at.multiselect(key="present_deck").value == [
        "community_teams.community_teams", "signing.signing_rate", "online_services.dossiers"]
    assert at.query_params["deck"] in (["community_teams.community_teams,signing.signing_rate,online_services.dossiers"],
                                       "community_teams.community_teams,signing.signing_rate,online_services.dossiers")
    at.button(key="present_remove_2").click().run()
    assert at.multiselect(key="present_deck").value == ["community_teams.community_teams", "signing.signing_rate"]
    at.button(key="present_up_1").click().run()
    assert at.multiselect(key="present_deck").value == ["signing.signing_rate", "community_teams.community_teams"]


def test_editor_offers_the_scorecard_and_unit_profiles():
    at = run_page(deck="signing.signing_rate", d="lam-binh,luc-yen")
    options = at.multiselect(key="present_deck").options
    assert "Bảng điểm các chỉ tiêu chính" in " ".join(options)
    assert any("Hồ sơ Lâm Bình" in option for option in options)


def test_without_chromium_the_page_offers_pptx_and_the_browsers_own_picture_download(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")  # what kaleido's launcher would use
    at = run_page(deck=DECK)
    labels = [b.label for b in at.button]
    assert "Tạo tệp PowerPoint (PPTX)" in labels and "Tạo tệp PDF" not in labels
    notice = " ".join(i.value for i in at.info)
    assert "Chromium" in notice and "máy ảnh" in notice and "PowerPoint" in notice


def test_one_page_brief_of_a_chosen_unit_is_built_and_offered():
    from tests.conftest import require_chromium

    require_chromium()
    at = run_page(deck=DECK, d="lam-binh,luc-yen")
    at.selectbox(key="present_brief_unit").set_value("luc-yen").run()
    at.button(key="build_brief").click().run()
    assert not at.exception
    download = at.get("download_button")
    assert any(d.proto.label == "Tải bản tóm tắt PDF" for d in download)


def test_without_chromium_a_charts_download_menu_points_to_the_browsers_camera_button(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = AppTest.from_file(str(REPO / "app_pages" / "compare.py"), default_timeout=30)
    at.query_params["theme"] = "signing"
    at.query_params["d"] = "lam-binh,tam-duong"  # two units with signing figures, whatever units come first
    at.run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Chromium" in captions and "máy ảnh" in captions and "PNG" in captions


# --- The Compare page's default (issue 16): comparable charts only, the rest named --------------------------------

def test_editor_offers_by_default_only_charts_two_units_report_and_names_the_rest(con):
    from exports.deck import single_unit_charts

    at = run_page()  # the five seed districts
    single = single_unit_charts(con, at.multiselect(key="present_districts").value)
    assert "community_teams.teams_per_commune" in single  # Lâm Bình alone reports it
    assert "community_teams.community_teams" not in single
    options = at.multiselect(key="present_deck").options
    assert len(options) > 2 and not any(at.multiselect(key="present_deck").format_func(c) in options for c in single)
    left_out = next(e for e in at.expander if "Chỉ một huyện có số liệu" in e.label)
    assert f"({len(single)} chỉ tiêu" in left_out.label
    listed = " ".join(m.value for m in left_out.markdown)
    assert "Lâm Bình" in listed and listed.count("\n- ") + 1 == len(single)


def test_add_a_theme_adds_its_comparable_charts_only_and_show_all_adds_the_rest():
    at = run_page()
    at.selectbox[0].set_value("community_teams").run()
    next(b for b in at.button if b.label == "Thêm").click().run()
    deck = at.multiselect(key="present_deck").value
    assert "community_teams.community_teams" in deck and "community_teams.teams_per_commune" not in deck
    at.toggle(key="present_show_all").set_value(True).run()
    assert at.query_params["all"] in ("1", ["1"])
    next(b for b in at.button if b.label == "Thêm").click().run()
    assert "community_teams.teams_per_commune" in at.multiselect(key="present_deck").value


def test_a_default_deck_slide_draws_each_unit_once_at_its_latest_period_sorted_by_value():
    # one series that two districts report: a bar per unit
    at = run_page(deck="infrastructure.smart_radio_stations", show="1", d="lam-binh,do-luong")
    chart = figure_json(at.get("plotly_chart")[0])
    bars = [trace for trace in chart["data"] if trace["type"] == "bar"]
    assert len(bars) >= 1
    units = [x for trace in bars for x in trace["x"]]
    assert len(units) == len(set(units)) >= 2  # one bar per unit: its latest period
    order = chart["layout"]["xaxis"]["categoryarray"]
    values = {x: y for trace in bars for x, y in zip(trace["x"], trace["y"])}
    drawn = [values[name] for name in order if name in values]
    assert drawn == sorted(drawn, reverse=True)


def test_show_mode_fits_the_slide_to_a_laptop_screen_with_short_undated_periods_and_room_for_the_legend():
    """On a 1366×768 laptop the projector-sized slide had its value-and-period labels over the subtitle and its
    legend over the units' names (docs/img/present-show.png is the fixed slide)."""
    from exports.slide_layout import legend_px
    from i18n import t

    at = run_page(deck="signing.signing_rate", show="1", d="huong-khe,lam-binh,luc-yen,tam-duong,thuan-bac")
    chart = figure_json(at.get("plotly_chart")[0])
    labels = [text for trace in chart["data"] if trace["type"] == "bar" and trace.get("text")
              for text in trace["text"]]
    assert labels and not [label for label in labels if "không ghi ngày, khoảng" in label]
    assert any("~2023" in label for label in labels)
    from ui.markdown import escape

    assert any(escape(t("present.undated_note", "vi")) in m.value for m in at.markdown)
    assert chart["layout"]["legend"]["yref"] == "container" and chart["layout"]["legend"]["y"] == 0
    import plotly.graph_objects as go

    legend = legend_px(go.Figure(chart), 1366 - chart["layout"]["margin"]["l"] - chart["layout"]["margin"]["r"] - 48,
                       chart["layout"]["legend"]["font"]["size"])
    assert legend >= 6 * 16  # five series and the target, one per row at this width
    assert chart["layout"]["margin"]["b"] >= legend + 2 * 20  # and the two rows of the axis' names above it


def test_a_rebuilt_pack_replaces_the_last_one_in_the_sessions_memory():
    # review item 35: every pack built in a long meeting stayed in the server's memory until the session ended
    at = run_page(deck=DECK, d="lam-binh,luc-yen")
    at.button(key="build_pptx").click().run()
    assert not at.exception, [e.value for e in at.exception]
    first = [key for key in at.session_state["_packs"] if key[1] == "pptx"]
    assert len(first) == 1
    at.multiselect(key="present_districts").set_value(["lam-binh", "luc-yen", "huong-khe"]).run()
    at.button(key="build_pptx").click().run()
    assert not at.exception, [e.value for e in at.exception]
    second = [key for key in at.session_state["_packs"] if key[1] == "pptx"]
    assert len(second) == 1 and second != first
    assert [d.proto.label for d in at.get("download_button") if d.proto.label == "Tải PPTX"] == ["Tải PPTX"]


# Twenty districts of the bundled data (the districts' default units when this was written): the charts of online
# services and signing put 5–8 notes under a slide (periods, definitions, levels differing, each naming its units).
TWENTY_DISTRICTS = ("tran-de,hoa-vang,krong-pac,dong-anh,huong-khe,gia-loc,bau-bang,di-an,phu-giao-binh-duong,"
                    "khoai-chau,thuan-bac,luc-yen,muong-khuong,sa-pa,da-huoai,dak-glong,do-luong,cao-phong,da-bac,"
                    "doan-hung")
LONG_NOTES_DECK = "online_services.online_usage,signing.signing_rate"


def test_a_slides_many_notes_fold_behind_one_toggle_that_holds_every_note(con):
    """On a 1366×768 laptop six charts of the districts' deck kept 120–250 px for their bars under 150–250 px of
    notes: notes longer than two lines now sit behind one toggle under the chart, each of them still on the slide."""
    from exports.deck import Deck, deck_charts
    from ui.markdown import escape
    from ui.present_mode import NOTES_INLINE_LINES, note_lines, notes_fold

    slides = deck_charts(con, Deck(tuple(LONG_NOTES_DECK.split(",")), tuple(TWENTY_DISTRICTS.split(",")), "vi"))
    folded = [spec for spec in slides if notes_fold(spec.notes, spec.source_note)[1]]
    assert len(folded) >= 2, "the real data no longer gives these slides long notes: pick others"
    at = run_page(deck=LONG_NOTES_DECK, show="1", kind="district", d=TWENTY_DISTRICTS)
    toggles = at.expander
    assert len(toggles) == len(folded)
    assert all(toggle.label.startswith(("⚠ Ghi chú của biểu đồ (", "⚠ Thêm ")) for toggle in toggles)
    outside = [m.value for m in at.markdown]
    for spec in folded:  # the leading notes that fit stay in sight, the others are behind the slide's toggle
        shown, hidden, _ = notes_fold(spec.notes, spec.source_note)
        assert shown + hidden == spec.notes and note_lines(shown) < NOTES_INLINE_LINES
        assert all(f"⚠ {escape(note)}" in outside for note in shown)
        inside = [[m.value for m in toggle.markdown] for toggle in toggles]
        assert any(all(f"⚠ {escape(note)}" in texts for note in hidden) for texts in inside), spec.title
    # every slide keeps its source line under the chart, open or shut
    sources = [m.value for m in at.markdown if m.value.startswith("**Nguồn")]
    assert len(sources) >= len(slides)


def test_short_notes_stay_under_the_chart_without_a_toggle():
    at = run_page(deck="signing.certificates", show="1", d="lam-binh,luc-yen")
    assert not at.expander
    assert [m.value for m in at.markdown if m.value.startswith("⚠ ")]

