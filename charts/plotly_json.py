"""A plotly Figure whose JSON is written by its builder and whose object tree is built only if someone asks.

Building a `go.Figure` — even unvalidated (`_validate=False`) — copies and wraps every trace and layout property in
plotly's object model, which was most of the time of building a compare chart; and Streamlit then turns the
objects back into a dict (`figure.to_dict()`, a deep copy) before it serialises it. A `JsonFigure` holds the
finished dict: `to_dict()` / `to_plotly_json()` return it with plotly's default template added, exactly what
plotly's own figure would give (tests/test_compare_charts.py pins it on every chart of the real data), and any
other use (`.data`, `.layout`, `update_layout`, `write_image`, …) first builds the ordinary figure from the same
dict, so code that treats it as a plotly figure keeps working. Copies and pickles are ordinary `go.Figure`s.
"""

from __future__ import annotations

from functools import lru_cache

import plotly.graph_objects as go

_OWN = frozenset({"_json_spec", "_json_built", "_json_build", "to_dict", "to_plotly_json", "__reduce__",
                  "__reduce_ex__", "__class__", "__dict__", "__init__"})


@lru_cache(maxsize=1)
def _default_template() -> dict:
    # What a figure built by plotly carries as layout.template when none is given (pio.templates.default).
    return go.Figure().to_dict()["layout"]["template"]


class JsonFigure(go.Figure):
    def __init__(self, spec: dict):  # noqa: D107 - deliberately not calling go.Figure.__init__ until needed
        object.__setattr__(self, "_json_spec", spec)
        object.__setattr__(self, "_json_built", False)

    def _json_build(self) -> None:
        object.__setattr__(self, "_json_built", True)
        go.Figure.__init__(self, object.__getattribute__(self, "_json_spec"), _validate=False)

    def __getattribute__(self, name):
        if name not in _OWN and not object.__getattribute__(self, "_json_built"):
            object.__getattribute__(self, "_json_build")()
        return object.__getattribute__(self, name)

    def to_dict(self) -> dict:
        if object.__getattribute__(self, "_json_built"):
            return go.Figure.to_dict(self)
        spec = object.__getattribute__(self, "_json_spec")
        layout = dict(spec["layout"])
        layout.setdefault("template", _default_template())
        # A fresh outer dict and lists: the spec is shared (cached per view) and never handed out to be changed.
        return {"data": [dict(trace) for trace in spec["data"]], "layout": layout}

    def to_plotly_json(self) -> dict:
        return self.to_dict()

    def __reduce__(self):
        return (go.Figure, (self.to_dict(),))

    def __reduce_ex__(self, protocol):
        return self.__reduce__()


def trace_values(figure: go.Figure, name: str) -> list:
    """Each trace's `name` property (None where unset) without building a JsonFigure's object tree: a page reads
    the observation ids of every chart it shows (customdata), which must not cost the tree the JSON route saves."""
    if isinstance(figure, JsonFigure) and not object.__getattribute__(figure, "_json_built"):
        return [trace.get(name) for trace in object.__getattribute__(figure, "_json_spec")["data"]]
    return [trace[name] if name in trace else None for trace in figure.data]
