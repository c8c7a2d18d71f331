"""Knowledge clips: type rules, video validation, rendering, the admin, byte ranges, the demo."""

import datetime
import io
import json
import re
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import translation
from PIL import Image as PillowImage
from wagtail.blocks import StreamBlockValidationError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from home.snippets import Person, PersonRole, Theme
from kennisclips.blocks import TranscriptBlock
from kennisclips.models import (
    KennisclipCaption,
    KennisclipIndexPage,
    KennisclipPage,
    KennisclipRelatedPage,
)
from kennisclips.video import (
    display_duration,
    iso_duration,
    parse_video_url,
    spoken_duration,
    timecode_seconds,
)

VIDEO_BYTES = bytes(range(256)) * 8  # 2048 bytes standing in for an MP4
VTT_NL = "WEBVTT\n\n00:00.000 --> 00:05.000\nHallo\n"
VTT_EN = "WEBVTT\n\n00:00.000 --> 00:05.000\nHello\n"


# Helpers


def make_document(name: str, content: bytes | str = VIDEO_BYTES, title: str | None = None):
    if isinstance(content, str):
        content = content.encode()
    return get_document_model().objects.create(
        title=title or name, file=ContentFile(content, name=name)
    )


def make_image(title: str = "Poster"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (64, 36), (11, 85, 96)).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.png")
    )


def make_index(home, title="Kennisclips", slug="kennisclips") -> KennisclipIndexPage:
    index = KennisclipIndexPage(title=title, slug=slug, intro="Korte films over verbondenheid.")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def transcript(*segments):
    return [
        {"type": "segment", "value": {"time": time, "speaker": speaker, "text": text}}
        for time, speaker, text in segments
    ]


def make_clip(index, title="Samen bewegen", publish=True, **fields) -> KennisclipPage:
    if "video_url" not in fields:
        fields.setdefault("video_file", make_document(f"{title[:20]}.mp4".replace(" ", "-")))
        fields.setdefault("poster_image", make_image(f"Poster {title}"))
    captions = fields.pop("captions", [])
    themes = fields.pop("themes", [])
    people = fields.pop("people", [])
    page = KennisclipPage(
        title=title,
        subtitle=fields.pop("subtitle", "Op weg naar minder eenzaamheid"),
        description=fields.pop("description", "Een interventie voor ouderen."),
        duration_seconds=fields.pop("duration_seconds", 205),
        transcript=fields.pop(
            "transcript",
            transcript(("00:00", "Helma", "Welkom."), ("01:05", "", "Samen fietsen verbindt.")),
        ),
        captions=captions,
        themes=themes,
        people=people,
        live=publish,
        **fields,
    )
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


@pytest.fixture
def english():
    """Messages in English (the default language of these tests is Dutch)."""
    with translation.override("en"):
        yield


@pytest.fixture
def index(home_pages):
    return make_index(home_pages["nl"])


# Type rules


class TestPageTypeRules(WagtailPageTestCase):
    def setUp(self):
        # HomePage.subpage_types is filled in by the lead when integrating; simulate that here.
        allowed = list(HomePage.subpage_types)
        if "kennisclips.KennisclipIndexPage" not in allowed:
            allowed.append("kennisclips.KennisclipIndexPage")
        patcher = mock.patch.object(HomePage, "subpage_types", allowed)
        patcher.start()
        HomePage._clean_subpage_models = None
        self.addCleanup(setattr, HomePage, "_clean_subpage_models", None)
        self.addCleanup(patcher.stop)

    def test_index_lives_under_a_home_page_and_holds_clips(self):
        self.assertAllowedParentPageTypes(KennisclipIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(KennisclipIndexPage, {KennisclipPage})

    def test_clip_lives_under_the_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(KennisclipPage, {KennisclipIndexPage})
        self.assertAllowedSubpageTypes(KennisclipPage, set())

    def test_one_index_per_language_tree(self):
        home = HomePage.objects.get(locale__language_code="nl")
        make_index(home)
        assert not KennisclipIndexPage.can_create_at(home)
        english_home = HomePage.objects.get(locale__language_code="en")
        assert KennisclipIndexPage.can_create_at(english_home)


# Video addresses, time codes and durations


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=10", "youtube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=42", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "vimeo", "76979871"),
        ("https://player.vimeo.com/video/76979871", "vimeo", "76979871"),
    ],
)
def test_video_urls_are_recognised(url, provider, video_id):
    video = parse_video_url(url)
    assert (video.provider, video.video_id) == (provider, video_id)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/?u=https://youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://vimeo.com/channels/staffpicks",
        "javascript:alert(1)",
        "",
    ],
)
def test_other_addresses_are_not_videos(url):
    assert parse_video_url(url) is None


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("00:00", 0), ("01:05", 65), ("1:05", 65), ("12:59", 779), ("1:02:30", 3750), ("90:00", 5400)],
)
def test_time_codes(text, seconds):
    assert timecode_seconds(text) == seconds


