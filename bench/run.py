"""`make bench`: build (or reuse) the large data set, serve it with gunicorn, load it with wrk.

Steps, each bounded in time:

1. The bench database: SQLite `var/bench/bench.sqlite3` by default; with `DATABASE_URL`
   pointing at PostgreSQL, the database named there with `_bench` appended (unless it already
   ends in `_bench`), created when missing. The dev database is never touched.
2. `migrate`, then the data set (`bench.dataset`: 10,000 posts, 1,000 clips, 200 studies, both
   languages) unless a complete one of the same version is there already; `collectstatic`
   with production storage. Everything of the bench lives under `var/bench/` (`VAR_DIR`).
3. In-process render times with the cache disabled (`bench.render`).
4. gunicorn with production settings (`bench.server`, `deploy/gunicorn.conf.py`), then wrk
   per page, cached and uncached (a unique query string per request), and a static file.
5. The peak RSS of the workers; results as `bench=<figure> name=value ...` lines, in
   `var/bench/results.json` and drawn in `var/bench/results.png`.

Options: `--quick` (a small data set and 2-second runs: a smoke test), `--duration`,
`--connections`, `--workers`, `--rebuild`, `--profile NAME`.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import signal
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import steps
from bench.chart import draw_chart
from bench.server import BASE_DIR, running_gunicorn
from bench.steps import StepError, figure, log
from bench.wrk import INSTALL_HINT, WrkError, run_wrk

BENCH_DIR = BASE_DIR / "var" / "bench"
STEP_TIMEOUT = 900  # seconds for one preparation step (the first data build is the longest)
ACCEPT = {"Accept-Encoding": "gzip, br", "Accept-Language": "nl"}
RENDER_GOALS_MS = {"blog_post": 10, "clip": 10}
DEFAULT_RENDER_GOAL_MS = 15
STATIC_SHARE_GOAL = 0.5
RSS_GOAL_MB = 120


class BenchError(StepError):
    pass


def parse_figure(line: str) -> tuple[str, dict[str, str]]:
    """The inverse of `figure()`: (name, {key: value})."""
    pairs = dict(part.split("=", 1) for part in line.split())
    return pairs.pop("bench"), pairs


# The database


def bench_database(database_url: str | None, *, quick: bool = False) -> tuple[str, str]:
    """(DATABASE_URL of the bench database, a label for reports).

    The quick (smoke-test) data set lives in a database of its own, so that it never replaces
    the full one.
    """
    if not database_url:
        path = BENCH_DIR / ("bench-quick.sqlite3" if quick else "bench.sqlite3")
        return f"sqlite:///{path}", f"sqlite:{path.relative_to(BASE_DIR)}"
    parts = urlsplit(database_url)
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        name = parts.path.lstrip("/") or "kennisbank"
        if not name.endswith("_bench"):
            name += "_bench"
        if quick:
            name += "_quick"
        url = urlunsplit(parts._replace(path="/" + name))
        return url, f"postgresql:{parts.hostname or 'localhost'}/{name}"
    if parts.scheme == "sqlite":
        raise BenchError(
            "make bench keeps its SQLite database under var/bench/: unset DATABASE_URL for "
            "SQLite, or give a PostgreSQL DATABASE_URL."
        )
    raise BenchError(f"make bench supports SQLite and PostgreSQL, not {parts.scheme!r}.")


def _postgres_admin(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "localhost",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=10,
    ), parts.path.lstrip("/")


def ensure_database(url: str, *, fresh: bool) -> None:
    """Create the bench database when missing; with `fresh`, drop and recreate it first."""
    if url.startswith("sqlite"):
        path = Path(urlsplit(url).path)
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg
    from psycopg import sql

    try:
        connection, name = _postgres_admin(url)
    except psycopg.Error as error:
        raise BenchError(f"cannot reach PostgreSQL for the bench database: {error}") from None
    with connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and fresh:
            connection.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
            exists = None
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# Subprocesses


def run_step(description: str, command: list[str], env: dict, *, capture: bool = False) -> str:
    """Run one preparation step with the bench's time limit; its stdout when `capture`."""
    return steps.run_step(
        description, command, env, timeout=STEP_TIMEOUT, capture=capture, error=BenchError
    )


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def last_json_line(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def machine_info() -> dict:
    memory_kb = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    cpu_model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_mb": round(memory_kb / 1024) if memory_kb else None,
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


# The run


def prepare(args, env: dict, database_url: str) -> dict:
    marker = (
        BENCH_DIR
        / "markers"
        / (
            ("quick-" if args.quick else "")
            + urlsplit(database_url).path.strip("/").replace("/", "_")
        )
    )
    marker = marker.with_suffix(".json")
    dataset_args = ["--marker", str(marker)] + (["--quick"] if args.quick else [])
    ensure_database(database_url, fresh=args.rebuild)
    run_step("migrate", python("manage.py", "migrate", "--noinput", "-v", "0"), env)
    state = last_json_line(
        run_step(
            "check the data set",
            python("-m", "bench.dataset", "status", *dataset_args),
            env,
            capture=True,
        )
    )
    if state["complete"] and not args.rebuild:
        log(f"reusing the data set: {state['counts']}")
        dataset = {**(state["marker"] or {}), "reused": True}
    else:
        if any(state["counts"].values()):
            log("the database holds an incomplete or different data set: starting afresh")
            ensure_database(database_url, fresh=True)
            run_step("migrate", python("manage.py", "migrate", "--noinput", "-v", "0"), env)
        marker.unlink(missing_ok=True)
        dataset = last_json_line(
            run_step(
                "build the data set",
                python("-m", "bench.dataset", "build", *dataset_args),
                env,
                capture=True,
            )
        )
        dataset["reused"] = False
    run_step("collectstatic", python("manage.py", "collectstatic", "--noinput", "-v", "0"), env)
    return dataset


def measure_renders(args, env: dict) -> dict:
    out = BENCH_DIR / "render.json"
    command = python("-m", "bench.render", "--out", str(out), "--renders", str(args.renders))
    if args.profile:
        command += ["--profile", args.profile]
    # The full-page cache is off, so every request renders its page; the shared lookups every
    # page needs (site, locales, menu) are memoized in a working cache, as in production.
    render_env = {**env, "CACHE_URL": "locmem://", "PAGE_CACHE_ENABLED": "false"}
    run_step("in-process renders (page cache off)", command, render_env)
    return json.loads(out.read_text())


def clear_cache(env: dict) -> None:
    """Start from an empty cache: what a previous run left would flatter the first figures."""
    if not env.get("CACHE_URL"):
        shutil.rmtree(Path(env["VAR_DIR"]) / "cache", ignore_errors=True)
        return
    run_step(
        "clear the cache",
        python(
            "-c",
            "import django; django.setup(); from django.core.cache import cache; cache.clear()",
        ),
        env,
    )


def drain(server, *, limit_s: float = 60) -> None:
    """Wait until the workers are idle again (requests wrk left queued are finished)."""
    deadline = time.monotonic() + limit_s
    quick_answers = 0
    while time.monotonic() < deadline and quick_answers < 2:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            server.request("/healthz/", timeout=limit_s)
        quick_answers = quick_answers + 1 if time.monotonic() - started < 0.2 else 0


def load_test(args, env: dict, renders: dict, emit) -> tuple[list[dict], dict, dict]:
    """gunicorn + wrk; (pages, static, rss)."""
    wrk_options = {
        "duration": args.duration,
        "threads": 2,
        "connections": args.connections,
        "headers": ACCEPT,
    }
    pages = []
    config = BASE_DIR / "deploy" / "gunicorn.conf.py"
    with running_gunicorn(
        env=env,
        workers=args.workers,
        config=config if config.exists() else None,
        log_path=BENCH_DIR / "gunicorn.log",
        extra_args=("--access-logfile", "/dev/null"),
    ) as server:
        log(f"gunicorn on {server.base_url}, workers {server.worker_pids()}")
        static_path = renders["static_path"]
        status, headers, body = server.request(static_path, headers=ACCEPT)
        if status != 200:
            raise BenchError(f"{static_path} answered {status}")
        result = run_wrk(server.base_url + static_path, **wrk_options)
        drain(server)
        static = {
            "path": static_path,
            "rps": result.rps,
            "p50_ms": result.latency_ms.get(50),
            "p99_ms": result.latency_ms.get(99),
            "bytes": len(body),
            "errors": result.error_count,
        }
        emit(figure("static", **{k: v for k, v in static.items() if k != "path"}))
        for name, render in renders["targets"].items():
            path = render["path"]
            server.request(path, headers=ACCEPT)  # fill the cache
            status, headers, body = server.request(path, headers=ACCEPT)
            if status != 200:
                raise BenchError(f"{path} answered {status}: see {server.log_path}")
            x_cache = {k.lower(): v for k, v in headers.items()}.get("x-cache", "-")
            entry = {"name": name, "path": path, "bytes": len(body), "x_cache": x_cache}
            for kind, unique in (("cached", False), ("uncached", True)):
                options = dict(wrk_options)
                if unique:
                    # Uncached throughput is bounded by the workers: two connections per
                    # worker keep them busy without queueing seconds of work behind them.
                    options["connections"] = min(args.connections, 2 * args.workers)
                result = run_wrk(server.base_url + path, unique_query=unique, **options)
                drain(server)
                queries = render["cached_queries"] if kind == "cached" else render["queries"]
                entry[f"{kind}_rps"] = result.rps
                entry[f"{kind}_p50_ms"] = result.latency_ms.get(50)
                entry[f"{kind}_p99_ms"] = result.latency_ms.get(99)
                entry[f"{kind}_errors"] = result.error_count
                entry[f"{kind}_queries"] = queries
                emit(
                    figure(
                        f"{name}_{kind}",
                        rps=result.rps,
                        p50_ms=result.latency_ms.get(50),
                        p99_ms=result.latency_ms.get(99),
                        queries=queries,
                        bytes=len(body),
                        errors=result.error_count,
                        x_cache=x_cache if kind == "cached" else None,
                    )
                )
            entry["render_ms"] = render["median_ms"]
            entry["render_p90_ms"] = render["p90_ms"]
            entry["render_queries"] = render["queries"]
            entry["goal_ms"] = RENDER_GOALS_MS.get(name, DEFAULT_RENDER_GOAL_MS)
            pages.append(entry)
        peaks = server.peak_rss_kb()
    rss = {
        "workers": len(peaks),
        "peak_mb": round(max(peaks.values()) / 1024, 1) if peaks else None,
        "per_worker_mb": [round(value / 1024, 1) for value in peaks.values()],
    }
    return pages, static, rss


def goals(pages: list[dict], static: dict, rss: dict) -> dict:
    static_rps = static.get("rps") or 0
    shares = [p["cached_rps"] / static_rps for p in pages if static_rps]
    return {
        "cached_min_share_of_static": round(min(shares), 3) if shares else None,
        "cached_share_goal": STATIC_SHARE_GOAL,
        "cached_pages_meeting_goal": sum(share >= STATIC_SHARE_GOAL for share in shares),
        "render_pages_meeting_goal": sum(p["render_ms"] <= p["goal_ms"] for p in pages),
        "pages": len(pages),
        "rss_goal_mb": RSS_GOAL_MB,
        "rss_meets_goal": rss["peak_mb"] is not None and rss["peak_mb"] <= RSS_GOAL_MB,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="small data set, short runs")
    parser.add_argument("--duration", type=float, default=None, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 2)))
    parser.add_argument("--renders", type=int, default=None, help="renders per page type")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the data set")
    parser.add_argument("--profile", default="", help="cProfile one render target, e.g. home")
    args = parser.parse_args(argv)
    args.duration = args.duration or (2 if args.quick else 5)
    args.renders = args.renders or (10 if args.quick else 100)
    if shutil.which("wrk") is None:
        sys.stderr.write(INSTALL_HINT + "\n")
        return 2

    # Ctrl-C and SIGTERM both unwind through the context managers (gunicorn is stopped).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    machine = machine_info()  # the load average before the run: other work skews the figures
    try:
        database_url, database_label = bench_database(
            os.environ.get("DATABASE_URL"), quick=args.quick
        )
        env = dict(os.environ)
        site_dir = BENCH_DIR / "site"
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "website.settings.production",
                "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
                "VAR_DIR": str(site_dir),
                "DATABASE_URL": database_url,
                "LOG_LEVEL": env.get("LOG_LEVEL", "WARNING"),
                "PYTHONUNBUFFERED": "1",
                # Workers serve the whole load (no recycling after max_requests), so that
                # their peak memory is that of a worker that has seen every page.
                "GUNICORN_MAX_REQUESTS": "0",
            }
        )
        if len(env.get("SECRET_KEY", "")) < 50:
            import secrets

            env["SECRET_KEY"] = secrets.token_urlsafe(50)
        env.pop("MEDIA_ROOT", None)
        log(f"bench database: {database_label}")
        lines = []

        def emit(line):
            lines.append(line)
            print(line, flush=True)  # noqa: T201 - the benchmark's output

        emit(
            figure(
                "machine",
                cpus=machine["cpus"],
                load_1m=machine["load_average"][0],
                memory_mb=machine["memory_mb"],
                database=database_label.split(":", 1)[0],
            )
        )
        dataset = prepare(args, env, database_url)
        emit(
            figure(
                "dataset",
                pages=dataset.get("pages"),
                build_s=dataset.get("build_s"),
                reused="yes" if dataset.get("reused") else "no",
            )
        )
        renders = measure_renders(args, env)
        for name, render in renders["targets"].items():
            emit(
                figure(
                    f"render_{name}",
                    median_ms=render["median_ms"],
                    p90_ms=render["p90_ms"],
                    queries=render["queries"],
                    bytes=render["bytes"],
                    renders=render["renders"],
                )
            )
        clear_cache(env)
        pages, static, rss = load_test(args, env, renders, emit)
        emit(figure("worker_rss", peak_mb=rss["peak_mb"], workers=rss["workers"]))
        summary = goals(pages, static, rss)
        emit(
            figure(
                "goals",
                cached_min_pct_of_static=round(100 * summary["cached_min_share_of_static"], 1)
                if summary["cached_min_share_of_static"] is not None
                else None,
                cached_ok=f"{summary['cached_pages_meeting_goal']}/{summary['pages']}",
                render_ok=f"{summary['render_pages_meeting_goal']}/{summary['pages']}",
                rss_ok="yes" if summary["rss_meets_goal"] else "no",
            )
        )
    except (BenchError, WrkError) as error:
        sys.stderr.write(f"make bench failed: {error}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("make bench interrupted; gunicorn stopped.\n")
        return 130
    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": database_label,
        "machine": {**machine, "load_average_after": machine_info()["load_average"]},
        "options": {
            "quick": args.quick,
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": 2,
            "workers": args.workers,
            "renders": args.renders,
        },
        "dataset": dataset,
        "static": static,
        "pages": pages,
        "worker_rss": rss,
        "goals": summary,
        "lines": lines,
        "total_s": round(time.monotonic() - started, 1),
    }
    results["subtitle"] = (
        f"{results['date']} · {database_label} · {dataset.get('pages')} pages · "
        f"{machine['cpus']} CPUs (load {machine['load_average'][0]:g} at start) · "
        f"gunicorn {args.workers} workers · "
        f"wrk {args.duration:g} s, 2 threads, {args.connections} connections"
    )
    # results.json is the latest run; results-<database>.json keeps the latest per database.
    stem = "results-quick" if args.quick else "results"
    vendor = database_label.split(":", 1)[0]
    for name in (stem, f"{stem}-{vendor}"):
        json_path = BENCH_DIR / f"{name}.json"
        json_path.write_text(json.dumps(results, indent=2) + "\n")
        chart_path = draw_chart(results, json_path.with_suffix(".png"))
        log(f"wrote {json_path.relative_to(BASE_DIR)} and {chart_path.relative_to(BASE_DIR)}")
    log(f"total {results['total_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
