"""Process tuning: the heap is frozen once and accepted sockets get TCP_NODELAY."""

from __future__ import annotations

import gc
import socket
from asyncio import base_events

from progress import runtime


def test_tune_process_runs_once_and_freezes_the_heap(monkeypatch):
    monkeypatch.setattr(runtime, "_done", False)
    monkeypatch.setattr(base_events, "_set_nodelay", runtime._STOCK_SET_NODELAY)
    calls = []
    assert runtime.tune_process(warm=[lambda: calls.append(1)]) is True
    assert runtime.tune_process(warm=[lambda: calls.append(2)]) is False
    assert calls == [1]
    assert gc.get_freeze_count() > 0
    gc.unfreeze()


def test_nodelay_is_set_on_a_socket_made_like_streamlits(monkeypatch):
    monkeypatch.setattr(runtime, "_done", False)
    monkeypatch.setattr(base_events, "_set_nodelay", runtime._STOCK_SET_NODELAY)
    with socket.socket(family=socket.AF_INET) as server:  # proto 0, as Streamlit 1.67 binds it
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname()) as client:
            accepted, _ = server.accept()
            with accepted:
                base_events._set_nodelay(accepted)
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0  # asyncio skips it
                runtime.tune_process()
                base_events._set_nodelay(accepted)
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
            del client
    gc.unfreeze()