@pytest.mark.parametrize("text", ["", "1", "1:5", "01:60", "1:60:00", "aa:bb", "01:05:", "-1:00"])
def test_bad_time_codes(text):
    with pytest.raises(ValueError):
        timecode_seconds(text)


def test_durations_in_every_form(english):
    assert display_duration(205) == "3:25"
    assert display_duration(3750) == "1:02:30"
    assert iso_duration(205) == "PT3M25S"
    assert iso_duration(3600) == "PT1H"
    assert spoken_duration(205) == "3 minutes 25 seconds"
    assert spoken_duration(61) == "1 minute 1 second"


# Validation


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
class TestVideoValidation:
    def clip(self, **fields):
        base = {"title": "Clip", "slug": "clip", "description": "Over verbondenheid."}
        return KennisclipPage(**base, **fields)

    def errors(self, page) -> dict:
        with pytest.raises(ValidationError) as caught:
            page.clean()
        return caught.value.message_dict

    def test_both_a_file_and_an_address_is_refused_on_the_address(self):
        page = self.clip(
            video_file=make_document("a.mp4"),
            poster_image=make_image(),
            video_url="https://youtu.be/dQw4w9WgXcQ",
        )
        assert "not both" in self.errors(page)["video_url"][0]

    def test_neither_is_refused_on_the_file(self):
        assert "Add the video" in self.errors(self.clip())["video_file"][0]

    def test_other_hosts_are_refused(self):
        errors = self.errors(self.clip(video_url="https://example.org/watch?v=dQw4w9WgXcQ"))
        assert "Only YouTube and Vimeo" in errors["video_url"][0]

    def test_only_mp4_and_webm_files(self):
        page = self.clip(video_file=make_document("film.avi"), poster_image=make_image())
        assert "MP4" in self.errors(page)["video_file"][0]

    def test_an_uploaded_video_needs_a_poster(self):
        page = self.clip(video_file=make_document("film.webm"))
        assert "poster" in self.errors(page)["poster_image"][0]

    def test_valid_choices_pass(self):
        self.clip(video_url="https://vimeo.com/76979871").clean()
        self.clip(video_file=make_document("film.webm"), poster_image=make_image()).clean()

    def test_duplicate_caption_language_is_refused(self):
        page = self.clip(video_url="https://vimeo.com/76979871")
        page.captions = [
            KennisclipCaption(language="nl", document=make_document("a.vtt", VTT_NL)),
            KennisclipCaption(language="nl", document=make_document("b.vtt", VTT_NL)),
        ]
        errors = self.errors(page)
        assert "already a caption file in this language" in str(errors)

    def test_caption_must_be_webvtt(self):
        caption = KennisclipCaption(language="en", document=make_document("subs.srt", "1\n"))
        with pytest.raises(ValidationError) as caught:
            caption.clean()
        assert "WebVTT" in caught.value.message_dict["document"][0]

    def test_bad_time_code_in_the_transcript_is_refused_with_a_clear_message(self):
        block = TranscriptBlock()
        value = block.to_python(
            [{"type": "segment", "value": {"time": "1:75", "speaker": "", "text": "Tekst"}}]
        )
        with pytest.raises(StreamBlockValidationError) as caught:
            block.clean(value)
        assert "MM:SS or H:MM:SS" in str(caught.value.as_json_data())


# Rendering


def external_party_urls(html: str) -> list[str]:
    return re.findall(r"(?:youtube|youtu\.be|vimeo|ytimg)[^\"'\s<]*", html)


