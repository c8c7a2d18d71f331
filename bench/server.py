"""Run the site under gunicorn with production settings, for benchmarks and load tests.

    from bench.server import running_gunicorn

    with running_gunicorn(database_url="sqlite:////tmp/x.sqlite3", workers=2) as server:
        server.base_url        # "http://127.0.0.1:40123"
        server.master_pid      # the gunicorn arbiter
        server.worker_pids()   # its current workers (re-read on every call)
        server.peak_rss_kb()   # {worker pid: VmHWM in KiB}
        server.request("/nl/") # (status, headers, body) with the proxy headers production wants

The server binds 127.0.0.1 on a free port with `--no-control-socket`, and the context manager
returns only once `/healthz/` answers 200 (within `startup_timeout` seconds; otherwise it
raises `ServerError` with the end of gunicorn's log). Leaving the block, normally, by an
exception or by Ctrl-C, always stops it: SIGTERM, then SIGKILL of the whole process group
after `stop_timeout` seconds. Should this process itself be killed, the kernel stops gunicorn
too (Linux's parent-death signal).

Settings: `website.settings.production`, which needs SECRET_KEY and ALLOWED_HOSTS: a random
key and `127.0.0.1,localhost` are supplied unless `env` (or the environment) gives them.
Production redirects plain HTTP to HTTPS; requests must therefore carry
`X-Forwarded-Proto: https` (`FORWARDED_HEADERS`, as a TLS proxy would send), which
`request()` does and `bench.wrk` does for wrk.
"""

import contextlib
import ctypes
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# What a TLS-terminating proxy in front of gunicorn sends (deploy/nginx.conf does the same).
FORWARDED_HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


class ServerError(RuntimeError):
    """gunicorn did not start or did not answer its health check in time."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is `pid` (gunicorn's workers, for its arbiter)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended meanwhile
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        fields_after_comm = stat.rsplit(")", 1)[1].split()
        if int(fields_after_comm[1]) == pid:
            children.append(int(entry.name))
    return sorted(children)


def peak_rss_kb(pid: int) -> int | None:
    """The peak resident set size (VmHWM) of a process in KiB, or None when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


@dataclass
class ServerInfo:
    """A running gunicorn: where it answers and which processes it has."""

    base_url: str
    host: str
    port: int
    master_pid: int
    log_path: Path
    env: dict = field(repr=False, default_factory=dict)

    def worker_pids(self) -> list[int]:
        return child_pids(self.master_pid)

    def peak_rss_kb(self) -> dict[int, int]:
        """{worker pid: peak RSS in KiB} of the current workers."""
        found = {pid: peak_rss_kb(pid) for pid in self.worker_pids()}
        return {pid: value for pid, value in found.items() if value is not None}

    def request(self, path: str, *, method: str = "GET", headers=None, timeout: float = 30):
        """One request with the proxy headers: (status, headers dict, body bytes)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request(method, path, headers={**FORWARDED_HEADERS, **(headers or {})})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def server_environment(*, database_url=None, env=None) -> dict:
    """The environment gunicorn runs with: the caller's, plus what production needs."""
    result = dict(os.environ)
    result["DJANGO_SETTINGS_MODULE"] = "website.settings.production"  # `env` may override
    if not result.get("SECRET_KEY") or len(result["SECRET_KEY"]) < 50:
        result["SECRET_KEY"] = secrets.token_urlsafe(50)
    result.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    if database_url:
        result["DATABASE_URL"] = database_url
    result.update(env or {})
    return result


try:  # loaded here, not in the forked child
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux: the context manager alone stops gunicorn
    _PRCTL = None
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child before exec: the kernel sends SIGTERM to gunicorn if we die (even SIGKILL)."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGTERM)


def _stop(process: subprocess.Popen, stop_timeout: float) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=stop_timeout)
    except subprocess.TimeoutExpired:
        pass
    # Whatever is left of the group we started (the arbiter's session): workers included.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


@contextlib.contextmanager
def running_gunicorn(
    *,
    database_url: str | None = None,
    env: dict | None = None,
    workers: int = 2,
    port: int | None = None,
    config: str | Path | None = None,
    extra_args: tuple[str, ...] = (),
    log_path: str | Path | None = None,
    startup_timeout: float = 60,
    stop_timeout: float = 10,
):
    """Start gunicorn (production settings, 127.0.0.1, `--no-control-socket`); yield ServerInfo.

    `database_url`: the DATABASE_URL to serve (else the environment's). `env`: more variables
    (they win). `config`: a gunicorn config file such as `deploy/gunicorn.conf.py` (the
    arguments here override its bind, workers and logs). `extra_args`: more gunicorn options.
    The database must be migrated and static files collected beforehand.
    """
    port = port or free_port()
    environment = server_environment(database_url=database_url, env=env)
    if log_path is None:
        handle, name = tempfile.mkstemp(prefix="gunicorn-", suffix=".log")
        os.close(handle)
        log_path = Path(name)
    log_path = Path(log_path)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "gunicorn"]
    if config is not None:
        command += ["--config", str(config)]
    command += [
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--no-control-socket",
        "--error-logfile",
        str(log_path),
        *extra_args,
        "website.wsgi:application",
    ]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=BASE_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
    info = ServerInfo(
        base_url=f"http://{HOST}:{port}",
        host=HOST,
        port=port,
        master_pid=process.pid,
        log_path=log_path,
        env=environment,
    )
    try:
        _wait_until_healthy(info, process, startup_timeout)
        yield info
    finally:
        _stop(process, stop_timeout)


def _wait_until_healthy(info: ServerInfo, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last_error = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(
                f"gunicorn exited with status {process.returncode} before answering:\n"
                + info.log_tail()
            )
        try:
            status, _headers, _body = info.request("/healthz/", timeout=5)
        except OSError as error:
            last_error = str(error)
        else:
            if status == 200:
                return
            last_error = f"/healthz/ answered {status}"
        time.sleep(0.2)
    raise ServerError(
        f"gunicorn did not answer /healthz/ with 200 within {timeout:.0f} s ({last_error}):\n"
        + info.log_tail()
    )
