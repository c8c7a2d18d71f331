"""The search index (`search.models.SearchTerm`): the prefix rule it encodes, kept in step with
the pages, rebuilt, backfilled by its migration, written in bulk, and what search reads from it:
the same results, order and counts as matching every document one by one."""

import datetime
import importlib
import io
import random

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from blog.models import BlogIndexPage, BlogPostPage
from home import bulk
from search.engine import FacetCounts, Visibility, matching_terms, ranked
from search.indexing import (
    ALL_DOCUMENTS,
    BODY_WEIGHT,
    TITLE_WEIGHT,
    index_page,
    term_weights,
)
from search.models import (
    ALL_THEMES,
    SearchDocument,
    SearchFacet,
    SearchFacetLabel,
    SearchTerm,
)
from search.text import MAX_KEY_LENGTH, index_keys, lookup_key, stem_matches
from tests.test_search import (
    EN_SEARCH,
    NL_SEARCH,
    make_clip,
    make_post,
    make_study,
    make_theme,
    paragraph,
    publish_under,
    result_titles,
    soup_of,
)

migration = importlib.import_module("search.migrations.0004_search_terms")


@pytest.fixture
def site(home_pages):
    from tests.test_search import make_indexes

    return {code: make_indexes(home) for code, home in home_pages.items()}


def random_stems(rng, count):
    alphabet = "abcdeé"
    return [
        "".join(rng.choice(alphabet) for _ in range(rng.choice([1, 2, 3, 4, 5, 6, 8])))
        for _ in range(count)
    ]


def keys_of(document) -> dict[str, int]:
    return dict(SearchTerm.objects.filter(document=document).values_list("stem", "weight"))


# The prefix rule


def test_a_key_lookup_finds_exactly_the_stems_that_stem_matches_accepts():
    rng = random.Random(7)  # noqa: S311 - test data
    stored = random_stems(rng, 300)
    for wanted in random_stems(rng, 300):
        by_key = {s for s in stored if lookup_key(wanted) in index_keys(s)}
        assert by_key == {s for s in stored if stem_matches(s, wanted)}, wanted


def test_short_query_stems_match_only_equal_stems_and_long_ones_any_beginning():
    assert index_keys("lonesom") == ["lone", "lones", "loneso", "lonesom"]
    assert index_keys("bos") == ["bos"]
    assert "bos" not in index_keys("boston")


def test_a_very_long_stem_is_still_found_by_any_query_stem_that_fits_a_query():
    long_stem = "a" * (MAX_KEY_LENGTH + 50)
    keys = index_keys(long_stem)
    assert max(len(key) for key in keys) == MAX_KEY_LENGTH
    assert lookup_key("a" * 200) in keys


def test_weights_score_each_query_stem_as_matching_the_stem_lists_did():
    rng = random.Random(11)  # noqa: S311 - test data
    for _ in range(200):
        title, body = set(random_stems(rng, 4)), set(random_stems(rng, 12))
        weights = term_weights(title, body)
        for wanted in random_stems(rng, 20):
            expected = TITLE_WEIGHT * any(stem_matches(s, wanted) for s in title) + (
                BODY_WEIGHT * any(stem_matches(s, wanted) for s in body)
            )
            assert weights.get(lookup_key(wanted), 0) == expected
        assert weights[ALL_DOCUMENTS] == 0


def test_the_migration_backfills_with_the_same_rules():
    """The migration has its own copy of the rules (a migration must not change with the app)."""
    rng = random.Random(3)  # noqa: S311 - test data
    for _ in range(100):
        title, body = set(random_stems(rng, 3)), set(random_stems(rng, 10))
        title_stems = " " + " ".join(sorted(title)) + " "
        body_stems = " " + " ".join(sorted(body)) + " " if body else ""
        assert migration.term_weights(title_stems, body_stems) == term_weights(title, body)
    keys = [
        "0fb1623f-a5bb-472b-b026-fdac332f1410",
        "15275854-9077-4b64-883d-52377f5ac2f9",
    ]
    import uuid

    theme_keys = [uuid.UUID(key) for key in keys]
    text = SearchFacet.theme_keys_text(reversed(theme_keys))
    assert migration.facet("post", theme_keys) == (SearchFacet.facet_id("post", text), text)


# Kept in step with the pages


