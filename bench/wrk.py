"""Load a URL with wrk (Debian's `wrk`) and read its report.

    from bench.wrk import run_wrk

    result = run_wrk("http://127.0.0.1:8000/nl/", duration=5, connections=16)
    result.rps, result.latency_ms[50], result.latency_ms[99], result.errors, result.non_2xx_3xx

Every run is bounded: wrk stops after `duration` seconds and is killed if it has not ended
`duration + 30` seconds later. Requests carry `bench.server.FORWARDED_HEADERS` (production
redirects plain HTTP), plus any `headers` given. `unique_query=True` appends `_=<thread>x<n>`
to every request's query string through a Lua script, so that no two requests share a URL:
a full-page cache keyed on the URL never answers them (the "uncached" figures).
"""

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.server import FORWARDED_HEADERS

INSTALL_HINT = "wrk is not installed: on Debian or Ubuntu run `apt-get install wrk`."

UNITS_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
SIZE_UNITS = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}

LATENCY_LINE = re.compile(r"^\s*(\d+(?:\.\d+)?)%\s+(\d+(?:\.\d+)?)(us|ms|s|m|h)\s*$", re.M)
SUMMARY_LINE = re.compile(
    r"(\d+) requests in (\d+(?:\.\d+)?)(us|ms|s|m|h), (\d+(?:\.\d+)?)(B|KB|MB|GB|TB) read"
)
RPS_LINE = re.compile(r"Requests/sec:\s+(\d+(?:\.\d+)?)")
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")

UNIQUE_QUERY_SCRIPT = """
-- Every request gets its own query string, so no cache keyed on the URL can answer it.
local threads_made = 0
function setup(thread)
  threads_made = threads_made + 1
  thread:set("tid", threads_made)
end
local counter = 0
local base = %(path)s
local separator = string.find(base, "?", 1, true) and "&" or "?"
function request()
  counter = counter + 1
  return wrk.format(nil, base .. separator .. "_=" .. tid .. "x" .. counter)
end
"""


class WrkError(RuntimeError):
    """wrk is missing, failed, or printed nothing we understand."""


@dataclass
class WrkResult:
    requests: int
    duration_s: float
    rps: float
    bytes_read: int
    latency_ms: dict[int, float] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    non_2xx_3xx: int = 0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values()) + self.non_2xx_3xx

    @property
    def bytes_per_request(self) -> int:
        return round(self.bytes_read / self.requests) if self.requests else 0


def _to_ms(value: str, unit: str) -> float:
    return float(value) * UNITS_TO_MS[unit]


def parse_wrk_output(text: str) -> WrkResult:
    """Read wrk's report (run with `--latency`); WrkError when it has no summary."""
    summary = SUMMARY_LINE.search(text)
    rps = RPS_LINE.search(text)
    if summary is None or rps is None:
        raise WrkError("wrk printed no summary:\n" + text.strip()[-2000:])
    requests, duration, duration_unit, size, size_unit = summary.groups()
    latency = {
        round(float(percent)): _to_ms(value, unit)
        for percent, value, unit in LATENCY_LINE.findall(text)
    }
    errors = {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    socket_errors = SOCKET_ERRORS.search(text)
    if socket_errors:
        errors = dict(zip(errors, map(int, socket_errors.groups()), strict=True))
    non_2xx = NON_2XX.search(text)
    return WrkResult(
        requests=int(requests),
        duration_s=_to_ms(duration, duration_unit) / 1000,
        rps=float(rps.group(1)),
        bytes_read=round(float(size) * SIZE_UNITS[size_unit]),
        latency_ms=latency,
        errors=errors,
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
    )


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise WrkError(INSTALL_HINT)
    return path


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk_command(
    url: str,
    *,
    duration: float = 5,
    threads: int = 2,
    connections: int = 16,
    headers: dict | None = None,
    timeout_s: float = 10,
    script: str | None = None,
) -> list[str]:
    command = [
        wrk_path(),
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={max(1, round(duration))}s",
        f"--timeout={max(1, round(timeout_s))}s",
        "--latency",
    ]
    for name, value in {**FORWARDED_HEADERS, **(headers or {})}.items():
        command += ["--header", f"{name}: {value}"]
    if script is not None:
        command += ["--script", script]
    return [*command, url]


def run_wrk(
    url: str,
    *,
    duration: float = 5,
    threads: int = 2,
    connections: int = 16,
    headers: dict | None = None,
    unique_query: bool = False,
    timeout_s: float = 10,
) -> WrkResult:
    """Load `url` for `duration` seconds; the parsed report."""
    with tempfile.TemporaryDirectory(prefix="wrk-") as directory:
        script = None
        if unique_query:
            parts = urlsplit(url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            script = str(Path(directory) / "unique.lua")
            Path(script).write_text(UNIQUE_QUERY_SCRIPT % {"path": lua_string(path)})
        command = wrk_command(
            url,
            duration=duration,
            threads=threads,
            connections=connections,
            headers=headers,
            timeout_s=timeout_s,
            script=script,
        )
        try:
            completed = subprocess.run(  # noqa: S603 - wrk with our arguments
                command, capture_output=True, text=True, timeout=duration + 30, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise WrkError(f"wrk did not finish within {duration + 30:.0f} s") from error
    if completed.returncode != 0:
        raise WrkError(
            f"wrk failed with status {completed.returncode}: "
            + (completed.stderr or completed.stdout).strip()[-2000:]
        )
    return parse_wrk_output(completed.stdout)
