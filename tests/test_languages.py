"""Dutch first, English second: locales, prefixes, the `/` redirect and the switcher."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Locale


@pytest.mark.django_db
def test_both_locales_come_from_migrations():
    assert settings.LANGUAGE_CODE == "nl"
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"nl", "en"}
    assert Locale.get_default().language_code == "nl"


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("en", "/en/"),
        ("nl-NL,nl;q=0.9,en;q=0.8", "/nl/"),
        ("de-DE,de;q=0.9,en;q=0.5", "/en/"),
        ("fr-FR", "/nl/"),
        ("", "/nl/"),
        ("*;q=0.1,garbage;;;", "/nl/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_root_redirect_sets_no_cookie(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert not response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "language"), [("/nl/", "nl"), ("/en/", "en")])
def test_each_language_serves_its_own_home_page(client, home_pages, path, language):
    response = client.get(path)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == home_pages[language].title
    assert not response.cookies


@pytest.mark.django_db
def test_admin_lives_outside_the_language_prefixes(client):
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/nl/admin/").status_code == 404
    assert client.get("/en/admin/").status_code == 404


@pytest.mark.django_db
def test_search_path_is_translated(client):
    assert client.get("/nl/zoeken/").status_code == 200
    assert client.get("/en/search/").status_code == 200
    assert client.get("/en/zoeken/").status_code == 404


def switcher_links(response) -> dict[str, dict]:
    soup = BeautifulSoup(response.content, "html.parser")
    switcher = soup.find("nav", class_="language-switcher")
    return {
        link["hreflang"]: {
            "href": link["href"],
            "current": link.get("aria-current"),
            "lang": link["lang"],
        }
        for link in switcher.find_all("a")
    }


@pytest.mark.django_db
def test_switcher_on_a_page_links_to_its_translation(client, home_pages):
    links = switcher_links(client.get("/nl/"))
    assert links["en"] == {"href": "/en/", "current": None, "lang": "en"}
    assert links["nl"]["current"] == "true"


@pytest.mark.django_db
def test_switcher_on_search_keeps_the_query(client):
    links = switcher_links(client.get("/nl/zoeken/?q=eenzaamheid&page=2"))
    assert links["en"]["href"] == "/en/search/?q=eenzaamheid&page=2"
    assert links["nl"]["current"] == "true"


@pytest.mark.django_db
def test_switcher_skips_a_translation_that_is_not_live(client, home_pages):
    english = home_pages["en"]
    english.live = False
    english.save()
    links = switcher_links(client.get("/nl/"))
    # The page saying, in English, that this item is not available in English.
    assert links["en"]["href"] == f"/en/not-available/?page={home_pages['nl'].pk}"
    soup = BeautifulSoup(client.get("/nl/").content, "html.parser")
    hreflangs = {link["hreflang"] for link in soup.find_all("link", rel="alternate")}
    assert hreflangs == {"nl", "x-default"}


@pytest.mark.django_db
def test_head_announces_both_languages_with_absolute_urls(client):
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    assert alternates == {
        "nl": "http://testserver/nl/",
        "en": "http://testserver/en/",
        "x-default": "http://testserver/nl/",
    }
