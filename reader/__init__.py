"""Report reader: proposes observations (indicator, value, period, level, quote) from the text of a report.

Plain Python, no Streamlit. The proposals are for a curator to confirm; nothing here writes to data/.

    from reader import propose, read_document
    text = read_document(Path("report.docx"))
    for candidate in propose(text, document_date="2023-09-07"):
        print(candidate.indicator, candidate.value, candidate.period, candidate.quote)
"""

from .addresses import date_from_address, month_from_address
from .catalogue import Catalogue, load_catalogue
from .documents import DocumentError, NoTextLayer, read_document
from .numbers import Figure, find_figures, parse_figure, parse_number
from .periods import document_date_from_text, find_periods, parse_period_text
from .propose import Candidate, propose
from .units import ReportUnit

__all__ = [
    "Candidate",
    "Catalogue",
    "DocumentError",
    "Figure",
    "NoTextLayer",
    "ReportUnit",
    "date_from_address",
    "document_date_from_text",
    "find_figures",
    "find_periods",
    "load_catalogue",
    "month_from_address",
    "parse_figure",
    "parse_number",
    "parse_period_text",
    "propose",
    "read_document",
]
