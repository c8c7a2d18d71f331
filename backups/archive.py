"""Make and restore one-file backups: the database and the media files, with a manifest.

An archive (`kennisbank-backup-<UTC time>.tar.gz`) holds three members:

- `manifest.json`: format, creation time, versions, the applied migrations, the counts of pages,
  revisions, translations, documents, images and users, and SHA-256 checksums of the other two
  members and of every media file;
- `database.sqlite3` (a consistent copy made with SQLite's online backup API) or
  `database.pgdump` (`pg_dump -Fc` from one snapshot, whose counts are the manifest's);
- `media.tar`: every file under MEDIA_ROOT.

A restore checks everything (checksums, file names, versions, counts) in a staging directory
before it touches the install, then replaces the database in one transaction and moves the media
directory into place, so that a bad archive leaves the install as it was.
"""

import datetime
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.conf import settings
from django.db import connections

FORMAT = "kennisbank-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_MEMBER = "media.tar"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ARCHIVE_PREFIX = "kennisbank-backup-"
ARCHIVE_SUFFIX = ".tar.gz"
CHUNK = 1024 * 1024

# What the manifest counts, and where: (name, table).
COUNTED_TABLES = (
    ("pages", "wagtailcore_page"),
    ("revisions", "wagtailcore_revision"),
    ("translations", "wagtail_localize_translation"),
    ("locales", "wagtailcore_locale"),
    ("documents", "wagtaildocs_document"),
    ("images", "wagtailimages_image"),
    ("renditions", "wagtailimages_rendition"),
    ("users", "accounts_user"),
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class DatabaseInfo:
    vendor: str  # "sqlite" or "postgresql"
    settings: dict

    @property
    def member(self) -> str:
        return DATABASE_MEMBERS[self.vendor]


# Database OPTIONS that pg_dump, psql and our own psycopg connection all honour, by the libpq
# environment variable that carries them to the command-line tools.
CONNECTION_OPTIONS = {
    "PGSSLMODE": "sslmode",
    "PGCONNECT_TIMEOUT": "connect_timeout",
    "PGSSLROOTCERT": "sslrootcert",
}


def database_info(alias: str = "default") -> DatabaseInfo:
    config = settings.DATABASES[alias]
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        return DatabaseInfo("sqlite", config)
    if engine == "django.db.backends.postgresql":
        return DatabaseInfo("postgresql", config)
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def default_backup_dir() -> Path:
    configured = os.environ.get("BACKUP_DIR", "").strip()
    return Path(configured) if configured else Path(settings.VAR_DIR) / "backups"


# PostgreSQL helpers


def pg_environment(config: dict) -> dict:
    """Environment for pg_dump, pg_restore and psql from Django's settings (no password on argv)."""
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        value = config.get(key)
        if value:
            env[variable] = str(value)
        else:
            env.pop(variable, None)
    options = config.get("OPTIONS", {})
    for variable, key in CONNECTION_OPTIONS.items():
        if options.get(key):
            env[variable] = str(options[key])
    return env


def run_tool(arguments: list[str], env: dict, what: str) -> subprocess.CompletedProcess:
    if shutil.which(arguments[0]) is None:
        raise BackupError(
            f"{arguments[0]} is not installed; it is needed to {what} "
            "(Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(arguments, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{arguments[0]} failed to {what}: {result.stderr.strip()}")
    return result


def pg_connect(config: dict):
    import psycopg

    options = config.get("OPTIONS", {})
    # The same connection options as pg_dump and psql get (TLS above all), and a time limit.
    settings = {key: options[key] for key in CONNECTION_OPTIONS.values() if options.get(key)}
    settings.setdefault("connect_timeout", 10)
    return psycopg.connect(
        dbname=config["NAME"],
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        **settings,
    )


# Reading a database: counts and applied migrations, from the snapshot that is backed up


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_state(cursor, table_names: set[str]) -> dict:
    counts = {}
    for name, table in COUNTED_TABLES:
        if table in table_names:
            cursor.execute(f"SELECT COUNT(*) FROM {quote_name(table)}")  # noqa: S608
            counts[name] = cursor.fetchone()[0]
    migrations = []
    if "django_migrations" in table_names:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    return {"counts": counts, "migrations": migrations}


def sqlite_tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {row[0] for row in rows if not row[0].startswith("sqlite_")}


def sqlite_state(path: Path) -> dict:
    connection = sqlite3.connect(path)
    try:
        return read_state(connection.cursor(), sqlite_tables(connection))
    finally:
        connection.close()


# Making a backup


def dump_sqlite(config: dict, target: Path) -> dict:
    source_path = Path(config["NAME"])
    if not source_path.exists():
        raise BackupError(f"The SQLite database {source_path} does not exist: nothing to back up.")
    source = sqlite3.connect(source_path, timeout=config.get("OPTIONS", {}).get("timeout", 20))
    destination = sqlite3.connect(target)
    try:
        # The online backup API copies a consistent snapshot while the site keeps running.
        source.backup(destination)
        destination.execute("PRAGMA journal_mode=DELETE")
        check = destination.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"The copy of the SQLite database fails its integrity check: {check}")
        version = sqlite3.sqlite_version
    finally:
        destination.close()
        source.close()
    state = sqlite_state(target)
    state["server_version"] = f"SQLite {version}"
    return state


