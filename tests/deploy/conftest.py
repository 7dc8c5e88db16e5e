"""The browser tests' Chromium fixture and server-log policy, shared with the deployment tests (same
Debian Chromium, same flags; a traceback in a replica's log fails the test, see server_logs)."""

from tests.browser.conftest import browser  # noqa: F401  (a fixture: importing it registers it here)
from tests.browser.server_logs import pytest_runtest_makereport  # noqa: F401  (the traceback policy)
