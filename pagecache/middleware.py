"""Full-page cache for anonymous visitors, with HTTP caching headers and conditional GET.

Pages are stored in the default cache (shared by every worker: a file cache or Redis) under
the content generation, the scheme, host, language and full path (query string included).
Anything personal or volatile is never stored or served from the cache: see
`request_is_cacheable` and `response_is_cacheable`.

Place it after LocaleMiddleware (the language is part of the key) and before the session,
CSRF, authentication and message middleware's effects matter: header middleware (CSP,
security headers) goes before it, so that cached responses get those headers too.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.module_loading import import_string
from wagtail import views as wagtail_views

from pagecache import generation, routing

logger = logging.getLogger(__name__)

PAGE_KEY = "pagecache:page:{generation}:{digest}"
CACHEABLE_METHODS = {"GET", "HEAD"}
CACHEABLE_CONTENT_TYPES = {
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
}
# A response may depend on these request headers and still be cached: the key holds the
# language, and cached responses are only ever served to requests without these cookies.
ALLOWED_VARY = {"cookie", "accept-language"}
REQUEST_ATTRIBUTE_REPLAY = "_pagecache_replay"


def replay_on_hit(request, function, *args) -> None:
    """Call `function(*args)` now and again on every cache hit of this response.

    For side effects that must happen per visit but never touch the database, such as counting
    a search in the cache. `function` must be importable by its dotted path; `args` picklable.
    """
    function(*args)
    replay = getattr(request, REQUEST_ATTRIBUTE_REPLAY, None)
    if replay is None:
        replay = []
        setattr(request, REQUEST_ATTRIBUTE_REPLAY, replay)
    replay.append((f"{function.__module__}.{function.__qualname__}", args))


def bypass_cookies() -> set[str]:
    return {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
        "messages",
        *settings.PAGECACHE_BYPASS_COOKIES,
    }


def request_is_cacheable(request) -> bool:
    """May this request be answered from the cache (and its answer stored)?"""
    if not settings.PAGECACHE_ENABLED or request.method not in CACHEABLE_METHODS:
        return False
    path = request.path_info
    if any(path.startswith(prefix) for prefix in settings.PAGECACHE_EXCLUDED_PATHS):
        return False
    if "/_util/" in path:  # Wagtail's password and login forms for private pages
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if not set(request.GET) <= set(settings.PAGECACHE_QUERY_PARAMETERS):
        return False
    cookies = bypass_cookies()
    return not any(name in cookies for name in request.COOKIES)


def response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # the page carries a per-request nonce
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache", "max-age=0")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if not vary <= ALLOWED_VARY:
        return False
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if content_type not in CACHEABLE_CONTENT_TYPES:
        return False
    return len(response.content) <= settings.PAGECACHE_MAX_BYTES


def page_key(request) -> str:
    identity = "\n".join(
        [
            request.scheme,
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.get_full_path(),
        ]
    )
    digest = hashlib.sha256(identity.encode()).hexdigest()
    return PAGE_KEY.format(generation=generation.current(), digest=digest)


def add_public_headers(response, etag: str) -> None:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=settings.PAGECACHE_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = generation.begin_request()
        try:
            return self.handle(request)
        finally:
            generation.end_request(token)

    def handle(self, request):
        if not request_is_cacheable(request):
            response = self.get_response(request)
            if request.method in CACHEABLE_METHODS and not response.has_header("Cache-Control"):
                # Personal or uncacheable: browsers revalidate, shared caches keep nothing.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        key = page_key(request)
        entry = self.read(key)
        if entry is not None:
            return self.serve_hit(request, entry)

        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response):
            etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            add_public_headers(response, etag)
            self.store(request, key, response, etag)
            response["X-Cache"] = "MISS"
            conditional = get_conditional_response(request, etag=etag, response=response)
            conditional["X-Cache"] = "MISS"
            return conditional
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Route Wagtail pages with the fast lookup (pagecache.routing), where it applies."""
        if view_func is wagtail_views.serve and settings.PAGECACHE_FAST_ROUTING:
            routing.prepare_route(
                request, view_kwargs.get("path", view_args[0] if view_args else "")
            )
        return None

    # The cache

    @staticmethod
    def read(key):
        try:
            return cache.get(key)
        except Exception:
            logger.warning("Page cache: could not read a page", exc_info=True)
            return None

    @staticmethod
    def store(request, key, response, etag) -> None:
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in {"set-cookie", "x-cache", "content-length"}
        ]
        entry = {
            "content": response.content,
            "headers": headers,
            "etag": etag,
            "replay": getattr(request, REQUEST_ATTRIBUTE_REPLAY, []),
        }
        try:
            cache.set(key, entry, timeout=settings.PAGECACHE_TIMEOUT)
        except Exception:
            logger.warning("Page cache: could not store a page", exc_info=True)

    @staticmethod
    def serve_hit(request, entry):
        for path, args in entry["replay"]:
            try:
                import_string(path)(*args)
            except Exception:
                logger.warning("Page cache: replaying %s failed", path, exc_info=True)
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Cache"] = "HIT"
        conditional = get_conditional_response(request, etag=entry["etag"], response=response)
        conditional["X-Cache"] = "HIT"
        return conditional
