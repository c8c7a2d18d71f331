"""The Content Security Policy in Chromium: the public pages, the clip player and the external
video facade run without a single violation (issue 8, item 1)."""

import pytest

from tests.browser.conftest import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        event.violatedDirective + " blocked " + (event.blockedURI || "inline") + " at " +
        event.sourceFile + ":" + event.lineNumber
    );
});
"""


def load_demo_clips_and_posts():
    from blog.demo import load_demo as load_blog
    from home.models import HomePage
    from kennisclips.demo import load_demo as load_clips

    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    load_clips(homes)
    load_blog(homes)


def watch(page) -> list[str]:
    """Record violations reported to the page and to the console (which also sees frames)."""
    console = []
    page.add_init_script(COLLECT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return console


def violations(page, console) -> list[str]:
    return page.evaluate("window.__cspViolations") + console


def test_search_and_clip_player_work_under_the_policy(page):
    load_demo_clips_and_posts()
    console = watch(page)
    response = page.goto(page.base_url + "/nl/zoeken/?q=fietsen")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.locator(".search-result__title a").count() >= 1
    assert violations(page, console) == []

    # A transcript hit opens the clip at that moment: the player script runs.
    moment = page.locator(".search-moment a").first
    href = moment.get_attribute("href")
    moment.click()
    page.wait_for_url(f"**{href}")
    wait_until(page, "document.querySelector('video').currentTime > 0", timeout=10)

    # The transcript's time links seek and play.
    page.locator("video").evaluate("v => { v.muted = true; }")
    page.get_by_role("link", name="Afspelen vanaf 0:15").click()
    wait_until(
        page, "Math.abs(document.querySelector('video').currentTime - 15.5) < 1.5", timeout=10
    )
    assert violations(page, console) == []

    for url in ("/nl/", "/en/", "/nl/blog/", "/en/knowledge-clips/"):
        page.goto(page.base_url + url)
        assert violations(page, console) == [], url

    # The watcher is real: an injected inline script is blocked and reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.append(s); }"
    )
    wait_until(page, "window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in item for item in violations(page, console))


def test_external_video_facade_loads_the_player_frame_under_the_policy(page):
    from kennisclips.models import KennisclipIndexPage, KennisclipPage

    load_demo_clips_and_posts()
    index = KennisclipIndexPage.objects.get(locale__language_code="nl")
    clip = KennisclipPage(
        title="Extern voorbeeld",
        slug="extern-voorbeeld",
        description="Een video bij een externe dienst.",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        duration_seconds=205,
    )
    index.add_child(instance=clip)
    clip.save_revision().publish()

    # No network here: the player's origin answers with a stand-in page.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(
            content_type="text/html", body="<!doctype html><title>player</title><p>Speler</p>"
        ),
    )
    console = watch(page)
    page.goto(page.base_url + "/nl/kennisclips/extern-voorbeeld/")
    page.get_by_role("button", name="Video afspelen").click()
    frame = page.frame_locator("iframe.clip-frame")
    assert frame.locator("p").inner_text() == "Speler"
    assert violations(page, console) == []
