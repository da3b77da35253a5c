"""Chart builders: plain functions, data frame in, plotly figure out. Never import streamlit.

One builder feeds the app, the PNG/SVG downloads, the slides and the PDF, so they all look the same.
"""
