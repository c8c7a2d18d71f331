from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.sitemap import sitemap
from search import views as search_views
from translations import views as translation_views
from website import views

handler500 = "website.views.server_error"

urlpatterns = [
    path("", views.choose_language, name="choose_language"),
    path("healthz/", views.health, name="health"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("kennisclips.urls")),
    path("", include("editorial.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Both languages carry their prefix (/nl/, /en/); the search path is translated
# (/nl/zoeken/, /en/search/). Wagtail's page serving comes last.
urlpatterns += i18n_patterns(
    path(_("search/"), search_views.search, name="search"),
    path(
        _("not-available/"),
        translation_views.not_available,
        name="translation_not_available",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
