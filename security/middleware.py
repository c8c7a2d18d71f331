"""Login protection in front of the admin: a second factor and a password-reset rate limit."""

import hashlib
from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse

from security.client_ip import client_ip_address
from security.two_factor import has_confirmed_device, must_set_up


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, minus Wagtail's preview requests.

    Wagtail renders a preview by running a dummy request (`is_dummy`), with the public page's
    path, through the middleware; its response is then returned by the admin's preview view.
    The policy is decided once, for the real request: none in the admin (whose preview panel
    frames the page, which frame-ancestors 'none' would forbid), the full one on a share link.
    """

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)


class AdminTwoFactorMiddleware:
    """A user with a confirmed authenticator reaches no admin page before entering a code, and
    counts as signed out elsewhere until then.

    With OTP_REQUIRED_FOR_STAFF, superusers and editors without one are sent to set it up
    first. Only the pages needed to do that (and to sign out) stay open.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._intercept(request)
        return response if response is not None else self.get_response(request)

    def _intercept(self, request):
        path = request.path_info
        if not path.startswith("/admin/"):
            # Outside the admin (private pages and documents), a password alone does not sign
            # a user with an authenticator in either. Visitors without a session are not
            # looked up at all, so public pages stay free of session access (and Vary: Cookie).
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                user = request.user
                if user.is_authenticated and not user.is_verified() and has_confirmed_device(user):
                    request.user = AnonymousUser()
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        always_open = {reverse("wagtailadmin_logout"), reverse("wagtailadmin_javascript_catalog")}
        if path in always_open:
            return None
        if has_confirmed_device(user):
            target = reverse("security_two_factor_verify")
        elif must_set_up(user):
            target = reverse("security_two_factor")
        else:
            return None
        if path == target:
            return None
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class PasswordResetRateLimitMiddleware:
    """At most PASSWORD_RESET_RATE_LIMIT reset requests per hour per address and per e-mail.

    Counted for every submitted e-mail, known or not, and answered the same way, so the limit
    reveals nothing about which addresses have an account.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None:
            return None
        if match.url_name != "wagtailadmin_password_reset":
            return None
        limit = settings.PASSWORD_RESET_RATE_LIMIT
        window = settings.PASSWORD_RESET_RATE_WINDOW
        email = request.POST.get("email", "").strip().lower()
        keys = [f"security:password-reset:ip:{client_ip_address(request)}"]
        if email:
            digest = hashlib.sha256(email.encode()).hexdigest()
            keys.append(f"security:password-reset:email:{digest}")
        counts = [_count(key, window) for key in keys]
        if max(counts) > limit:
            return render(
                request,
                "security/password_reset_limited.html",
                {"minutes": window // 60},
                status=429,
            )
        return None


def _count(key: str, window: int) -> int:
    """Increment and return a counter that starts with the first request of a window."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1
