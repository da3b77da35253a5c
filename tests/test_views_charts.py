"""Every chart's views (issue 16, Views): Chart / Trend / Map / Table / Sources and Share, under AppTest on the real
data in a real DuckDB and, for the trend, on a copy of it with one commune that reported a rate for two periods
(from a public page: printed number, locator and address). Only the view a user opens is built."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import queries
from tests.apptest_pages import XA_LAM_BINH_HEADER, data_copy_with, run_page, serve_from
from tests.plotly_spec import figure_json

TREND_UNIT = XA_LAM_BINH_HEADER + """\
sources:
  - id: xa-lam-binh-2024
    title: Kết quả chuyển đổi số xã Lâm Bình năm 2024
    issuer: UBND xã Lâm Bình
    date: 2025-01-10
    kind: public_page
    url: https://lambinh.tuyenquang.gov.vn/cds-2024
  - id: xa-lam-binh-2025
    title: Kết quả chuyển đổi số xã Lâm Bình 6 tháng đầu năm 2025
    issuer: UBND xã Lâm Bình
    date: 2025-07-05
    kind: public_page
    url: https://lambinh.tuyenquang.gov.vn/cds-2025-h1
observations:
  - indicator: online_payment_rate
    value: 61.2
    unit: percent
    period: "2024"
    level: district
    source: xa-lam-binh-2024
    printed: "61,2%"
    locator: "Mục I, bảng kết quả, dòng 3"
  - indicator: online_payment_rate
    value: 85.63
    unit: percent
    period: 2025-H1
    level: district
    source: xa-lam-binh-2025
    printed: "85,63%"
    locator: "Mục II. Kết quả, đoạn 2"
