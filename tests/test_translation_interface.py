"""The interface per language: dates, the admin per user, feeds and listings per language,
and catalogues that are complete once compiled."""

import datetime
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.users.models import UserProfile

from blog.models import BlogPostPage
from tests.test_editorial_helpers import build_site, make_draft
from tests.test_translation_helpers import english

PROJECT_ROOT = Path(__file__).resolve().parent.parent
COMPILED = {
    path.relative_to(PROJECT_ROOT).parts[0]: path
    for path in PROJECT_ROOT.glob("*/locale/nl/LC_MESSAGES/django.mo")
}


@pytest.fixture
def site(home_pages):
    return build_site(home_pages)


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def translate(page, **fields):
    copy = page.copy_for_translation(english())
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return type(page).objects.get(pk=copy.pk)


def shown_dates(response) -> list[str]:
    return [time.get_text(strip=True) for time in soup_of(response).find_all("time")]


# Dates per language, one page of each type


@pytest.mark.django_db
def test_blog_post_date_in_dutch_and_english(client, site):
    post = make_draft(site["blog_nl"], site["editor"], "Samen koken", site["person"], live=True)
    post.date = datetime.date(2019, 3, 12)
    post.save_revision().publish()
    translate(BlogPostPage.objects.get(pk=post.pk), title="Cooking together", slug="cooking")
    assert "12 maart 2019" in shown_dates(client.get("/nl/blog/samen-koken/"))
    assert "12 March 2019" in shown_dates(client.get("/en/blog/cooking/"))


@pytest.mark.django_db
def test_clip_date_in_dutch_and_english(client, home_pages):
    from tests.test_kennisclips import make_clip, make_index

    index = make_index(home_pages["nl"])
    translate(index, title="Knowledge clips", slug="knowledge-clips")
    clip = make_clip(index, publication_date=datetime.date(2019, 3, 12))
    translate(clip, title="Moving together", slug="moving-together")
    assert "12 maart 2019" in shown_dates(client.get("/nl/kennisclips/samen-bewegen/"))
    assert "12 March 2019" in shown_dates(client.get("/en/knowledge-clips/moving-together/"))


@pytest.mark.django_db
def test_study_date_in_dutch_and_english(client, site):
    from tests.test_studies import make_study

    study = make_study(site["studies_nl"], date=datetime.date(2019, 3, 12))
    translate(study, title="Learning together", slug="learning-together")
    assert "12 maart 2019" in shown_dates(client.get("/nl/onderzoek/van-en-met-elkaar-leren/"))
    assert "12 March 2019" in shown_dates(client.get("/en/research/learning-together/"))


# The admin in each user's language


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [("en", "Translation status", "Vertaalstatus"), ("nl", "Vertaalstatus", "Translation status")],
)
def test_the_admin_speaks_the_language_each_editor_chose(client, site, language, expected, absent):
    profile = UserProfile.get_for_user(site["editor"])
    profile.preferred_language = language
    profile.save()
    client.force_login(site["editor"])
    response = client.get("/admin/reports/translations/")
    soup = soup_of(response)
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == expected
    assert absent not in response.content.decode()


# Feeds and listings: only the language's own pages


@pytest.mark.django_db
def test_a_post_only_in_dutch_stays_out_of_the_english_feeds_and_listing(client, site):
    both = make_draft(site["blog_nl"], site["editor"], "Samen koken", site["person"], live=True)
    translate(BlogPostPage.objects.get(pk=both.pk), title="Cooking together", slug="cooking")
    make_draft(site["blog_nl"], site["editor"], "Alleen Nederlands", site["person"], live=True)

    english_listing = client.get("/en/blog/").content.decode()
    assert "Cooking together" in english_listing and "Alleen Nederlands" not in english_listing
    dutch_listing = client.get("/nl/blog/").content.decode()
    assert "Alleen Nederlands" in dutch_listing and "Cooking together" not in dutch_listing
    for feed in ("feed/", "feed/atom/"):
        english_feed = client.get(f"/en/blog/{feed}")
        assert english_feed.status_code == 200
        assert b"Cooking together" in english_feed.content
        assert b"Alleen Nederlands" not in english_feed.content
        dutch_feed = client.get(f"/nl/blog/{feed}").content
        assert b"Alleen Nederlands" in dutch_feed and b"Cooking together" not in dutch_feed


# Compiled catalogues


def test_every_app_has_compiled_catalogues_in_both_languages():
    for app, mo_path in COMPILED.items():
        english_mo = mo_path.parent.parent.parent / "en" / "LC_MESSAGES" / "django.mo"
        assert english_mo.exists(), f"{app}: no compiled English catalogue"
    assert "translations" in COMPILED


@pytest.mark.parametrize("app", sorted(COMPILED))
def test_compiled_catalogues_have_the_same_strings_all_translated(app):
    """Read from the .mo files Django loads, not from the .po sources."""
    dutch_mo = polib.mofile(str(COMPILED[app]))
    english_mo = polib.mofile(str(COMPILED[app].parents[2] / "en" / "LC_MESSAGES" / "django.mo"))
    dutch_ids = {(entry.msgctxt, entry.msgid) for entry in dutch_mo if entry.msgid}
    english_ids = {(entry.msgctxt, entry.msgid) for entry in english_mo if entry.msgid}
    assert dutch_ids == english_ids, "a string is compiled in only one language"
    for entry in dutch_mo:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid
        elif entry.msgid:
            assert entry.msgstr, entry.msgid


@pytest.mark.parametrize(
    ("msgid", "dutch"),
    [
        ("Not available in this language", "Niet beschikbaar in deze taal"),
        ("Translation status", "Vertaalstatus"),
        ("not-available/", "niet-beschikbaar/"),
    ],
)
def test_django_loads_the_compiled_dutch(msgid, dutch):
    with translation.override("nl"):
        assert translation.gettext(msgid) == dutch
    with translation.override("en"):
        assert translation.gettext(msgid) == msgid
