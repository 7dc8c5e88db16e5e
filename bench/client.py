"""A browser-like Streamlit client over the websocket protocol, for load tests on loopback only.

One `Session` is one browser tab: it GETs /_stcore/health and /_stcore/host-config, opens
/_stcore/stream with the `streamlit` subprotocol, sends BackMsg{rerun_script: ClientState} and reads one
ForwardMsg per frame until `script_finished`. It keeps the browser's message cache (hashes of cacheable
`new_element` deltas go back in `cached_message_hashes`; the server then sends `ref_hash` stubs), the
current query string, the page hashes from the `navigation` message and the widgets of the last run, so
it can submit a form the way the frontend does: the form's widget values plus the submit button's
trigger. Protocol facts: research/PERFORMANCE.md §2 and the installed streamlit 1.67 source.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

# ---- hard bounds ---------------------------------------------------------------------------------

MAX_SESSIONS = 500
MAX_RERUNS = 1000
DEFAULT_RUN_TIMEOUT = 30.0
MAX_RUN_TIMEOUT = 120.0
DEFAULT_DEADLINE = 300.0
MAX_DEADLINE = 1800.0
FINISHED_EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
FINISHED_SUCCESSFULLY = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
FINISHED_FRAGMENT = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
SUBPROTOCOLS = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]
# Messages the app shows when a check was submitted but nothing was recorded (English UI).
REJECTED_ANSWER = ("Give an answer first", "used all your attempts", "That is not a number")


class BoundsError(ValueError):
    """A load setting outside the benchmark's hard bounds; the message says which and why."""


def require_loopback(host: str) -> str:
    """Return `host` if it is a loopback address or `localhost` resolving only to loopback; else raise.

    Other names are refused without a DNS lookup, so a typo never sends a query off the machine.
    """
    bare = host.strip("[]")
    try:
        address = ipaddress.ip_address(bare)
    except ValueError:
        address = None
    if address is not None:
        if address.is_loopback:
            return bare
        raise BoundsError(
            f"refusing target host {host!r}: not a loopback address (127.0.0.0/8 or ::1); "
            "the benchmark only loads a server on this machine"
        )
    if host != "localhost":
        raise BoundsError(
            f"refusing target host {host!r}: only a literal loopback address (127.0.0.1, ::1) or "
            "'localhost' is accepted; the benchmark only loads a server on this machine"
        )
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)}
    outside = sorted(a for a in addresses if not ipaddress.ip_address(a.split("%")[0]).is_loopback)
    if not addresses or outside:
        raise BoundsError(f"refusing target host {host!r}: it resolves to non-loopback {outside}")
    return host


def check_bounds(
    sessions: int,
    reruns: int,
    run_timeout: float = DEFAULT_RUN_TIMEOUT,
    deadline: float = DEFAULT_DEADLINE,
) -> None:
    """Raise BoundsError unless sessions, reruns per session and the timeouts are within the caps."""
    if not 1 <= sessions <= MAX_SESSIONS:
        raise BoundsError(f"sessions must be between 1 and {MAX_SESSIONS}, got {sessions}")
    if not 0 <= reruns <= MAX_RERUNS:
        raise BoundsError(f"reruns per session must be between 0 and {MAX_RERUNS}, got {reruns}")
    if not 0 < run_timeout <= MAX_RUN_TIMEOUT:
        raise BoundsError(f"the per-run timeout must be in (0, {MAX_RUN_TIMEOUT:g}] s, got {run_timeout:g}")
    if not 0 < deadline <= MAX_DEADLINE:
        raise BoundsError(f"the deadline must be in (0, {MAX_DEADLINE:g}] s, got {deadline:g}")


# ---- results -------------------------------------------------------------------------------------


