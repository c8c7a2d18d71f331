"""`make stress`: the load and fault goals of the security section, measured and checked.

1. **load**: gunicorn with production settings (`deploy/gunicorn.conf.py`) on the demo content
   in a throw-away SQLite database; after one warm-up pass over every URL, wrk from a second
   process on 127.0.0.1 for 60 s with 50 connections, rotating through the live pages of both
   languages (from the sitemap), searches, blog filters and feeds.
   Goal: no socket error, no response other than 2xx/3xx, p99 under 500 ms.
2. **worker_kill**: a client loop (16 threads, a new connection per request) loads the site
   for 20 s; after 6 s one gunicorn worker gets SIGKILL. Every request is timestamped.
   Goal: at most the requests that worker held fail (a sync worker holds one), the last failure
   is within 2 s of the kill, requests succeed after it, and gunicorn replaces the worker.
3. **sqlite_writers**: 16 processes, each 100 write transactions (read a counter, insert a
   row, update the counter) on one SQLite file, through Django with the project's database
   settings (WAL, IMMEDIATE transactions, 20 s busy timeout), all started at the same moment.
   Goal: no "database is locked", no lost update (1,600 rows, counter 1,600).

Each figure is printed as a `stress=<name> key=value ...` line and written to
`var/stress/results.json`; the exit status is 1 when a goal is missed, 2 when the run could not
be made. Everything is bounded in time and sent only to 127.0.0.1.

Options: `--duration` (load seconds, 60), `--connections` (50), `--only NAME` (repeatable),
`--sqlite-defaults` (also run the writers with Django's default SQLite options, for comparison).
"""

import argparse
import contextlib
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from bench import steps
from bench.server import BASE_DIR, FORWARDED_HEADERS, running_gunicorn, server_environment
from bench.steps import StepError, log
from bench.wrk import INSTALL_HINT, WrkError, lua_string, parse_wrk_output, wrk_command

STRESS_DIR = BASE_DIR / "var" / "stress"
STEP_TIMEOUT = 600
GUNICORN_CONFIG = BASE_DIR / "deploy" / "gunicorn.conf.py"

LOAD_P99_GOAL_MS = 500
KILL_RECOVERY_GOAL_S = 2.0
KILL_RUN_S = 20.0
KILL_AT_S = 6.0
KILL_THREADS = 16
WRITER_PROCESSES = 16
WRITER_TRANSACTIONS = 100

SEARCHES = {
    "nl": ["eenzaamheid", "fietsen", "ouderen", "buurt", "studenten", "verbondenheid"],
    "en": ["loneliness", "cycling", "older people", "neighbourhood", "students", "resilience"],
}

ROTATE_SCRIPT = """
-- Rotate through the URL list; each thread starts at a different place.
local paths = { %(paths)s }
local threads_made = 0
function setup(thread)
  threads_made = threads_made + 1
  thread:set("offset", threads_made * 7)
end
local counter = 0
function request()
  counter = counter + 1
  return wrk.format("GET", paths[((counter + offset) %% #paths) + 1])
end
"""

WRITER_CODE = r"""
import json, os, sys, time
import django
django.setup()
from django.db import OperationalError, connection, transaction
if os.environ.get("STRESS_SQLITE_DEFAULTS"):
    connection.settings_dict["OPTIONS"] = {}  # Django's defaults: 5 s timeout, deferred

worker, transactions, gate = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
locked = other = committed = 0
messages = []
connection.ensure_connection()
open(os.path.join(gate, f"ready-{worker}"), "w").close()
while not os.path.exists(os.path.join(gate, "go")):
    time.sleep(0.005)
began = time.time()
for number in range(transactions):
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT value FROM stress_counter WHERE id = 1")
                value = cursor.fetchone()[0]
                cursor.execute(
                    "INSERT INTO stress_write (worker, number, seen) VALUES (%s, %s, %s)",
                    [worker, number, value],
                )
                cursor.execute("UPDATE stress_counter SET value = %s WHERE id = 1", [value + 1])
        committed += 1
    except OperationalError as error:
        if "locked" in str(error).lower():
            locked += 1
        else:
            other += 1
        messages.append(str(error))
print(json.dumps({"committed": committed, "locked": locked, "other": other,
                  "began": began, "ended": time.time(), "messages": messages[:3]}))
"""


