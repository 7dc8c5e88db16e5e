"""The framework's floor: one line of output, so the table can say what Streamlit alone costs per run.

The stock floor runs with `runner.postScriptGC=true` (Streamlit's default, bench/run.py sets it). With
BENCH_FLOOR_TUNED=1 the process gets the app's process-level tuning (research/PERFORMANCE.md §4.3): no
post-run GC (the project's .streamlit/config.toml), `gc.collect(); gc.freeze()` once, and TCP_NODELAY on
accepted sockets. That floor separates what the page costs from what the GC and Nagle's algorithm cost.
"""

from __future__ import annotations

import gc
import os
import socket
from asyncio import base_events

import streamlit as st


def _set_nodelay(sock: socket.socket) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


@st.cache_resource
def _tune_once() -> bool:
    base_events._set_nodelay = _set_nodelay  # type: ignore[attr-defined]
    gc.collect()
    gc.freeze()
    return True


if os.environ.get("BENCH_FLOOR_TUNED") == "1":
    _tune_once()

st.write("Floor: one line.")
