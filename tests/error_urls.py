"""The site's URLs plus one view that fails, to exercise the 500 handler for real."""

from django.urls import path

from website.urls import handler500  # noqa: F401
from website.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("A deliberate failure for the 500 page test")


urlpatterns = [path("failing/", failing_view), *site_urlpatterns]