def dump_postgresql(config: dict, target: Path) -> dict:
    """pg_dump from an exported snapshot, so the manifest's counts are exactly what is dumped."""
    import psycopg

    try:
        connection = pg_connect(config)
    except psycopg.Error as error:
        raise BackupError(f"Cannot connect to PostgreSQL: {error}".strip()) from None
    try:
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        schema = connection.execute("SELECT current_schema()").fetchone()[0]
        server_version = connection.execute("SHOW server_version").fetchone()[0]
        tables = {
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchall()
        }
        state = read_state(connection.cursor(), tables)
        run_tool(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ],
            pg_environment(config),
            "dump the PostgreSQL database",
        )
        connection.execute("COMMIT")
    finally:
        connection.close()
    state["server_version"] = f"PostgreSQL {server_version}"
    state["schema"] = schema
    return state


def add_media(media_root: Path, target: Path) -> dict:
    """Tar every regular file under MEDIA_ROOT (relative names); return name -> checksum."""
    files = {}
    total = 0
    with tarfile.open(target, "w") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_symlink() or not path.is_file():
                    continue
                name = path.relative_to(media_root).as_posix()
                files[name] = sha256_file(path)
                total += path.stat().st_size
                archive.add(path, arcname=name, recursive=False)
    return {"files": files, "count": len(files), "bytes": total}


def package_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    versions = {"python": platform.python_version(), "django": django.get_version()}
    versions["wagtail"] = wagtail.__version__
    for package in ("wagtail-localize", "psycopg"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            continue
    return versions


def archive_name(directory: Path, now: datetime.datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    candidate = directory / f"{ARCHIVE_PREFIX}{stamp}{ARCHIVE_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = directory / f"{ARCHIVE_PREFIX}{stamp}-{number}{ARCHIVE_SUFFIX}"
        number += 1
    return candidate


def make_backup(output_dir: Path | None = None) -> tuple[Path, dict]:
    """Write one archive and return its path and manifest. Nothing is left behind on failure."""
    info = database_info()
    output_dir = Path(output_dir or default_backup_dir())
    output_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".backup-") as staging_name:
        staging = Path(staging_name)
        database_file = staging / info.member
        if info.vendor == "sqlite":
            state = dump_sqlite(info.settings, database_file)
        else:
            state = dump_postgresql(info.settings, database_file)
        media_file = staging / MEDIA_MEMBER
        media = add_media(Path(settings.MEDIA_ROOT), media_file)
        versions = package_versions()
        versions["database"] = state.pop("server_version")
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created": now.isoformat(timespec="seconds"),
            "versions": versions,
            "database": {
                "vendor": info.vendor,
                "member": info.member,
                "sha256": sha256_file(database_file),
                "bytes": database_file.stat().st_size,
                "schema": state.get("schema"),
            },
            "counts": {**state["counts"], "media_files": media["count"]},
            "migrations": state["migrations"],
            "media": {
                "member": MEDIA_MEMBER,
                "sha256": sha256_file(media_file),
                "bytes": media["bytes"],
                "files": media["files"],
            },
        }
        manifest_file = staging / MANIFEST
        manifest_file.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        target = archive_name(output_dir, now)
        partial = staging / "archive.partial"
        with tarfile.open(partial, "w:gz") as archive:
            for member in (MANIFEST, info.member, MEDIA_MEMBER):
                archive.add(staging / member, arcname=member, recursive=False)
        partial.chmod(0o600)
        os.replace(partial, target)
    return target, manifest


