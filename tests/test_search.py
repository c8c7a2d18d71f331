"""Search: stemmed documents kept in sync, language-aware matching, the results page."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Locale, PageViewRestriction

from blog.models import BlogIndexPage, BlogPostPage
from home.snippets import Theme
from kennisclips.models import KennisclipIndexPage, KennisclipPage
from search.indexing import BODY_WEIGHT, TITLE_WEIGHT, index_page, rebuild
from search.models import SearchDocument
from search.text import query_stems, stem, stored_stems
from studies.models import StudyIndexPage, StudyPage

NL_SEARCH = "/nl/zoeken/"
EN_SEARCH = "/en/search/"
_counter = {"n": 0}


# Helpers


def unique_slug(title: str) -> str:
    _counter["n"] += 1
    return f"p{_counter['n']}-" + "".join(c if c.isalnum() else "-" for c in title.lower())[:40]


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def make_theme(name, slug, english=None) -> Theme:
    theme = Theme.objects.create(locale=locale("nl"), name=name, slug=slug)
    if english:
        translated = theme.copy_for_translation(locale("en"))
        translated.name, translated.slug = english
        translated.save()
    return theme


def publish_under(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_indexes(home) -> dict:
    """A clip index, a blog and a study index under a home page."""
    return {
        "clip": publish_under(home, KennisclipIndexPage(title="Clips", slug="clips")),
        "post": publish_under(home, BlogIndexPage(title="Blog", slug="blog")),
        "study": publish_under(home, StudyIndexPage(title="Studies", slug="studies")),
    }


def paragraph(text: str) -> list:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def make_post(index, title, body="Tekst.", *, intro="Inleiding.", themes=(), **fields):
    post = BlogPostPage(
        title=title,
        slug=fields.pop("slug", unique_slug(title)),
        date=fields.pop("date", datetime.date(2019, 5, 1)),
        intro=intro,
        body=paragraph(body),
        **fields,
    )
    post.themes.set(themes)
    return publish_under(index, post)


def segments(*items) -> list:
    return [
        {"type": "segment", "value": {"time": time, "speaker": speaker, "text": text}}
        for time, speaker, text in items
    ]


def make_clip(index, title, *, transcript=(), description="Een korte film.", themes=()):
    clip = KennisclipPage(
        title=title,
        slug=unique_slug(title),
        description=description,
        video_url="https://vimeo.com/123456",
        transcript=segments(*transcript),
        publication_date=datetime.date(2019, 6, 14),
    )
    clip.themes.set(themes)
    return publish_under(index, clip)


def make_study(index, title, summary="Een evaluatie.", findings="Kennis werd gedeeld."):
    study = StudyPage(
        title=title,
        slug=unique_slug(title),
        summary=summary,
        date=datetime.date(2019, 11, 30),
        research_question="<p>Wat leerden ze?</p>",
        findings=f"<p>{findings}</p>",
    )
    return publish_under(index, study)


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_titles(soup, selector=".search-results:not(.search-results--other)") -> list[str]:
    listing = soup.select_one(selector)
    if listing is None:
        return []
    return [a.get_text(" ", strip=True) for a in listing.select(".search-result__title a")]


def other_titles(soup) -> list[str]:
    return result_titles(soup, ".search-results--other")


@pytest.fixture
def site(home_pages):
    """Index pages in both language trees."""
    return {code: make_indexes(home) for code, home in home_pages.items()}


# Stemming


@pytest.mark.parametrize(
    ("language", "query", "text"),
    [
        ("nl", "eenzaam", "eenzaamheid"),
        ("nl", "eenzaamheid", "eenzame"),
        ("nl", "student", "studenten"),
        ("nl", "ontmoeting", "ontmoetingen"),
        ("nl", "ideeen", "ideeën"),
        ("en", "lonely", "loneliness"),
        ("en", "loneliness", "lonely"),
        ("en", "student", "students"),
        ("en", "meeting", "meetings"),
    ],
)
def test_a_query_word_and_an_inflected_form_share_a_stem(language, query, text):
    stems = query_stems(query, language)
    assert stems
    stored = stored_stems(text, language=language).split()
    assert any(s.startswith(stems[0]) for s in stored)


def test_each_language_has_its_own_rules():
    assert stem("studenten", "nl") == "student"
    assert stem("loneliness", "en") == stem("lonely", "en")
    # English rules do not apply to Dutch words and the other way round.
    assert stem("eenzaamheid", "en") != stem("eenzaam", "en")


def test_query_stems_drop_stop_words_but_not_a_query_of_only_stop_words():
    assert query_stems("de eenzaamheid van studenten", "nl") == ["eenzam", "student"]
    assert query_stems("de", "nl") == ["de"]
    assert query_stems("!!! \"' ", "nl") == []


# Keeping documents in sync


def test_publishing_indexes_a_page_with_its_themes_and_transcript(site):
    theme = make_theme("Eenzaamheid", "eenzaamheid")
    clip = make_clip(
        site["nl"]["clip"],
        "Samen bewegen",
        transcript=[("00:05", "Helma", "We fietsen samen."), ("01:05", "", "Niemand alleen.")],
        themes=[theme],
    )
    document = SearchDocument.objects.get(page=clip)
    assert (document.language_code, document.page_type) == ("nl", "clip")
    assert document.date == datetime.date(2019, 6, 14)
    assert [t.translation_key for t in document.themes.all()] == [theme.translation_key]
    assert [(s["time"], s["seconds"]) for s in document.transcript] == [
        ("00:05", 5),
        ("01:05", 65),
    ]
    weights = dict(document.terms.values_list("stem", "weight"))
    assert weights["fiets"] == BODY_WEIGHT
    # The theme's name is searchable too.
    assert weights["eenzam"] == BODY_WEIGHT
    # The title's stems, `beweg` also under its beginning `bewe` (prefix matching).
    title_keys = {key for key, weight in weights.items() if weight >= TITLE_WEIGHT}
    assert title_keys == {"bewe", "beweg", "sam"}


def test_republishing_updates_and_unpublishing_removes(site):
    post = make_post(site["nl"]["post"], "Eerste titel", "Over fietsen.")
    post.title = "Tweede titel"
    post.save_revision().publish()
    assert SearchDocument.objects.get(page=post).title == "Tweede titel"
    post.unpublish()
    assert not SearchDocument.objects.filter(page_id=post.pk).exists()
    post.save_revision().publish()
    assert SearchDocument.objects.filter(page_id=post.pk).exists()


def test_deleting_and_moving_keep_documents_in_step(site):
    post = make_post(site["nl"]["post"], "Verhuizen", "Over verhuizen.")
    other_blog = publish_under(site["nl"]["post"].get_parent(), BlogIndexPage(title="B", slug="b2"))
    post.move(other_blog, pos="last-child")
    document = SearchDocument.objects.get(page_id=post.pk)
    assert document.title == "Verhuizen"
    BlogPostPage.objects.get(pk=post.pk).delete()
    assert not SearchDocument.objects.filter(page_id=post.pk).exists()


def test_index_pages_and_drafts_get_no_document(site):
    draft = BlogPostPage(
        title="Concept", slug="concept", intro="x", body=paragraph("x"), live=False
    )
    site["nl"]["post"].add_child(instance=draft)
    draft.save_revision()
    assert index_page(draft) is None
    assert index_page(site["nl"]["post"]) is None
    assert not SearchDocument.objects.filter(page_id__in=[draft.pk, site["nl"]["post"].pk])


def test_rebuild_command_restores_every_live_page_and_drops_stale_ones(site):
    make_post(site["nl"]["post"], "Een", "Over eenzaamheid.")
    make_study(site["en"]["study"], "Two")
    live_draft = make_post(site["nl"]["post"], "Weg", "Tijdelijk.")
    SearchDocument.objects.all().delete()
    output = io.StringIO()
    call_command("rebuild_search_documents", stdout=output)
    assert "Indexed 3 pages" in output.getvalue()
    assert SearchDocument.objects.count() == 3
    BlogPostPage.objects.filter(pk=live_draft.pk).update(live=False)
    assert rebuild() == (2, 1)


def test_study_fields_and_authors_are_indexed(site):
    study = make_study(site["nl"]["study"], "Onderzoek", findings="Transformatief leren werkte.")
    document = SearchDocument.objects.get(page=study)
    assert "Transformatief leren werkte." in document.body_text
    assert "Wat leerden ze?" in document.body_text
    assert "<p>" not in document.body_text


# Matching in the visitor's language


def test_dutch_query_finds_inflected_dutch_forms(client, site):
    make_post(site["nl"]["post"], "Over verbinding", "Eenzaamheid onder studenten is groot.")
    make_post(site["nl"]["post"], "Iets anders", "Over fietsen.")
    soup = soup_of(client.get(NL_SEARCH, {"q": "eenzaam"}))
    assert result_titles(soup) == ["Over verbinding"]
    soup = soup_of(client.get(NL_SEARCH, {"q": "student"}))
    assert result_titles(soup) == ["Over verbinding"]


def test_english_query_finds_english_forms_and_not_dutch_pages(client, site):
    make_post(site["en"]["post"], "On connection", "Loneliness among students is common.")
    make_post(site["nl"]["post"], "Loneliness in het Nederlands", "Lonely.")
    soup = soup_of(client.get(EN_SEARCH, {"q": "lonely"}))
    assert result_titles(soup) == ["On connection"]
    assert "Loneliness in het Nederlands" not in result_titles(soup)


def test_all_words_must_match_and_title_hits_rank_first(client, site):
    blog = site["nl"]["post"]
    make_post(blog, "Fietsen in de wijk", "Over de buurt.", date=datetime.date(2018, 1, 1))
    make_post(blog, "Nieuws", "Wij gaan fietsen in de wijk.", date=datetime.date(2019, 1, 1))
    make_post(blog, "Alleen fietsen", "Niets over buurten.", date=datetime.date(2019, 2, 1))
    soup = soup_of(client.get(NL_SEARCH, {"q": "fietsen wijk"}))
    assert result_titles(soup) == ["Fietsen in de wijk", "Nieuws"]


def test_private_and_draft_pages_are_not_found(client, site):
    post = make_post(site["nl"]["post"], "Geheim fietsen", "Fietsen.")
    PageViewRestriction.objects.create(
        page=post, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    make_post(site["nl"]["post"], "Open fietsen", "Fietsen.")
    soup = soup_of(client.get(NL_SEARCH, {"q": "fietsen"}))
    assert result_titles(soup) == ["Open fietsen"]


# The results page


def test_result_shows_type_date_and_an_escaped_highlighted_excerpt(client, site):
    make_post(
        site["nl"]["post"],
        "Een verhaal",
        "Het begon met <b>eenzaamheid</b> &lt;script&gt;alert(1)&lt;/script&gt; in de wijk.",
        intro="Geen treffer hier.",
    )
    response = client.get(NL_SEARCH, {"q": "eenzaam"})
    html = response.content.decode()
    soup = soup_of(response)
    result = soup.select_one(".search-result")
    assert result.select_one(".search-result__type").get_text() == "Blogpost"
    assert result.select_one("time")["datetime"] == "2019-05-01"
    excerpt = result.select_one(".search-result__excerpt")
    assert [mark.get_text() for mark in excerpt.select("mark")] == ["eenzaamheid"]
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html
    assert soup.select_one("#search-page-query")["value"] == "eenzaam"
    assert "1 resultaat voor “eenzaam”" in soup.select_one("[role=status]").get_text()
    assert len(soup.find_all("h1")) == 1


def test_filters_by_type_and_theme_with_counts(client, site):
    loneliness = make_theme("Eenzaamheid", "eenzaamheid", english=("Loneliness", "loneliness"))
    meeting = make_theme("Ontmoeting", "ontmoeting", english=("Encounters", "encounters"))
    en = site["en"]
    make_post(en["post"], "Post one", "We cycle together.", themes=[loneliness])
    make_post(en["post"], "Post two", "Cycling in town.", themes=[meeting])
    make_clip(en["clip"], "Clip one", description="Cycling with older people.", themes=[meeting])
    soup = soup_of(client.get(EN_SEARCH, {"q": "cycling"}))
    filters = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".search-filters a")}
    assert "All types (3)" in filters
    assert "Blog posts (2)" in filters
    assert "Knowledge clips (1)" in filters
    assert "Studies (0)" in filters
    # English pages point at the Dutch themes: the English names and slugs are offered.
    assert "Loneliness (1)" in filters
    assert "Encounters (2)" in filters

    soup = soup_of(client.get(EN_SEARCH, {"q": "cycling", "type": "post"}))
    assert sorted(result_titles(soup)) == ["Post one", "Post two"]
    soup = soup_of(client.get(EN_SEARCH, {"q": "cycling", "theme": "encounters"}))
    assert sorted(result_titles(soup)) == ["Clip one", "Post two"]
    soup = soup_of(client.get(EN_SEARCH, {"q": "cycling", "theme": "encounters", "type": "clip"}))
    assert result_titles(soup) == ["Clip one"]
    current = soup.select(".search-filters [aria-current=true]")
    current = [a.get_text(" ", strip=True) for a in current]
    assert current == ["Knowledge clips (1)", "Encounters (1)"]
    # The Dutch slug means nothing on the English page: the filter is ignored.
    soup = soup_of(client.get(EN_SEARCH, {"q": "cycling", "theme": "ontmoeting"}))
    assert len(result_titles(soup)) == 3


def test_theme_alone_lists_its_pages(client, site):
    theme = make_theme("Ontmoeting", "ontmoeting")
    make_post(site["nl"]["post"], "Met thema", themes=[theme])
    make_post(site["nl"]["post"], "Zonder thema")
    soup = soup_of(client.get(NL_SEARCH, {"theme": "ontmoeting"}))
    assert result_titles(soup) == ["Met thema"]


def test_pagination_keeps_the_query_and_filters(client, site):
    for number in range(23):
        make_post(site["nl"]["post"], f"Fietstocht {number}", "Fietsen.")
    soup = soup_of(client.get(NL_SEARCH, {"q": "fietsen", "type": "post"}))
    assert len(result_titles(soup)) == 10
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert "q=fietsen" in next_link and "type=post" in next_link and "page=2" in next_link
    soup = soup_of(client.get(NL_SEARCH, {"q": "fietsen", "type": "post", "page": "3"}))
    assert len(result_titles(soup)) == 3
    assert soup.select_one(".search-results")["start"] == "21"


def test_empty_state_offers_suggestions_and_themes(client, site):
    make_theme("Eenzaamheid", "eenzaamheid")
    for params in ({}, {"q": "xyzzy"}):
        soup = soup_of(client.get(NL_SEARCH, params))
        empty = soup.select_one(".search-empty")
        links = {a.get_text(): a["href"] for a in empty.select("a")}
        assert links["eenzaamheid"] == "/nl/zoeken/?q=eenzaamheid"
        assert links["Eenzaamheid"] == "/nl/zoeken/?theme=eenzaamheid"
    soup = soup_of(client.get(NL_SEARCH, {"q": "xyzzy"}))
    assert "0 resultaten" in soup.select_one("[role=status]").get_text()


# Transcript hits


def test_transcript_hit_shows_the_line_and_links_to_its_moment(client, site):
    clip = make_clip(
        site["nl"]["clip"],
        "Samen bewegen",
        transcript=[
            ("00:05", "Helma", "Welkom bij deze clip."),
            ("01:05", "Rachida", "Wij fietsen met ouderen door de wijk."),
            ("1:02:30", "", "Tot slot fietsten we terug."),
        ],
    )
    soup = soup_of(client.get(NL_SEARCH, {"q": "fietsen"}))
    moments = soup.select(".search-moment")
    url = clip.get_url()
    assert [m.select_one("a")["href"] for m in moments] == [f"{url}#t=01:05", f"{url}#t=1:02:30"]
    first = moments[0]
    assert first.select_one("a").get_text(strip=True) == "Afspelen vanaf 1:05"
    assert first.select_one(".search-moment__speaker").get_text() == "Rachida:"
    assert [m.get_text() for m in first.select("mark")] == ["fietsen"]


# The other language


def test_few_results_offer_a_labelled_group_in_the_other_language(client, site):
    make_post(site["en"]["post"], "Loneliness in town", "Lonely people.")
    make_post(site["nl"]["post"], "Fietsen", "Fietsen.")
    soup = soup_of(client.get(NL_SEARCH, {"q": "loneliness"}))
    assert result_titles(soup) == []
    group = soup.select_one(".search-other-language")
    assert group.select_one("h2").get_text() == "Gevonden in het Engels"
    item = group.select_one(".search-result")
    assert item["lang"] == "en"
    assert item.select_one(".search-result__meta")["lang"] == "nl"
    assert other_titles(soup) == ["Loneliness in town"]
    assert soup.select_one(".search-empty") is None


def test_other_language_group_skips_translations_already_found(client, site):
    dutch = make_post(site["nl"]["post"], "Eenzaamheid", "Over eenzaamheid en loneliness.")
    english = BlogPostPage(
        title="Loneliness",
        slug="loneliness",
        intro="Intro.",
        body=paragraph("About loneliness."),
        locale=locale("en"),
        translation_key=dutch.translation_key,
        date=dutch.date,
    )
    publish_under(site["en"]["post"], english)
    make_post(site["en"]["post"], "Lonely walks", "Walking.")
    soup = soup_of(client.get(NL_SEARCH, {"q": "loneliness"}))
    assert result_titles(soup) == ["Eenzaamheid"]
    assert other_titles(soup) == ["Lonely walks"]


def test_enough_results_show_no_other_language_group(client, site):
    for number in range(3):
        make_post(site["nl"]["post"], f"Fietsen {number}", "Fietsen.")
    make_post(site["en"]["post"], "Cycling", "Fietsen is Dutch for cycling.")
    soup = soup_of(client.get(NL_SEARCH, {"q": "fietsen"}))
    assert len(result_titles(soup)) == 3
    assert soup.select_one(".search-other-language") is None


# Cost


@pytest.mark.parametrize("matching", [1, 50])
def test_a_results_page_costs_a_fixed_number_of_queries(
    client, site, matching, django_assert_max_num_queries
):
    theme = make_theme("Eenzaamheid", "eenzaamheid", english=("Loneliness", "loneliness"))
    for number in range(matching):
        make_post(site["nl"]["post"], f"Eenzaamheid {number}", "Eenzaam.", themes=[theme])
    make_clip(
        site["nl"]["clip"],
        "Clip",
        transcript=[("00:05", "Helma", "Eenzaamheid is overal.")],
        themes=[theme],
    )
    make_post(site["en"]["post"], "Lonely", "Eenzaamheid in English.")
    client.get(NL_SEARCH, {"q": "eenzaamheid"})  # warm the site-root cache
    with django_assert_max_num_queries(14):
        client.get(NL_SEARCH, {"q": "eenzaamheid", "theme": "eenzaamheid"})
    with django_assert_max_num_queries(14):
        client.get(NL_SEARCH, {"q": "eenzaamheid", "type": "post", "page": "2"})
