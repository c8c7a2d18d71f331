"""SQLite connections are kept between requests, but closed once their database file is gone
or replaced (website/database.py): a kept connection must never go on writing to a file that is
no longer the site's database."""

import shutil

import pytest
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper

from website import database
from website.env import database_from_env


@pytest.fixture
def sqlite_connection(tmp_path, monkeypatch, django_db_blocker):
    """A connection of its own to a SQLite file in tmp_path, as the only one the check sees."""
    with django_db_blocker.unblock():
        yield from _connection_in(tmp_path, monkeypatch)


def _connection_in(tmp_path, monkeypatch):
    # The site's own SQLite settings, also when the tests run on PostgreSQL (DATABASE_URL).
    monkeypatch.delenv("DATABASE_URL", raising=False)
    sqlite = database_from_env(tmp_path / "site.sqlite3")
    settings = {**connections["default"].settings_dict, **sqlite}
    connection = DatabaseWrapper(settings, alias="kept")

    class OnlyThisConnection:
        def all(self, initialized_only=False):
            return [connection]

    monkeypatch.setattr(database, "connections", OnlyThisConnection())
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE note (text TEXT)")
    yield connection
    connection.close()


def test_sqlite_connections_are_kept_between_requests(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_from_env(tmp_path / "db.sqlite3")["CONN_MAX_AGE"] == 60


def test_a_connection_to_the_current_file_stays_open(sqlite_connection):
    database.close_connections_to_replaced_files()
    assert sqlite_connection.connection is not None


def test_a_replaced_database_file_closes_the_kept_connection(sqlite_connection, tmp_path):
    path = tmp_path / "site.sqlite3"
    # A restore puts another file in its place: the kept connection still holds the old one.
    shutil.copy(path, tmp_path / "restored.sqlite3")
    (tmp_path / "restored.sqlite3").replace(path)
    database.close_connections_to_replaced_files()
    assert sqlite_connection.connection is None
    with sqlite_connection.cursor() as cursor:  # opened again: the file now at the path
        cursor.execute("INSERT INTO note VALUES ('kept')")
    assert sqlite_connection.database_file_identity == database._file_identity(path)


def test_a_deleted_database_file_closes_the_kept_connection(sqlite_connection, tmp_path):
    (tmp_path / "site.sqlite3").unlink()
    database.close_connections_to_replaced_files()
    assert sqlite_connection.connection is None
