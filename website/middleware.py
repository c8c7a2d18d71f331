"""Turn a database outage into an honest "try again shortly" instead of a server error."""

from django.db import InterfaceError, OperationalError

from website.database import close_connections_to_replaced_files
from website.views import service_unavailable


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After when the database cannot be reached.

    Django opens a new connection on the next request, so the site recovers by itself as soon as
    the database is back. A kept SQLite connection whose database file has gone or been replaced
    is closed first (website/database.py), so that it cannot go on answering from the old file.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        close_connections_to_replaced_files()
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, InterfaceError | OperationalError):
            return service_unavailable(request)
        return None