# Restoring


def safe_member_name(name: str) -> str | None:
    """The normalised relative name, or None when it could escape its directory."""
    if not name or "\x00" in name or "\\" in name:
        return None
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("..", "") for part in path.parts):
        return None
    normalised = path.as_posix()
    return None if normalised in (".", "") else normalised


def read_archive(archive_path: Path, staging: Path) -> dict:
    """Unpack and verify the outer archive into `staging`; return the manifest."""
    if not archive_path.is_file():
        raise BackupError(f"{archive_path} is not a file.")
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            members = archive.getmembers()
            by_name = {}
            for member in members:
                name = safe_member_name(member.name)
                if name is None or not member.isfile():
                    raise BackupError(
                        f"{archive_path} holds an unexpected entry {member.name!r}: "
                        "it is not a backup made by `manage.py backup`."
                    )
                by_name[name] = member
            if MANIFEST not in by_name:
                raise BackupError(f"{archive_path} has no {MANIFEST}: it is not a backup.")
            manifest = parse_manifest(archive.extractfile(by_name[MANIFEST]).read())
            expected = {MANIFEST, manifest["database"]["member"], manifest["media"]["member"]}
            if set(by_name) != expected:
                raise BackupError(
                    f"{archive_path} should hold exactly {sorted(expected)}, "
                    f"but holds {sorted(by_name)}."
                )
            for name in expected - {MANIFEST}:
                source = archive.extractfile(by_name[name])
                with open(staging / name, "wb") as target:
                    shutil.copyfileobj(source, target, CHUNK)
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(
            f"{archive_path} cannot be read as a backup archive (damaged or truncated?): {error}"
        ) from None
    for section in ("database", "media"):
        member = manifest[section]["member"]
        actual = sha256_file(staging / member)
        if actual != manifest[section]["sha256"]:
            raise BackupError(
                f"The checksum of {member} in {archive_path} does not match its manifest: "
                "the archive is damaged."
            )
    return manifest


def parse_manifest(raw: bytes) -> dict:
    try:
        manifest = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BackupError("The archive's manifest is not valid JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("The archive's manifest is not a kennisbank backup manifest.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The archive has backup format {manifest.get('format_version')!r}; "
            f"this version of the site reads format {FORMAT_VERSION}."
        )
    try:
        vendor = manifest["database"]["vendor"]
        if manifest["database"]["member"] != DATABASE_MEMBERS[vendor]:
            raise KeyError("member")
        if manifest["media"]["member"] != MEDIA_MEMBER:
            raise KeyError("media")
        for section in ("database", "media"):
            if not isinstance(manifest[section]["sha256"], str):
                raise KeyError("sha256")
        if not isinstance(manifest["media"]["files"], dict):
            raise KeyError("files")
        if not isinstance(manifest["counts"], dict) or not isinstance(manifest["migrations"], list):
            raise KeyError("counts")
    except (KeyError, TypeError):
        raise BackupError("The archive's manifest is incomplete or malformed.") from None
    return manifest