class StressError(StepError):
    """The run could not be made (not a missed goal)."""


def figure(name: str, **values) -> str:
    return steps.figure(name, kind="stress", **values)


def run_step(command: list[str], env: dict, what: str) -> str:
    """Run one step with the stress run's time limit; its stdout."""
    return steps.run_step(what, command, env, timeout=STEP_TIMEOUT, capture=True, error=StressError)


# The site under load


def prepare_site(work_dir: Path) -> dict:
    """A migrated SQLite database with the demo content and collected static files."""
    database_url = f"sqlite:///{work_dir / 'stress.sqlite3'}"
    base = {
        "VAR_DIR": str(work_dir),
        "MEDIA_ROOT": str(work_dir / "media"),
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "ERROR",
    }
    dev = dict(os.environ, DJANGO_SETTINGS_MODULE="website.settings.dev", **base)
    manage = [sys.executable, "manage.py"]
    run_step([*manage, "migrate", "--noinput", "--verbosity", "0"], dev, "migrate")
    run_step([*manage, "load_demo_content"], dev, "load the demo content")
    production = server_environment(database_url=database_url, env=base)
    run_step(
        [*manage, "collectstatic", "--noinput", "--verbosity", "0"],
        production,
        "collect static files (production storage)",
    )
    return {"database_url": database_url, "env": base}


def site_paths(server) -> list[str]:
    """Every live page (from the sitemap), searches, blog filters and feeds."""
    status, _headers, body = server.request("/sitemap.xml")
    if status != 200:
        raise StressError(f"/sitemap.xml answered {status}")
    pages = sorted(
        {
            re.sub(r"^https?://[^/]+", "", url)
            for url in re.findall(r"<loc>([^<]+)</loc>", body.decode())
        }
    )
    if len(pages) < 10:
        raise StressError(f"the sitemap lists only {len(pages)} pages: is the demo loaded?")
    paths = list(pages)
    search_paths = {"nl": "/nl/zoeken/", "en": "/en/search/"}
    for language, words in SEARCHES.items():
        paths += [f"{search_paths[language]}?q={quote(word)}" for word in words]
        paths.append(f"{search_paths[language]}?q={quote(words[0])}&type=post")
    blogs = [path for path in pages if re.fullmatch(r"/(nl|en)/blog/", path)]
    for blog in blogs:
        paths += [f"{blog}?page=2", f"{blog}?role=student", f"{blog}feed/", f"{blog}feed/atom/"]
    return paths


def warm(server, paths: list[str]) -> dict:
    """Request every URL once (twice for the cache); the statuses found."""
    statuses = {}
    for _round in range(2):
        for path in paths:
            status, _headers, _body = server.request(path, headers={"Accept-Language": "nl"})
            statuses[path] = status
    bad = {path: status for path, status in statuses.items() if not 200 <= status < 400}
    if bad:
        raise StressError(f"warm-up: these URLs do not answer 2xx/3xx: {bad}")
    return statuses


