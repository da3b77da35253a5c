"""Text from data, an upload or a report as plotly shows it: literally.

Plotly reads a subset of HTML in titles, legends, tick labels, annotations, bar texts and hover cards (<a href>,
<b>, <br>, <span style>, <sup>, …) and decodes entities such as &lt;. Escaping & < > is enough for every such text
to appear as typed; quotes are left alone because plotly does not decode &quot;. Builders escape each piece of
outside text where it enters a figure and keep their own markup (<b>, <br>) around it.
"""

from __future__ import annotations

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def plotly_text(value: object) -> str:
    """The value as plain text inside a plotly figure: no tag, link or entity it contains takes effect."""
    return str(value).translate(_ESCAPES)
