"""Python's full garbage collection, kept off the long-lived objects of the server process.

Streamlit runs `gc.collect(2)` after every script run (`runner.postScriptGC`), and Python runs one now and then
while a script runs. Each walks every object the process holds: the imported libraries (plotly, pandas, Babel's
locale data, streamlit …) and the caches, about 140,000 objects after the imports alone — 150–300 ms on the
shared 2-core machine, during which no other thread runs (the GIL): the session's messages wait to be sent,
and a browser's first chart waited behind it (docs/performance.md, issue 17 fifth round). Once the first run of
the process has imported and cached what every later run reuses, those objects are moved out of the collector's
reach (`gc.freeze`, after a collection so that no garbage is kept): later collections walk only what the runs
since have made. Reference counting still frees every object as before; only a reference cycle among the frozen
objects would never be freed, and those are module-level objects that live as long as the process anyway."""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_frozen = False


def freeze_once() -> bool:
    """Collect, then freeze what the process holds, the first time this is called; True when it froze."""
    global _frozen
    with _lock:
        if _frozen:
            return False
        gc.collect()
        gc.freeze()
        _frozen = True
        return True