def load_run(server, paths: list[str], duration: int, connections: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="stress-wrk-") as directory:
        script = Path(directory) / "rotate.lua"
        script.write_text(ROTATE_SCRIPT % {"paths": ", ".join(map(lua_string, paths))})
        command = wrk_command(
            server.base_url + "/",
            duration=duration,
            threads=2,
            connections=connections,
            headers={"Accept-Language": "nl", "Accept-Encoding": "gzip, br"},
            timeout_s=10,
            script=str(script),
        )
        log(f"load: wrk {duration} s, {connections} connections, {len(paths)} URLs")
        try:
            completed = subprocess.run(  # noqa: S603 - wrk with our arguments
                command, capture_output=True, text=True, timeout=duration + 60, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise StressError("wrk did not finish in time") from error
    if completed.returncode != 0:
        raise StressError(f"wrk failed: {(completed.stderr or completed.stdout)[-2000:]}")
    try:
        result = parse_wrk_output(completed.stdout)
    except WrkError as error:
        raise StressError(str(error)) from None
    p99 = result.latency_ms.get(99)
    socket_errors = sum(result.errors.values())
    passed = (
        socket_errors == 0
        and result.non_2xx_3xx == 0
        and p99 is not None
        and p99 < LOAD_P99_GOAL_MS
        and result.requests > 0
    )
    return {
        "requests": result.requests,
        "seconds": result.duration_s,
        "rps": result.rps,
        "p50_ms": result.latency_ms.get(50),
        "p90_ms": result.latency_ms.get(90),
        "p99_ms": p99,
        "socket_errors": socket_errors,
        "non_2xx_3xx": result.non_2xx_3xx,
        "connections": connections,
        "urls": len(paths),
        "goal": f"0 errors, 0 non-2xx/3xx, p99 < {LOAD_P99_GOAL_MS} ms",
        "passed": passed,
    }


def one_request(server, path: str) -> tuple[bool, str]:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        connection.request("GET", path, headers={**FORWARDED_HEADERS, "Accept-Language": "nl"})
        response = connection.getresponse()
        response.read()
        if 200 <= response.status < 400:
            return True, ""
        return False, f"status {response.status}"
    except (OSError, http.client.HTTPException) as error:
        return False, type(error).__name__
    finally:
        connection.close()


def kill_a_worker(server) -> int:
    """SIGKILL one current worker; its pid.

    The workers are read again at this moment: gunicorn replaces workers after
    `max_requests`, so one seen a few seconds earlier may already be gone.
    """
    for _attempt in range(10):
        for pid in server.worker_pids():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:  # recycled by gunicorn a moment ago
                continue
            return pid
        time.sleep(0.05)
    raise StressError("no gunicorn worker could be found to kill")


def kill_run(server, paths: list[str]) -> dict:
    """Load with a client loop; SIGKILL one worker; timestamp every failure."""
    records = []  # (start, end, ok, reason)
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + KILL_RUN_S

    def client(number: int) -> None:
        index = number * 5
        while time.monotonic() < deadline:
            path = paths[index % len(paths)]
            index += 1
            begin = time.monotonic()
            ok, reason = one_request(server, path)
            with lock:
                records.append((begin - started, time.monotonic() - started, ok, reason))

    workers_before = server.worker_pids()
    if len(workers_before) < 2:
        raise StressError(f"gunicorn has {len(workers_before)} workers; the run needs two or more")
    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(KILL_THREADS)]
    log(f"worker_kill: {KILL_THREADS} client threads for {KILL_RUN_S:.0f} s")
    for thread in threads:
        thread.start()
    time.sleep(KILL_AT_S)
    victim = kill_a_worker(server)
    killed_at = time.monotonic() - started
    log(f"worker_kill: SIGKILL to worker {victim} at {killed_at:.2f} s")
    for thread in threads:
        thread.join(KILL_RUN_S + 30)
    workers_after = server.worker_pids()
    failures = [record for record in records if not record[2]]
    after_kill_failures = [record for record in failures if record[1] >= killed_at]
    last_failure = max((record[1] for record in failures), default=None)
    recovery_s = (last_failure - killed_at) if last_failure is not None else 0.0
    successes_after = [r for r in records if r[2] and r[0] > killed_at + recovery_s]
    held = 1  # a sync worker serves one request at a time
    replaced = victim not in workers_after and len(workers_after) == len(workers_before)
    passed = (
        len(failures) <= held
        and len(after_kill_failures) == len(failures)
        and recovery_s <= KILL_RECOVERY_GOAL_S
        and len(successes_after) > 0
        and replaced
    )
    return {
        "requests": len(records),
        "failures": len(failures),
        "allowed_failures": held,
        "failure_reasons": sorted({record[3] for record in failures}),
        "killed_at_s": killed_at,
        "recovery_s": recovery_s,
        "successes_after_recovery": len(successes_after),
        "workers_before": len(workers_before),
        "workers_after": len(workers_after),
        "worker_replaced": replaced,
        "goal": f"failures <= {held} (held by the worker), recovery <= {KILL_RECOVERY_GOAL_S} s",
        "passed": passed,
    }


