"""Read settings from the environment: one place that knows the formats we accept."""

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of {sorted(TRUE_WORDS | FALSE_WORDS)}, not {raw!r}."
    )


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_env(default_sqlite_path: Path) -> dict:
    """`DATABASE_URL`, or a SQLite file; both tuned for concurrent editors and short outages."""
    url = env_str("DATABASE_URL") or f"sqlite:///{default_sqlite_path}"
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    except ValueError as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL we understand: {error}"
        ) from None
    engine = config["ENGINE"]
    options = config.setdefault("OPTIONS", {})
    if engine == "django.db.backends.sqlite3":
        # WAL lets readers work beside a writer; IMMEDIATE takes the write lock at the start of a
        # transaction and the timeout makes a second writer wait instead of failing with
        # "database is locked". Connections are kept between requests as on PostgreSQL:
        # opening one (with its pragmas and Django's SQL functions) costs 1.3 ms per request.
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", 20)
        options.setdefault(
            "init_command",
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        )
    elif engine == "django.db.backends.postgresql":
        config["CONN_HEALTH_CHECKS"] = True
        options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))
        for name, value in prepared_statement_options().items():
            options.setdefault(name, value)
    return config


def prepared_statement_options() -> dict:
    """psycopg's options for PostgreSQL: parameters bound by the server, and each statement
    prepared once it has run `DATABASE_PREPARE_THRESHOLD` times on a connection (default 5).

    A page's few queries keep the same SQL from request to request. Prepared, the server plans
    them once per connection instead of on every request: planning a join over Wagtail's page
    table costs 0.3-0.8 ms, often more than running it. PostgreSQL still plans a statement anew
    for each call while a plan for its parameters beats the generic one (`plan_cache_mode`
    auto). `DATABASE_PREPARE_THRESHOLD=off` turns preparing off, for a pooler that hands one
    client several server connections (PgBouncer in transaction mode before 1.21, or without
    `max_prepared_statements`).
    """
    raw = env_str("DATABASE_PREPARE_THRESHOLD", "5").lower()
    if raw in {"off", "false", "no", "none"}:
        threshold = None
    else:
        threshold = env_int("DATABASE_PREPARE_THRESHOLD", 5)
        if threshold < 0:
            raise ImproperlyConfigured(
                f"DATABASE_PREPARE_THRESHOLD must be 0 or more, or off, not {raw!r}."
            )
    return {"server_side_binding": True, "prepare_threshold": threshold}


def cache_from_env(default_url: str) -> dict:
    """`CACHE_URL`: `redis://host:port/db`, `file:///absolute/path`, `db://table`, `locmem://`
    or `dummy://`."""
    url = env_str("CACHE_URL") or default_url
    parts = urlsplit(url)
    scheme = parts.scheme
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    timeout = int(options.pop("timeout", 300))
    # Django's file, database and local-memory caches cull at 300 entries by default, which a
    # full-page cache of a few hundred pages would hit at once, evicting pages on every write.
    culling = {
        "MAX_ENTRIES": int(options.pop("max_entries", 50_000)),
        "CULL_FREQUENCY": int(options.pop("cull_frequency", 3)),
    }
    if scheme in {"redis", "rediss"}:
        location = url.split("?", 1)[0]
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "TIMEOUT": timeout,
            "KEY_PREFIX": options.get("prefix", "kennisbank"),
        }
    if scheme == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": parts.path,
            "TIMEOUT": timeout,
            "OPTIONS": culling,
        }
    if scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": parts.netloc or parts.path.strip("/") or "cache_table",
            "TIMEOUT": timeout,
            "OPTIONS": culling,
        }
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "kennisbank",
            "TIMEOUT": timeout,
            "OPTIONS": culling,
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL {url!r} is not supported: use redis://, file://, db://, locmem:// or dummy://."
    )
