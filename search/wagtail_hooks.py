"""Admin for search: language-aware promotions (a snippet under Settings) and the report of
popular searches and searches without results, per language, over the last 30 days."""

import datetime

import django_filters
from django.conf import settings
from django.db.models import Max, Sum
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.indexing import SEARCH_TYPES
from search.models import SearchPromotion, SearchQueryDaily

REPORT_DAYS = 30


class SearchPromotionViewSet(SnippetViewSet):
    model = SearchPromotion
    icon = "pick"
    menu_label = _("Search promotions")
    menu_name = "search-promotions"
    add_to_settings_menu = True
    list_display = ["query_text", "locale", "page", "sort_order"]
    list_filter = ["locale"]
    search_fields = ["query_text"]
    panels = [
        FieldPanel("locale"),
        FieldPanel("query_text"),
        PageChooserPanel(
            "page", page_type=[search_type.model_label for search_type in SEARCH_TYPES]
        ),
        FieldPanel("sort_order"),
        FieldPanel("description"),
    ]


register_snippet(SearchPromotionViewSet)


# The report

report_policy = ModelPermissionPolicy(SearchQueryDaily)
KIND_CHOICES = [
    ("popular", _("Popular searches")),
    ("without_results", _("Searches without results")),
]


class SearchQueryReportFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        field_name="language_code",
        choices=settings.WAGTAIL_CONTENT_LANGUAGES,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Show"), choices=KIND_CHOICES, method="filter_kind", empty_label=None
    )

    def filter_kind(self, queryset, name, value):
        if value == "without_results":
            return queryset.filter(without_results__gt=0).order_by(
                "-without_results", "-searches", "query"
            )
        return queryset

    class Meta:
        model = SearchQueryDaily
        fields = []


class SearchQueryReportView(ReportView):
    """Searches of the last 30 days, added up per language and query, most frequent first."""

    page_title = _("Searches")
    header_icon = "search"
    index_url_name = "search_report"
    index_results_url_name = "search_report_results"
    permission_policy = report_policy
    permission_required = "view"
    filterset_class = SearchQueryReportFilterSet
    columns = [
        Column("query", label=_("Search query"), accessor=lambda row: row["example"]),
        Column("stems", label=_("Normalized query"), accessor=lambda row: row["query"]),
        Column(
            "language",
            label=_("Language"),
            accessor=lambda row: dict(settings.WAGTAIL_CONTENT_LANGUAGES).get(
                row["language_code"], row["language_code"]
            ),
        ),
        Column("searches", label=_("Searches"), accessor=lambda row: row["searches"]),
        Column(
            "without_results",
            label=_("Without results"),
            accessor=lambda row: row["without_results"],
        ),
    ]
    list_export = ["example", "query", "language_code", "searches", "without_results"]
    export_headings = {
        "example": _("Search query"),
        "query": _("Normalized query"),
        "language_code": _("Language"),
        "searches": _("Searches"),
        "without_results": _("Without results"),
    }

    def get_filename(self):
        return f"searches-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        since = timezone.localdate() - datetime.timedelta(days=REPORT_DAYS - 1)
        return (
            SearchQueryDaily.objects.filter(day__gte=since)
            .values("language_code", "query")
            .annotate(
                searches=Sum("hits"),
                without_results=Sum("hits_without_results"),
                example=Max("display_query"),
            )
            .order_by("-searches", "query", "language_code")
        )


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return report_policy.user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path("reports/searches/", SearchQueryReportView.as_view(), name="search_report"),
        path(
            "reports/searches/results/",
            SearchQueryReportView.as_view(results_only=True),
            name="search_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        _("Searches"),
        reverse("search_report"),
        name="searches",
        icon_name="search",
        order=1000,
    )
