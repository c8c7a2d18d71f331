"""Production: everything from the environment; refuses to start without the essentials."""

import os

from django.core.exceptions import ImproperlyConfigured

from website.env import env_bool, env_int

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, CONTENT_SECURITY_POLICY, DEBUG, SECRET_KEY

IS_PRODUCTION = True

# HTTPS only. The health check stays reachable over plain HTTP for a local probe.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
# The header by which the TLS-terminating proxy in front says a request came over HTTPS. The
# proxy must set it on every request (overwriting what a client sent); gunicorn listens on
# 127.0.0.1 only. Set SECURE_PROXY_SSL_HEADER to an empty value when there is no proxy.
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https") if _proxy_header else None
)
# HSTS. The defaults are the final state (a year, subdomains, preload-ready); roll out with
# SECURE_HSTS_SECONDS=300 and SECURE_HSTS_PRELOAD=false first (README, "Security").
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# __Host- cookies: only over HTTPS, for this exact host (no Domain) and path /.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_PATH = "/"
CSRF_COOKIE_PATH = "/"
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},
}
MIN_SECRET_KEY_LENGTH = 50


def check_production_environment(secret_key: str, allowed_hosts: list[str], debug: bool) -> None:
    """Raise ImproperlyConfigured, naming every problem at once, when the install is unsafe."""
    problems = []
    if not secret_key:
        problems.append("SECRET_KEY is not set.")
    elif (
        len(secret_key) < MIN_SECRET_KEY_LENGTH
        or len(set(secret_key)) < 5
        or secret_key.startswith("django-insecure")
    ):
        problems.append(
            f"SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random characters, "
            'for example: python -c "import secrets; print(secrets.token_urlsafe(50))".'
        )
    if not allowed_hosts:
        problems.append("ALLOWED_HOSTS is not set: give the site's host names, comma-separated.")
    elif "*" in allowed_hosts:
        problems.append("ALLOWED_HOSTS must name the site's hosts, not '*'.")
    if debug:
        problems.append("DEBUG must be off in production.")
    if problems:
        raise ImproperlyConfigured(
            "website.settings.production refuses to start: " + " ".join(problems)
        )


check_production_environment(SECRET_KEY, ALLOWED_HOSTS, DEBUG)
