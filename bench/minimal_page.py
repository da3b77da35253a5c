"""The floor for page timings: the least a page can do on the same database, one query and one bar chart.

It reads the same build the app reads (CDS_DB_PATH), draws the same number of districts the compare page draws by
default, one bar per district at its latest period as the compare page does, and has one selectbox of two real
indicator ids (both draw bars), so a rerun after a selection change is timed the same way."""

import os

import duckdb
import plotly.express as px
import streamlit as st

DEFAULT_DISTRICTS = 20
INDICATORS = ["dossiers_received", "dossiers_online"]


@st.cache_resource
def connection(path: str):
    return duckdb.connect(path, read_only=True)


con = connection(os.environ["CDS_DB_PATH"]).cursor()
indicator = st.selectbox("indicator", INDICATORS, key="indicator")
frame = con.execute(
    "SELECT district_name AS bar, arg_max(value, period_end) AS value FROM observations WHERE indicator_id = ? "
    "AND level = 'district' AND district_id IN (SELECT district_id FROM districts ORDER BY sort_order LIMIT ?) "
    "GROUP BY district_name",
    [indicator, DEFAULT_DISTRICTS]).df()
st.plotly_chart(px.bar(frame, x="bar", y="value"), width="stretch")
