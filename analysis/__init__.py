"""Judgements over query results (strengths and gaps), as plain functions. Never imports streamlit."""
