"""Health check, error pages in the site's layout, and behaviour with the database gone."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import translation

from website.views import server_error, service_unavailable

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Nothing listens on port 1: connecting fails at once, as with a stopped database server.
UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:1/kennisbank"


def one_h1(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    headings = soup.find_all("h1")
    assert len(headings) == 1
    return headings[0].get_text(strip=True)


@pytest.mark.django_db
def test_health_is_ok_when_the_database_answers(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def run_without_database(code: str) -> dict:
    """Run `code` in a fresh interpreter whose database cannot be reached; it prints JSON."""
    env = dict(os.environ, DATABASE_URL=UNREACHABLE_DATABASE)
    env["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    prelude = (
        "import json, django; django.setup()\n"
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", prelude + code],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_health_is_503_when_the_database_is_unreachable():
    outcome = run_without_database(
        "r = client.get('/healthz/')\n"
        "print(json.dumps({'status': r.status_code, 'body': r.json(),"
        " 'retry': r.get('Retry-After')}))"
    )
    assert outcome["status"] == 503
    assert outcome["body"] == {"status": "unavailable", "database": "unreachable"}
    assert outcome["retry"] == "30"


@pytest.mark.parametrize(
    ("path", "language", "title"),
    [("/nl/", "nl", "Tijdelijk niet beschikbaar"), ("/en/", "en", "Temporarily unavailable")],
)
def test_pages_answer_503_in_the_site_layout_when_the_database_is_down(path, language, title):
    outcome = run_without_database(
        f"r = client.get({path!r})\n"
        "print(json.dumps({'status': r.status_code, 'retry': r.get('Retry-After'),"
        " 'html': r.content.decode()}))"
    )
    assert outcome["status"] == 503
    assert outcome["retry"] == "30"
    soup = BeautifulSoup(outcome["html"], "html.parser")
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == title
    assert soup.find("header") and soup.find("footer") and soup.find("main")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "title"),
    [("/nl/bestaat-niet/", "nl", "Pagina niet gevonden"), ("/en/missing/", "en", "Page not found")],
)
def test_404_page_in_the_site_layout(client, path, language, title):
    response = client.get(path)
    assert response.status_code == 404
    assert one_h1(response) == title
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    assert soup.find("form", role="search")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    switcher = soup.find("nav", class_="language-switcher")
    assert {link["href"]: link.get_text() for link in switcher.find_all("a")} == {
        "/nl/": "Nederlands",
        "/en/": "English",
    }


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
def test_an_unexpected_error_gives_the_500_page():
    client = Client(raise_request_exception=False)
    response = client.get("/failing/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert one_h1(response) == "Something went wrong"
    assert "A deliberate failure" not in response.content.decode()


@pytest.mark.parametrize(
    ("view", "language", "title", "status"),
    [
        (server_error, "nl", "Er ging iets mis", 500),
        (server_error, "en", "Something went wrong", 500),
        (service_unavailable, "nl", "Tijdelijk niet beschikbaar", 503),
    ],
)
def test_error_pages_render_without_touching_the_database(rf, view, language, title, status):
    # No django_db mark: pytest-django makes any query in this test raise.
    with translation.override(language):
        response = view(rf.get(f"/{language}/"))
    assert response.status_code == status
    assert one_h1(response) == title
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    switcher = soup.find("nav", class_="language-switcher")
    assert [link.get_text() for link in switcher.find_all("a")] == ["Nederlands", "English"]
