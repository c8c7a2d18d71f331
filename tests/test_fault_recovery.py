"""The database goes away and comes back: pages answer 503 with Retry-After meanwhile, and the
same running process answers 200 again as soon as the database is back (no restart).

SQLite: the database's directory disappears and comes back. PostgreSQL (with DATABASE_URL): the
site reaches the server through a TCP relay that is cut (every open connection too, as when
the server restarts) and restored. Each scenario runs in one fresh interpreter with the test
settings and calls the WSGI application directly, so the recovery is that of one long-running
worker.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

PROJECT_ROOT = Path(__file__).resolve().parent.parent

RELAY = r"""
import socket, threading

class Relay:
    '''127.0.0.1:port -> target; `cut()` refuses and drops everything, `restore()` relays again.'''

    def __init__(self, port, target):
        self.port, self.target, self.sockets, self.listener = port, target, [], None

    def restore(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would not (Linux).
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self.sockets = []

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.close()
                except OSError:
                    pass
"""

SCENARIO = r"""
import json, os, django
{setup_before}
django.setup()
import io
from django.core.wsgi import get_wsgi_application
{setup_after}
# Requests go through the WSGI application as gunicorn sends them, so that Django's request
# signals open and close database connections as in production (the test client does not).
application = get_wsgi_application()
steps = []

def get(path):
    environ = {{
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver", "HTTP_ACCEPT_LANGUAGE": "nl",
        "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO(), "wsgi.url_scheme": "http",
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }}
    answer = {{}}
    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)
    result = application(environ, start_response)
    try:
        b"".join(result)
    finally:
        result.close()
    return answer["status"], answer["headers"].get("Retry-After")

def probe(label):
    for path in ("/healthz/", "/nl/"):
        steps.append([label, path, *get(path)])

probe("up")
{go_down}
probe("down")
probe("still down")
{come_back}
probe("back")
print(json.dumps(steps))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(code: str, env: dict) -> list:
    environment = dict(os.environ, DJANGO_SETTINGS_MODULE="website.settings.test", **env)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_recovers(steps: list) -> None:
    by_label = {}
    for label, path, status, retry_after in steps:
        by_label.setdefault(label, []).append((path, status, retry_after))
    assert by_label["up"] == [("/healthz/", 200, None), ("/nl/", 200, None)]
    for label in ("down", "still down"):
        assert by_label[label] == [("/healthz/", 503, "30"), ("/nl/", 503, "30")], label
    # The very first requests after the database is back succeed: no restart, no retry.
    assert by_label["back"] == [("/healthz/", 200, None), ("/nl/", 200, None)]


def test_sqlite_outage_gives_503_and_recovers_without_restart(tmp_path):
    data = tmp_path / "data"
    away = tmp_path / "data-away"
    data.mkdir()
    code = SCENARIO.format(
        setup_before="",
        setup_after="from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)",
        go_down=f"os.rename({str(data)!r}, {str(away)!r})",
        come_back=f"os.rename({str(away)!r}, {str(data)!r})",
    )
    steps = run(code, {"DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}"})
    assert_recovers(steps)


@pytest.mark.django_db
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="needs DATABASE_URL pointing at PostgreSQL",
)
def test_postgresql_outage_gives_503_and_recovers_without_restart():
    settings = connection.settings_dict
    port = free_port()
    # The test database (migrated by pytest-django, its home pages committed) through the relay.
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    url = f"postgres://{user}{password}@127.0.0.1:{port}/{settings['NAME']}"
    target = (settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432))
    code = SCENARIO.format(
        setup_before=RELAY + f"relay = Relay({port}, {target!r})\nrelay.restore()",
        setup_after="",
        go_down="relay.cut()",
        come_back="relay.restore()",
    )
    steps = run(code, {"DATABASE_URL": url, "DATABASE_CONNECT_TIMEOUT": "2"})
    assert_recovers(steps)
