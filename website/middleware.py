"""Turn a database outage into an honest "try again shortly" instead of a server error."""

from django.db import InterfaceError, OperationalError

from website.views import service_unavailable


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After when the database cannot be reached.

    Django opens a new connection on the next request, so the site recovers by itself as soon as
    the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, InterfaceError | OperationalError):
            return service_unavailable(request)
        return None
