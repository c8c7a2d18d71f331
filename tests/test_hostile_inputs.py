"""Hostile input at every public entry point: never a 5xx, nothing reflected unescaped, and no
draft or password-protected title shown. Runs on SQLite, and on PostgreSQL with DATABASE_URL.

Search's own query handling is covered by tests/test_search_hostile.py; this suite reuses its
inputs and sends them (and more) to the listings and their filters, the feeds, the sitemap, share
links, the health check, the byte-range media view, the language redirect, the "not available in
this language" page and the language prefixes.
"""

import datetime
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from editorial.models import ShareLink
from tests.conftest import make_user
from tests.test_kennisclips import make_clip as make_uploaded_clip
from tests.test_search import make_clip, make_indexes, make_post, make_theme
from tests.test_search_hostile import HOSTILE_QUERIES

MORE_HOSTILE_VALUES = [
    # Page numbers: negative, huge, float, other digits
    "-1",
    "0",
    "-0",
    "99999999999999999999999999",
    "1.5",
    "1e9",
    "NaN",
    "inf",
    "-inf",
    "0x10",
    " 1 ",
    "١٢",
    "²",
    "1 OR 1=1",
    # Literal escapes and encodings
    "%00",
    "%2e%2e%2f",
    "%0d%0aX-Injected:%201",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\u003cscript\\u003ealert(1)",
    # Path traversal
    "../../../../etc/passwd",
    "..\\..\\..\\windows\\win.ini",
    "....//....//etc/passwd",
    "/etc/passwd",
    "file:///etc/passwd",
    # Header injection
    "a\r\nX-Injected: 1",
    "a\nSet-Cookie: injected=1",
    # Format strings and template syntax
    "%s%s%s%s%s%n",
    "%(secret)s",
    "{0}{1}{__class__}",
    "{.__class__.__mro__}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    # ReDoS-style strings
    "a" * 5000 + "!",
    "(a+)+$" * 100,
    "0" * 10_000 + "x",
    " " * 5000 + "x",
    "." * 10_000,
    "a," * 5000,
    "@" * 3000 + ".example.org",
    # Emoji, RTL and combining marks
    "👨‍👩‍👧‍👦" * 100,
    "\u202etxt.exe",
    "שלום עולם",
    "z\u0335\u0321\u034e\u0308\u0301" * 200,
    # More script payloads
    "<script>alert(1)</script><!--",
    "'><script>alert(1)</script>",
    '"onmouseover="alert(1)',
    "<a href=javascript:alert(1)>x</a>",
]

HOSTILE_VALUES = HOSTILE_QUERIES + MORE_HOSTILE_VALUES

# What an unescaped reflection of the payloads above would put in a page.
FORBIDDEN_IN_BODY = [
    "<script>alert(1)",
    "onerror=alert(1)",
    "<svg/onload",
    "<iframe src=//example.org",
    '"onmouseover="alert(1)',
    "<a href=javascript:alert(1)>",
    'href="javascript:',
]

DRAFT_TITLE = "Geheimconcept Zwaluwstaart"
CHANGED_TITLE = "Ongepubliceerde wijziging Roerdomp"
PROTECTED_TITLE = "Wachtwoordpagina Kraanvogel"
SECRET_WORDS = ["Zwaluwstaart", "Roerdomp", "Kraanvogel"]

ROLES = ["student", "team", "STUDENT"]


@pytest.fixture
def site(home_pages):
    """Both language trees with posts, clips (one with an uploaded video), a draft, a live
    post with an unpublished title change, a password-protected post, and share links."""
    theme = make_theme("Eenzaamheid", "eenzaamheid", english=("Loneliness", "loneliness"))
    indexes = {}
    for code, home in home_pages.items():
        indexes[code] = make_indexes(home)
        make_post(indexes[code]["post"], "Eenzaamheid en fietsen", "Samen fietsen.", themes=[theme])
        make_clip(indexes[code]["clip"], "Samen fietsen", transcript=[("00:05", "Helma", "Hoi")])
    uploaded = make_uploaded_clip(indexes["nl"]["clip"], "Geuploade film")

    blog = indexes["nl"]["post"]
    draft = make_post(blog, DRAFT_TITLE, "Geheim.", slug="geheimconcept")
    draft.unpublish()
    changed = make_post(blog, "Openbare post", "Openbaar.", slug="openbare-post")
    changed.title = CHANGED_TITLE
    changed.save_revision()
    protected = make_post(blog, PROTECTED_TITLE, "Kraanvogel tekst.", slug="kraanvogel")
    PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="geheim-wachtwoord"
    )
    for page in (draft, changed, protected):
        for word in SECRET_WORDS:
            assert word not in page.url_path

    author = make_user("auteur")
    expired, expired_token = ShareLink.create_for(draft, author, 1)
    expired.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    expired.save(update_fields=["expires_at"])
    revoked, revoked_token = ShareLink.create_for(draft, author, 7)
    revoked.revoked_at = timezone.now()
    revoked.save(update_fields=["revoked_at"])
    return {
        "indexes": indexes,
        "video": uploaded.video_file,
        "expired_token": expired_token,
        "revoked_token": revoked_token,
        "protected": protected,
    }