# SQLite writers


def writers_run(work_dir: Path, defaults: bool = False) -> dict:
    """16 writer processes; with `defaults`, Django's default SQLite options instead of ours
    (for comparison: `--sqlite-defaults`; not a goal, it shows what the settings prevent)."""
    path = work_dir / "writers.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()
    env = server_environment(
        database_url=f"sqlite:///{path}", env={"VAR_DIR": str(work_dir), "LOG_LEVEL": "ERROR"}
    )
    if defaults:
        env["STRESS_SQLITE_DEFAULTS"] = "1"
    setup = (
        "import os, django; django.setup()\n"
        "from django.db import connection\n"
        "if os.environ.get('STRESS_SQLITE_DEFAULTS'):\n"
        "    connection.settings_dict['OPTIONS'] = {}\n"
        "with connection.cursor() as c:\n"
        "    c.execute('CREATE TABLE stress_write (id INTEGER PRIMARY KEY, worker INT,"
        " number INT, seen INT)')\n"
        "    c.execute('CREATE TABLE stress_counter (id INTEGER PRIMARY KEY, value INT)')\n"
        "    c.execute('INSERT INTO stress_counter (id, value) VALUES (1, 0)')\n"
        "print(connection.settings_dict['OPTIONS'])\n"
    )
    options = run_step([sys.executable, "-c", setup], env, "sqlite_writers: set up").strip()
    # Every process connects, then waits at the gate; all start writing at the same moment.
    gate = work_dir / "gate"
    gate.mkdir(exist_ok=True)
    log(f"sqlite_writers: {WRITER_PROCESSES} processes x {WRITER_TRANSACTIONS} transactions")
    processes = [
        subprocess.Popen(  # noqa: S603 - our interpreter and code
            [sys.executable, "-c", WRITER_CODE, str(n), str(WRITER_TRANSACTIONS), str(gate)],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITER_PROCESSES)
    ]
    deadline = time.monotonic() + STEP_TIMEOUT
    while len(list(gate.glob("ready-*"))) < WRITER_PROCESSES:
        if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
            for process in processes:
                process.kill()
            raise StressError("sqlite_writers: not every writer process got ready")
        time.sleep(0.05)
    (gate / "go").touch()
    outcomes = []
    problems = []
    for process in processes:
        try:
            stdout, stderr = process.communicate(timeout=STEP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
            problems.append("a writer did not finish in time")
            continue
        try:
            outcomes.append(json.loads(stdout.strip().splitlines()[-1]))
        except (ValueError, IndexError):
            problems.append(stderr[-500:])
    seconds = (
        max(o["ended"] for o in outcomes) - min(o["began"] for o in outcomes) if outcomes else None
    )
    count = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('SELECT COUNT(*) FROM stress_write'); rows = c.fetchone()[0]\n"
        "    c.execute('SELECT value FROM stress_counter'); value = c.fetchone()[0]\n"
        "print(rows, value)\n"
    )
    rows, counter = map(int, run_step([sys.executable, "-c", count], env, "count").split())
    expected = WRITER_PROCESSES * WRITER_TRANSACTIONS
    locked = sum(outcome["locked"] for outcome in outcomes)
    other = sum(outcome["other"] for outcome in outcomes)
    committed = sum(outcome["committed"] for outcome in outcomes)
    passed = (
        not problems
        and len(outcomes) == WRITER_PROCESSES
        and locked == 0
        and other == 0
        and committed == rows == counter == expected
    )
    return {
        "processes": WRITER_PROCESSES,
        "transactions": expected,
        "committed": committed,
        "locked": locked,
        "other_errors": other,
        "rows": rows,
        "counter": counter,
        "seconds": seconds,
        "options": options,
        "problems": problems[:3],
        "goal": "0 'database is locked', no lost update",
        "passed": passed,
    }


