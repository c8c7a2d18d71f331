"""Byte-range serving of clip videos and caption files (outside the language prefixes)."""

from django.urls import path

from kennisclips import views

app_name = "kennisclips"

urlpatterns = [
    path(
        "media-stream/<int:document_id>/<str:filename>",
        views.media_stream,
        name="media_stream",
    ),
]
