"""Server process preparation: warmed once, heap frozen once, TCP_NODELAY, fragment clicks kept."""

from __future__ import annotations

import gc
import socket
import subprocess
import sys
from asyncio import base_events
from pathlib import Path

import pytest
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.NewSession_pb2 import CustomThemeConfig
from streamlit.runtime import app_session
from streamlit.runtime.app_session import AppSession
from streamlit.web import bootstrap

import serve

ROOT = Path(__file__).parents[1]


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve, "_prepared", False)
    monkeypatch.setattr(serve, "_frozen", False)
    monkeypatch.setattr(base_events, "_set_nodelay", serve._STOCK_SET_NODELAY)
    monkeypatch.setattr(AppSession, "request_rerun", serve._STOCK_REQUEST_RERUN)
    monkeypatch.setattr(app_session, "_populate_theme_msg", serve._STOCK_POPULATE_THEME)
    monkeypatch.setattr(bootstrap, "_install_config_watchers", serve._STOCK_CONFIG_WATCHERS)
    monkeypatch.delenv("ACADEMY_UNTUNED", raising=False)
    yield
    gc.unfreeze()


def test_the_process_is_warmed_once_and_the_heap_frozen_once(fresh):
    calls: list[int] = []
    assert serve.prepare_process(warm=[lambda: calls.append(1)]) is True
    assert serve.tune_process(warm=[lambda: calls.append(2)]) is True  # freezes; already warm
    assert serve.tune_process(warm=[lambda: calls.append(3)]) is False
    assert calls == [1]
    assert gc.get_freeze_count() > 0


def test_untuned_skips_the_freeze_and_the_socket_fix(fresh, monkeypatch):
    monkeypatch.setenv("ACADEMY_UNTUNED", "1")
    gc.unfreeze()
    serve.tune_process()
    assert gc.get_freeze_count() == 0
    assert base_events._set_nodelay is serve._STOCK_SET_NODELAY
    assert bootstrap._install_config_watchers is serve._STOCK_CONFIG_WATCHERS


def test_the_config_files_are_read_once_not_polled(fresh, monkeypatch):
    watched: list[str] = []
    monkeypatch.setattr(bootstrap, "watch_file", lambda path, *args, **kwargs: watched.append(path))
    bootstrap._install_config_watchers({})
    assert any(path.endswith("config.toml") for path in watched)  # what Streamlit does out of the box
    watched.clear()
    serve.prepare_process()
    bootstrap._install_config_watchers({})
    assert watched == []


def test_nodelay_is_set_on_a_socket_made_like_streamlits(fresh):
    with socket.socket(family=socket.AF_INET) as server:  # proto 0, as Streamlit 1.67 binds it
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname()) as client:
            accepted, _ = server.accept()
            with accepted:
                base_events._set_nodelay(accepted)
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0  # asyncio skips it
                serve.prepare_process()
                base_events._set_nodelay(accepted)
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
            del client


def test_the_theme_is_built_once_and_as_streamlit_builds_it(fresh, monkeypatch):
    monkeypatch.setattr(app_session, "_populate_theme_msg", serve._STOCK_POPULATE_THEME)
    monkeypatch.setattr(serve, "_themes", {})
    stock = CustomThemeConfig()
    serve._STOCK_POPULATE_THEME(stock, "theme")
    assert stock.primary_color == "#1d5fa8"  # the project's .streamlit/config.toml
    serve.prepare_process()
    scans: list[str] = []
    real = app_session.config.get_options_for_section
    monkeypatch.setattr(app_session.config, "get_options_for_section", lambda s: scans.append(s) or real(s))
    built = [CustomThemeConfig() for _ in range(3)]
    for msg in built:
        app_session._populate_theme_msg(msg, "theme")
    assert all(msg == stock for msg in built)
    assert scans == ["theme"]


class FakeSession:
    """Just what request_rerun asks of a session: which fragments it holds."""

    def __init__(self, fragments: set[str]) -> None:
        self.fragments = fragments
        self.requested: list[ClientState | None] = []

    def has_fragment(self, fragment_id: str) -> bool:
        return fragment_id in self.fragments


@pytest.mark.parametrize(
    ("held", "sent", "expected"),
    [
        (set(), "check-frag", ""),  # a new session (reconnect, restart): the click runs the whole page
        ({"check-frag"}, "check-frag", "check-frag"),  # the usual case: only the fragment reruns
        ({"check-frag"}, "", ""),  # a full run stays a full run
    ],
)
def test_a_click_in_a_fragment_the_session_never_drew_runs_the_page(fresh, monkeypatch, held, sent, expected):
    session = FakeSession(held)
    monkeypatch.setattr(serve, "_STOCK_REQUEST_RERUN", lambda self, cs: self.requested.append(cs))
    state = ClientState(query_string="lesson=m1/results-chain", fragment_id=sent)
    state.widget_states.widgets.add(id="submit", trigger_value=True)
    serve._request_rerun(session, state)  # type: ignore[arg-type]
    (passed,) = session.requested
    assert passed is not None and passed.fragment_id == expected
    assert passed.query_string == state.query_string and passed.widget_states == state.widget_states
    serve._request_rerun(session, None)  # type: ignore[arg-type]
    assert session.requested[-1] is None


def test_serve_starts_streamlit_on_app_py(tmp_path):
    """`python serve.py --help`-style check without a server: the launcher reaches Streamlit's CLI."""
    result = subprocess.run(
        [sys.executable, "serve.py", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "Run a Python script" in result.stdout
    assert (tmp_path / "serve.sqlite3").exists()  # prepared (migrated) before Streamlit took over


def test_tests_enforce_picklable_session_state_that_the_service_skips(tmp_path):
    """The config turns the per-write pickle check off for speed; under test every page still gets it."""
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    assert "enforceSerializableSessionState = false" in (ROOT / ".streamlit" / "config.toml").read_text()
    assert config.get_option("runner.enforceSerializableSessionState") is True  # tests/conftest.py
    script = "import streamlit as st\nst.session_state['bad'] = lambda: 1\n"  # a lambda does not pickle
    assert AppTest.from_string(script).run().exception
    config.set_option("runner.enforceSerializableSessionState", False)  # as the service runs it
    try:
        assert not AppTest.from_string(script).run().exception
    finally:
        config.set_option("runner.enforceSerializableSessionState", True)