def unpack_media(manifest: dict, staging: Path) -> Path:
    """Unpack media.tar into staging/media, checking every name and every file's checksum."""
    expected = manifest["media"]["files"]
    media_dir = staging / "media"
    media_dir.mkdir()
    seen = set()
    try:
        with tarfile.open(staging / MEDIA_MEMBER, "r:") as archive:
            for member in archive:
                name = safe_member_name(member.name)
                if name is None or not member.isfile():
                    raise BackupError(
                        f"The media files hold an unsafe or unexpected entry {member.name!r}."
                    )
                if name not in expected or name in seen:
                    raise BackupError(f"The media file {name!r} is not listed in the manifest.")
                target = media_dir / name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with archive.extractfile(member) as source, open(target, "wb") as handle:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        handle.write(chunk)
                if digest.hexdigest() != expected[name]:
                    raise BackupError(f"The media file {name!r} does not match its checksum.")
                seen.add(name)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"The media files in the archive cannot be read: {error}") from None
    missing = set(expected) - seen
    if missing:
        raise BackupError(
            f"{len(missing)} media files listed in the manifest are missing from the archive, "
            f"for example {sorted(missing)[0]!r}."
        )
    return media_dir


def check_migrations(manifest: dict) -> list[str]:
    """Refuse a backup from a newer version of the site; return migrations still to apply."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    in_backup = set(manifest["migrations"])
    unknown = sorted(in_backup - known)
    if unknown:
        raise BackupError(
            f"The backup was made by a newer version of the site: {len(unknown)} of its "
            f"migrations are unknown here (for example {unknown[0]}). Update the code first."
        )
    replaced = {
        f"{app}.{name}"
        for migration in loader.disk_migrations.values()
        for app, name in (migration.replaces or [])
    }
    return sorted(known - in_backup - replaced)


def database_is_empty(info: DatabaseInfo) -> tuple[bool, str]:
    """(empty?, description) of the install's database."""
    if info.vendor == "sqlite":
        path = Path(info.settings["NAME"])
        if not path.exists() or path.stat().st_size == 0:
            return True, f"SQLite database {path}"
        connection = sqlite3.connect(path, timeout=20)
        try:
            tables = sqlite_tables(connection)
        finally:
            connection.close()
        return not tables, f"SQLite database {path} ({len(tables)} tables)"
    import psycopg

    try:
        with pg_connect(info.settings) as connection:
            count = connection.execute(
                "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchone()[0]
    except psycopg.Error as error:
        raise BackupError(f"Cannot connect to PostgreSQL: {error}".strip()) from None
    name = info.settings["NAME"]
    return count == 0, f"PostgreSQL database {name!r} ({count} tables)"


def media_is_empty(media_root: Path) -> bool:
    return not media_root.exists() or not any(media_root.iterdir())


def check_sqlite_copy(manifest: dict, path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"The database in the archive is not a SQLite database: {error}"
        ) from None
    finally:
        connection.close()
    if check != "ok":
        raise BackupError(f"The database in the archive fails SQLite's integrity check: {check}")
    state = sqlite_state(path)
    if state["counts"] != {k: v for k, v in manifest["counts"].items() if k != "media_files"}:
        raise BackupError("The database in the archive does not hold the counts of its manifest.")


def restore_sqlite(config: dict, staged: Path) -> None:
    """Copy the staged database over the install's in one SQLite transaction."""
    target_path = Path(config["NAME"])
    target_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(staged)
    target = sqlite3.connect(target_path, timeout=config.get("OPTIONS", {}).get("timeout", 20))
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error as error:
        raise BackupError(f"Restoring the SQLite database failed: {error}") from None
    finally:
        target.close()
        source.close()


def count_check_sql(manifest: dict) -> str:
    """A DO block that aborts the restore transaction when a count differs from the manifest."""
    schema = manifest["database"].get("schema") or "public"
    tables = dict(COUNTED_TABLES)
    checks = []
    for name, expected in sorted(manifest["counts"].items()):
        if name not in tables:
            continue
        # Names come from COUNTED_TABLES (the schema is quoted) and the count is an int.
        table = f"{quote_name(schema)}.{quote_name(tables[name])}"
        checks.append(
            f"  IF (SELECT COUNT(*) FROM {table}) <> {int(expected)} THEN\n"  # noqa: S608
            f"    RAISE EXCEPTION 'restored {name} differ from the manifest';\n"
            "  END IF;"
        )
    return "DO $kennisbank$\nBEGIN\n" + "\n".join(checks) + "\nEND\n$kennisbank$;\n"


def restore_postgresql(manifest: dict, config: dict, staged: Path, staging: Path, force: bool):
    """Turn the dump into SQL and run it with psql in ONE transaction, counts checked inside."""
    env = pg_environment(config)
    script = staging / "restore.sql"
    with open(script, "w") as handle:
        handle.write("\\set ON_ERROR_STOP on\n")
        if force:
            schema = quote_name(manifest["database"].get("schema") or "public")
            handle.write(f"DROP SCHEMA IF EXISTS {schema} CASCADE;\nCREATE SCHEMA {schema};\n")
    sql = run_tool(
        ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(staged)],
        env,
        "read the PostgreSQL dump",
    ).stdout
    with open(script, "a") as handle:
        handle.write(sql)
        handle.write("\n" + count_check_sql(manifest))
    run_tool(
        ["psql", "--no-psqlrc", "--quiet", "--single-transaction", "--file", str(script)],
        env,
        "restore the PostgreSQL database (nothing was changed)",
    )


