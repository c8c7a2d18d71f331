"""Secure settings and headers (issue 8, item 1): check --deploy, HTTPS, cookies, CSP and co."""

import ast
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from wagtail.models import Page

from blog.models import BlogPostPage
from tests.conftest import make_user

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP"
PRODUCTION_ENV = {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "kennisbank.example.org"}
HEADERS_FROM_ENV = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    # Set by the browser tests for Playwright's event loop; never in a deployment.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
PUBLIC_DIRECTIVES = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
}


def run_production(code: str, **environment) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in HEADERS_FROM_ENV}
    env.update(DJANGO_SETTINGS_MODULE="website.settings.production", **environment)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_the_deployment_checklist_without_a_single_warning():
    result = run_production(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_hsts_roll_out_values_come_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    )
    default = run_production(code, **PRODUCTION_ENV)
    assert default.stdout.split() == ["31536000", "True", "True"], default.stderr
    trial = run_production(
        code, SECURE_HSTS_SECONDS="300", SECURE_HSTS_PRELOAD="false", **PRODUCTION_ENV
    )
    assert trial.stdout.split() == ["300", "False", "True"], trial.stderr


PRODUCTION_NAMES = [
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_DOMAIN",
    "CSRF_COOKIE_DOMAIN",
    "SESSION_COOKIE_PATH",
    "CSRF_COOKIE_PATH",
    "CONTENT_SECURITY_POLICY",
]


def production_settings(**environment) -> dict:
    """The values a fresh production process computes, to apply to this test's settings."""
    result = run_production(
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr({{name: getattr(settings, name) for name in {PRODUCTION_NAMES!r}}}))",
        **{**PRODUCTION_ENV, **environment},
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip())


@pytest.mark.django_db
def test_production_redirects_to_https_but_not_the_health_check(home_pages):
    with override_settings(**production_settings()):
        client = Client()
        response = client.get("/nl/")
        assert response.status_code == 301
        assert response["Location"] == "https://testserver/nl/"
        assert client.get("/healthz/").status_code == 200
        # Behind the proxy (which says so in X-Forwarded-Proto) the page is served, with HSTS.
        secure = client.get("/nl/", headers={"X-Forwarded-Proto": "https"})
        assert secure.status_code == 200
        assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert "upgrade-insecure-requests" in secure["Content-Security-Policy"]


@pytest.mark.django_db
def test_without_a_trusted_proxy_header_a_client_cannot_claim_https(home_pages):
    with override_settings(**production_settings(SECURE_PROXY_SSL_HEADER="")):
        response = Client().get("/nl/", headers={"X-Forwarded-Proto": "https"})
        assert response.status_code == 301


@pytest.mark.django_db
def test_production_cookies_are_host_only_secure_and_short_lived():
    make_user("redactie", superuser=True)
    with override_settings(**production_settings()):
        client = Client(headers={"X-Forwarded-Proto": "https"})
        client.get("/admin/login/")
        csrf = client.cookies["__Host-csrftoken"]
        response = client.post(
            "/admin/login/",
            {"username": "redactie", "password": "pw", "csrfmiddlewaretoken": csrf.value},
            headers={"X-CSRFToken": csrf.value},
        )
        assert response.status_code == 302
        session = response.cookies["__Host-sessionid"]
        for cookie in (csrf, session):
            assert cookie["secure"] is True
            assert cookie["path"] == "/"
            assert cookie["domain"] == ""
            assert cookie["httponly"] is True
            assert cookie["samesite"] == "Lax"
        # Wagtail's login without "remember me": the session ends with the browser.
        assert session["max-age"] == ""
        assert client.get("/admin/").status_code == 200


