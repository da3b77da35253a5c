"""The load row: N concurrent sessions of the compare page against one, on one app server.

Each session is a websocket client speaking Streamlit's own protocol (a BackMsg asking to run the page, then the
ForwardMsgs the server sends), not a browser: ten Chromiums on a 2-core machine would measure the browsers. The
time measured is from the session's request to the first plotly chart element the server sends (the moment a
browser could start drawing it); the server's peak memory is read at the end.

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
    """Open one session, ask for `page`, and return the seconds until its first plotly chart arrives."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                  open_timeout=timeout) as socket:
        request = BackMsg()
        request.rerun_script.query_string = ""
        request.rerun_script.page_name = page
        start = time.perf_counter()
        await socket.send(request.SerializeToString())
        deadline = start + timeout
        while time.perf_counter() < deadline:
            data = await asyncio.wait_for(socket.recv(), timeout=deadline - time.perf_counter())
            message = ForwardMsg()
            message.ParseFromString(data)
            if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element" \
                    and message.delta.new_element.WhichOneof("type") == "plotly_chart":
                return time.perf_counter() - start
            if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element" \
                    and message.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError(f"page {page!r} failed: {message.delta.new_element.exception.message}")
            # st.navigation first runs the app to learn its pages and reruns on the page asked for (status 2,
            # finished early for a rerun); a run that ends normally without a chart is a failure.
            if message.WhichOneof("type") == "script_finished" and message.script_finished == 0:
                raise RuntimeError(f"page {page!r} finished without a chart")
        raise TimeoutError(f"no chart from {page!r} within {timeout} s")


async def _concurrent(ws_url: str, sessions: int) -> list[float]:
    return list(await asyncio.gather(*(first_chart_seconds(ws_url) for _ in range(sessions))))


def measure(data_dir: Path, db_path: Path, sessions: int = 10) -> dict:
    """Median first chart of one session (after a warm-up), then of `sessions` at once; server peak memory."""
    from bench.browser_times import peak_memory_mb, serve

    env = dict(os.environ, CDS_DATA_DIR=str(data_dir), CDS_DB_PATH=str(db_path))
    env.pop("CDS_EDITOR_SECRET", None)
    with serve("app.py", env) as (url, pid):
        ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        asyncio.run(first_chart_seconds(ws_url))  # warm-up: the server's first session builds the caches
        single = statistics.median(asyncio.run(first_chart_seconds(ws_url)) for _ in range(SINGLE_REPEATS))
        together = asyncio.run(_concurrent(ws_url, sessions))
        peak = peak_memory_mb(pid)
    return {"load_sessions": sessions, "load_single_s": single, "load_median_s": statistics.median(together),
            "load_max_s": max(together), "load_ratio": statistics.median(together) / single, "load_peak_mb": peak}


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
