"""Two gunicorn servers share one page cache: a change published anywhere reaches both.

A real install in a temporary directory (its own SQLite file, its own cache), two gunicorn
processes on two ports, and the change made by a third process (`manage.py shell`), as an
editor's publish in another worker would be. Run once with the default file cache and once
with Redis (skipped, saying why, when Redis does not answer).
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.test_pagecache_redis import REDIS_URL, redis_client

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
POST_URL = "/nl/blog/samen-koken/"

MAKE_CONTENT = """
from datetime import date
from wagtail.models import Locale
from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage
from home.models import HomePage
from home.snippets import Person, PersonRole
home = HomePage.objects.get(locale__language_code="nl")
index = BlogIndexPage(title="Blog", slug="blog", intro="Lees de blogs")
home.add_child(instance=index)
index.save_revision().publish()
person = Person.objects.create(
    locale=Locale.objects.get(language_code="nl"), name="Helma", role=PersonRole.TEAM_MEMBER
)
post = BlogPostPage(title="Samen koken", slug="samen-koken", date=date(2019, 5, 1),
                    intro="Over koken.", body=[])
post.authors = [BlogPostAuthor(person=person)]
index.add_child(instance=post)
post.save_revision().publish()
"""

RETITLE = """
from blog.models import BlogPostPage
post = BlogPostPage.objects.get(slug="samen-koken")
post.title = {title!r}
post.save_revision().publish()
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, code=None):
    command = [sys.executable, "manage.py", *args]
    if code is not None:
        command += ["-c", code]
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True, capture_output=True, timeout=300)


def fetch(port: int, path: str):
    # One host name for both servers, as behind the proxy of a real install (deploy/): the
    # host is part of the cache key, since pages hold absolute links.
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@contextmanager
def gunicorn(env, log_path: Path):
    port = free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                str(GUNICORN),
                "website.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--no-control-socket",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch(port, "/healthz/")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start: {log_path.read_text()[-2000:]}")
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def install(tmp_path_factory):
    """A migrated SQLite install with a Dutch blog post, outside the test database."""
    directory = tmp_path_factory.mktemp("two-workers")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "VAR_DIR": str(directory),
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "CACHE_URL": f"file://{directory / 'cache'}",
        "PAGE_CACHE_ENABLED": "true",
    }
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "shell", code=MAKE_CONTENT)
    return directory, env


@pytest.mark.parametrize("backend", ["file", "redis"])
def test_a_change_published_by_one_process_reaches_every_worker(install, backend):
    directory, env = install
    env = dict(env)
    if backend == "redis":
        redis_client()  # skips, saying why, when Redis does not answer
        prefix = f"pagecache-workers-{uuid.uuid4().hex[:12]}"
        env["CACHE_URL"] = f"{REDIS_URL}?prefix={prefix}"
    else:
        env["CACHE_URL"] = f"file://{directory / f'cache-{uuid.uuid4().hex[:8]}'}"
    with (
        gunicorn(env, directory / f"a-{backend}.log") as worker_a,
        gunicorn(env, directory / f"b-{backend}.log") as worker_b,
    ):
        title = f"Samen koken {backend}"
        manage(env, "shell", code=RETITLE.format(title=title))
        status, headers, body = fetch(worker_a, POST_URL)
        assert status == 200 and title in body
        assert headers["X-Cache"] == "MISS"
        assert fetch(worker_a, POST_URL)[1]["X-Cache"] == "HIT"
        # The other server finds the page in the shared cache.
        status, headers, body = fetch(worker_b, POST_URL)
        assert headers["X-Cache"] == "HIT" and title in body
        for port in (worker_a, worker_b):
            fetch(port, "/nl/blog/")

        new_title = f"Samen koken en eten {backend}"
        manage(env, "shell", code=RETITLE.format(title=new_title))

        for port in (worker_b, worker_a):
            for path in (POST_URL, "/nl/blog/"):
                status, _headers, body = fetch(port, path)
                assert status == 200
                assert new_title in body, (port, path)
                assert f"{title}<" not in body, (port, path)
        if backend == "redis":
            client = redis_client()
            for key in client.scan_iter(match=f"{prefix}:*"):
                client.delete(key)
