"""The browser tests' Chromium fixture, shared with the deployment test (same Debian Chromium, same flags)."""

from tests.browser.conftest import browser  # noqa: F401  (a fixture: importing it registers it here)