ACCESS_LINE = re.compile(r'"GET (\S+) HTTP/[\d.]+" (\d{3}) \S+ (\d+)us')


def slowest_requests(access_log: Path, count: int = 10) -> list:
    """The slowest requests gunicorn served (path, status, ms), to tell where time went."""
    try:
        text = access_log.read_text(errors="replace")
    except OSError:
        return []
    found = [
        (int(micros) / 1000, path, int(status))
        for path, status, micros in ACCESS_LINE.findall(text)
    ]
    return [
        {"ms": round(ms, 1), "path": path, "status": status}
        for ms, path, status in sorted(found, reverse=True)[:count]
    ]


def print_figure(name: str, result: dict) -> None:
    shown = {
        key: value
        for key, value in result.items()
        if key not in ("goal", "options", "problems", "failure_reasons")
    }
    shown["passed"] = "yes" if result["passed"] else "NO"
    sys.stdout.write(figure(name, **shown) + "\n")
    sys.stdout.flush()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="load seconds (60)")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections (50)")
    parser.add_argument(
        "--sqlite-defaults",
        action="store_true",
        help="also run the SQLite writers with Django's default options, for comparison",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=["load", "worker_kill", "sqlite_writers"],
        help="run only these parts (repeatable)",
    )
    args = parser.parse_args(argv)
    parts = args.only or ["load", "worker_kill", "sqlite_writers"]
    if "load" in parts and shutil.which("wrk") is None:
        log(INSTALL_HINT)
        return 2
    STRESS_DIR.mkdir(parents=True, exist_ok=True)
    results = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count()},
    }
    try:
        with tempfile.TemporaryDirectory(dir=STRESS_DIR, prefix="run-") as directory:
            work_dir = Path(directory)
            if {"load", "worker_kill"} & set(parts):
                site = prepare_site(work_dir)
                access_log = work_dir / "access.log"
                with running_gunicorn(
                    database_url=site["database_url"],
                    env={**site["env"], "GUNICORN_ACCESS_LOG": str(access_log)},
                    config=GUNICORN_CONFIG if GUNICORN_CONFIG.exists() else None,
                    workers=int(os.environ.get("STRESS_WORKERS", "5")),
                    log_path=work_dir / "gunicorn.log",
                ) as server:
                    paths = site_paths(server)
                    log(f"warm-up: {len(paths)} URLs")
                    warm(server, paths)
                    results["workers"] = len(server.worker_pids())
                    if "load" in parts:
                        results["load"] = load_run(server, paths, args.duration, args.connections)
                        print_figure("load", results["load"])
                    if "worker_kill" in parts:
                        results["worker_kill"] = kill_run(server, paths)
                        print_figure("worker_kill", results["worker_kill"])
                results["slowest_requests"] = slowest_requests(access_log)
                for name in ("access.log", "gunicorn.log"):
                    with contextlib.suppress(OSError):
                        shutil.copy(work_dir / name, STRESS_DIR / name)
            if "sqlite_writers" in parts:
                results["sqlite_writers"] = writers_run(work_dir)
                print_figure("sqlite_writers", results["sqlite_writers"])
            if args.sqlite_defaults:
                comparison = writers_run(work_dir, defaults=True)
                comparison["goal"] = "none: Django's default SQLite options, for comparison"
                results["sqlite_writers_defaults"] = comparison
                print_figure("sqlite_writers_defaults", comparison)
    except StressError as error:
        log(f"stress run failed: {error}")
        results["error"] = str(error)
        (STRESS_DIR / "results.json").write_text(json.dumps(results, indent=2))
        return 2
    (STRESS_DIR / "results.json").write_text(json.dumps(results, indent=2))
    missed = [name for name in parts if not results[name]["passed"]]
    if missed:
        log(f"goals missed: {', '.join(missed)} (details in var/stress/results.json)")
        return 1
    log("all stress goals met (var/stress/results.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