def problems_with(response, allowed=(200, 206, 301, 302, 400, 404, 405, 416)) -> list[str]:
    if response.status_code >= 500 or response.status_code not in allowed:
        return [f"status {response.status_code}"]
    problems = []
    for name, value in response.items():
        if "injected" in name.lower() or "injected" in str(value).lower():
            problems.append(f"header injection in {name}")
    if getattr(response, "streaming", False):
        return problems
    body = response.content.decode("utf-8", errors="replace")
    lowered = body.lower()
    problems += [f"unescaped {marker!r}" for marker in FORBIDDEN_IN_BODY if marker in lowered]
    problems += [f"secret title {word!r} shown" for word in SECRET_WORDS if word in body]
    return problems


def collect(client, requests) -> dict:
    """Send each (label, path, params, headers) and return the ones with problems."""
    failures = {}
    for label, path, params, headers in requests:
        response = client.get(path, params, headers=headers or {})
        problems = problems_with(response)
        if problems:
            failures[label[:100]] = problems
    return failures


def localized(name, language, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, **kwargs)


def test_there_are_at_least_a_hundred_hostile_inputs():
    assert len(HOSTILE_VALUES) >= 100
    assert len(set(HOSTILE_VALUES)) == len(HOSTILE_VALUES)


def test_search_parameters(client, site):
    """(Both languages run the same view; tests/test_search_hostile.py covers both for `q`.)"""
    path = localized("search", "en")
    requests = []
    for value in HOSTILE_VALUES:
        for name in ("page", "type", "theme"):
            requests.append((f"{name}={value}", path, {"q": "eenzaam", name: value}, None))
    assert collect(client, requests) == {}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_search_never_shows_drafts_or_protected_pages(client, site, language):
    """The query is echoed in the search box; the results must not hold the secret pages."""
    path = localized("search", language)
    queries = [*SECRET_WORDS, DRAFT_TITLE, CHANGED_TITLE, PROTECTED_TITLE, "Kraanvogel tekst"]
    failures = {}
    for query in queries:
        response = client.get(path, {"q": query})
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        main = soup.find("main")
        for box in main.find_all("input"):
            box.decompose()
        results = " ".join(item.get_text(" ") for item in main.select(".search-result"))
        links = [a["href"] for a in main.find_all("a", href=True)]
        shown = [word for word in SECRET_WORDS if word in results]
        shown += [href for href in links if "geheimconcept" in href or "kraanvogel" in href]
        if shown:
            failures[query] = shown
    assert failures == {}
    # The search does find the public neighbours, so an empty page is not why this passes.
    response = client.get(path, {"q": "Openbare post" if language == "nl" else "fietsen"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select(".search-result")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_blog_listing_and_its_filters(client, site, language):
    path = site["indexes"][language]["post"].url
    requests = [(f"role={role}", path, {"role": role}, None) for role in ROLES]
    for value in HOSTILE_VALUES:
        requests += [
            (f"theme={value}", path, {"theme": value}, None),
            (f"role={value}", path, {"role": value}, None),
            (f"page={value}", path, {"page": value}, None),
        ]
    assert collect(client, requests) == {}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_clip_index(client, site, language):
    path = site["indexes"][language]["clip"].url
    requests = [(f"page={value}", path, {"page": value}, None) for value in HOSTILE_VALUES]
    assert collect(client, requests) == {}


@pytest.mark.parametrize("feed", ["feed/", "feed/atom/"])
def test_feeds_with_query_strings(client, site, feed):
    requests = []
    for language in ("nl", "en"):
        path = site["indexes"][language]["post"].url + feed
        response = client.get(path)
        assert response.status_code == 200 and "Eenzaamheid" in response.content.decode()
        for value in HOSTILE_VALUES:
            requests.append(
                (f"{language} {value}", path, {"q": value, "page": value, "theme": value}, None)
            )
    assert collect(client, requests) == {}


def test_sitemap(client, site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and "openbare-post" in response.content.decode()
    requests = [
        (value, "/sitemap.xml", {"p": value, "page": value}, None) for value in HOSTILE_VALUES
    ]
    assert collect(client, requests) == {}


def test_share_links_garbage_overlong_expired_and_revoked(client, site):
    tokens = [*HOSTILE_VALUES, "A" * 43, "A" * 10_000, site["expired_token"], site["revoked_token"]]
    failures = {}
    for token in tokens:
        response = client.get(f"/share/{quote(token, safe='')}/")
        problems = problems_with(response)
        if response.status_code == 200:
            problems.append("a share page was shown")
        if problems:
            failures[token[:60]] = problems
    assert failures == {}


def test_health_check(client, site):
    requests = [(value, "/healthz/", {"x": value}, None) for value in HOSTILE_VALUES]
    assert collect(client, requests) == {}
    assert client.post("/healthz/").status_code == 405


def test_media_stream_bad_range_headers(client, site):
    document = site["video"]
    path = reverse("kennisclips:media_stream", args=[document.pk, document.filename])
    assert client.get(path).status_code == 200
    ranges = [
        "bytes=abc",
        "bytes=-",
        "bytes=5-1",
        "bytes=-0",
        "bytes=0-0," * 2000,
        "bytes=99999999999999999999999-",
        "bytes=-99999999999999999999999",
        "bytes=1e3-2e3",
        "items=0-1",
        "bytes 0-1",
        "bytes=0-1;bytes=2-3",
        "bytes==0-1",
        *HOSTILE_VALUES,
    ]
    failures = {}
    for value in ranges:
        response = client.get(path, headers={"range": value})
        problems = problems_with(response)
        if response.status_code == 206 and not response["Content-Range"].startswith("bytes "):
            problems.append("206 without a Content-Range")
        if problems:
            failures[value[:60]] = problems
    # Hostile file names and ids in the path are 404s.
    # (LocaleMiddleware may first redirect a 404 outside the prefixes to /nl/..., a 404 too.)
    for value in HOSTILE_VALUES[:40]:
        response = client.get(f"/media-stream/{document.pk}/{quote(value, safe='')}", follow=True)
        if response.status_code != 404:
            failures[f"name {value[:40]}"] = [f"status {response.status_code}"]
    assert failures == {}


def test_root_language_redirect_with_garbage_accept_language(client, site):
    values = [
        *HOSTILE_VALUES,
        "*;q=abc",
        "nl;q=1e999",
        "en;q=-1",
        "en-US,en;q=0.9," * 500,
        "zz-ZZ",
        "en" + "-x" * 1000,
    ]
    failures = {}
    for value in values:
        response = client.get("/", headers={"accept-language": value})
        if response.status_code != 302 or response["Location"] not in ("/nl/", "/en/"):
            failures[value[:60]] = [f"status {response.status_code}", response.get("Location")]
    assert client.get("/", headers={"accept-language": "en-GB,en;q=0.8"})["Location"] == "/en/"
    assert failures == {}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_not_available_page(client, site, language):
    path = localized("translation_not_available", language)
    requests = [(f"page={value}", path, {"page": value}, None) for value in HOSTILE_VALUES]
    requests.append(("protected id", path, {"page": str(site["protected"].pk)}, None))
    assert collect(client, requests) == {}


def test_language_prefixes_and_hostile_paths(client, site):
    failures = {}
    prefixes = [
        "/xx/",
        "/NL/",
        "/nl-nl/",
        "/en-us/",
        "/EN/",
        "/%00/",
        "/nl/%2e%2e/%2e%2e/etc/passwd",
    ]
    for path in prefixes:
        problems = problems_with(client.get(path))
        if problems:
            failures[path] = problems
    for value in HOSTILE_VALUES:
        for language in ("nl", "en"):
            path = f"/{language}/{quote(value, safe='')}/"
            problems = problems_with(client.get(path))
            if problems:
                failures[path[:60]] = problems
    assert failures == {}
