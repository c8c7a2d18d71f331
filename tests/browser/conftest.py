"""Playwright on Debian's Chromium against pytest-django's live server.

Browser tests are skipped, with the reason printed, only where /usr/bin/chromium is absent.
Playwright never downloads a browser here.
"""

import os
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# The axe-core rule sets that must find nothing.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Playwright's sync API runs an event loop in the test thread; the live server and the ORM calls
# in these tests are synchronous, so Django's async-safety guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is absent: install Debian's chromium to run it")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser(django_db_setup, django_db_blocker):
    """Chromium for the whole session.

    Between its calls Playwright's sync API marks an event loop as running in the test thread,
    and Django then hands out another connection object than the one that holds the serialized
    test database: serialized rollback would silently restore nothing and the flush after a
    test would re-run post_migrate. The snapshot is handed to that connection too.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with django_db_blocker.unblock():
        snapshot = connections["default"]._test_serialized_contents
    with sync_playwright() as playwright:
        connections["default"]._test_serialized_contents = snapshot
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A fresh browser tab (desktop viewport) on the migrated site, closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.base_url = live_server.url
    yield tab
    # Every context the test opened (a second user's tab too) goes, and with it the browser's
    # keep-alive connections to the live server. Each one holds a request thread of the server
    # that shares the in-memory SQLite connection and closes it when its connection ends: left
    # open until the session's end, those threads would wake only after the live server stopped
    # sharing that connection and fail in Django's close_request. The wait lets them finish
    # before the database is flushed.
    for open_context in browser.contexts:
        open_context.close()
    join_request_threads()


def join_request_threads(timeout: float = 10.0):
    """Wait for the live server's request threads (socketserver names them after their
    target); fail the test that left one running longer than `timeout`."""
    deadline = time.monotonic() + timeout
    request_threads = [
        thread
        for thread in threading.enumerate()
        if thread.name.endswith("(process_request_thread)")
    ]
    for thread in request_threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    still_running = [thread.name for thread in request_threads if thread.is_alive()]
    if still_running:
        pytest.fail(f"Requests still running {timeout} s after the test: {still_running}")


def axe_violations(tab) -> list[dict]:
    """axe-core's violations on the page as it is now, as (rule id, help, first targets)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"][:3]],
        }
        for violation in results.response["violations"]
    ]


def wait_until(page, expression: str, timeout: float = 10.0):
    """Poll a JavaScript expression until it is truthy.

    Playwright's `wait_for_function` polls through `new Function` inside the page, which the
    site's Content Security Policy (no 'unsafe-eval') refuses once the first check fails;
    `page.evaluate` goes through the DevTools protocol, which the policy does not govern.
    """
    deadline = time.monotonic() + timeout
    while True:
        if page.evaluate(expression):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"Still false after {timeout} s: {expression}")
        time.sleep(0.05)
