"""Knowledge clips in a real browser: playing, seeking from the transcript and the address,
the click-to-load facade for external video, and axe on every clip page type."""

import pytest

from tests.browser.conftest import axe_violations, wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DUTCH_CLIP = "/nl/kennisclips/samen-bewegen-zorgt-voor-verbinding/"
ENGLISH_CLIP = "/en/knowledge-clips/moving-together-creates-connection/"
PHONE = {"width": 375, "height": 740}
CURRENT_TIME = "document.querySelector('video').currentTime"


def load_demo_clips():
    from home.models import HomePage
    from kennisclips.demo import load_demo

    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    load_demo(homes)


def wait_for_time(page, seconds: float, tolerance: float = 1.0):
    wait_until(
        page,
        f"Math.abs({CURRENT_TIME} - {seconds}) < {tolerance}",
        timeout=10,
    )


def test_visitor_plays_a_clip_and_jumps_from_the_transcript(page):
    load_demo_clips()
    page.goto(page.base_url + DUTCH_CLIP)
    video = page.locator("video")
    assert video.get_attribute("preload") == "metadata"
    wait_until(page, "document.querySelector('video').readyState >= 1")
    assert page.evaluate("document.querySelector('video').duration") == pytest.approx(24, abs=1)
    # Play (muted, as a browser allows without a click), and see time pass.
    video.evaluate("v => { v.muted = true; return v.play(); }")
    wait_until(page, f"{CURRENT_TIME} > 0.3")
    assert page.evaluate("document.querySelector('video').paused") is False

    link = page.get_by_role("link", name="Afspelen vanaf 0:15")
    assert link.get_attribute("href") == "#t=00:15"
    link.click()
    wait_for_time(page, 15.5, tolerance=1.5)
    assert page.url.endswith("#t=00:15")
    assert page.evaluate("document.querySelector('video').paused") is False

    # Keyboard: a time code is an ordinary link.
    page.get_by_role("link", name="Afspelen vanaf 0:05").focus()
    page.keyboard.press("Enter")
    wait_for_time(page, 5.5, tolerance=1.5)

    # Captions: one track per language, the page's language showing.
    tracks = page.evaluate(
        "Array.from(document.querySelector('video').textTracks)"
        ".map(t => [t.language, t.kind, t.mode])"
    )
    assert sorted(tracks) == [["en", "captions", "disabled"], ["nl", "captions", "showing"]]


def test_address_with_a_time_puts_the_player_at_that_moment(page):
    load_demo_clips()
    page.goto(page.base_url + ENGLISH_CLIP + "#t=00:10")
    wait_for_time(page, 10, tolerance=0.5)
    assert page.evaluate("document.querySelector('video').paused") is True
    # Changing the address on the same page moves the player too.
    page.evaluate("window.location.hash = '#t=00:20'")
    wait_for_time(page, 20, tolerance=0.5)


def test_external_video_loads_nothing_from_the_provider_until_play(page):
    from kennisclips.models import KennisclipIndexPage, KennisclipPage

    load_demo_clips()
    index = KennisclipIndexPage.objects.get(locale__language_code="nl")
    clip = KennisclipPage(
        title="Extern voorbeeld",
        slug="extern-voorbeeld",
        description="Een video bij een externe dienst.",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        duration_seconds=205,
        transcript=[
            {"type": "segment", "value": {"time": "00:42", "speaker": "", "text": "Hallo."}}
        ],
    )
    index.add_child(instance=clip)
    clip.save_revision().publish()

    requested = []

    def record_and_block(route):
        requested.append(route.request.url)
        if route.request.url.startswith(page.base_url):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", record_and_block)
    page.goto(page.base_url + "/nl/kennisclips/extern-voorbeeld/")
    button = page.get_by_role("button", name="Video afspelen")
    assert button.is_visible()
    assert not [url for url in requested if not url.startswith(page.base_url)]
    assert page.locator("iframe").count() == 0

    page.get_by_role("link", name="Afspelen vanaf 0:42").click()
    frame = page.locator("iframe.clip-frame")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src") == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=42"
    )
    assert frame.get_attribute("title") == "Extern voorbeeld (video op YouTube)"
    assert page.locator(".clip-facade").count() == 0


def test_external_video_button_starts_the_player_at_the_address_time(page):
    from kennisclips.models import KennisclipIndexPage, KennisclipPage

    load_demo_clips()
    index = KennisclipIndexPage.objects.get(locale__language_code="nl")
    clip = KennisclipPage(
        title="Vimeo voorbeeld",
        slug="vimeo-voorbeeld",
        description="Een video bij Vimeo.",
        video_url="https://vimeo.com/76979871",
    )
    index.add_child(instance=clip)
    clip.save_revision().publish()
    page.route("http*://*vimeo*/**", lambda route: route.abort())
    page.goto(page.base_url + "/nl/kennisclips/vimeo-voorbeeld/#t=01:05")
    assert page.locator("iframe").count() == 0
    page.get_by_role("button", name="Video afspelen").click()
    assert page.locator("iframe.clip-frame").get_attribute("src") == (
        "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=65s"
    )


@pytest.mark.parametrize(
    "path", ["/nl/kennisclips/", "/en/knowledge-clips/", DUTCH_CLIP, ENGLISH_CLIP]
)
def test_axe_finds_no_violation_on_clip_pages(page, path):
    load_demo_clips()
    page.goto(page.base_url + path)
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    page.reload()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
