"""Once per server process: warm the shared caches, then take the start-up heap out of the GC.

Streamlit runs a full garbage collection after every script run while holding the GIL; its cost
grows with everything imported or cached (research/PERFORMANCE.md §4.2–4.5). Freezing the objects
that exist once the app is warm makes each of those collections scan only what a run created.
Streamlit 1.67 also leaves Nagle's algorithm on for its connections (its listening socket is made
with proto 0, so asyncio skips TCP_NODELAY); small replies then wait for a delayed ACK (~40 ms).
"""

from __future__ import annotations

import gc
import importlib
import os
import socket
import threading
from asyncio import base_events
from collections.abc import Callable, Iterable
from typing import Any

# Imported before the freeze because pages use them (st.dataframe converts through pandas and pyarrow).
HEAVY_MODULES = (
    "pandas",
    "pyarrow",
    "modules.answers",
    "modules.grading",
    "progress.record",
    "progress.reports",
)
_STOCK_SET_NODELAY = base_events._set_nodelay  # type: ignore[attr-defined]
_lock = threading.Lock()
_done = False


def _set_nodelay(sock: socket.socket) -> None:
    """asyncio's helper without its `proto == IPPROTO_TCP` condition, which Streamlit's socket fails."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def tune_process(warm: Iterable[Callable[[], Any]] = ()) -> bool:
    """Run the warm-up callables, freeze the heap and turn Nagle off, once; True on the first call.

    ACADEMY_UNTUNED=1 skips the freeze and the socket fix, so the benchmark can measure the difference.
    """
    global _done
    if _done:
        return False
    if os.environ.get("ACADEMY_UNTUNED") == "1":
        for load in warm:
            load()
        _done = True
        return False
    with _lock:
        if _done:
            return False
        for name in HEAVY_MODULES:
            importlib.import_module(name)
        for load in warm:
            load()
        base_events._set_nodelay = _set_nodelay  # type: ignore[attr-defined]
        gc.collect()
        gc.freeze()
        _done = True
    return True
