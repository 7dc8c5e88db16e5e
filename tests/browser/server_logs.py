"""A server that logs a Python traceback fails the test during which it logged it.

The browser and deployment fixtures start the app as subprocesses whose output goes to log files; they
`watch` each log while the server runs. After every phase of every test (setup, call, teardown) the
hook below reads what the watched logs gained since the last look and fails that phase if it holds a
traceback or Streamlit's "Uncaught app exception" report, naming it. The browser only shows what a
page chose to show; the log shows what went wrong underneath.

Also usable as a plugin on its own (`pytest -p tests.browser.server_logs`), which is how its test
checks the hook.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

TRACEBACK = re.compile(r"Traceback \(most recent call last\)")  # Python's, or rich's ruled header
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # colours: Streamlit prints tracebacks with rich when it can
RULE = re.compile(r"[\s\u2500-\u257f]+")  # a line of box drawing: rich frames a traceback's frames
# Streamlit 1.67 logs "Uncaught app execution"; older versions said "Uncaught app exception".
UNCAUGHT = re.compile(r"Uncaught app exec(?:ution|eption)")
CHAINED = (
    "During handling of the above exception, another exception occurred:",
    "The above exception was the direct cause of the following exception:",
)
MAX_LINES = 60  # of one traceback in a report: its end, where the exception is
MAX_REPORT = 12_000  # characters


def find_tracebacks(text: str) -> list[str]:
    """Each traceback (with its chained causes) or uncaught-exception report in a server's output."""
    lines = ANSI.sub("", text).splitlines()
    return ["\n".join(lines[start:end]).strip() for start, end in _blocks(lines)]


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """The (start, end) line numbers of each traceback or uncaught-exception report."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if TRACEBACK.search(lines[i]) or UNCAUGHT.search(lines[i]):
            found.append((i, _block_end(lines, i)))
            i = found[-1][1]
        else:
            i += 1
    return found


def _block_end(lines: list[str], start: int) -> int:
    """Where the traceback starting at `start` ends: after its exception line and any chained ones."""
    i, in_frames = start + 1, bool(TRACEBACK.search(lines[start]))
    while i < len(lines):
        line = lines[i]
        if TRACEBACK.search(line) or line.strip() in CHAINED:
            in_frames = bool(TRACEBACK.search(line))
        elif not line.strip() or line[:1].isspace() or RULE.fullmatch(line):
            pass  # a frame, its source line, carets, rich's rules, a blank line around a chain note
        elif in_frames:  # the exception line; the block goes on only if a chained traceback follows
            nxt = next((n for n in range(i + 1, len(lines)) if lines[n].strip()), len(lines))
            if nxt == len(lines) or lines[nxt].strip() not in CHAINED:
                return i + 1
            in_frames = False
        else:
            return i
        i += 1
    return i


def _complete(block: list[str]) -> bool:
    """Whether a block ends with its exception line (a log read while it is written may not, yet)."""
    last = block[-1]
    unfinished = not last.strip() or last[:1].isspace() or RULE.fullmatch(last)
    return not (unfinished or TRACEBACK.search(last) or UNCAUGHT.search(last))


@dataclass
class ServerLog:
    """One server's log file, read from where the last look stopped (a whole line at a time)."""

    path: Path
    name: str
    released: bool = False
    _file: IO[bytes] | None = field(default=None, repr=False)
    _partial: bytes = field(default=b"", repr=False)

    def open(self) -> None:
        """Hold the file open, so that what it says can be read even after its folder is removed."""
        if self._file is None and self.path.exists():
            self._file = self.path.open("rb")

    def take(self, *, final: bool = False) -> list[str]:
        """The tracebacks in what the log gained since the last call (or, if `final`, up to its end)."""
        # A traceback still being written when the log is read is kept for the next call.
        self.open()
        if self._file is None:
            return []
        data = self._partial + self._file.read()
        complete, newline, self._partial = data.rpartition(b"\n")
        text = ANSI.sub("", (complete + newline).decode("utf-8", errors="replace"))
        lines = text.splitlines(keepends=True)
        bare = [line.rstrip("\r\n") for line in lines]
        blocks = _blocks(bare)
        if not final and blocks and blocks[-1][1] == len(lines) and not _complete(bare[blocks[-1][0] :]):
            start = blocks.pop()[0]
            self._partial = "".join(lines[start:]).encode() + self._partial
        return ["\n".join(bare[start:end]).strip() for start, end in blocks]

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


_watched: dict[Path, ServerLog] = {}


def watch(path: Path, name: str) -> ServerLog:
    """Check `path` (a server's log, existing or not yet) after every test phase until it is released."""
    log = _watched.get(path) or ServerLog(path, name)
    log.released = False
    log.open()
    _watched[path] = log
    return log


def release(path: Path) -> None:
    """Stop watching `path` after the next check (which still reads what the server's stop wrote)."""
    if path in _watched:
        _watched[path].released = True


def watched() -> list[ServerLog]:
    """The logs being watched now."""
    return list(_watched.values())


def take_all() -> list[tuple[ServerLog, str]]:
    """Every new traceback in every watched log; released logs are read a last time and dropped."""
    found = [(log, tb) for log in watched() for tb in log.take(final=log.released)]
    for path, log in list(_watched.items()):
        if log.released:
            log.close()
            del _watched[path]
    return found


def describe(found: list[tuple[ServerLog, str]]) -> str:
    """A failure message: each traceback's exception and server, then its last lines and log file."""
    summary = [f"the server logged {len(found)} traceback(s) during this test:"]
    details = []
    for log, traceback in found:
        lines = traceback.splitlines()
        summary.append(f"  {log.name}: {lines[-1].strip()}")
        shown = lines if len(lines) <= MAX_LINES else [lines[0], "    ...", *lines[-MAX_LINES:]]
        details.append(f"--- {log.name} ({log.path}) ---\n" + "\n".join(shown))
    text = "\n".join(summary) + "\n\n" + "\n\n".join(details)
    return text if len(text) <= MAX_REPORT else text[:MAX_REPORT] + "\n... (see the log files)"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """After each phase of a test: a traceback in a watched server log fails it, and is named."""
    outcome = yield
    found = take_all()
    if not found:
        return
    report = outcome.get_result()  # type: ignore[attr-defined]
    message = describe(found)
    if report.failed:  # keep the test's own failure first; the traceback is shown below it
        report.sections.append(("server traceback", message))
    else:
        report.outcome = "failed"
        report.longrepr = message
