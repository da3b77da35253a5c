"""Report reader: proposes observations (indicator, value, period, level, quote) from the text of a report.

Plain Python, no Streamlit. The proposals are for a curator to confirm; nothing here writes to data/.
"""
