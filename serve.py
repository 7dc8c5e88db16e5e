"""Start the academy's server: `python serve.py [streamlit run options]` runs app.py with Streamlit.

Before the server listens, the process is prepared once: shared caches warmed (content parsed, the
database migrated), Streamlit behaviours patched, and on the first script run the heap is frozen.

- Streamlit runs a full garbage collection after every script run while holding the GIL; its cost
  grows with everything imported or cached (research/PERFORMANCE.md §4.2–4.5). The project's
  `.streamlit/config.toml` turns it off, and freezing the objects that exist once the app is warm
  keeps them out of Python's own generational collections.
- Streamlit 1.67 leaves Nagle's algorithm on for its connections (its listening socket is made with
  proto 0, so asyncio skips TCP_NODELAY); small replies then wait for a delayed ACK (~40 ms).
- Every script run rebuilds the theme from the configuration six times; the theme is fixed for the
  life of the server, so it is built once.
- Streamlit polls each config.toml five times a second to reload it live; a service reads it once.
- A click inside a fragment (a knowledge check) asks the server to rerun that fragment only. A session
  that never drew the fragment — the first message after the browser reconnected to a restarted
  server or to another replica — silently drops such a request, and the click is lost. Here it
  becomes a full run instead, in which the page sees the click and records it.

`app.py` calls `tune_process` on each run (a no-op after the first), so `streamlit run app.py` works
too, only with the first visitor waiting for the warm-up and a health check saying "ok" before it.
"""

from __future__ import annotations

import base64
import functools
import gc
import importlib
import os
import socket
import sys
import threading
from asyncio import base_events
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from streamlit.runtime import app_session
from streamlit.runtime.app_session import AppSession
from streamlit.web import bootstrap, cli

APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "app.py")

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
_STOCK_REQUEST_RERUN = AppSession.request_rerun
_STOCK_POPULATE_THEME = app_session._populate_theme_msg
_STOCK_CONFIG_WATCHERS = bootstrap._install_config_watchers
_themes: dict[str, Any] = {}
_lock = threading.Lock()
_prepared = False
_frozen = False


@functools.cache
def page_icon() -> str:
    """The tab icon as a data URL, read once per process: local (no icon font from a CDN), and a data
    URL because Streamlit re-reads and re-registers a file path on every run. It lives here, not in
    app.py: app.py runs anew on every rerun, and an `st.cache_resource` function defined there is
    decorated again each time (its source read and hashed: about a third of the roster's run)."""
    png = (Path(APP).parent / "modules" / "assets" / "favicon.png").read_bytes()
    return "data:image/png;base64," + base64.b64encode(png).decode()


def untuned() -> bool:
    """ACADEMY_UNTUNED=1: no freeze and no socket fix, so the benchmark can measure the difference."""
    return os.environ.get("ACADEMY_UNTUNED") == "1"


def _set_nodelay(sock: socket.socket) -> None:
    """asyncio's helper without its `proto == IPPROTO_TCP` condition, which Streamlit's socket fails."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _request_rerun(self: AppSession, client_state: Any) -> None:
    """Streamlit's request_rerun, but a rerun of a fragment this session does not hold runs the page."""
    fragment_id = client_state.fragment_id if client_state is not None else ""
    if fragment_id and not self.has_fragment(fragment_id):
        whole = type(client_state)()
        whole.CopyFrom(client_state)
        whole.ClearField("fragment_id")
        client_state = whole
    _STOCK_REQUEST_RERUN(self, client_state)


def _populate_theme_msg(msg: Any, section: str = "theme") -> None:
    """Streamlit's, computed once per theme section: it scans every config option, six times per run,
    for a theme that cannot change while the server runs."""
    if section not in _themes:
        theme = type(msg)()
        _STOCK_POPULATE_THEME(theme, section)
        _themes[section] = theme
    msg.MergeFrom(_themes[section])


def _no_config_watchers(flag_options: dict[str, Any]) -> None:
    """Streamlit polls every config.toml it might read five times a second, from a thread pool, to
    reload it live: about 6 ms of CPU a second on an idle server. A service reads it once, at start."""


def prepare_process(warm: Iterable[Callable[[], Any]] = ()) -> bool:
    """Import and warm what every page needs and apply the patches, once; True on the first call."""
    global _prepared
    with _lock:
        if _prepared:
            return False
        for name in HEAVY_MODULES:
            importlib.import_module(name)
        for load in warm:
            load()
        AppSession.request_rerun = _request_rerun  # type: ignore[method-assign]
        if not untuned():
            base_events._set_nodelay = _set_nodelay  # type: ignore[attr-defined]
            app_session._populate_theme_msg = _populate_theme_msg
            bootstrap._install_config_watchers = _no_config_watchers
        _prepared = True
    return True


def tune_process(warm: Iterable[Callable[[], Any]] = ()) -> bool:
    """`prepare_process`, then freeze the heap once (from the first script run, when the server's own
    start-up objects exist too); True on the call that froze it."""
    global _frozen
    if _frozen:
        return False
    prepare_process(warm)
    with _lock:
        if _frozen:
            return False
        _frozen = True
        if untuned():
            return False
        gc.collect()
        gc.freeze()
    return True


def main(argv: list[str]) -> None:
    """Warm and patch this process, then hand over to `streamlit run app.py <argv>` (never returns)."""
    from datasets.library import warm_library
    from modules.catalog import curriculum
    from progress.db import sessions

    prepare_process(warm=(curriculum, warm_library, sessions))
    cli.main(["run", APP, *argv], prog_name="streamlit")


if __name__ == "__main__":
    # Run as the module `serve`, the one app.py imports, so the process is prepared only once.
    import serve

    serve.main(sys.argv[1:])
