"""The search page: stemmed matching in the visitor's language, facets, excerpts, transcript
hits, and matches in the other language when the visitor's own give little."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from home.snippets import Theme
from pagecache.generation import memoize
from pagecache.lookups import active_locale, site_for_request, snippets_by_key
from pagecache.middleware import replay_on_hit
from search.engine import (
    RankedDocuments,
    Visibility,
    build_results,
    facet_counts,
    facet_filter,
    matching_terms,
    ranked,
    stems_for,
)
from search.indexing import SEARCH_TYPES, SEARCH_TYPES_BY_KEY
from search.models import SearchDocument, SearchPromotion
from search.query import clean_choice, clean_query
from search.recording import record_search
from search.text import normalized_query

RESULTS_PER_PAGE = 10
# With fewer results than this in the visitor's language, matches in the other are offered.
FEW_RESULTS = 3
OTHER_LANGUAGE_LIMIT = 5
OTHER_LANGUAGE_HEADINGS = {"nl": _("Found in Dutch"), "en": _("Found in English")}
SUGGESTIONS = [_("loneliness"), _("students"), _("encounters"), _("older people")]


def search_context(request) -> dict:
    query = clean_query(request.GET.get("q", ""))
    language = translation.get_language()
    locale = active_locale()
    type_key = clean_choice(request.GET.get("type", ""))
    search_type = SEARCH_TYPES_BY_KEY.get(type_key)
    themes = sorted(
        (theme for theme in snippets_by_key(Theme).values() if theme.locale_id == locale.pk),
        key=lambda theme: (theme.name.casefold(), theme.pk),
    )
    theme_slug = clean_choice(request.GET.get("theme", ""))
    active_theme = next((theme for theme in themes if theme.slug == theme_slug), None)
    other_languages = [
        code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != language
    ]
    stems = stems_for(query, [language, *other_languages])
    context = {
        "search_query": query,
        "active_type": search_type,
        "active_theme": active_theme,
        "themes": themes,
        "suggestions": [str(suggestion) for suggestion in SUGGESTIONS],
        "results_page": None,
        "results": [],
        "other_results": [],
        "promoted_results": [],
    }
    is_browsing = not stems[language] and (search_type or active_theme)
    if not stems[language] and not is_browsing:
        return context

    visibility = Visibility.current()
    type_filter = search_type.key if search_type else None
    theme_filter = active_theme.translation_key if active_theme else None
    terms = matching_terms(stems[language], language, visibility)
    counts = facet_counts(stems[language], language, visibility)
    listed = terms.filter(facet_filter(type_filter, theme_filter))
    count = counts.total(type_filter, theme_filter)
    promoted_documents = []
    descriptions = {}
    if stems[language]:
        promoted_documents = promoted(query, language, locale, visibility)
        descriptions = {d.page_id: d.promotion_description for d in promoted_documents}
        if promoted_documents:
            # Shown above the results, so neither listed nor counted among them.
            promoted_ids = [document.pk for document in promoted_documents]
            count -= listed.filter(document_id__in=promoted_ids).count()
            listed = listed.exclude(document_id__in=promoted_ids)
    paginator = Paginator(RankedDocuments(listed, count), RESULTS_PER_PAGE)
    results_page = paginator.get_page(request.GET.get("page"))
    page_documents = list(results_page.object_list)

    other_documents = []
    other_language = None
    if stems[language] and paginator.count < FEW_RESULTS and results_page.number == 1:
        # Few results: all of them are on this page, and their translations are not offered.
        shown_keys = [document.translation_key for document in page_documents]
        for code in other_languages:
            if not stems[code]:
                continue
            found = matching_terms(stems[code], code, visibility).filter(
                facet_filter(type_filter, theme_filter)
            )
            if shown_keys:
                found = found.exclude(document__translation_key__in=shown_keys)
            other_documents = [term.document for term in ranked(found)[:OTHER_LANGUAGE_LIMIT]]
            if other_documents:
                other_language = code
                break

    if results_page.number > 1:
        promoted_documents = []
    results = build_results(promoted_documents + page_documents + other_documents, stems, request)
    promoted_results = [r for r in results if r.document.page_id in descriptions]
    for result in promoted_results:
        result.promotion_description = descriptions[result.document.page_id]
    results = [r for r in results if r.document.page_id not in descriptions]
    split = len([r for r in results if r.language == language])
    if stems[language] and request.GET.get("page", "1") == "1":
        # Asking for a further page of results is not a new search.
        # Counted on every visit, also when the page cache answers (pagecache.middleware).
        replay_on_hit(
            request,
            record_search,
            language,
            normalized_query(query, language),
            query,
            paginator.count + len(promoted_results),
        )

    counts_by_type = counts.by_type(theme_filter)
    counts_by_theme = counts.by_theme(type_filter)
    context.update(
        results_page=results_page,
        results=results[:split],
        promoted_results=promoted_results,
        other_results=results[split:],
        other_language=other_language,
        other_language_heading=OTHER_LANGUAGE_HEADINGS.get(other_language, ""),
        is_browsing=is_browsing,
        type_options=[
            {
                "key": search_type.key,
                "label": search_type.plural_label,
                "count": counts_by_type.get(search_type.key, 0),
                "active": context["active_type"] is search_type,
            }
            for search_type in SEARCH_TYPES
        ],
        type_total=sum(counts_by_type.values()),
        theme_options=[
            {
                "slug": theme.slug,
                "name": theme.name,
                "count": counts_by_theme.get(theme.translation_key, 0),
                "active": theme == active_theme,
            }
            for theme in themes
            if counts_by_theme.get(theme.translation_key) or theme == active_theme
        ],
    )
    return context


def promoted(query: str, language: str, locale, visibility) -> list:
    """The live, public documents editors promoted for this query in this language, in order.

    Each carries the promotion's description as `promotion_description` (one query).
    """
    normalized = normalized_query(query, language)
    if (locale.pk, normalized) not in promoted_queries():
        return []
    documents = (
        SearchDocument.objects.filter(
            visibility.page_filter("page__"),
            language_code=language,
            page__search_promotions__locale=locale,
            page__search_promotions__normalized_query=normalized,
        )
        .annotate(
            promotion_order=F("page__search_promotions__sort_order"),
            promotion_description=F("page__search_promotions__description"),
        )
        .order_by("promotion_order", "page__search_promotions__pk")
    )
    return list(documents)


def promoted_queries() -> frozenset[tuple[int, str]]:
    """(locale id, normalized query) of every promotion, memoized for the content generation
    (a promotion saved or deleted bumps it): most searches have none, and need no query."""
    return memoize(
        "search:promoted-queries",
        lambda: frozenset(SearchPromotion.objects.values_list("locale_id", "normalized_query")),
    )


@require_safe
def search(request):
    """Search the live, public clips, posts and studies of the visitor's language."""
    site_for_request(request)  # the result links need the site: from the memo, no query
    return render(request, "search/search.html", search_context(request))
