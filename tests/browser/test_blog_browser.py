"""The blog in a real browser: axe on the index and a post in both languages, keyboard filtering."""

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def demo_blog(page):
    """The demo blog (both languages), built inside the test's database."""
    from blog.demo import load_demo
    from home.models import HomePage

    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    load_demo(homes)
    return page


PATHS = [
    "/nl/blog/",
    "/nl/blog/?theme=eenzaamheid&role=student",
    "/nl/blog/?page=2",
    "/nl/blog/helma-over-de-aanpak-van-eenzaamheid/",
    "/en/blog/",
    "/en/blog/?theme=loneliness&role=team_member",
    "/en/blog/helma-on-tackling-loneliness/",
    "/en/blog/students-in-the-work-team/",
]


def test_axe_finds_no_violation_on_the_blog(demo_blog):
    page = demo_blog
    for path in PATHS:
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path


def test_blog_fits_a_phone_screen(demo_blog):
    page = demo_blog
    page.set_viewport_size(PHONE)
    for path in ["/nl/blog/", "/en/blog/helma-on-tackling-loneliness/"]:
        page.goto(page.base_url + path)
        assert axe_violations(page) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path


def test_keyboard_user_filters_by_role_and_clears_the_filter(demo_blog):
    page = demo_blog
    page.goto(page.base_url + "/en/blog/")
    role = page.get_by_label("Written by")
    # Tab through the page until the role filter has focus, as a keyboard user would.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "blog-filter-role":
            break
    else:
        pytest.fail("the role filter cannot be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("ArrowDown")  # Everyone -> Work team members
    page.keyboard.press("ArrowDown")  # -> Students
    assert role.input_value() == "student"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Show posts"
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/blog/?*role=student*")
    assert parse_qs(urlparse(page.url).query)["role"] == ["student"]
    authors = page.locator(".blog-card .blog-author__role").all_inner_texts()
    assert authors and set(authors) == {"(Student)"}
    assert "Written by: Students" in page.locator(".blog-active-filters").inner_text()
    assert page.get_by_label("Written by").input_value() == "student"

    clear = page.get_by_role("link", name="Clear filters")
    clear.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/blog/")
    assert page.locator(".blog-active-filters").count() == 0
    assert page.locator(".blog-card").count() == 10
