"""The load row: N concurrent sessions of the compare page against one, on one app server.

Each session is a websocket client speaking Streamlit's own protocol (a BackMsg asking to run the page, then the
ForwardMsgs the server sends), not a browser: ten Chromiums on a 2-core machine would measure the browsers. The
time measured is from the session's request to the first plotly chart element the server sends (the moment a
browser could start drawing it); the server's peak memory is read at the end. Where a page sends its charts after
the first only once the browser says it has drawn one (ui/first_chart.py), the session says so as soon as the
page's run ends, as a browser's script would, and reads on until that fragment's run ends too: each session costs
the server all the work a browser's session costs.

    python -m bench.load DATA_DIR DB_PATH [--sessions 10]   → one JSON line
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SINGLE_REPEATS = 3
PAGE = "compare"


async def first_chart_seconds(ws_url: str, page: str = PAGE, timeout: float = 300) -> float:
    """Open one session, ask for `page`, and return the seconds until its first plotly chart arrives. The session
    reads on until the run ends, as a browser does: a client that stops reading leaves the server writing into a
    full socket and its close waiting behind that (measured: ten seconds for five sessions)."""
    return (await session(ws_url, page, timeout))[0]


async def session(ws_url: str, page: str = PAGE, timeout: float = 300) -> tuple[float, int]:
    """One session as first_chart_seconds describes it: the seconds to its first chart and how many charts the
    server sent it in all."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from ui.first_chart import COMPONENT

    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                  open_timeout=timeout) as socket:
        request = BackMsg()
        request.rerun_script.query_string = ""
        request.rerun_script.page_name = page
        start = time.perf_counter()
        await socket.send(request.SerializeToString())
        deadline = start + timeout
        first = None
        charts = 0
        page_hash = ""
        waiting = None  # the signal of a page that sends the rest of its charts once one is drawn
        while time.perf_counter() < deadline:
            data = await asyncio.wait_for(socket.recv(), timeout=deadline - time.perf_counter())
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            if kind == "new_session":
                page_hash = message.new_session.page_script_hash
            element = message.delta.new_element.WhichOneof("type") \
                if kind == "delta" and message.delta.WhichOneof("type") == "new_element" else None
            if element == "plotly_chart":
                charts += 1
                first = time.perf_counter() - start if first is None else first
            if element == "exception":
                raise RuntimeError(f"page {page!r} failed: {message.delta.new_element.exception.message}")
            if element == "bidi_component" and message.delta.new_element.bidi_component.component_name == COMPONENT:
                waiting = (message.delta.new_element.bidi_component.id, message.delta.fragment_id)
            # st.navigation first runs the app to learn its pages and reruns on the page asked for (status 2,
            # finished early for a rerun); the run that ends normally ends the session's reading, unless the page
            # waits to hear that a chart is drawn: then the session says so and reads that fragment's run too.
            if kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                return first, charts
            if kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                if first is None:
                    raise RuntimeError(f"page {page!r} finished without a chart")
                if waiting is None:
                    return first, charts
                drawn = BackMsg()
                drawn.rerun_script.page_script_hash = page_hash
                drawn.rerun_script.fragment_id = waiting[1]
                state = drawn.rerun_script.widget_states.widgets.add()
                state.id = waiting[0]
                state.json_value = json.dumps({"drawn": True})
                waiting = None
                await socket.send(drawn.SerializeToString())
        raise TimeoutError(f"no complete run of {page!r} within {timeout} s")


async def _concurrent(ws_url: str, sessions: int, page: str) -> list[float]:
    return list(await asyncio.gather(*(first_chart_seconds(ws_url, page) for _ in range(sessions))))


def _load(script: str, page: str, env: dict, sessions: int) -> tuple[float, list[float], float]:
    from bench.browser_times import peak_memory_mb, serve

    with serve(script, env) as (url, pid):
        ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        asyncio.run(first_chart_seconds(ws_url, page))  # warm-up: the server's first session builds the caches
        single = statistics.median(asyncio.run(first_chart_seconds(ws_url, page)) for _ in range(SINGLE_REPEATS))
        together = asyncio.run(_concurrent(ws_url, sessions, page))
        return single, together, peak_memory_mb(pid)


def measure(data_dir: Path, db_path: Path, sessions: int = 10) -> dict:
    """Median first chart of one session (after a warm-up), then of `sessions` at once, with the server's peak
    memory; the same for the minimal page (bench/minimal_page.py), the floor of what Streamlit itself does with
    ten sessions in one process."""
    env = dict(os.environ, CDS_DATA_DIR=str(data_dir), CDS_DB_PATH=str(db_path))
    env.pop("CDS_EDITOR_SECRET", None)
    single, together, peak = _load("app.py", PAGE, env, sessions)
    floor_single, floor_together, _ = _load("bench/minimal_page.py", "", env, sessions)
    return {"load_sessions": sessions, "load_single_s": single, "load_median_s": statistics.median(together),
            "load_max_s": max(together), "load_ratio": statistics.median(together) / single, "load_peak_mb": peak,
            "load_minimal_single_s": floor_single, "load_minimal_median_s": statistics.median(floor_together),
            "load_minimal_ratio": statistics.median(floor_together) / floor_single}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("db_path", type=Path)
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.data_dir, args.db_path, args.sessions)), flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main(sys.argv[1:])
