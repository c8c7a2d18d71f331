from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page

from search.query import clean_query, search_terms

RESULTS_PER_PAGE = 10


@require_safe
def search(request):
    """Search the live, public pages of the visitor's language."""
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    results_page = None
    if terms:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .search(terms, operator="and")
        )
        paginator = Paginator(pages, RESULTS_PER_PAGE)
        results_page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"search_query": query, "results_page": results_page},
    )
