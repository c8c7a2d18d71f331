"""Study pages in a real browser: axe in both languages, phone width, table-of-contents links."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 740}
NL_STUDY = "/nl/onderzoek/evaluatie-van-en-met-elkaar-leren/"
EN_STUDY = "/en/research/evaluation-learning-from-and-with-each-other/"
PATHS = ["/nl/onderzoek/", "/en/research/", NL_STUDY, EN_STUDY]


def load_demo_studies():
    from home.models import HomePage
    from studies.demo import load_demo

    load_demo(
        {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    )


def test_axe_finds_nothing_on_the_index_and_the_study_in_both_languages(page):
    load_demo_studies()
    found = {}
    for size in [None, PHONE]:
        if size:
            page.set_viewport_size(size)
        for path in PATHS:
            response = page.goto(page.base_url + path)
            assert response.status == 200, path
            assert page.locator("h1").count() == 1
            violations = axe_violations(page)
            if violations:
                found[(path, bool(size))] = violations
            if size:
                # Nothing wider than the screen: no sideways scrolling on a phone.
                assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], path
    assert found == {}


@pytest.mark.parametrize(
    ("path", "toc_name", "link_name", "anchor"),
    [
        (NL_STUDY, "Op deze pagina", "Werkzame factoren", "werkzame-factoren"),
        (EN_STUDY, "On this page", "Effective factors", "effective-factors"),
    ],
)
def test_table_of_contents_link_moves_focus_and_scrolls_to_the_section(
    page, path, toc_name, link_name, anchor
):
    load_demo_studies()
    page.set_viewport_size(PHONE)  # the section starts well below the first screen
    page.goto(page.base_url + path)
    heading = page.locator(f"#{anchor}")
    assert heading.evaluate("element => element.getBoundingClientRect().top") > PHONE["height"]

    # By keyboard: focus the link, press Enter.
    link = page.get_by_role("navigation", name=toc_name).get_by_role("link", name=link_name)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#{anchor}")
    assert page.evaluate("document.activeElement.id") == anchor
    top = heading.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < 80
    assert heading.inner_text() == link_name
    # The next Tab continues from the section, not from the table of contents.
    page.keyboard.press("Tab")
    assert page.evaluate(
        f"document.getElementById('{anchor}').compareDocumentPosition(document.activeElement)"
        " & Node.DOCUMENT_POSITION_FOLLOWING"
    )

    # By mouse: back to the top, click the last entry; its heading ends up on screen, focused.
    page.evaluate("window.scrollTo(0, 0)")
    last = page.locator(".study-toc__link").last
    target = last.get_attribute("href").removeprefix("#")
    last.click()
    page.wait_for_url(f"**#{target}")
    assert page.evaluate("document.activeElement.id") == target
    assert page.locator(f"#{target}").is_visible()
    box = page.locator(f"#{target}").bounding_box()
    assert 0 <= box["y"] < PHONE["height"]
