"""What search engines and link previews get: meta, Open Graph, JSON-LD and the sitemap."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


@pytest.mark.django_db
def test_sitemap_lists_both_languages_with_alternates(client, home_pages):
    entries = sitemap_entries(client)
    expected_alternates = {
        "nl": "http://testserver/nl/",
        "en": "http://testserver/en/",
        "x-default": "http://testserver/nl/",
    }
    assert entries == {
        "http://testserver/nl/": expected_alternates,
        "http://testserver/en/": expected_alternates,
    }


@pytest.mark.django_db
def test_sitemap_leaves_out_drafts_and_private_pages(client, home_pages):
    english = home_pages["en"]
    english.unpublish()
    PageViewRestriction.objects.create(
        page=home_pages["nl"], restriction_type=PageViewRestriction.LOGIN
    )
    assert sitemap_entries(client) == {}


@pytest.mark.django_db
def test_home_page_has_meta_open_graph_and_canonical(client, home_pages):
    home = home_pages["en"]
    home.search_description = "What the team learned."
    home.save_revision().publish()
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert soup.find("meta", attrs={"name": "description"})["content"] == "What the team learned."
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/en/"
    properties = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
    assert properties["og:title"] == home.title
    assert properties["og:url"] == "http://testserver/en/"
    assert properties["og:locale"] == "en_GB"
    assert soup.title.get_text() == home.title


@pytest.mark.django_db
def test_json_ld_is_valid_and_cannot_break_out_of_its_script(client, home_pages):
    home = home_pages["nl"]
    home.title = "Samen </script><script>alert(1)</script> & meer"
    home.save_revision().publish()
    response = client.get("/nl/")
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    soup = BeautifulSoup(html, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "WebSite"
    assert data["name"] == home.title
    assert data["inLanguage"] == "nl"
