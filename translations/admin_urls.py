from django.urls import path

from translations import admin_views

app_name = "translations_admin"

urlpatterns = [
    # Ahead of wagtail-localize's own view at the same address (see wagtail_hooks).
    path(
        "localize/update/<int:translation_source_id>/",
        admin_views.SafeUpdateTranslationsView.as_view(),
        name="sync",
    ),
    path("translations/<int:page_id>/submit/", admin_views.submit_for_review, name="submit"),
    path("reports/translations/", admin_views.status_report, name="report"),
]