@pytest.mark.django_db
def test_external_video_is_a_facade_without_third_party_requests(client, index):
    clip = make_clip(index, title="Extern", video_url="https://youtu.be/dQw4w9WgXcQ")
    response = client.get(clip.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.find("iframe")
    assert not soup.find("video")
    button = soup.find("button", class_="clip-facade__button")
    assert button.get_text(strip=True) == "Video afspelen"
    assert button["data-provider"] == "youtube"
    assert button["data-video-id"] == "dQw4w9WgXcQ"
    noscript_link = BeautifulSoup(soup.find("noscript").decode_contents(), "html.parser").a
    assert noscript_link["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    # Apart from the button's data, the no-JS link and the JSON-LD (no request either), the
    # page names no third party at all: no src, href, poster, preconnect or prefetch.
    for tag in soup.find_all(["noscript", "script"]):
        if tag.name == "noscript" or tag.get("type") == "application/ld+json":
            tag.decompose()
    for attribute in ("data-provider", "data-video-id", "data-frame-title"):
        del button[attribute]
    assert external_party_urls(str(soup)) == []
    scripts = [script["src"] for script in soup.find_all("script", src=True)]
    assert scripts == ["/static/kennisclips/js/kennisclips.js"]


@pytest.mark.django_db
def test_vimeo_facade_keeps_its_provider(client, index):
    clip = make_clip(index, title="Vimeo", video_url="https://vimeo.com/76979871")
    soup = BeautifulSoup(client.get(clip.url).content, "html.parser")
    assert soup.find("button", class_="clip-facade__button")["data-provider"] == "vimeo"
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["embedUrl"] == "https://player.vimeo.com/video/76979871?dnt=1"


@pytest.mark.django_db
def test_uploaded_video_is_a_native_player_with_caption_tracks(client, index):
    clip = make_clip(
        index,
        captions=[
            KennisclipCaption(language="en", document=make_document("c.en.vtt", VTT_EN)),
            KennisclipCaption(language="nl", document=make_document("c.nl.vtt", VTT_NL)),
        ],
    )
    soup = BeautifulSoup(client.get(clip.url).content, "html.parser")
    video = soup.find("video")
    assert video.has_attr("controls")
    assert video["preload"] == "metadata"
    assert video["poster"].startswith("/media/images/")
    source = video.find("source")
    assert source["type"] == "video/mp4"
    assert source["src"] == f"/media-stream/{clip.video_file.pk}/{clip.video_file.filename}"
    tracks = {track["srclang"]: track for track in video.find_all("track")}
    assert set(tracks) == {"nl", "en"}
    assert all(track["kind"] == "captions" for track in tracks.values())
    assert tracks["nl"]["label"] == "Nederlands" and tracks["en"]["label"] == "English"
    assert tracks["nl"].has_attr("default") and not tracks["en"].has_attr("default")
    assert tracks["nl"]["src"].startswith("/media-stream/")
    assert not soup.find("button", class_="clip-facade__button")


@pytest.mark.django_db
def test_transcript_links_to_moments_and_the_page_has_one_h1(client, index):
    clip = make_clip(index)
    soup = BeautifulSoup(client.get(clip.url).content, "html.parser")
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == [clip.title]
    section = soup.find("section", class_="transcript")
    assert section.find("h2").get_text(strip=True) == "Transcriptie"
    links = section.find("ol").find_all("a")
    assert [link["href"] for link in links] == ["#t=00:00", "#t=01:05"]
    assert [link["data-seconds"] for link in links] == ["0", "65"]
    assert links[1].get_text(strip=True) == "1:05"
    assert links[1]["aria-label"] == "Afspelen vanaf 1:05"
    assert "Helma:" in section.get_text()
    assert "Samen fietsen verbindt." in section.get_text()


@pytest.mark.django_db
def test_json_ld_video_object(client, index):
    clip = make_clip(index, publication_date=datetime.date(2019, 6, 14))
    soup = BeautifulSoup(client.get(clip.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "VideoObject"
    assert data["name"] == clip.title
    assert data["description"] == clip.description
    assert data["uploadDate"] == "2019-06-14"
    assert data["duration"] == "PT3M25S"
    assert data["inLanguage"] == "nl"
    assert data["contentUrl"].startswith("http://testserver/media-stream/")
    assert data["thumbnailUrl"][0].startswith("http://testserver/media/images/")
    assert "Helma: Welkom." in data["transcript"]
    assert soup.find("meta", attrs={"name": "description"})["content"] == clip.description


@pytest.mark.django_db
def test_english_page_shows_english_themes_and_people(client, home_pages):
    dutch_theme = Theme.objects.create(name="Ouderen", slug="ouderen")
    english_theme = dutch_theme.copy_for_translation(home_pages["en"].locale)
    english_theme.name, english_theme.slug = "Older people", "older-people"
    english_theme.save()
    person = Person.objects.create(name="Helma", role=PersonRole.TEAM_MEMBER)
    index = make_index(home_pages["nl"])
    clip = make_clip(index, themes=[dutch_theme], people=[person])
    english_index = index.copy_for_translation(home_pages["en"].locale)
    english_index.save_revision().publish()
    english_clip = clip.copy_for_translation(home_pages["en"].locale)
    english_clip.save_revision().publish()
    text = BeautifulSoup(client.get(english_clip.url).content, "html.parser").get_text()
    assert "Older people" in text
    assert "Helma (Work team member)" in " ".join(text.split())


# Related pages


@pytest.mark.django_db
def test_related_falls_back_to_clips_sharing_a_theme(client, index, django_assert_max_num_queries):
    theme, other = (
        Theme.objects.create(name="Ouderen", slug="ouderen"),
        Theme.objects.create(name="Leren", slug="leren"),
    )
    clip = make_clip(index, title="Hoofdclip", themes=[theme])
    make_clip(index, title="Zelfde thema", themes=[theme, other])
    make_clip(index, title="Ander thema", themes=[other])
    soup = BeautifulSoup(client.get(clip.url).content, "html.parser")
    related = soup.find("section", class_="clip__related")
    assert [a.get_text() for a in related.find_all("a")] == ["Zelfde thema"]


@pytest.mark.django_db
def test_related_clips_are_the_newest_live_ones_of_the_language_sharing_a_theme(
    client, index, home_pages
):
    theme = Theme.objects.create(name="Ouderen", slug="ouderen")
    english_theme = theme.copy_for_translation(home_pages["en"].locale)
    english_theme.save()
    clip = make_clip(index, title="Hoofdclip", themes=[theme])
    for day in range(1, 7):
        make_clip(
            index, title=f"Dag {day}", themes=[theme], publication_date=datetime.date(2019, 3, day)
        )
    make_clip(index, title="Concept", themes=[theme], publish=False)
    english_index = make_index(home_pages["en"], title="Clips", slug="clips")
    make_clip(english_index, title="Engelse clip", themes=[english_theme])

    soup = BeautifulSoup(client.get(clip.url).content, "html.parser")
    titles = [a.get_text() for a in soup.find("section", class_="clip__related").find_all("a")]
    assert titles == ["Dag 6", "Dag 5", "Dag 4", "Dag 3"]

    # A clip whose themes link to the other language's theme shares it by translation key.
    english_clip = make_clip(english_index, title="Engelse hoofdclip", themes=[theme])
    soup = BeautifulSoup(client.get(english_clip.url).content, "html.parser")
    titles = [a.get_text() for a in soup.find("section", class_="clip__related").find_all("a")]
    assert titles == ["Engelse clip"]


@pytest.mark.django_db
def test_editor_chosen_related_pages_come_first_at_a_fixed_cost(
    client, index, django_assert_num_queries
):
    theme = Theme.objects.create(name="Ouderen", slug="ouderen")
    clip = make_clip(index, title="Hoofdclip", themes=[theme])
    make_clip(index, title="Zelfde thema", themes=[theme])

    def cost(count):
        for number in range(count):
            chosen = make_clip(index, title=f"Gekozen {clip.related_links.count()} {number}")
            KennisclipRelatedPage.objects.create(page=clip, related_page=chosen)
        client.get(clip.url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(clip.url)
        return response, len(queries)

    response_one, one = cost(1)
    response_more, more = cost(5)
    assert one == more
    related = BeautifulSoup(response_more.content, "html.parser").find(
        "section", class_="clip__related"
    )
    titles = [a.get_text() for a in related.find_all("a")]
    assert len(titles) == 6 and "Zelfde thema" not in titles


# The index


@pytest.mark.django_db
def test_index_lists_live_clips_newest_first_with_duration(client, index):
    make_clip(index, title="Oud", publication_date=datetime.date(2018, 1, 1))
    make_clip(index, title="Nieuw", publication_date=datetime.date(2019, 11, 1))
    make_clip(index, title="Concept", publish=False)
    soup = BeautifulSoup(client.get(index.url).content, "html.parser")
    assert [h1.get_text() for h1 in soup.find_all("h1")] == ["Kennisclips"]
    cards = soup.select(".clip-card")
    assert [card.h2.get_text(strip=True) for card in cards] == ["Nieuw", "Oud"]
    duration = cards[0].find("time")
    assert duration["datetime"] == "PT3M25S"
    assert duration.find(attrs={"aria-hidden": "true"}).get_text() == "3:25"
    assert duration.find(class_="visually-hidden").get_text() == "Duur: 3 minuten 25 seconden"
    assert cards[0].find("img")["alt"] == ""
    assert cards[0].find("p", class_="clip-card__subtitle")


@pytest.mark.django_db
def test_index_pages_by_twelve_and_survives_bad_page_numbers(client, index):
    for number in range(13):
        make_clip(
            index,
            title=f"Clip {number:02d}",
            video_url="https://vimeo.com/76979871",
            publication_date=datetime.date(2019, 1, 1) + datetime.timedelta(days=number),
        )
    first = BeautifulSoup(client.get(index.url).content, "html.parser")
    assert len(first.select(".clip-card")) == 12
    assert first.find("a", rel="next")["href"] == "?page=2"
    second = BeautifulSoup(client.get(index.url + "?page=2").content, "html.parser")
    assert [card.h2.get_text(strip=True) for card in second.select(".clip-card")] == ["Clip 00"]
    for bad in ["abc", "0", "-1", "99999", "1.5", "<script>alert(1)</script>", "%00", ""]:
        response = client.get(index.url, {"page": bad})
        assert response.status_code == 200, bad
        assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 50])
def test_index_query_count_does_not_grow_with_the_number_of_clips(
    client, index, count, django_assert_max_num_queries
):
    for number in range(count):
        make_clip(index, title=f"Clip {number}")
    client.get(index.url)  # warm caches and create the poster renditions once
    with django_assert_max_num_queries(18):
        response = client.get(index.url)
    assert len(BeautifulSoup(response.content, "html.parser").select(".clip-card")) == min(
        count, 12
    )


# The admin


def admin_form(index, **overrides):
    video = make_document("admin.mp4")
    poster = make_image("Admin poster")
    caption = make_document("admin.nl.vtt", VTT_NL)
    data = {
        "title": "Duurzaam op pad",
        "slug": "duurzaam-op-pad",
        "subtitle": "Een initiatief dat verbondenheid bevordert",
        "description": "Oprechte ontmoetingen maken een verschil.",
        "publication_date": "2019-09-20",
        "video_file": str(video.pk),
        "poster_image": str(poster.pk),
        "video_url": "",
        "duration_seconds": "24",
        "captions": inline_formset([{"language": "nl", "document": str(caption.pk)}]),
        "transcript": streamfield(
            [
                ("segment", {"time": "00:00", "speaker": "Saskia", "text": "Welkom."}),
                ("segment", {"time": "00:10", "speaker": "", "text": "Denk vooraf na."}),
            ]
        ),
        "body": streamfield(
            [
                ("heading", {"text": "Contacten verduurzamen", "level": "h2"}),
                ("paragraph", rich_text("<p>Spreek af hoe je elkaar terugziet.</p>")),
            ]
        ),
        "related_links": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.django_db
def test_editor_creates_a_clip_through_the_admin(admin_user_client, index):
    theme = Theme.objects.create(name="Ontmoeting", slug="ontmoeting")
    data = admin_form(index)
    data["themes"] = [str(theme.pk)]
    response = admin_user_client.post(
        f"/admin/pages/add/kennisclips/kennisclippage/{index.pk}/", data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    clip = KennisclipPage.objects.get(slug="duurzaam-op-pad")
    assert clip.live
    assert clip.transcript_seconds() == [0, 10]
    assert [caption.language for caption in clip.captions.all()] == ["nl"]
    assert list(clip.themes.all()) == [theme]
    html = admin_user_client.get(clip.url).content.decode()
    assert "Spreek af hoe je elkaar terugziet." in html
    assert 'href="#t=00:10"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        # The admin speaks the editor's language: Dutch here.
        ({"video_url": "https://youtu.be/dQw4w9WgXcQ"}, "video_url", "niet allebei"),
        ({"video_file": "", "video_url": ""}, "video_file", "Voeg de video toe"),
        ({"video_file": "", "video_url": "https://example.org/v/1"}, "video_url", "Alleen"),
        ({"poster_image": ""}, "poster_image", "posterafbeelding"),
    ],
)
def test_admin_refuses_bad_video_choices_on_the_right_field(
    admin_user_client, index, overrides, field, message
):
    response = admin_user_client.post(
        f"/admin/pages/add/kennisclips/kennisclippage/{index.pk}/", admin_form(index, **overrides)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in str(errors[field])
    assert not KennisclipPage.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_a_bad_time_code(admin_user_client, index):
    data = admin_form(
        index,
        transcript=streamfield([("segment", {"time": "1:75", "speaker": "", "text": "Tekst"})]),
    )
    response = admin_user_client.post(
        f"/admin/pages/add/kennisclips/kennisclippage/{index.pk}/", data
    )
    assert response.status_code == 200
    assert "transcript" in response.context["form"].errors
    assert "MM:SS" in response.content.decode()
    assert not KennisclipPage.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_two_caption_files_in_one_language(admin_user_client, index):
    first = make_document("one.nl.vtt", VTT_NL)
    second = make_document("two.nl.vtt", VTT_NL)
    data = admin_form(
        index,
        captions=inline_formset(
            [
                {"language": "nl", "document": str(first.pk)},
                {"language": "nl", "document": str(second.pk)},
            ]
        ),
    )
    response = admin_user_client.post(
        f"/admin/pages/add/kennisclips/kennisclippage/{index.pk}/", data
    )
    assert response.status_code == 200
    caption_forms = response.context["form"].formsets["captions"].forms
    assert "al een ondertitelbestand" in str(caption_forms[1].errors["language"])
    assert not KennisclipPage.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_a_caption_that_is_not_webvtt(admin_user_client, index):
    wrong = make_document("subs.srt", "1\n00:00:00,000 --> 00:00:01,000\nHoi\n")
    data = admin_form(
        index, captions=inline_formset([{"language": "nl", "document": str(wrong.pk)}])
    )
    response = admin_user_client.post(
        f"/admin/pages/add/kennisclips/kennisclippage/{index.pk}/", data
    )
    assert response.status_code == 200
    caption_form = response.context["form"].formsets["captions"].forms[0]
    assert "WebVTT" in str(caption_form.errors["document"])


# Byte-range serving


@pytest.fixture
def served_clip(index):
    return make_clip(
        index,
        captions=[KennisclipCaption(language="nl", document=make_document("s.nl.vtt", VTT_NL))],
    )


def stream_path(document):
    return f"/media-stream/{document.pk}/{document.filename}"


@pytest.mark.django_db
def test_whole_video_without_a_range(client, served_clip):
    response = client.get(stream_path(served_clip.video_file))
    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(VIDEO_BYTES))
    assert b"".join(response.streaming_content) == VIDEO_BYTES


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, 2047),
        ("bytes=-10", 2038, 2047),
        ("bytes=2000-9999", 2000, 2047),
    ],
)
def test_partial_content_for_a_range(client, served_clip, header, start, end):
    response = client.get(stream_path(served_clip.video_file), HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(VIDEO_BYTES)}"
    assert response["Content-Length"] == str(end - start + 1)
    assert response["Accept-Ranges"] == "bytes"
    assert b"".join(response.streaming_content) == VIDEO_BYTES[start : end + 1]


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["bytes=5000-", "bytes=2048-2050", "bytes=-0"])
def test_unsatisfiable_range(client, served_clip, header):
    response = client.get(stream_path(served_clip.video_file), HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO_BYTES)}"


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["bytes=abc", "items=0-5", "bytes=0-1,5-6", "bytes=9-3"])
def test_malformed_ranges_get_the_whole_file(client, served_clip, header):
    response = client.get(stream_path(served_clip.video_file), HTTP_RANGE=header)
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(VIDEO_BYTES))