def move_media_into_place(unpacked: Path, media_root: Path) -> None:
    media_root.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if media_root.exists():
        old = media_root.with_name(f".{media_root.name}-replaced-{os.getpid()}")
        os.replace(media_root, old)
    try:
        shutil.move(str(unpacked), str(media_root))
    except OSError:
        if old is not None:
            os.replace(old, media_root)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def restore_backup(archive_path: Path, force: bool = False) -> tuple[dict, list[str]]:
    """Restore database and media from an archive; returns (manifest, migrations to apply)."""
    archive_path = Path(archive_path)
    info = database_info()
    media_root = Path(settings.MEDIA_ROOT)
    empty, description = database_is_empty(info)
    if not empty and not force:
        raise BackupError(
            f"The {description} is not empty. Restore into an empty install (a new database and "
            "an empty MEDIA_ROOT), or pass --force to replace everything in it."
        )
    if not media_is_empty(media_root) and not force:
        raise BackupError(
            f"MEDIA_ROOT {media_root} is not empty. Restore into an empty install, "
            "or pass --force to replace its files."
        )
    staging_parent = media_root.parent
    staging_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=staging_parent, prefix=".restore-") as staging_name:
        staging = Path(staging_name)
        manifest = read_archive(archive_path, staging)
        vendor = manifest["database"]["vendor"]
        if vendor != info.vendor:
            raise BackupError(
                f"The archive holds a {vendor} database, but this install uses {info.vendor}: "
                f"restore it into a {vendor} install."
            )
        to_apply = check_migrations(manifest)
        unpacked = unpack_media(manifest, staging)
        staged_database = staging / manifest["database"]["member"]
        for alias in connections:
            connections[alias].close()
        if vendor == "sqlite":
            check_sqlite_copy(manifest, staged_database)
            restore_sqlite(info.settings, staged_database)
        else:
            restore_postgresql(manifest, info.settings, staged_database, staging, force)
        move_media_into_place(unpacked, media_root)
    return manifest, to_apply


def describe(manifest: dict) -> str:
    counts = manifest["counts"]
    return ", ".join(f"{counts[name]} {name}" for name in sorted(counts))
