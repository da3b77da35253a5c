"""Read a chart back the way the browser gets it: the figure JSON in an AppTest element's proto, with numeric
arrays packed as {"dtype", "bdata"} (base64)."""

from __future__ import annotations

import base64
import json

import numpy as np


def decode(value):
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        return array.reshape(value["shape"]) if "shape" in value and isinstance(value["shape"], list) else array
    return value


def figure_json(element) -> dict:
    return json.loads(element.proto.spec)


def bars(figure: dict) -> list[dict]:
    """Every bar drawn: its trace name, x, y, text (value + period) and hover card."""
    found = []
    for trace in figure["data"]:
        if trace.get("type") != "bar" or trace.get("showlegend"):
            continue
        ys = list(decode(trace.get("y", [])))
        xs = trace.get("x", [])
        if xs and isinstance(xs[0], list):  # multicategory: [[district…], [series mark…]]
            xs = list(zip(*xs))
        texts = trace.get("text", [])
        hovers = trace.get("hovertext", [])
        for n, y in enumerate(ys):
            found.append({"x": xs[n], "y": float(y), "text": texts[n], "hover": hovers[n]})
    return found


def all_text(figure: dict) -> str:
    return json.dumps(figure, ensure_ascii=False)
