"""Views of the site as a whole: the language choice at `/`, the health check, error pages."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


@require_safe
def choose_language(request):
    """Send `/` to the visitor's preferred language among ours (Dutch when none fits)."""
    language = translation.get_language_from_request(request, check_path=False)
    response = HttpResponseRedirect(f"/{language}/")
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@require_safe
def health(request):
    """200 when the database answers a query, 503 when it does not. Never cached."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: database unavailable: %s", error)
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = JsonResponse({"status": "ok", "database": "ok"})
    add_never_cache_headers(response)
    return response


def _render_without_database(template_name: str, status: int) -> HttpResponse:
    """Render an error page from a plain context: no context processor, no query."""
    template = loader.get_template(template_name)
    return HttpResponse(template.render({}), status=status)


def server_error(request):
    """The 500 page; a database outage met outside a view (in a middleware's process_view,
    which DatabaseUnavailableMiddleware.process_exception never sees) is a 503 too."""
    if isinstance(sys.exc_info()[1], InterfaceError | OperationalError):
        return service_unavailable(request)
    return _render_without_database("500.html", status=500)


def service_unavailable(request):
    response = _render_without_database("503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