def test_admin_sessions_last_eight_hours_at_most(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


# Headers on every public page type


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", stdout=io.StringIO())


def public_urls() -> list[str]:
    """One URL of every public page type in both languages, plus search, feeds and errors."""
    urls = {"/healthz/", "/sitemap.xml", "/nl/zoeken/?q=eenzaamheid", "/en/search/?q=lonely"}
    seen_types = set()
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        key = (type(page), page.locale_id)
        if key not in seen_types:
            seen_types.add(key)
            urls.add(page.url)
    urls |= {"/nl/blog/feed/", "/en/blog/feed/atom/", "/nl/bestaat-niet/"}
    return sorted(urls)


def assert_secure_headers(response, url, referrer="strict-origin-when-cross-origin"):
    headers = response.headers
    assert headers["X-Frame-Options"] == "DENY", url
    assert headers["X-Content-Type-Options"] == "nosniff", url
    assert headers["Referrer-Policy"] == referrer, url
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin", url
    policy = headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy, (url, feature)
    assert (
        'fullscreen=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")' in policy
    )
    directives = {part.strip() for part in headers["Content-Security-Policy"].split(";")}
    assert directives >= PUBLIC_DIRECTIVES, (url, directives)
    assert not any("unsafe" in part for part in directives), url


@pytest.mark.django_db
def test_every_public_page_type_carries_the_policy_and_sets_no_cookie(demo_site):
    urls = public_urls()
    page_types = {type(page) for page in Page.objects.live().filter(depth__gt=1).specific()}
    assert len(page_types) >= 7  # home, clip index and clip, blog index and post, studies
    client = Client()
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        assert_secure_headers(response, url)
        assert not response.cookies, (url, response.cookies)
    assert client.get("/nl/bestaat-niet/").status_code == 404


@pytest.mark.django_db
def test_a_shared_draft_link_is_a_public_page_with_the_policy(demo_site):
    from editorial.models import ShareLink

    editor = make_user("deler", superuser=True)
    post = BlogPostPage.objects.filter(locale__language_code="nl").order_by("path").first()
    client = Client()
    client.force_login(editor)
    response = client.post(f"/admin/editorial/share/{post.pk}/", {"days": 2})
    token = re.search(r"/share/([A-Za-z0-9_-]+)/", response.content.decode()).group(1)
    assert ShareLink.objects.count() == 1
    shared = Client().get(f"/share/{token}/")
    assert shared.status_code == 200
    # The secret link never leaves in a Referer header: stricter than the site's default.
    assert_secure_headers(shared, "share link", referrer="no-referrer")


@pytest.mark.django_db
def test_the_admin_is_exempt_from_the_content_security_policy(admin_user_client):
    for url in ("/admin/", "/admin/login/", "/admin/password_reset/"):
        response = admin_user_client.get(url)
        assert response.status_code in (200, 302), url
        assert "Content-Security-Policy" not in response, url
        assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_page_preview_may_be_framed_by_the_admin_itself(admin_user_client, home_pages):
    from tests.test_editorial_helpers import build_site, make_draft, post_form

    site = build_site(home_pages)
    post = make_draft(site["blog_nl"], site["student"], "Voorbeeld", site["person"])
    url = f"/admin/pages/{post.pk}/edit/preview/"
    posted = admin_user_client.post(url, post_form(post.title, site["person"], intro="Kijk."))
    assert posted.status_code == 200
    preview = admin_user_client.get(url)
    assert preview.status_code == 200
    assert "Kijk." in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "Content-Security-Policy" not in preview


# No inline script, style or handler anywhere on the public site

APPS = ["website", "home", "kennisclips", "blog", "studies", "search", "editorial", "security"]
PUBLIC_TEMPLATE_DIRS = [
    PROJECT_ROOT / app / "templates" for app in APPS if (PROJECT_ROOT / app / "templates").exists()
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
BLOCKED_JS = re.compile(
    r"\beval\s*\(|new\s+Function\s*\(|setAttribute\(\s*['\"](style|on[a-z]+)['\"]"
    r"|\.innerHTML\s*=.*<script|setTimeout\(\s*['\"]|setInterval\(\s*['\"]|cssText",
    re.I,
)


def public_templates():
    for directory in PUBLIC_TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*.html")):
            relative = path.relative_to(directory).as_posix()
            # The admin's own screens (panels, action menus, two-factor pages) are CSP-exempt.
            if relative.startswith(
                (
                    "editorial/panels/",
                    "editorial/action_menu/",
                    "editorial/share/links",
                    "security/",
                )
            ):
                continue
            yield path


def test_public_templates_have_no_inline_script_style_or_handler():
    templates = list(public_templates())
    assert len(templates) > 20
    problems = []
    for path in templates:
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, INLINE_HANDLER, JAVASCRIPT_URL):
            problems += [f"{path}: {match.group(0)}" for match in pattern.finditer(text)]
    assert problems == []


def test_site_javascript_uses_nothing_the_policy_blocks():
    scripts = [
        path
        for app in APPS
        for path in sorted((PROJECT_ROOT / app / "static").rglob("*.js"))
        if (PROJECT_ROOT / app / "static").exists()
    ]
    assert scripts, "the clip player script at least"
    problems = [
        f"{path}: {match.group(0)}"
        for path in scripts
        for match in BLOCKED_JS.finditer(path.read_text())
    ]
    assert problems == []


def test_the_scans_find_what_they_look_for():
    """The patterns above would catch the usual ways of slipping inline code in."""
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script type="application/ld+json">{}</script>')
    assert INLINE_STYLE.search('<p style="color: red">')
    assert INLINE_HANDLER.search('<button onclick="go()">')
    assert JAVASCRIPT_URL.search('<a href="javascript:void(0)">')
    assert BLOCKED_JS.search("el.setAttribute('style', 'x')")
    assert BLOCKED_JS.search("eval(code)")


# Least privilege (issue 8, item 4)


def test_shared_passwords_for_pages_and_collections_are_off(settings):
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is True


@pytest.mark.django_db
def test_privacy_dialog_offers_no_shared_password(admin_user_client, home_pages):
    response = admin_user_client.get(f"/admin/pages/{home_pages['nl'].pk}/privacy/")
    assert response.status_code == 200
    html = response.json()["html"]
    assert 'value="login"' in html
    assert 'value="password"' not in html


@pytest.mark.django_db
def test_there_is_no_django_admin(admin_user_client, settings, home_pages):
    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    for url in ("/django-admin/", "/django-admin/login/"):
        response = admin_user_client.get(url, follow=True)
        assert response.status_code == 404, url
