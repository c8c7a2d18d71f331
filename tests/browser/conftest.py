"""Playwright on Debian's Chromium against pytest-django's live server.

Browser tests are skipped, with the reason printed, only where /usr/bin/chromium is absent.
Playwright never downloads a browser here.
"""

import os
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
def database_snapshot(django_db_setup, django_db_blocker) -> str:
    """The test database as migrations left it, serialized before Playwright starts.

    Between its calls Playwright's sync API marks an event loop as running in the test thread,
    so Django then hands out a different connection object than the one that holds the
    serialized rollback data, and pytest-django's serialized rollback silently restores nothing.
    The browser tests restore this snapshot themselves instead.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        return connection._test_serialized_contents


@pytest.fixture(scope="session")
def browser(database_snapshot):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def migrated_database(transactional_db, database_snapshot):
    """The data that migrations create (locales, page tree, site), restored when a previous
    transactional test flushed it."""
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    if not Page.objects.exists():
        # The flush after the previous test may have re-run post_migrate (content types,
        # permissions): start from empty tables so the snapshot loads as it was taken.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(database_snapshot)


@pytest.fixture
def page(browser, live_server, migrated_database):
    """A fresh browser tab (desktop viewport) on the migrated site, closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.base_url = live_server.url
    yield tab
    context.close()


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
