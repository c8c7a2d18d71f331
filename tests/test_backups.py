"""`manage.py backup` and `manage.py restore` (make backup / make restore), end to end.

A source install (its own database and MEDIA_ROOT, the demo content plus a draft) is backed up;
the archive is restored into an empty install; every page, revision, translation, document and
image file is found again, and the restored install serves its pages. Bad archives are refused
with a clear message and leave the empty install untouched. Runs on SQLite, and also on
PostgreSQL when DATABASE_URL points there (the databases are made here and dropped afterwards).
"""

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Printed by a fresh interpreter inside an install: everything a restore must bring back.
SNAPSHOT = r"""
import hashlib, json, django
django.setup()
from django.core.files.storage import default_storage
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation


def digest(field):
    with default_storage.open(field.name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


pages = sorted(
    [p.url_path, p.locale.language_code, p.title, p.live, p.has_unpublished_changes,
     str(p.translation_key), p.latest_revision_id]
    for p in Page.objects.select_related("locale")
)
revisions = sorted(
    [r.pk, r.object_id, json.dumps(r.content, sort_keys=True)[:2000]]
    for r in Revision.objects.all()
)
translations = sorted(
    [str(t.uuid), t.target_locale.language_code, str(t.source.object_id)]
    for t in Translation.objects.select_related("target_locale", "source")
)
documents = sorted([d.title, d.file.name, digest(d.file)] for d in Document.objects.all())
images = sorted(
    [i.title, i.file.name, i.width, i.height, digest(i.file)] for i in Image.objects.all()
)
client = Client()
served = {}
for path in ("/nl/", "/en/", "/nl/blog/", "/en/blog/"):
    response = client.get(path)
    served[path] = [response.status_code, response.content.decode()[:200000]]
document = Document.objects.order_by("pk").first()
response = client.get(document.url)
served["document"] = [
    response.status_code,
    hashlib.sha256(b"".join(response.streaming_content)).hexdigest()
    if response.status_code == 200 else None,
]
print(json.dumps({
    "pages": pages, "revisions": revisions, "translations": translations,
    "documents": documents, "images": images, "served": served,
}))
"""

# A draft with a unique title on top of the demo content: drafts must survive too.
ADD_DRAFT = r"""
import datetime, django
django.setup()
from blog.models import BlogIndexPage, BlogPostPage
index = BlogIndexPage.objects.get(locale__language_code="nl")
draft = BlogPostPage(
    title="Back-upconcept zonder publicatie",
    slug="back-upconcept",
    live=False,
    date=datetime.date(2026, 1, 2),
    intro="Inleiding.",
    body=[{"type": "paragraph", "value": "<p>Nog niet klaar.</p>"}],
)
index.add_child(instance=draft)
draft.save_revision()
print("ok")
"""


def postgres_server() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    return url.rsplit("/", 1)[0]


# The database the suite runs on: SQLite, or PostgreSQL when DATABASE_URL points there.
BACKENDS = ["postgresql"] if postgres_server() else ["sqlite"]