@pytest.mark.django_db
def test_captions_and_webm_get_their_content_types(client, served_clip, index):
    caption = served_clip.captions.get().document
    response = client.get(stream_path(caption))
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert b"".join(response.streaming_content) == VTT_NL.encode()
    webm = make_clip(index, title="WebM", video_file=make_document("film.webm"))
    response = client.get(stream_path(webm.video_file), HTTP_RANGE="bytes=0-0")
    assert response.status_code == 206
    assert response["Content-Type"] == "video/webm"


@pytest.mark.django_db
def test_head_request_has_headers_and_no_body(client, served_clip):
    response = client.head(stream_path(served_clip.video_file))
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(VIDEO_BYTES))
    assert response.content == b""


@pytest.mark.django_db
def test_only_documents_of_live_public_clips_are_served(client, index, served_clip):
    unused = make_document("unused.mp4")
    assert client.get(stream_path(unused)).status_code == 404
    draft = make_clip(index, title="Concept", publish=False)
    assert client.get(stream_path(draft.video_file)).status_code == 404
    # Wrong file name, unknown id.
    assert client.get(f"/media-stream/{served_clip.video_file.pk}/other.mp4").status_code == 404
    assert client.get("/media-stream/999999/x.mp4").status_code == 404
    # A clip that becomes private or unpublished stops serving its files.
    PageViewRestriction.objects.create(page=served_clip, restriction_type="login")
    assert client.get(stream_path(served_clip.video_file)).status_code == 404
    PageViewRestriction.objects.all().delete()
    assert client.get(stream_path(served_clip.video_file)).status_code == 200
    served_clip.unpublish()
    assert client.get(stream_path(served_clip.video_file)).status_code == 404
    assert client.post(stream_path(served_clip.video_file)).status_code == 405


