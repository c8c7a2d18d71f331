"""The whole demo site in a real browser: every page type, both languages, axe finds nothing."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "nl": [
        "/nl/",
        "/nl/kennisclips/",
        "/nl/kennisclips/samen-bewegen-zorgt-voor-verbinding/",
        "/nl/blog/",
        "/nl/blog/michelle-over-haar-afstudeeronderzoek/",
        "/nl/onderzoek/",
        "/nl/zoeken/?q=eenzaamheid",
    ],
    "en": [
        "/en/",
        "/en/knowledge-clips/",
        "/en/blog/",
        "/en/research/",
        "/en/search/?q=loneliness",
    ],
}


def test_every_page_type_of_the_demo_site_passes_axe_in_both_languages(page):
    call_command("load_demo_content", verbosity=0)
    checked = []
    for language, paths in PAGES.items():
        for path in paths:
            response = page.goto(page.base_url + path)
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator("h1").count() == 1, path
            assert axe_violations(page) == [], path
            checked.append(path)
        # Follow the first item of each English listing too: the translated detail pages.
    for listing, item_selector in [
        ("/en/knowledge-clips/", ".clip-card a"),
        ("/en/blog/", "article a, .blog-card__title a"),
        ("/en/research/", "main a[href^='/en/research/']"),
        ("/nl/onderzoek/", "main a[href^='/nl/onderzoek/']"),
    ]:
        page.goto(page.base_url + listing)
        page.locator(item_selector).first.click()
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1, page.url
        assert axe_violations(page) == [], page.url
        checked.append(page.url)
    assert len(checked) == 16


def test_home_page_shows_the_seed_content_in_both_languages(page):
    call_command("load_demo_content", verbosity=0)
    page.goto(page.base_url + "/nl/")
    text = page.locator("main").inner_text()
    for expected in [
        "januari 2018",
        "Samen bewegen zorgt voor verbinding",
        "Duurzaam op pad",
        "De hand van een ander leren kennen verbindt",
        "Eenzaamheid",
    ]:
        assert expected in text
    page.goto(page.base_url + "/en/")
    text = page.locator("main").inner_text()
    assert "January 2018" in text
    assert "Loneliness" in text
    assert "Samen bewegen" not in text
