"""Whatever a visitor (or a robot) sends to search gives a normal page, never a 5xx, and nothing
comes back unescaped. Runs on SQLite, and on PostgreSQL when DATABASE_URL points there."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from search.query import clean_query
from tests.test_search import make_clip, make_indexes, make_post, make_theme

SEARCH_PATHS = {"nl": "/nl/zoeken/", "en": "/en/search/"}

HOSTILE_QUERIES = [
    # SQLite FTS5 syntax
    '"',
    '""',
    '"eenzaam',
    'eenzaam"',
    "NEAR(eenzaam fietsen)",
    "NEAR(",
    "eenzaam*",
    "*",
    "^eenzaam",
    "title:eenzaam",
    "AND OR NOT",
    "eenzaam AND",
    "NOT",
    "(",
    ")",
    "{title body}: eenzaam",
    "-eenzaam",
    "+eenzaam",
    # PostgreSQL tsquery syntax
    "eenzaam & fietsen",
    "eenzaam | fietsen",
    "!eenzaam",
    "eenzaam <-> fietsen",
    "eenzaam:*",
    "eenzaam:A",
    "''",
    "'eenzaam'",
    "& | ! ( ) <-> <2>",
    # SQL and LIKE wildcards
    "' OR 1=1 --",
    '"; DROP TABLE search_searchdocument; --',
    "1' UNION SELECT password FROM accounts_user--",
    "%",
    "_",
    "%%%___",
    "\\",
    "\\%",
    "eenzaam%' OR '1'='1",
    # Script and HTML payloads
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</title><script>alert(1)</script>",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "{% debug %}",
    "&lt;script&gt;",
    "'\"><iframe src=//example.org>",
    "<mark>eenzaam</mark>",
    # Control and invisible characters
    "\x00",
    "eenzaam\x00fietsen",
    "\x00\x00\x00",
    "\x1b[31meenzaam",
    "eenzaam\r\nSet-Cookie: x=1",
    "\t\t",
    "\u200b\u200b",
    "\u202eeenzaam",
    "\ufeffeenzaam",
    "\x7f\x85\xa0",
    # Whitespace only, empty
    "",
    " ",
    "          ",
    # Other scripts and odd Unicode
    "😀",
    "eenzaam 😀 fietsen",
    "e\u0301e\u0301nzaam",
    "孤独",
    "وحدة",
    "İstanbul ß ﬁ",
    "ｅｅｎｚａａｍ",
    "\U0001f600" * 300,
    # Size
    "a" * 10_000,
    "eenzaam " * 500,
    " ".join(f"woord{number}" for number in range(400)),
    '"' * 1000,
    "(" * 500,
    "eenzaam" + " OR eenzaam" * 300,
]

HOSTILE_PARAMETERS = [
    {"page": "abc"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "99999"},
    {"page": "9" * 50},
    {"page": "1.5"},
    {"page": "1e5"},
    {"page": "NaN"},
    {"page": "inf"},
    {"page": "<script>alert(1)</script>"},
    {"page": "\x00"},
    {"type": "<script>alert(1)</script>"},
    {"type": "clip'"},
    {"type": "CLIP"},
    {"type": "x" * 1000},
    {"type": "\x00"},
    {"theme": "<script>alert(1)</script>"},
    {"theme": "../../etc/passwd"},
    {"theme": "\x00"},
    {"theme": "x" * 1000},
    {"theme": "eenzaamheid'; --"},
    {"theme": "eenzaamheid", "type": "nothing"},
]

RAW_QUERY_STRINGS = [
    "q=%FF%FE",
    "q=%C3%28",
    "q=%ED%A0%80",
    "q=%00",
    "q=%",
    "q=%E0%A4%A",
    "q=eenzaam&q=fietsen&q=%3Cscript%3E",
    "q=eenzaam&page=1&page=abc&type=clip&type=x&theme=a&theme=%00",
    "q[]=eenzaam",
    "q=" + "%22" * 300,
]

TAGS_THAT_MUST_NOT_APPEAR = ["<script", "<img", "<svg", "<iframe"]


@pytest.fixture
def content(home_pages):
    theme = make_theme("Eenzaamheid", "eenzaamheid", english=("Loneliness", "loneliness"))
    for home in home_pages.values():
        indexes = make_indexes(home)
        make_post(indexes["post"], "Eenzaamheid en fietsen", "Eenzaam fietsen.", themes=[theme])
        make_clip(
            indexes["clip"],
            "Samen fietsen",
            transcript=[("00:05", "Helma", "Eenzaamheid <script>alert(1)</script>")],
            themes=[theme],
        )


def problems_with(response, sent_query=None) -> list[str]:
    problems = []
    if response.status_code >= 500 or response.status_code not in (200, 404):
        return [f"status {response.status_code}"]
    html = response.content.decode("utf-8").lower()
    problems += [f"unescaped {tag}" for tag in TAGS_THAT_MUST_NOT_APPEAR if tag in html]
    if response.status_code == 200 and sent_query is not None:
        box = BeautifulSoup(response.content, "html.parser").select_one("#search-page-query")
        expected = clean_query(sent_query)
        if box is None or box.get("value", "") != expected:
            problems.append("the query box does not hold the cleaned query")
    return problems


@pytest.mark.parametrize("language", ["nl", "en"])
def test_hostile_queries_give_a_normal_page(client, content, language):
    assert len(HOSTILE_QUERIES) >= 60
    failures = {}
    for query in HOSTILE_QUERIES:
        response = client.get(SEARCH_PATHS[language], {"q": query})
        problems = problems_with(response, query)
        if problems:
            failures[query[:60]] = problems
    assert failures == {}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_hostile_filter_and_page_values_give_a_normal_page(client, content, language):
    failures = {}
    for parameters in HOSTILE_PARAMETERS:
        for query in ("eenzaam", "lonely", ""):
            response = client.get(SEARCH_PATHS[language], {"q": query, **parameters})
            problems = problems_with(response, query)
            if problems:
                failures[f"{query} {parameters}"[:80]] = problems
    assert failures == {}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_raw_and_invalid_utf8_query_strings_give_a_normal_page(client, content, language):
    failures = {}
    for raw in RAW_QUERY_STRINGS:
        response = client.get(f"{SEARCH_PATHS[language]}?{raw}")
        problems = problems_with(response)
        if problems:
            failures[raw[:60]] = problems
    assert failures == {}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_hostile_queries_in_the_header_search_of_another_page(client, content, language):
    """The query box in every page's header reflects the query too (base.html)."""
    for query in ('"><script>alert(1)</script>', "\x00<svg/onload=alert(1)>"):
        response = client.get(f"{SEARCH_PATHS[language]}?q={quote(query)}")
        assert problems_with(response, query) == []
        header_box = BeautifulSoup(response.content, "html.parser").select_one("#site-search-query")
        assert header_box["value"] == clean_query(query)
