"""The settings modules: production refuses to start unsafely; the environment is honoured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from website.env import cache_from_env, database_from_env, env_bool, env_list

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP"


def start_production(code: str = "", **environment) -> subprocess.CompletedProcess:
    """Import the production settings in a fresh interpreter, as a server would (then run
    `code`)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="website.settings.production", **environment)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); print('started'); {code}"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"ALLOWED_HOSTS": "kennisbank.example.org"}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "kennisbank.example.org"}, "too weak"),
        (
            {
                "SECRET_KEY": "django-insecure-" + "x" * 60,
                "ALLOWED_HOSTS": "kennisbank.example.org",
            },
            "too weak",
        ),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS is not set"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"}, "not '*'"),
        (
            {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "kennisbank.example.org", "DEBUG": "true"},
            "DEBUG must be off",
        ),
    ],
)
def test_production_refuses_to_start_without_secrets(environment, message):
    result = start_production(**environment)
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "website.settings.production refuses to start" in result.stderr
    assert message in result.stderr


def test_production_starts_with_a_real_key_and_hosts():
    result = start_production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="kennisbank.example.org")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_production_keeps_each_workers_caches_under_the_content_generation():
    """Renditions, search counts and listing cards live in each worker's memory: filed under
    the content generation, a change in any worker retires them in all (pagecache/)."""
    result = start_production(
        "from django.conf import settings; print(sorted(alias for alias, cache in "
        "settings.CACHES.items() if cache.get('KEY_FUNCTION') == "
        "'pagecache.generation.generation_key'))",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="kennisbank.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "['renditions', 'search_facets', 'template_fragments']" in result.stdout


def test_env_helpers_read_booleans_and_lists(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "Yes")
    monkeypatch.setenv("SOME_LIST", " a.example, ,b.example ")
    assert env_bool("SOME_FLAG") is True
    assert env_list("SOME_LIST") == ["a.example", "b.example"]
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def test_database_defaults_to_a_sqlite_file_tuned_for_concurrent_writers(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env(tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_database_url_selects_postgresql_with_health_checks(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://kb:pw@db.internal:5432/kennisbank")
    config = database_from_env(tmp_path / "unused.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "kennisbank"
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["OPTIONS"]["connect_timeout"] == 5
    # Parameters bound by the server; a statement prepared after its fifth run.
    assert config["OPTIONS"]["server_side_binding"] is True
    assert config["OPTIONS"]["prepare_threshold"] == 5
    monkeypatch.delenv("DATABASE_URL")
    assert "prepare_threshold" not in database_from_env(tmp_path / "db.sqlite3")["OPTIONS"]


@pytest.mark.parametrize(
    ("raw", "threshold"), [("0", 0), ("12", 12), ("off", None), ("none", None)]
)
def test_prepared_statements_follow_the_threshold_or_are_off(monkeypatch, tmp_path, raw, threshold):
    monkeypatch.setenv("DATABASE_URL", "postgres://kb@db.internal/kennisbank")
    monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", raw)
    config = database_from_env(tmp_path / "unused.sqlite3")
    assert config["OPTIONS"]["prepare_threshold"] == threshold


@pytest.mark.parametrize("raw", ["-1", "soon"])
def test_a_bad_prepare_threshold_is_a_clear_error(monkeypatch, tmp_path, raw):
    monkeypatch.setenv("DATABASE_URL", "postgres://kb@db.internal/kennisbank")
    monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", raw)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_PREPARE_THRESHOLD"):
        database_from_env(tmp_path / "unused.sqlite3")


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
        ("file:///tmp/kennisbank-cache", "django.core.cache.backends.filebased.FileBasedCache"),
        ("db://cache_table", "django.core.cache.backends.db.DatabaseCache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_cache_url_selects_the_backend(monkeypatch, url, backend):
    monkeypatch.setenv("CACHE_URL", url)
    assert cache_from_env("file:///unused")["BACKEND"] == backend


def test_file_cache_holds_a_full_page_cache_without_culling_early(monkeypatch):
    """Django culls a file cache at 300 entries: a page cache would evict pages on every write."""
    monkeypatch.setenv("CACHE_URL", "file:///tmp/kennisbank-cache")
    assert cache_from_env("file:///unused")["OPTIONS"]["MAX_ENTRIES"] >= 10_000
    monkeypatch.setenv("CACHE_URL", "file:///tmp/kennisbank-cache?max_entries=500&timeout=60")
    config = cache_from_env("file:///unused")
    assert config["OPTIONS"]["MAX_ENTRIES"] == 500
    assert config["TIMEOUT"] == 60


def test_unknown_cache_url_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "memcached://127.0.0.1")
    with pytest.raises(ImproperlyConfigured, match="not supported"):
        cache_from_env("file:///unused")


def test_development_key_is_random_per_install_and_kept(tmp_path):
    """No key is committed: development makes one in var/ and keeps it across restarts."""
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="website.settings.dev", VAR_DIR=str(tmp_path))
    command = [
        sys.executable,
        "-c",
        "import django; django.setup(); "
        "from django.conf import settings; print(settings.SECRET_KEY)",
    ]
    first, second = (
        subprocess.run(
            command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        for _ in range(2)
    )
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50
    assert second.stdout.strip() == key
    assert (tmp_path / "dev-secret-key").read_text().strip() == key
