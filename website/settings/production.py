"""Production: everything from the environment; refuses to start without the essentials."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, SECRET_KEY

IS_PRODUCTION = True
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