@dataclass
class RunResult:
    """One script run as the client saw it: from sending rerun_script to receiving script_finished."""

    session: int
    kind: str  # "first" (the tab's first run), "nav" (page link), "answer" (form submit), "plain"
    page: str
    started: float  # time.perf_counter() when the BackMsg was sent
    step: int = 0  # the run's place in its session: 0 is the first run (a burst's wave number)
    latency: float | None = None  # seconds; None when the run did not finish
    status: int | None = None  # script_finished value
    error: str | None = None  # "exception", "timeout", "closed", "status-N", "page-not-found", ...
    detail: str = ""
    bytes_in: int = 0  # decompressed payload bytes of the ForwardMsgs of this run
    bytes_out: int = 0
    messages: int = 0
    ref_hits: int = 0  # ref_hash stubs the server sent instead of cached elements
    answer: str | None = None  # the choice submitted, for "answer" runs
    warnings: int = 0  # exception elements marked is_warning (deprecations and the like)
    sent: bool = False  # the BackMsg went out (a run that failed before sending never reached the server)
    fragment: bool = False  # the run redrew one fragment (st.fragment) only, not the page

    @property
    def ok(self) -> bool:
        return self.error is None and self.latency is not None

    @property
    def finished(self) -> float | None:
        return None if self.latency is None else self.started + self.latency


@dataclass
class Widget:
    """A widget of the last run: enough to address it in WidgetStates."""

    id: str
    kind: str
    form_id: str = ""
    is_form_submitter: bool = False
    options: tuple[str, ...] = ()
    fragment_id: str = ""  # set when the widget is drawn inside an st.fragment


@dataclass
class _Cached:
    msg: ForwardMsg
    last_run: int


@dataclass
class SessionStats:
    """Per-tab counters outside single runs."""

    connect_s: float | None = None
    http_s: float | None = None
    cache_misses: int = 0


# ---- the session ----------------------------------------------------------------------------------