class Install:
    """An install of the site: its own VAR_DIR, MEDIA_ROOT and database, run in subprocesses."""

    def __init__(self, root: Path, backend: str):
        self.root = root
        self.backend = backend
        self.var_dir = root / "var"
        self.media_root = self.var_dir / "media"
        self.database_name = f"kb_backup_test_{uuid.uuid4().hex[:12]}"
        if backend == "sqlite":
            self.database_url = f"sqlite:///{self.var_dir / 'db.sqlite3'}"
        else:
            self.database_url = f"{postgres_server()}/{self.database_name}"
            self.postgres(f'CREATE DATABASE "{self.database_name}"')

    def postgres(self, sql: str, database: str = "postgres") -> str:
        server = postgres_server()
        result = subprocess.run(
            [shutil.which("psql") or "psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
             "-c", sql, f"{server}/{database}"],
            capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
        return result.stdout.strip()

    def drop(self) -> None:
        if self.backend == "postgresql":
            self.postgres(f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)')

    @property
    def env(self) -> dict:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="website.settings.dev",
            DEBUG="false",
            ALLOWED_HOSTS="testserver",
            VAR_DIR=str(self.var_dir),
            MEDIA_ROOT=str(self.media_root),
            DATABASE_URL=self.database_url,
            CACHE_URL="locmem://",
            BACKUP_DIR=str(self.root / "backups"),
        )
        return env

    def manage(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=PROJECT_ROOT, env=self.env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        if check:
            assert result.returncode == 0, result.stderr[-3000:]
        return result

    def python(self, code: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=PROJECT_ROOT, env=self.env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout.strip().splitlines()[-1]

    def snapshot(self) -> dict:
        return json.loads(self.python(SNAPSHOT))

    def table_count(self) -> int:
        if self.backend == "sqlite":
            path = self.var_dir / "db.sqlite3"
            if not path.exists():
                return 0
            import sqlite3

            with sqlite3.connect(path) as connection:
                return connection.execute(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                ).fetchone()[0]
        return int(
            self.postgres(
                "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'", self.database_name
            )
        )

    def media_files(self) -> list[str]:
        if not self.media_root.exists():
            return []
        return sorted(str(p.relative_to(self.media_root)) for p in self.media_root.rglob("*"))

    def leftovers(self) -> list[str]:
        """Staging directories a failed restore could leave behind."""
        return [p.name for p in self.var_dir.glob(".restore-*")] if self.var_dir.exists() else []


@pytest.fixture(scope="module", params=BACKENDS)
def source(request, tmp_path_factory):
    """A source install with the demo content and a draft, backed up once."""
    install = Install(tmp_path_factory.mktemp(f"source-{request.param}"), request.param)
    try:
        install.manage("migrate", "--noinput", "--verbosity", "0")
        install.manage("load_demo_content")
        assert install.python(ADD_DRAFT) == "ok"
        result = install.manage("backup")
        archives = sorted((install.root / "backups").glob("kennisbank-backup-*.tar.gz"))
        assert len(archives) == 1, archives
        assert str(archives[0]) in result.stdout
        install.archive = archives[0]
        install.expected = install.snapshot()
        yield install
    finally:
        install.drop()


@pytest.fixture
def empty(source, tmp_path):
    """An empty install of the same database kind as the source: no tables, no media."""
    install = Install(tmp_path / "empty", source.backend)
    yield install
    install.drop()


def manifest_of(archive: Path) -> dict:
    with tarfile.open(archive) as handle:
        return json.loads(handle.extractfile("manifest.json").read())


def test_the_archive_holds_database_media_and_a_manifest(source):
    with tarfile.open(source.archive) as handle:
        names = sorted(handle.getnames())
    database = "database.sqlite3" if source.backend == "sqlite" else "database.pgdump"
    assert names == sorted(["manifest.json", database, "media.tar"])
    manifest = manifest_of(source.archive)
    expected = source.expected
    assert manifest["counts"]["pages"] == len(expected["pages"])
    assert manifest["counts"]["revisions"] == len(expected["revisions"])
    assert manifest["counts"]["translations"] == len(expected["translations"]) > 0
    assert manifest["counts"]["documents"] == len(expected["documents"]) > 0
    assert manifest["counts"]["images"] == len(expected["images"]) > 0
    assert manifest["versions"]["wagtail"].startswith("8.")
    assert manifest["versions"]["django"].startswith("5.2")
    media_names = set(manifest["media"]["files"])
    for _title, name, *_rest in expected["documents"] + expected["images"]:
        assert name in media_names
    assert all(len(checksum) == 64 for checksum in manifest["media"]["files"].values())


def test_restore_into_an_empty_install_finds_everything_again(source, empty):
    result = empty.manage("restore", str(source.archive))
    assert "all checksums match" in result.stdout
    restored = empty.snapshot()
    expected = source.expected
    for key in ("pages", "revisions", "translations", "documents", "images"):
        assert restored[key] == expected[key], key
    titles = {page[2] for page in restored["pages"]}
    assert "Back-upconcept zonder publicatie" in titles
    draft = next(
        page for page in restored["pages"] if page[2] == "Back-upconcept zonder publicatie"
    )
    assert draft[3] is False  # still a draft, not published by the restore
    assert {page[1] for page in restored["pages"]} >= {"nl", "en"}
    # The restored install serves the same pages and files.
    for path, (status, html) in expected["served"].items():
        assert restored["served"][path][0] == status == 200, path
        assert restored["served"][path][1] == html, path
    assert sorted(empty.media_files()) == sorted(source.media_files())
    assert empty.leftovers() == []


def test_restore_refuses_a_database_that_is_not_empty(source, empty):
    empty.manage("restore", str(source.archive))
    again = empty.manage("restore", str(source.archive), check=False)
    assert again.returncode != 0
    assert "is not empty" in again.stderr and "--force" in again.stderr
    assert "Traceback" not in again.stderr
    forced = empty.manage("restore", "--force", str(source.archive))
    assert "all checksums match" in forced.stdout
    assert empty.snapshot()["pages"] == source.expected["pages"]


def rewrite_archive(source_archive: Path, target: Path, change) -> Path:
    """Copy an archive member by member; `change(name, data)` returns new data or None to drop."""
    with tarfile.open(source_archive) as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = change(member.name, old.extractfile(member).read())
            if data is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))
    return target


def tamper_media(name, data):
    if name != "media.tar":
        return data
    with tarfile.open(fileobj=io.BytesIO(data)) as old:
        output = io.BytesIO()
        with tarfile.open(fileobj=output, mode="w") as new:
            for index, member in enumerate(old.getmembers()):
                content = old.extractfile(member).read()
                if index == 0:
                    content = content[:-1] + bytes([content[-1] ^ 1])
                member.size = len(content)
                new.addfile(member, io.BytesIO(content))
    return output.getvalue()


