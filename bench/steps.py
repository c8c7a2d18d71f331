"""What `make bench` (bench/run.py) and `make stress` (bench/stress.py) share: progress on
stderr, one `<kind>=<name> key=value ...` line per figure on stdout, and preparation steps run
as subprocesses with a time limit."""

import subprocess
import sys
import time

from bench.server import BASE_DIR


class StepError(RuntimeError):
    """A run could not be made (not a missed goal)."""


def log(message: str) -> None:
    sys.stderr.write(f"# {message}\n")
    sys.stderr.flush()


def figure(name: str, *, kind: str = "bench", **values) -> str:
    """One output line: `<kind>=<name> key=value ...` (floats rounded, None left out)."""
    parts = [f"{kind}={name}"]
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, float):
            digits = 1 if abs(value) >= 10 else 2 if abs(value) >= 0.1 or value == 0 else 3
            value = f"{value:.{digits}f}"
        parts.append(f"{key}={value}")
    return " ".join(parts)


def run_step(
    description: str,
    command: list[str],
    env: dict,
    *,
    timeout: float,
    capture: bool = False,
    error: type[StepError] = StepError,
) -> str:
    """Run one step (in the project directory) within `timeout` seconds; its stdout when
    `capture`. A failure or a timeout raises `error`, with the end of the step's own error
    output when it was captured."""
    log(description)
    started = time.monotonic()
    try:
        completed = subprocess.run(  # noqa: S603 - our interpreter and scripts
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE if capture else None,
            stderr=subprocess.PIPE if capture else None,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as timed_out:
        raise error(f"{description}: no result within {timeout:.0f} s") from timed_out
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout or "")[-3000:] if capture else ""
        raise error(f"{description} failed (exit status {completed.returncode})\n{output}".strip())
    log(f"{description}: {time.monotonic() - started:.1f} s")
    return completed.stdout if capture else ""