# The demo


@pytest.mark.django_db
def test_demo_loader_builds_both_languages_and_is_idempotent(
    client, home_pages, django_capture_on_commit_callbacks
):
    from kennisclips.demo import load_demo

    # wagtail-localize publishes translations when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        done = load_demo(home_pages)
    assert done
    counts = {
        "pages": Page.objects.count(),
        "clips": KennisclipPage.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "captions": KennisclipCaption.objects.count(),
    }
    revisions = {page.pk: page.latest_revision_id for page in KennisclipPage.objects.all()}
    with django_capture_on_commit_callbacks(execute=True):
        assert load_demo(home_pages) == []
    assert counts == {
        "pages": Page.objects.count(),
        "clips": KennisclipPage.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "captions": KennisclipCaption.objects.count(),
    }
    assert revisions == {page.pk: page.latest_revision_id for page in KennisclipPage.objects.all()}
    assert counts["clips"] == 6
    dutch = client.get("/nl/kennisclips/")
    english = client.get("/en/knowledge-clips/")
    assert dutch.status_code == english.status_code == 200
    assert len(BeautifulSoup(dutch.content, "html.parser").select(".clip-card")) == 3
    english_soup = BeautifulSoup(english.content, "html.parser")
    assert "Moving together creates connection" in english_soup.get_text()
    clip = client.get("/en/knowledge-clips/moving-together-creates-connection/")
    soup = BeautifulSoup(clip.content, "html.parser")
    assert len(soup.select(".transcript__segment")) >= 8
    assert soup.find("track", srclang="en").has_attr("default")
    source = soup.find("video").find("source")["src"]
    video = client.get(source, HTTP_RANGE="bytes=0-11")
    assert video.status_code == 206
    assert b"ftyp" in b"".join(video.streaming_content)


