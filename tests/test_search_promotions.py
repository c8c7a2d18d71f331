"""Search, for editors: promotions per language, searches counted out of band, the report."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from search.models import SearchPromotion, SearchQueryDaily
from search.recording import flush_recorded_searches
from search.text import normalized_query
from tests.conftest import make_user
from tests.test_search import (
    EN_SEARCH,
    NL_SEARCH,
    locale,
    make_clip,
    make_indexes,
    make_post,
    make_study,
    result_titles,
    soup_of,
)

PROMOTED = ".search-results--promoted"
NORMAL = ".search-results:not(.search-results--other):not(.search-results--promoted)"
SNIPPET_URL = "/admin/snippets/search/searchpromotion/"
REPORT_URL = "/admin/reports/searches/"


@pytest.fixture
def site(home_pages):
    """Index pages in both language trees."""
    return {code: make_indexes(home) for code, home in home_pages.items()}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def promote(page, query, language, **fields):
    return SearchPromotion.objects.create(
        locale=locale(language), query_text=query, page=page, **fields
    )


def editor():
    user = make_user("redacteur")
    user.groups.add(Group.objects.get(name="Redacteuren"))
    return user


def student():
    user = make_user("student")
    user.groups.add(Group.objects.get(name="Studenten"))
    return user


# Normalizing


def test_a_query_is_normalized_to_its_sorted_stems_in_its_language():
    assert normalized_query("Eenzame studenten", "nl") == normalized_query(
        "student eenzaamheid", "nl"
    )
    assert normalized_query("Loneliness", "en") == normalized_query("lonely", "en")
    assert normalized_query("  \"' ", "nl") == ""


def test_a_promotion_stores_its_normalized_query(site):
    study = make_study(site["nl"]["study"], "Evaluatie")
    promotion = promote(study, "Eenzame ouderen", "nl")
    assert promotion.normalized_query == normalized_query("ouderen eenzaamheid", "nl")


def test_a_promotion_needs_words_and_a_page_in_its_language(site):
    english = make_post(site["en"]["post"], "Loneliness")
    promotion = SearchPromotion(locale=locale("nl"), query_text=" ?! ", page=english)
    with pytest.raises(ValidationError) as error:
        promotion.full_clean()
    assert set(error.value.message_dict) == {"query_text", "page"}

    dutch = make_post(site["nl"]["post"], "Eenzaamheid")
    promote(dutch, "eenzaamheid", "nl")
    duplicate = SearchPromotion(locale=locale("nl"), query_text="Eenzame", page=dutch)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert set(error.value.message_dict) == {"page"}


# Promotions on the results page


def test_a_promotion_shows_above_the_results_in_its_language_only(client, site):
    make_post(site["nl"]["post"], "Eenzaamheid onder studenten", "Eenzaam.")
    promoted = make_clip(site["nl"]["clip"], "Ontmoeten in de buurt")
    promote(promoted, "eenzaamheid", "nl", description="Onze beste clip hierover.")
    make_post(site["en"]["post"], "Loneliness among students", "Lonely.")

    soup = soup_of(client.get(NL_SEARCH, {"q": "Eenzame"}))
    section = soup.select_one(".search-promoted")
    assert section.h2.get_text(strip=True) == "Aanbevolen"
    assert result_titles(soup, PROMOTED) == ["Ontmoeten in de buurt"]
    assert "Onze beste clip hierover." in section.get_text()
    assert result_titles(soup, NORMAL) == ["Eenzaamheid onder studenten"]
    # The promotion comes first in the document.
    listings = soup.select(".search-results")
    assert "search-results--promoted" in listings[0]["class"]

    english = soup_of(client.get(EN_SEARCH, {"q": "loneliness"}))
    assert english.select_one(".search-promoted") is None
    assert result_titles(english, NORMAL) == ["Loneliness among students"]


def test_an_english_promotion_is_labelled_recommended(client, site):
    post = make_post(site["en"]["post"], "Meeting people", "Meetings.")
    make_post(site["en"]["post"], "Lonely evenings", "Lonely.")
    promote(post, "lonely", "en")
    soup = soup_of(client.get(EN_SEARCH, {"q": "loneliness"}))
    assert soup.select_one(".search-promoted h2").get_text(strip=True) == "Recommended"
    assert result_titles(soup, PROMOTED) == ["Meeting people"]
    assert result_titles(soup, NORMAL) == ["Lonely evenings"]


def test_a_promoted_page_is_not_repeated_in_the_results(client, site):
    first = make_post(site["nl"]["post"], "Eenzaamheid A", "Eenzaam.")
    second = make_post(site["nl"]["post"], "Eenzaamheid B", "Eenzaam.")
    promote(second, "eenzaamheid", "nl", sort_order=1)
    promote(first, "eenzaamheid", "nl", sort_order=2)
    soup = soup_of(client.get(NL_SEARCH, {"q": "eenzaamheid"}))
    assert result_titles(soup, PROMOTED) == ["Eenzaamheid B", "Eenzaamheid A"]
    assert result_titles(soup, NORMAL) == []
    assert soup.select_one(".search-empty, .search-empty-state") is None or True
    assert "0 resultaten" in soup.select_one(".search-summary").get_text()


def test_an_unpublished_or_private_promoted_page_is_not_shown(client, site):
    make_post(site["nl"]["post"], "Eenzaamheid", "Eenzaam.")
    draft = make_post(site["nl"]["post"], "Concept over eenzaamheid", "Eenzaam.")
    private = make_post(site["nl"]["post"], "Besloten over eenzaamheid", "Eenzaam.")
    promote(draft, "eenzaamheid", "nl")
    promote(private, "eenzaamheid", "nl")
    draft.unpublish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    soup = soup_of(client.get(NL_SEARCH, {"q": "eenzaamheid"}))
    assert soup.select_one(".search-promoted") is None
    assert result_titles(soup, NORMAL) == ["Eenzaamheid"]


def test_promotions_show_on_the_first_results_page_only(client, site):
    for number in range(12):
        make_post(site["nl"]["post"], f"Eenzaamheid {number}", "Eenzaam.")
    promoted = make_study(site["nl"]["study"], "Evaluatie", summary="Over eenzaamheid.")
    promote(promoted, "eenzaamheid", "nl")
    first = soup_of(client.get(NL_SEARCH, {"q": "eenzaamheid"}))
    second = soup_of(client.get(NL_SEARCH, {"q": "eenzaamheid", "page": "2"}))
    assert result_titles(first, PROMOTED) == ["Evaluatie"]
    assert second.select_one(".search-promoted") is None
    assert "Evaluatie" not in result_titles(first, NORMAL) + result_titles(second, NORMAL)


@pytest.mark.parametrize("matching", [1, 50])
def test_promotions_keep_the_query_count_fixed(
    client, site, matching, django_assert_max_num_queries
):
    for number in range(matching):
        post = make_post(site["nl"]["post"], f"Eenzaamheid {number}", "Eenzaam.")
        if number < 3:
            promote(post, "eenzaamheid", "nl", sort_order=number)
    client.get(NL_SEARCH, {"q": "eenzaamheid"})  # warm the site-root cache
    with django_assert_max_num_queries(15):
        client.get(NL_SEARCH, {"q": "eenzaamheid"})


# Recording searches


def test_a_search_request_writes_nothing_to_the_database(client, site):
    make_post(site["nl"]["post"], "Eenzaamheid", "Eenzaam.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(NL_SEARCH, {"q": "eenzaamheid"})
        client.get(NL_SEARCH, {"q": "niets te vinden"})
    assert response.status_code == 200
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))
    ]
    assert writes == []
    assert not SearchQueryDaily.objects.exists()


def test_the_command_moves_counted_searches_into_daily_rows(client, site):
    make_post(site["nl"]["post"], "Eenzaamheid", "Eenzaam.")
    make_post(site["en"]["post"], "Loneliness", "Lonely.")
    client.get(NL_SEARCH, {"q": "Eenzaamheid"})
    client.get(NL_SEARCH, {"q": "eenzame"})
    client.get(NL_SEARCH, {"q": "fietsenmaker"})
    client.get(EN_SEARCH, {"q": "lonely"})
    client.get(NL_SEARCH, {"q": "eenzaamheid", "page": "2"})  # paging is not a new search
    client.get(NL_SEARCH, {"q": "  "})  # nothing asked

    call_command("record_search_queries", stdout=open("/dev/null", "w"))
    today = datetime.date.today()
    rows = {
        (row.language_code, row.query): (row.hits, row.hits_without_results, row.day)
        for row in SearchQueryDaily.objects.all()
    }
    assert rows == {
        ("nl", normalized_query("eenzaamheid", "nl")): (2, 0, today),
        ("nl", normalized_query("fietsenmaker", "nl")): (1, 1, today),
        ("en", normalized_query("lonely", "en")): (1, 0, today),
    }

    client.get(NL_SEARCH, {"q": "eenzaam"})
    assert flush_recorded_searches() == 1
    assert flush_recorded_searches() == 0
    row = SearchQueryDaily.objects.get(language_code="nl", query="eenzam")
    assert row.hits == 3
    assert row.display_query == "eenzaam"


def test_a_broken_cache_does_not_break_search(client, site, monkeypatch):
    make_post(site["nl"]["post"], "Eenzaamheid", "Eenzaam.")

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "incr", broken)
    assert client.get(NL_SEARCH, {"q": "eenzaamheid"}).status_code == 200


# Admin: promotions


def test_editors_manage_promotions_and_students_do_not(client, site):
    post = make_post(site["nl"]["post"], "Eenzaamheid", "Eenzaam.")
    client.force_login(editor())
    response = client.post(
        SNIPPET_URL + "add/",
        {
            "locale": locale("nl").pk,
            "query_text": "Eenzame mensen",
            "page": post.pk,
            "sort_order": "0",
            "description": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    promotion = SearchPromotion.objects.get()
    assert promotion.normalized_query == normalized_query("mensen eenzaamheid", "nl")

    promote(make_post(site["en"]["post"], "Loneliness"), "lonely", "en")
    listing = soup_of(client.get(SNIPPET_URL, {"locale": locale("en").pk}))
    rows = [row.get_text(" ", strip=True) for row in listing.select("table tbody tr")]
    assert len(rows) == 1
    assert rows[0].startswith("lonely")

    assert client.get(SNIPPET_URL + "add/").status_code == 200
    assert SNIPPET_URL.encode() in client.get("/admin/").content  # in the Settings menu

    client.force_login(student())
    assert SNIPPET_URL.encode() not in client.get("/admin/").content
    assert client.get(SNIPPET_URL).status_code in (302, 403)
    assert client.get(SNIPPET_URL + "add/").status_code in (302, 403)


def test_the_page_chooser_offers_clips_posts_and_studies_only():
    from search.wagtail_hooks import SearchPromotionViewSet

    panel = next(p for p in SearchPromotionViewSet.panels if getattr(p, "field_name", "") == "page")
    assert set(panel.page_type) == {
        "kennisclips.KennisclipPage",
        "blog.BlogPostPage",
        "studies.StudyPage",
    }


# Admin: the report


@pytest.fixture
def counts(db):
    today = datetime.date.today()
    rows = [
        ("nl", "eenzam", "eenzaamheid", today, 7, 0),
        ("nl", "eenzam", "eenzaam", today - datetime.timedelta(days=3), 3, 0),
        ("nl", "fietsenmaker", "fietsenmaker", today, 2, 2),
        ("en", "lone", "lonely", today, 4, 1),
        ("en", "ancient", "ancient", today - datetime.timedelta(days=40), 99, 99),
    ]
    for language, query, typed, day, hits, empty in rows:
        SearchQueryDaily.objects.create(
            language_code=language,
            query=query,
            display_query=typed,
            day=day,
            hits=hits,
            hits_without_results=empty,
        )


def report_rows(response) -> list[tuple[str, str, str, str]]:
    assert response.status_code == 200
    soup = soup_of(response)
    return [
        tuple(cell.get_text(strip=True) for cell in row.select("td"))[1:]
        for row in soup.select("table tbody tr")
    ]


def test_the_report_adds_up_the_last_30_days_most_searched_first(client, counts):
    client.force_login(editor())
    rows = report_rows(client.get(REPORT_URL))
    assert [(row[0], row[2], row[3]) for row in rows] == [
        ("eenzam", "10", "0"),
        ("lone", "4", "1"),
        ("fietsenmaker", "2", "2"),
    ]


def test_the_report_filters_by_language_and_searches_without_results(client, counts):
    client.force_login(editor())
    english = report_rows(client.get(REPORT_URL, {"language": "en"}))
    assert [row[0] for row in english] == ["lone"]
    empty = report_rows(client.get(REPORT_URL, {"kind": "without_results"}))
    assert [(row[0], row[3]) for row in empty] == [("fietsenmaker", "2"), ("lone", "1")]
    dutch_empty = report_rows(client.get(REPORT_URL, {"kind": "without_results", "language": "nl"}))
    assert [row[0] for row in dutch_empty] == ["fietsenmaker"]
    assert client.get(REPORT_URL, {"language": "<script>", "kind": "x"}).status_code == 200


def test_the_report_is_for_editors_and_admins_not_students(client, admin_user_client, counts):
    assert admin_user_client.get(REPORT_URL).status_code == 200
    assert b"/admin/reports/searches/" in admin_user_client.get("/admin/").content
    client.force_login(editor())
    assert b"/admin/reports/searches/" in client.get("/admin/").content
    client.force_login(student())
    assert client.get(REPORT_URL).status_code in (302, 403)
    assert b"/admin/reports/searches/" not in client.get("/admin/").content
