"""gunicorn settings for the site: `gunicorn -c deploy/gunicorn.conf.py website.wsgi`.

Every value can be changed from the environment (names below), so the systemd unit
(`kennisbank.service`) and `make bench` share this file. Command-line options override it.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


# Where to listen: behind nginx on the loopback interface (or a unix socket:
# GUNICORN_BIND=unix:/run/kennisbank/gunicorn.sock).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: a page render is CPU work plus a few fast queries, and a full-page cache
# answers most visitors. Two per core plus one is gunicorn's rule; each worker holds a copy
# of Django and Wagtail (about 100-130 MB resident), so cap it on small machines.
workers = _int("GUNICORN_WORKERS", min(multiprocessing.cpu_count() * 2 + 1, 8))
worker_class = "sync"

# Import the application once in the arbiter, then fork: workers start fast and share the
# imported code's memory pages until they write to them. (Database connections are opened
# per worker, after the fork, by Django.)
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in {"1", "true", "yes", "on"}

# A request that takes longer than this is killed (and the worker replaced); nginx gives up
# earlier (proxy_read_timeout 30s) so visitors see nginx's 504, not a reset connection.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Replace each worker after a number of requests, at different moments (jitter), so that a
# slow memory leak in any library never grows without bound and workers never restart all at
# once. The site's own per-worker caches are bounded (a worker stays under 120 MB after
# `make bench`'s load without any restart), so this is only a guard, and a rare one: a new
# worker starts with cold caches and pays for them on its first requests. At 2,000 requests,
# `make stress` (1,250-2,000 requests a second on 2 cores) replaced a worker every second or
# two, and a 99th percentile of 145-713 ms followed (75,000-99,000 requests in 60 s); at
# 20,000 it was 43-45 ms (107,000-120,000 requests).
max_requests = _int("GUNICORN_MAX_REQUESTS", 20_000)
# Jitter of half the limit spreads the restarts: with a narrow one, workers that started
# together (after a deploy) reach the limit in the same second and restart together.
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 2)

# Trust X-Forwarded-* only from the proxy on this machine. Django decides "is this HTTPS" from
# SECURE_PROXY_SSL_HEADER (X-Forwarded-Proto, set by nginx on every request).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stderr (journald under systemd). The access log is off unless asked for: nginx
# already writes one. With GUNICORN_ACCESS_LOG=- it shows the client (from X-Forwarded-For),
# the request, status, size, time in microseconds and whether the page cache answered.
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = (
    '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(D)sus "%(f)s" "%(a)s" cache=%({x-cache}o)s'
)

# Temporary files for worker heartbeats in memory, not on a possibly slow disk.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/dev/shm")  # noqa: S108

# gunicorn 27 opens a control socket under ~/.gunicorn/ that every gunicorn of the user shares;
# the site does not use it.
control_socket_disable = True