def test_publishing_files_the_page_under_its_stems_in_its_language(site):
    theme = make_theme("Ontmoeting", "ontmoeting")
    post = make_post(
        site["nl"]["post"], "Eenzaamheid", "Studenten fietsen.", intro="Kort.", themes=[theme]
    )
    document = SearchDocument.objects.get(page=post)
    keys = keys_of(document)
    assert keys["eenzam"] == TITLE_WEIGHT
    assert keys["eenz"] == TITLE_WEIGHT  # a beginning, for prefix matching
    assert keys["student"] == BODY_WEIGHT
    assert keys["ontmoet"] == BODY_WEIGHT  # the theme's name
    assert keys[ALL_DOCUMENTS] == 0
    terms = SearchTerm.objects.filter(document=document)
    assert set(terms.values_list("language_code", flat=True)) == {"nl"}
    assert set(terms.values_list("date", flat=True)) == {post.date}
    facet = SearchFacet.objects.get(pk=terms.first().facet_id)
    assert facet.page_type == "post"
    assert facet.theme_keys.split() == [theme.translation_key.hex]
    labels = SearchFacetLabel.objects.filter(facet=facet).values_list("page_type", "theme_key")
    assert set(labels) == {("post", ALL_THEMES), ("post", theme.translation_key.hex)}


def test_a_page_with_tens_of_thousands_of_terms_is_indexed_and_found(client, site):
    # More terms than one statement may bind one by one (65,535 parameters on PostgreSQL, 6 per
    # term): Django inserts them in batches on SQLite and with UNNEST arrays on PostgreSQL.
    words = " ".join(f"kennisregel{number}x" for number in range(12_000))
    post = make_post(site["nl"]["post"], "Lang verslag", words)
    document = SearchDocument.objects.get(page=post)
    assert SearchTerm.objects.filter(document=document).count() > 65_535 // 6
    found = soup_of(client.get(NL_SEARCH, {"q": "kennisregel11999x"}))
    assert result_titles(found) == ["Lang verslag"]


def test_republishing_replaces_the_terms_and_unpublishing_drops_them(site):
    post = make_post(site["nl"]["post"], "Fietsen", "Over fietsen.")
    post.title = "Wandelen"
    post.body = paragraph("Over wandelen.")
    post.save_revision().publish()
    keys = keys_of(SearchDocument.objects.get(page=post))
    assert "fiets" not in keys
    assert keys["wandel"] == TITLE_WEIGHT + BODY_WEIGHT
    post.unpublish()
    assert not SearchTerm.objects.filter(document__page_id=post.pk).exists()
    assert not SearchTerm.objects.exists()


def test_moving_keeps_and_deleting_drops_the_terms(site):
    post = make_post(site["nl"]["post"], "Verhuizen", "Over verhuizen.")
    other_blog = publish_under(
        site["nl"]["post"].get_parent(), BlogIndexPage(title="B", slug="b-index")
    )
    post.move(other_blog, pos="last-child")
    assert keys_of(SearchDocument.objects.get(page_id=post.pk))["verhuiz"] == TITLE_WEIGHT + 1
    BlogPostPage.objects.get(pk=post.pk).delete()
    assert not SearchTerm.objects.exists()


def test_changing_the_themes_changes_the_facet(client, site):
    one = make_theme("Eenzaamheid", "eenzaamheid")
    two = make_theme("Ontmoeting", "ontmoeting")
    post = make_post(site["nl"]["post"], "Fietsen", "Fietsen.", themes=[one])
    post.themes.set([two])
    post.save_revision().publish()
    facet_ids = set(SearchTerm.objects.values_list("facet_id", flat=True))
    assert [SearchFacet.objects.get(pk=pk).theme_keys.split() for pk in facet_ids] == [
        [two.translation_key.hex]
    ]
    soup = soup_of(client.get(NL_SEARCH, {"q": "fietsen", "theme": "ontmoeting"}))
    assert result_titles(soup) == ["Fietsen"]
    soup = soup_of(client.get(NL_SEARCH, {"q": "fietsen", "theme": "eenzaamheid"}))
    assert result_titles(soup) == []


