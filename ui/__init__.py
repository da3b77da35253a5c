"""Streamlit-side helpers shared by the pages: database access, URL state, layout. Only pages import this."""