"""


@pytest.fixture(scope="module")
def with_trend(tmp_path_factory):
    return data_copy_with(tmp_path_factory.mktemp("trend"), {"xa-lam-binh.yaml": TREND_UNIT})


@pytest.fixture
def trend_app(with_trend, monkeypatch):
    return serve_from(with_trend, monkeypatch)


def compare(**query) -> AppTest:
    return run_page("compare", **query)


def open_view(at: AppTest, chart_id: str, view: str) -> AppTest:
    at.button_group(key=f"view_{chart_id}").set_value(view).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at: AppTest) -> list[dict]:
    return [figure_json(element) for element in at.get("plotly_chart")]


DOSSIERS = "online_services.dossiers"
SEEDS = "lam-binh,huong-khe,tam-duong,thuan-bac,luc-yen"  # of the five seeds, only Lâm Bình reports the dossiers


@pytest.mark.usefixtures("built_db")
def test_every_chart_offers_the_five_views_and_builds_only_the_chart_at_first():
    at = compare(theme="online_services", all="1")
    groups = at.get("button_group")
    assert groups and all(g.options == ["Biểu đồ", "Xu hướng", "Bản đồ", "Bảng", "Nguồn"] for g in groups)
    # One figure per chart: no trend, map or table was built for a view nobody opened.
    assert len(at.get("plotly_chart")) == len(groups)
    assert not at.dataframe or all("Số (không định dạng)" not in d.value.columns for d in at.dataframe)


@pytest.mark.usefixtures("built_db")
def test_the_table_view_holds_exactly_the_charts_figures_with_quotes_and_a_csv():
    at = open_view(compare(theme="online_services", d=SEEDS, all="1"), DOSSIERS, "table")
    table = next(d.value for d in at.dataframe if "Mã kỳ" in d.value.columns)
    assert sorted(table["Số (không định dạng)"]) == [1973.0, 25250.0]
    assert set(table["Mã kỳ"]) == {"2022"}
    assert all("25.250" in q or "1.973" in q for q in table["Trích dẫn"])
    assert set(table["Cấp"]) == {"toàn huyện"}
    assert "2 số liệu của biểu đồ này" in " ".join(c.value for c in at.caption)
    assert any(b.label == "Tải CSV các số liệu này" for b in at.get("download_button"))


@pytest.mark.usefixtures("built_db")
def test_the_sources_view_lists_the_documents_with_their_kind():
    at = open_view(compare(theme="online_services", d=SEEDS, all="1"), DOSSIERS, "sources")
    text = " ".join(m.value for m in at.markdown)
    assert "Lâm Bình" in text and "Bài báo" in text and "2 số liệu" in text and "trích nguyên văn" in text


@pytest.mark.usefixtures("built_db")
def test_the_map_view_places_the_charts_units_on_the_outline_of_vietnam():
    at = open_view(compare(theme="online_services", d=SEEDS, all="1"), DOSSIERS, "map")
    figure = next(f for f in figures(at) if f["layout"].get("meta", {}).get("map_view"))
    names = [trace.get("name") for trace in figure["data"]]
    assert figure["layout"]["yaxis"]["scaleanchor"] == "x"
    markers = [trace for trace in figure["data"] if trace.get("customdata") and trace.get("mode") == "markers"]
    assert [c for trace in markers for c in trace["customdata"]] == ["pre-2025/tuyen-quang/huyen-lam-binh"]
    hover = " ".join(h for trace in markers for h in trace["hovertext"])
    assert "Số hồ sơ TTHC tiếp nhận" in hover and "Trích dẫn" in hover and "25.250" in hover, names


@pytest.mark.usefixtures("built_db")
def test_share_gives_the_link_to_this_view_and_an_embed_snippet_as_text():
    at = open_view(compare(theme="online_services", d="lam-binh,huong-khe", all="1"), DOSSIERS, "table")
    at.session_state[f"share_{DOSSIERS}"] = True  # the menu is written when it is opened
    at.run()
    codes = [c.value for c in at.code]
    link = next(c for c in codes if "chart=online_services.dossiers" in c and not c.startswith("<iframe"))
    assert "view=table" in link and "d=lam-binh,huong-khe" in link and link.startswith("http")
    assert any(c.startswith("<iframe") and "embed=true" in c for c in codes)


@pytest.mark.usefixtures("built_db")
def test_a_shared_link_reopens_the_chart_in_its_view():
    at = compare(theme="online_services", chart=DOSSIERS, view="table", all="1")
    assert at.button_group(key=f"view_{DOSSIERS}").value == "table"
    assert any("Mã kỳ" in d.value.columns for d in at.dataframe)


@pytest.mark.usefixtures("built_db")
def test_one_period_per_unit_says_there_is_no_trend_yet():
    at = open_view(compare(theme="online_services", d=SEEDS, all="1"), DOSSIERS, "trend")
    assert "chưa có xu hướng" in " ".join(i.value for i in at.info)


def test_the_trend_draws_each_period_with_its_source_and_says_the_chart_compares_the_latest(trend_app):
    at = compare(kind="commune", d="xa-lam-binh", theme="online_services", all="1")
    chart_id = next(g.key for g in at.get("button_group") if "online_payment" in g.key)[len("view_"):]
    at = open_view(at, chart_id, "trend")
    trend = next(f for f in figures(at) if f["layout"].get("meta", {}).get("chart_id", "").endswith("/trend"))
    line = next(trace for trace in trend["data"] if trace.get("customdata"))
    assert [c[1] for c in line["customdata"]] == ["2024", "2025-H1"]
    assert line["y"] == [61.2, 85.63]
    assert "Năm 2024" in line["text"][0] and "85,63%" in line["text"][1]
    assert "Kết quả chuyển đổi số xã Lâm Bình năm 2024" in line["hovertext"][0]
    assert "lambinh.tuyenquang.gov.vn/cds-2025-h1" in line["hovertext"][1]
    notes = " ".join(c.value for c in at.caption)
    assert "kỳ mới nhất" in notes and "6 tháng đầu năm 2025" in notes


def test_the_trend_draws_an_undated_figure_hollow_and_names_every_period_that_ends_on_a_tick(con):
    """Mộc Châu's rate as of 31/5/2025 and as of an undated page: the undated point is hollow (its place on the time
    axis is only a sort date); two periods that end on the same day share a tick and both are named on it."""
    from charts.trend import trend_chart
    from i18n.periods import format_period

    rows = queries.run(con, "observation_series", districts=["moc-chau"],
                       indicators=["online_service_rate_unspecified"])
    assert set(rows["period_kind"]) >= {"as_of_unknown"}
    spec = trend_chart(rows, "vi", {}, chart_id="t", title="t")
    line = spec.figure.data[0]
    kinds = list(rows["period_kind"])
    assert [s == "circle-open" for s in line.marker.symbol] == [k == "as_of_unknown" for k in kinds]
    # the same figure said for the quarter that ends on the same day as the dated reading: one tick, both named
    dated = rows[rows["period_kind"] != "as_of_unknown"].iloc[0]
    twin = dated.copy()
    twin["period_label"], twin["period_kind"], twin["observation_id"] = "2025-Q2", "quarter", "twin"
    twin["period_end"] = dated["period_end"] = pd.Timestamp("2025-06-30")
    both = pd.concat([rows[rows["period_kind"] == "as_of_unknown"], dated.to_frame().T, twin.to_frame().T])
    ticks = trend_chart(both, "vi", {}, chart_id="t", title="t").figure.layout.xaxis.ticktext
    shared = [text for text in ticks if format_period("2025-Q2", "vi") in text]
    assert len(shared) == 1 and format_period(dated["period_label"], "vi") in shared[0]