def test_demo_captions_match_the_transcripts():
    from kennisclips.demo import DEMO_MEDIA, caption_text
    from kennisclips.demo_content import CLIPS

    total = 0
    for clip in CLIPS:
        assert 8 <= len(clip.transcript) <= 12
        for language in ("nl", "en"):
            path = DEMO_MEDIA / f"{clip.video}.{language}.vtt"
            assert path.read_text(encoding="utf-8") == caption_text(clip, language)
    for path in DEMO_MEDIA.iterdir():
        total += path.stat().st_size
    assert total < 2 * 1024 * 1024


@pytest.mark.django_db
def test_editor_previews_an_unsaved_clip(admin_user_client, index):
    theme = Theme.objects.create(name="Ontmoeting", slug="ontmoeting")
    make_clip(index, title="Zelfde thema", themes=[theme])
    data = admin_form(index)
    data["themes"] = [str(theme.pk)]
    url = f"/admin/pages/add/kennisclips/kennisclippage/{index.pk}/preview/"
    response = admin_user_client.post(url, data)
    assert response.json()["is_valid"] is True
    preview = admin_user_client.get(url)
    assert preview.status_code == 200
    soup = BeautifulSoup(preview.content, "html.parser")
    assert soup.find("video").find("track", srclang="nl")
    assert [a["href"] for a in soup.select(".transcript__time")] == ["#t=00:00", "#t=00:10"]
    assert "Zelfde thema" in soup.find("section", class_="clip__related").get_text()
