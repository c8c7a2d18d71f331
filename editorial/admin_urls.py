"""Admin views of the editorial app (mounted under /admin/editorial/ by wagtail_hooks)."""

from django.urls import path

from editorial import views

app_name = "editorial_admin"

urlpatterns = [
    path("share/<int:page_id>/", views.share_links, name="share_links"),
    path(
        "share/<int:page_id>/revoke/<int:link_id>/",
        views.revoke_share_link,
        name="revoke_share_link",
    ),
]
