"""The site in a real browser: accessibility, keyboard use, language switch, search box."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("path", ["/nl/", "/en/", "/nl/zoeken/?q=eenzaamheid", "/en/missing/"])
def test_axe_finds_no_violation(page, path):
    page.goto(page.base_url + path)
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/nl/", "/en/"])
def test_axe_finds_no_violation_on_a_phone(page, path):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + path)
    assert axe_violations(page) == []
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page):
    page.goto(page.base_url + "/nl/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible_on_links(page):
    page.goto(page.base_url + "/en/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_visitor_switches_language_and_back(page):
    page.goto(page.base_url + "/nl/")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("navigation", name="Taal").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").count() == 1
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Nederlands").click()
    page.wait_for_url("**/nl/")


def test_header_search_box_searches_in_the_visitors_language(page):
    page.goto(page.base_url + "/en/")
    page.get_by_role("searchbox", name="Search the knowledge base").fill("loneliness")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/search/?q=loneliness")
    assert page.get_by_role("searchbox", name="Search clips, blogs and studies").input_value() == (
        "loneliness"
    )
    assert page.locator("h1").inner_text() == "Search"
