"""SQLite connections are kept between requests, but never past a change of the database file.

Opening a SQLite connection (its pragmas and Django's SQL functions) costs about 1.3 ms, so
connections are reused like PostgreSQL's (`CONN_MAX_AGE`). A kept connection holds the file it
opened: if the database file is moved, deleted or replaced (a restore, a lost volume), it would
go on reading and writing a file that is no longer the site's database, and writes would be
lost. Before each request, `close_connections_to_replaced_files()` compares the file at the
configured path with the one the connection opened (device and inode, one `stat`), and closes a
connection whose file has changed or gone: the request then opens the database anew, or answers
503 while it is missing (website/middleware.py).
"""

import os

from django.db import connections
from django.db.backends.signals import connection_created


def _file_identity(path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _remember_database_file(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        connection.database_file_identity = _file_identity(connection.settings_dict["NAME"])


connection_created.connect(_remember_database_file, dispatch_uid="website.database.remember_file")


def close_connections_to_replaced_files() -> None:
    """Close each open SQLite connection whose database file is gone or another file."""
    for connection in connections.all(initialized_only=True):
        if connection.vendor != "sqlite" or connection.connection is None:
            continue
        current = _file_identity(connection.settings_dict["NAME"])
        if not hasattr(connection, "database_file_identity"):
            # Opened before this module listened (at start-up): its file is the current one.
            connection.database_file_identity = current
        if current is None or current != connection.database_file_identity:
            connection.close()