async def http_get(host: str, port: int, path: str, timeout: float) -> tuple[int, bytes]:
    """A minimal HTTP/1.1 GET over loopback; returns (status, body). No new dependency."""
    require_loopback(host)
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        netloc = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {netloc}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    head, _, body = data.partition(b"\r\n\r\n")
    parts = head.split(b" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise ConnectionError(f"bad HTTP response to GET {path}: {head[:80]!r}")
    return int(parts[1]), body


class Session:
    """One browser tab on a Streamlit server at host:port (loopback only)."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        index: int = 0,
        run_timeout: float = DEFAULT_RUN_TIMEOUT,
        use_cache: bool = True,
    ) -> None:
        self.host = require_loopback(host)
        self.port = port
        self.index = index
        self.run_timeout = run_timeout
        self.use_cache = use_cache
        self.ws: ClientConnection | None = None
        self.closed = False
        self.stats = SessionStats()
        self.query_string = ""
        self.page = ""  # url path of the current page ("" = the default page)
        self.page_hashes: dict[str, str] = {}  # url path -> page_script_hash, from `navigation`
        self.widgets: dict[str, Widget] = {}  # the widgets of the last finished run
        self.widget_values: dict[str, WidgetState] = {}  # what the frontend keeps between runs on a page
        self.alerts: list[str] = []  # alert bodies of the last run
        self.max_cached_age = 2
        self._cache: dict[str, _Cached] = {}
        self._runs = 0

    @property
    def netloc(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    async def open(self) -> None:
        """The browser's start: health and host-config in parallel, then the websocket."""
        t0 = time.perf_counter()
        health, host_config = await asyncio.gather(
            http_get(self.host, self.port, "/_stcore/health", self.run_timeout),
            http_get(self.host, self.port, "/_stcore/host-config", self.run_timeout),
        )
        if health[0] != 200 or host_config[0] != 200:
            raise ConnectionError(f"server not ready: health {health[0]}, host-config {host_config[0]}")
        t1 = time.perf_counter()
        self.ws = await connect(
            f"ws://{self.netloc}/_stcore/stream",
            subprotocols=SUBPROTOCOLS,  # type: ignore[arg-type]
            open_timeout=self.run_timeout,
            ping_interval=None,  # the browser does not ping; the server pings every 30 s
            max_size=64 * 1024 * 1024,
            close_timeout=2,
        )
        self.stats.http_s = t1 - t0
        self.stats.connect_s = time.perf_counter() - t1

    async def close(self) -> None:
        if self.ws is not None and not self.closed:
            self.closed = True
            with contextlib.suppress(Exception):
                await self.ws.close()

    # -- actions --

    async def open_page(self, page: str, query: str, *, kind: str = "nav") -> RunResult:
        """Go to a page (url path such as "lesson") with a query string, as a page link or the address bar.

        The first run of a tab names the page by its url path (`page_name`), like a browser opening the
        address; later runs use the page's `page_script_hash` from the navigation message, like
        `st.page_link`.
        """
        self.widget_values = {}
        self.widgets = {}
        state = ClientState(query_string=query)
        if page in self.page_hashes:
            state.page_script_hash = self.page_hashes[page]
        else:
            state.page_name = page
        self.page = page
        self.query_string = query
        return await self._run(state, kind=kind)

    async def rerun(self) -> RunResult:
        """A plain rerun of the current page with the widget values the browser holds."""
        return await self._run(self._state(), kind="plain")

    def find_widget(self, user_key: str) -> Widget | None:
        """The widget of the last run whose id carries the user key (ids end with '-<key>')."""
        for w in self.widgets.values():
            if w.id.endswith(f"-{user_key}"):
                return w
        return None

    def form_submitter(self, form_id: str) -> Widget | None:
        for w in self.widgets.values():
            if w.is_form_submitter and w.form_id == form_id:
                return w
        return None

    async def submit_radio_form(self, radio_key: str, form_id: str, choice: str) -> RunResult | None:
        """Pick `choice` in the radio keyed `radio_key` and press the submit button of `form_id`.

        As the frontend's submitForm: the form's values join the tab's widget states, the submit button
        gets trigger_value=True for this one message only, and a form inside a fragment asks for a rerun
        of that fragment. None if the form is not on the page.
        """
        radio, button = self.find_widget(radio_key), self.form_submitter(form_id)
        if radio is None or button is None:
            return None
        if radio.options and choice not in radio.options:
            raise ValueError(f"{choice!r} is not an option of {radio_key}: {radio.options}")
        self.widget_values[radio.id] = WidgetState(id=radio.id, string_value=choice)
        state = self._state()
        state.widget_states.widgets.append(WidgetState(id=button.id, trigger_value=True))
        state.fragment_id = button.fragment_id
        result = await self._run(state, kind="answer")
        result.answer = choice
        if result.ok and any(text in body for body in self.alerts for text in REJECTED_ANSWER):
            result.error = "answer-rejected"
            result.detail = next(b for b in self.alerts if any(t in b for t in REJECTED_ANSWER))[:200]
        return result

    # -- protocol --

    def _state(self) -> ClientState:
        state = ClientState(query_string=self.query_string)
        if self.page in self.page_hashes:
            state.page_script_hash = self.page_hashes[self.page]
        else:
            state.page_name = self.page
        state.widget_states.widgets.extend(self.widget_values.values())
        return state

    async def _run(self, state: ClientState, *, kind: str) -> RunResult:
        if self.use_cache:
            state.cached_message_hashes.extend(self._cache)
        state.context_info.timezone = "UTC"
        state.context_info.timezone_offset = 0
        state.context_info.locale = "en-US"
        state.context_info.url = f"http://{self.netloc}/{self.page}?{state.query_string}"
        msg = BackMsg()
        msg.rerun_script.CopyFrom(state)
        data = msg.SerializeToString()
        result = RunResult(self.index, kind, self.page, time.perf_counter(), self._runs, bytes_out=len(data))
        if self.ws is None or self.closed:
            result.error, result.detail = "closed", "the websocket is not open"
            return result
        self._runs += 1
        widgets: dict[str, Widget] = {}
        alerts: list[str] = []
        try:
            await self.ws.send(data)
            result.sent = True
            end = result.started + self.run_timeout
            while True:
                frame = await asyncio.wait_for(self.ws.recv(), max(0.0, end - time.perf_counter()))
                if isinstance(frame, str):
                    raise ConnectionError("the server sent a text frame")
                result.bytes_in += len(frame)
                result.messages += 1
                fm = ForwardMsg()
                fm.ParseFromString(frame)
                kind_of = fm.WhichOneof("type")
                if kind_of == "script_finished":
                    if fm.script_finished == FINISHED_EARLY_FOR_RERUN:
                        continue  # st.rerun() in the app: the browser waits for the follow-up run
                    result.latency = time.perf_counter() - result.started
                    result.status = fm.script_finished
                    result.fragment = fm.script_finished == FINISHED_FRAGMENT
                    if (
                        fm.script_finished not in (FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT)
                        and result.error is None
                    ):
                        result.error = f"status-{fm.script_finished}"
                    break
                self._handle(fm, result, widgets, alerts)
        except TimeoutError:
            result.error, result.detail = "timeout", f"no script_finished within {self.run_timeout:g} s"
        except ConnectionClosed as err:
            result.error, result.detail = "closed", str(err)[:200]
            self.closed = True
        except (OSError, ConnectionError) as err:
            result.error, result.detail = "closed", repr(err)[:200]
            self.closed = True
        if result.latency is not None:
            if result.fragment:  # the rest of the page stays as it was, as in the browser
                kept = {k: w for k, w in self.widgets.items() if w.fragment_id != state.fragment_id}
                widgets = {**kept, **widgets}
            self.widgets = widgets
            self.alerts = alerts
            self._age_cache()
        return result

    def _handle(
        self, fm: ForwardMsg, result: RunResult, widgets: dict[str, Widget], alerts: list[str]
    ) -> None:
        kind = fm.WhichOneof("type")
        if kind == "ref_hash":
            result.ref_hits += 1
            cached = self._cache.get(fm.ref_hash)
            if cached is None:
                self.stats.cache_misses += 1
                if result.error is None:
                    result.error, result.detail = "cache-miss", fm.ref_hash
                return
            cached.last_run = self._runs
            fm = cached.msg
            kind = "delta"
        elif self.use_cache and fm.metadata.cacheable and fm.hash:
            self._cache[fm.hash] = _Cached(fm, self._runs)
        if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            self._element(fm.delta.new_element, fm.delta.fragment_id, result, widgets, alerts)
        elif kind == "new_session":
            age = fm.new_session.config.max_cached_message_age
            self.max_cached_age = age if age > 0 else self.max_cached_age
        elif kind == "navigation":
            for p in fm.navigation.app_pages:
                self.page_hashes[p.url_pathname] = p.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = fm.page_info_changed.query_string
        elif kind == "page_not_found" and result.error is None:
            result.error, result.detail = "page-not-found", fm.page_not_found.page_name
        elif (
            kind == "session_event"
            and fm.session_event.HasField("script_compilation_exception")
            and result.error is None
        ):
            exc = fm.session_event.script_compilation_exception
            result.error, result.detail = "compile-error", f"{exc.type}: {exc.message}"[:300]

    @staticmethod
    def _element(
        el: Any, fragment_id: str, result: RunResult, widgets: dict[str, Widget], alerts: list[str]
    ) -> None:
        kind = el.WhichOneof("type")
        if kind == "exception":
            if el.exception.is_warning:
                result.warnings += 1
            elif result.error is None:
                result.error = "exception"
                result.detail = f"{el.exception.type}: {el.exception.message}"[:300]
            return
        if kind == "alert":
            alerts.append(el.alert.body)
            return
        if kind is None:
            return
        sub = getattr(el, kind)
        fields = sub.DESCRIPTOR.fields_by_name
        if "id" in fields and sub.id:
            widgets[sub.id] = Widget(
                id=sub.id,
                kind=kind,
                form_id=sub.form_id if "form_id" in fields else "",
                is_form_submitter=bool(getattr(sub, "is_form_submitter", False)),
                options=tuple(sub.options) if kind == "radio" else (),
                fragment_id=fragment_id,
            )

    def _age_cache(self) -> None:
        """As the frontend: drop cached messages not used in the last `max_cached_message_age` runs."""
        stale = [h for h, c in self._cache.items() if self._runs - c.last_run > self.max_cached_age]
        for h in stale:
            del self._cache[h]


@dataclass
class Check:
    """A single-choice knowledge check and where it lives."""

    lesson: str  # lesson id, e.g. "m1/results-chain"
    qid: str
    right: str
    wrong: tuple[str, ...]
    max_attempts: int = 0

    @property
    def radio_key(self) -> str:
        return f"ans:{self.qid}:"

    @property
    def form_id(self) -> str:
        return f"check:{self.qid}"