def test_the_rebuild_command_restores_the_terms(site):
    post = make_post(site["nl"]["post"], "Fietsen", "Over fietsen.")
    make_study(site["en"]["study"], "Cycling")
    before = keys_of(SearchDocument.objects.get(page=post))
    SearchTerm.objects.all().delete()
    call_command("rebuild_search_documents", stdout=io.StringIO())
    assert keys_of(SearchDocument.objects.get(page=post)) == before
    assert SearchTerm.objects.filter(language_code="en", stem="cycl").exists()


def test_bulk_indexing_writes_the_terms_that_publishing_writes(home_pages):
    themes = bulk.create_themes(2)
    people = bulk.create_people(2)
    indexes = bulk.ensure_section_indexes(home_pages["nl"], home_pages["en"])
    blog = indexes["blog"]
    posts = bulk.create_blog_posts(
        blog[0], 3, translation_index=blog[1], themes=themes, people=people
    )
    written = {post.pk: keys_of(SearchDocument.objects.get(page_id=post.pk)) for post in posts}
    facets = set(SearchTerm.objects.values_list("document__page_id", "facet_id"))
    for post in posts:
        index_page(BlogPostPage.objects.get(pk=post.pk))
        assert keys_of(SearchDocument.objects.get(page_id=post.pk)) == written[post.pk]
    assert set(SearchTerm.objects.values_list("document__page_id", "facet_id")) == facets


# What search reads


def brute_force(language, stems):
    """Documents holding every stem, best first, the way search matched before the index."""
    found = []
    for document in SearchDocument.objects.filter(language_code=language):
        keys = keys_of(document)
        weights = [keys.get(lookup_key(wanted)) for wanted in stems]
        if all(weight is not None for weight in weights):
            found.append((document, sum(weights)))
    found.sort(key=lambda item: (item[0].title, item[0].pk))
    found.sort(key=lambda item: (-item[1], -(item[0].date or datetime.date.min).toordinal()))
    return [document.pk for document, _score in found]


@pytest.mark.parametrize(
    "query", [["fiets"], ["fiets", "wijk"], ["wijk", "fiets"], ["stud"], [], ["xyz"]]
)
def test_ranking_matches_a_document_by_document_match(site, query):
    blog = site["nl"]["post"]
    make_post(blog, "Fietsen in de wijk", "Wijkbewoners.", date=datetime.date(2018, 1, 1))
    make_post(blog, "Nieuws", "Wij fietsen in de wijk.", date=datetime.date(2019, 1, 1))
    make_post(blog, "Alleen fietsen", "Studenten.", date=datetime.date(2019, 1, 1))
    make_post(blog, "Aardig", "Fietsers en studentenhuizen.", date=datetime.date(2019, 1, 1))
    make_post(blog, "Wijk", "Fietstocht.", date=datetime.date(2020, 1, 1))
    make_clip(site["nl"]["clip"], "Studentenfiets", description="In de wijk.")
    terms = matching_terms(query, "nl", Visibility(()))
    assert [term.document_id for term in ranked(terms)] == brute_force("nl", query)


def test_a_dutch_compound_is_found_by_its_first_word_and_a_short_word_only_exactly(client, site):
    make_post(site["nl"]["post"], "Wonen", "Het studentenhuis aan de gracht.")
    make_post(site["nl"]["post"], "Bosrand", "Wandelen langs de bosrand.")
    make_post(site["nl"]["post"], "Bos", "Een bos.")
    assert result_titles(soup_of(client.get(NL_SEARCH, {"q": "studenten"}))) == ["Wonen"]
    assert result_titles(soup_of(client.get(NL_SEARCH, {"q": "bos"}))) == ["Bos"]


def test_english_prefixes_stay_within_english_pages(client, site):
    make_post(site["en"]["post"], "Walks", "Lonesome walks.")
    make_post(site["nl"]["post"], "Lonesome in het Nederlands", "Lonesome.")
    soup = soup_of(client.get(EN_SEARCH, {"q": "lone"}))
    assert result_titles(soup) == ["Walks"]


