"""Search in a real browser: from the header box, filtering by type, opening a transcript hit
at its moment; axe on the results, the other-language group and the empty state."""

import pytest

from tests.browser.conftest import axe_violations, wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 740}


def load_demo_clips_and_posts():
    from blog.demo import load_demo as load_blog
    from home.models import HomePage
    from kennisclips.demo import load_demo as load_clips

    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    load_clips(homes)
    load_blog(homes)


def test_visitor_searches_from_the_header_filters_and_opens_a_transcript_moment(page):
    load_demo_clips_and_posts()
    page.goto(page.base_url + "/nl/")
    page.get_by_role("searchbox", name="Doorzoek de kennisbank").fill("fietsen")
    page.keyboard.press("Enter")
    page.wait_for_url("**/nl/zoeken/?q=fietsen")
    status = page.get_by_role("status")
    assert "resultaten voor “fietsen”" in status.inner_text()
    assert page.locator("#search-page-query").input_value() == "fietsen"
    assert axe_violations(page) == []

    filters = page.get_by_role("navigation", name="Resultaten filteren")
    filters.get_by_role("link", name="Kennisclips").click()
    page.wait_for_url("**type=clip**")
    titles = page.locator(".search-result__title a").all_inner_texts()
    assert titles == ["Samen bewegen zorgt voor verbinding"]
    assert "Kennisclips (1)" in filters.locator("[aria-current]").all_inner_texts()[0]
    assert axe_violations(page) == []

    moment = page.locator(".search-moment a").first
    href = moment.get_attribute("href")
    assert href.startswith("/nl/kennisclips/samen-bewegen-zorgt-voor-verbinding/#t=")
    seconds = sum(
        int(part) * 60**power
        for power, part in enumerate(reversed(href.split("#t=")[1].split(":")))
    )
    moment.click()
    page.wait_for_url(f"**{href}")
    wait_until(
        page, f"Math.abs(document.querySelector('video').currentTime - {seconds}) < 1", timeout=10
    )


def test_other_language_group_and_empty_state_pass_axe(page):
    load_demo_clips_and_posts()
    page.goto(page.base_url + "/nl/zoeken/?q=loneliness")
    group = page.get_by_role("region", name="Gevonden in het Engels")
    assert group.locator(".search-result").count() >= 1
    assert group.locator(".search-result").first.get_attribute("lang") == "en"
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []

    page.goto(page.base_url + "/en/search/?q=xyzzyq")
    assert "0 results" in page.get_by_role("status").inner_text()
    assert page.get_by_role("link", name="loneliness", exact=True).count() == 1  # suggestion
    assert page.get_by_role("link", name="Loneliness", exact=True).count() == 1  # theme
    assert axe_violations(page) == []

    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/en/search/?q=lonely")
    assert axe_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


def test_recommended_results_pass_axe_in_both_languages(page):
    from blog.models import BlogPostPage
    from search.models import SearchPromotion

    load_demo_clips_and_posts()
    for language, query, path in [
        ("nl", "fietsen", "/nl/zoeken/?q=fietsen"),
        ("en", "cycling", "/en/search/?q=cycling"),
    ]:
        post = BlogPostPage.objects.live().filter(locale__language_code=language).first()
        SearchPromotion.objects.create(
            locale=post.locale, query_text=query, page=post, description="Lees dit eerst."
        )
        page.goto(page.base_url + path)
        promoted = page.locator("section.search-promoted")
        assert promoted.locator(".search-result").first.inner_text().startswith(post.title)
        assert page.locator("h1").count() == 1
        assert axe_violations(page) == [], path