def traversal_media(name, data):
    if name != "media.tar":
        return data
    output = io.BytesIO()
    with tarfile.open(fileobj=output, mode="w") as new:
        info = tarfile.TarInfo("../../escaped.txt")
        info.size = 4
        new.addfile(info, io.BytesIO(b"evil"))
    return output.getvalue()


def bad_archives(source: Path, directory: Path) -> dict[str, tuple[Path, str]]:
    """name -> (archive, words the error message must contain)."""
    not_tar = directory / "not-a-backup.tar.gz"
    not_tar.write_bytes(b"this is not a tar file at all\n" * 100)
    truncated = directory / "truncated.tar.gz"
    truncated.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    no_manifest = rewrite_archive(
        source, directory / "no-manifest.tar.gz", lambda n, d: None if n == "manifest.json" else d
    )
    flipped = rewrite_archive(source, directory / "flipped.tar.gz", tamper_media)
    garbage_manifest = rewrite_archive(
        source,
        directory / "garbage-manifest.tar.gz",
        lambda n, d: b"{not json" if n == "manifest.json" else d,
    )
    # A media file changed AND media.tar's checksum in the manifest updated to hide it: the
    # per-file checksum still catches it.
    import hashlib

    tampered_media = tamper_media("media.tar", manifest_and_media(source)[1])

    def hide(name, data):
        if name == "media.tar":
            return tampered_media
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["media"]["sha256"] = hashlib.sha256(tampered_media).hexdigest()
            return json.dumps(manifest).encode()
        return data

    hidden = rewrite_archive(source, directory / "hidden-tamper.tar.gz", hide)

    def traversal(name, data):
        if name == "media.tar":
            return traversal_media(name, data)
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["media"]["sha256"] = hashlib.sha256(
                traversal_media("media.tar", b"")
            ).hexdigest()
            return json.dumps(manifest).encode()
        return data

    escaping = rewrite_archive(source, directory / "traversal.tar.gz", traversal)
    return {
        "not a tar file": (not_tar, "cannot be read as a backup archive"),
        "truncated": (truncated, "cannot be read as a backup archive"),
        "no manifest": (no_manifest, "has no manifest.json"),
        "garbage manifest": (garbage_manifest, "manifest is not valid JSON"),
        "flipped media byte": (flipped, "checksum of media.tar"),
        "hidden tamper": (hidden, "does not match its checksum"),
        "path traversal": (escaping, "unsafe or unexpected entry"),
        "missing file": (directory / "does-not-exist.tar.gz", "is not a file"),
    }


def manifest_and_media(archive: Path) -> tuple[dict, bytes]:
    with tarfile.open(archive) as handle:
        return (
            json.loads(handle.extractfile("manifest.json").read()),
            handle.extractfile("media.tar").read(),
        )


def test_bad_archives_are_refused_and_nothing_is_restored(source, empty, tmp_path):
    failures = {}
    for name, (archive, words) in bad_archives(source.archive, tmp_path).items():
        result = empty.manage("restore", str(archive), check=False)
        problems = []
        if result.returncode == 0:
            problems.append("exit code 0")
        if "Nothing was restored" not in result.stderr or words not in result.stderr:
            problems.append(f"message: {result.stderr.strip()[-300:]}")
        if "Traceback" in result.stderr:
            problems.append("traceback")
        if empty.table_count() != 0:
            problems.append("database changed")
        if empty.media_files():
            problems.append("media written")
        if empty.leftovers():
            problems.append("staging left behind")
        if problems:
            failures[name] = problems
    assert not (empty.root.parent / "escaped.txt").exists()
    assert not (empty.var_dir.parent / "escaped.txt").exists()
    assert failures == {}


@pytest.mark.skipif(not postgres_server(), reason="needs DATABASE_URL pointing at PostgreSQL")
def test_an_archive_of_the_other_database_kind_is_refused(source, tmp_path):
    other = "postgresql" if source.backend == "sqlite" else "sqlite"
    install = Install(tmp_path / "other", other)
    try:
        result = install.manage("restore", str(source.archive), check=False)
        assert result.returncode != 0
        assert f"holds a {source.backend} database" in result.stderr
        assert install.table_count() == 0 and install.media_files() == []
    finally:
        install.drop()


def test_the_backup_connection_uses_the_databases_tls_options(monkeypatch):
    import psycopg

    from backups.archive import pg_connect, pg_environment

    seen = {}
    monkeypatch.setattr(psycopg, "connect", lambda **kwargs: seen.update(kwargs))
    config = {
        "NAME": "kennisbank",
        "HOST": "db.example.org",
        "OPTIONS": {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/db.pem"},
    }
    pg_connect(config)
    assert seen["sslmode"] == "verify-full"
    assert seen["sslrootcert"] == "/etc/ssl/db.pem"
    assert seen["connect_timeout"] == 10
    environment = pg_environment(config)
    assert environment["PGSSLMODE"] == "verify-full"
    assert environment["PGSSLROOTCERT"] == "/etc/ssl/db.pem"