def test_facet_counts_agree_with_counting_documents(site):
    one = make_theme("Eenzaamheid", "eenzaamheid")
    two = make_theme("Ontmoeting", "ontmoeting")
    nl = site["nl"]
    make_post(nl["post"], "A", "Fietsen.", themes=[one])
    make_post(nl["post"], "B", "Fietsen.", themes=[one, two])
    make_post(nl["post"], "C", "Fietsen.")
    make_clip(nl["clip"], "D", description="Fietsen.", themes=[two])
    make_study(nl["study"], "E", summary="Fietsen.")
    counts = FacetCounts.of(matching_terms(["fiets"], "nl", Visibility(())))
    assert counts.by_type() == {"post": 3, "clip": 1, "study": 1}
    assert counts.by_type(one.translation_key) == {"post": 2}
    assert counts.by_theme() == {one.translation_key: 2, two.translation_key: 2}
    assert counts.by_theme("post") == {one.translation_key: 2, two.translation_key: 1}
    assert counts.total() == 5
    assert counts.total("post", two.translation_key) == 1
    assert counts.total("study", one.translation_key) == 0


def test_private_pages_are_neither_listed_nor_counted(client, site):
    theme = make_theme("Ontmoeting", "ontmoeting")
    private_blog = publish_under(
        site["nl"]["post"].get_parent(), BlogIndexPage(title="Intern", slug="intern")
    )
    make_post(private_blog, "Geheim", "Fietsen.", themes=[theme])
    make_post(site["nl"]["post"], "Open", "Fietsen.", themes=[theme])
    PageViewRestriction.objects.create(
        page=private_blog, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    soup = soup_of(client.get(NL_SEARCH, {"q": "fietsen"}))
    assert result_titles(soup) == ["Open"]
    filters = [a.get_text(" ", strip=True) for a in soup.select(".search-filters a")]
    assert "Alle soorten (1)" in filters
    assert "Ontmoeting (1)" in filters


def test_browsing_a_type_lists_every_page_newest_first(client, site):
    blog = site["nl"]["post"]
    make_post(blog, "Oud", date=datetime.date(2017, 1, 1))
    make_post(blog, "Nieuw", date=datetime.date(2020, 1, 1))
    make_post(blog, "Midden", date=datetime.date(2019, 1, 1))
    make_clip(site["nl"]["clip"], "Clip")
    soup = soup_of(client.get(NL_SEARCH, {"type": "post"}))
    assert result_titles(soup) == ["Nieuw", "Midden", "Oud"]
    assert "3 pagina's" in soup.select_one("[role=status]").get_text()


def test_a_draft_left_with_a_document_is_never_shown(client, site):
    post = make_post(site["nl"]["post"], "Concept", "Fietsen.")
    make_post(site["nl"]["post"], "Gepubliceerd", "Fietsen.")
    BlogPostPage.objects.filter(pk=post.pk).update(live=False)  # no signal: a stale document
    soup = soup_of(client.get(NL_SEARCH, {"q": "fietsen"}))
    assert result_titles(soup) == ["Gepubliceerd"]


def facet_count_queries(client, params) -> int:
    """How many queries of a search sum the counts per type and theme (`FacetCounts.of`)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        soup_of(client.get(NL_SEARCH, params))
    return sum("SUM(" in query["sql"] for query in queries)


def test_paging_and_filtering_a_search_count_its_facets_once(client, site):
    theme = make_theme("Ontmoeting", "ontmoeting")
    for number in range(12):
        make_post(site["nl"]["post"], f"Fietsen {number}", "Fietsen.", themes=[theme])
    assert facet_count_queries(client, {"q": "fietsen"}) == 1
    assert facet_count_queries(client, {"q": "fietsen", "page": "2"}) == 0
    assert facet_count_queries(client, {"q": "fietsen", "type": "post"}) == 0
    assert facet_count_queries(client, {"q": "fietsen", "theme": "ontmoeting"}) == 0
    assert facet_count_queries(client, {"q": "wandelen"}) == 1  # another search: counted anew


def test_facet_counts_follow_publishing_and_unpublishing(client, site):
    theme = make_theme("Ontmoeting", "ontmoeting")
    make_post(site["nl"]["post"], "Eerste", "Fietsen.", themes=[theme])

    def filters():
        soup = soup_of(client.get(NL_SEARCH, {"q": "fietsen"}))
        return [a.get_text(" ", strip=True) for a in soup.select(".search-filters a")]

    assert "Alle soorten (1)" in filters()
    second = make_post(site["nl"]["post"], "Tweede", "Fietsen.", themes=[theme])
    assert "Alle soorten (2)" in filters()
    assert "Ontmoeting (2)" in filters()
    second.unpublish()
    assert "Alle soorten (1)" in filters()
