"""Settings shared by every environment, safe for production on their own.

Everything that differs between installs comes from the environment (see README.md,
"Configuration"). `dev.py` and `test.py` relax what they must; `production.py` refuses to start
without a real secret key and allowed hosts.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from website.env import cache_from_env, database_from_env, env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("VAR_DIR") or BASE_DIR / "var")

# True only in website.settings.production: demo accounts are never made there.
IS_PRODUCTION = False

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "home",
    "kennisclips",
    "blog",
    "studies",
    "search",
    "editorial",
    "pagecache",
    "translations",
    "security",
    "backups",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Security headers first (outside any cache middleware below), so that every response,
    # a cached one included, carries them.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "security.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "website.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Full-page cache for anonymous visitors (pagecache/): after the language is known, before
    # sessions, CSRF and users matter; the header middleware above still runs on every hit.
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.AdminTwoFactorMiddleware",
    "security.middleware.PasswordResetRateLimitMiddleware",
    # Students may not open other people's drafts or the reports by URL.
    "editorial.middleware.StudentBoundariesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # django-axes turns a locked-out login into its 429 answer; it belongs last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# django-axes refuses locked-out logins before Django checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_from_env(VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache shared by every worker process, so that invalidation reaches all of them.
CACHES = {"default": cache_from_env(f"file://{VAR_DIR / 'cache'}")}
if CACHES["default"]["BACKEND"].endswith((".FileBasedCache", ".LocMemCache")):
    # The page cache keeps thousands of entries: the default limit (300) would cull them at
    # random all the time.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault(
        "MAX_ENTRIES", env_int("CACHE_MAX_ENTRIES", 10_000)
    )
# Wagtail's rendition lookups (`Image.get_renditions`, Rendition.cache_backend): kept in each
# worker's memory, under the content generation (pagecache/: any image change bumps it, so no
# worker keeps a rendition of a replaced image), instead of a file read and write per image per
# request in the shared cache. Stored as objects, not pickles (pagecache/memory.py).
RENDITIONS_CACHE = {
    "BACKEND": "pagecache.memory.WriteOnceMemoryCache",
    "LOCATION": "renditions",
    "TIMEOUT": 60 * 60,
    "KEY_FUNCTION": "pagecache.generation.generation_key",
    "OPTIONS": {"MAX_ENTRIES": 5_000},
}
CACHES["renditions"] = RENDITIONS_CACHE
# The counts per type and theme of recent searches (search/engine.py `facet_counts`), in each
# worker's memory under the content generation, like the renditions.
SEARCH_FACETS_CACHE = {**RENDITIONS_CACHE, "LOCATION": "search-facets"}
CACHES["search_facets"] = SEARCH_FACETS_CACHE
# Listing cards as rendered (`{% cardcache %}`, home/templatetags/fragments.py: per item,
# language and site), in each worker's memory under the content generation like the renditions:
# a listing renders a card once per change instead of on every request. A card is 1 to 4 KB:
# at most about 4 MB per worker.
TEMPLATE_FRAGMENTS_CACHE = {
    **RENDITIONS_CACHE,
    "LOCATION": "template-fragments",
    "OPTIONS": {"MAX_ENTRIES": 1_000},
}
CACHES["template_fragments"] = TEMPLATE_FRAGMENTS_CACHE

# Full-page cache for anonymous visitors (pagecache/, README "Caching"). Pages are stored in the
# default cache and dropped on any content change; browsers and shared caches may keep a page
# for PAGE_CACHE_MAX_AGE seconds.
PAGECACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGECACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 60 * 60)
PAGECACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
PAGECACHE_MAX_BYTES = 2 * 1024 * 1024
# Requests with other query parameters are answered, never cached (no cache flooding).
PAGECACHE_QUERY_PARAMETERS = ["page", "q", "type", "theme", "role"]
PAGECACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/share/",
    "/healthz/",
    "/documents/",
    "/media-stream/",
    "/static/",
    "/media/",
]
# Besides the session, CSRF, language and messages cookies: cookies that mean "not anonymous".
PAGECACHE_BYPASS_COOKIES: list[str] = []
# Find pages in two queries (pagecache/routing.py) instead of Wagtail's walk down the tree.
PAGECACHE_FAST_ROUTING = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Dutch first. LANGUAGE_CODE must be "nl" before the first migration, because
# Wagtail makes its first locale from it.
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Translations made with wagtail-localize stay drafts until an editor approves them.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Fingerprinted file names never change, so browsers may keep them for a year.
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# Wagtail's page editor can post many fields for a long StreamField.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "kennisbank@localhost"
SERVER_EMAIL = env_str("SERVER_EMAIL") or DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = _("Kennisbank Verbondenheid & Veerkracht")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL") or "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "vtt", "mp4", "webm"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "WARNING"},
}

# Editorial workflow (editorial/): notification e-mails are plain text in the recipient's admin
# language, and go to the editors (Redacteuren), not to every superuser.
WAGTAILADMIN_NOTIFICATION_USE_HTML = False
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Security (security/ and README "Security"). Production adds HTTPS, HSTS and secure cookies.
# Headers: Referrer-Policy and COOP from SecurityMiddleware; X-Frame-Options DENY (Wagtail's
# preview and wagtail-localize's editor set SAMEORIGIN on their own views).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The external video players (loaded only after a click) may go full screen and autoplay.
VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
PERMISSIONS_POLICY = {
    **{
        feature: []
        for feature in (
            "accelerometer",
            "ambient-light-sensor",
            "bluetooth",
            "browsing-topics",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "interest-cohort",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "publickey-credentials-get",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    },
    **{
        feature: ["self", *VIDEO_PLAYER_ORIGINS]
        for feature in ("autoplay", "encrypted-media", "fullscreen", "picture-in-picture")
    },
}
# A strict Content Security Policy on the public site: no inline script or style anywhere.
# The Wagtail admin is not CSP-ready, so /admin/ goes without one; documents get Wagtail's own
# "default-src 'none'".
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Sessions and cookies: admin sessions end after 8 hours, or when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Login: 5 failures for a username from one address lock that pair out for an hour (429).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Further failures during a lockout neither count nor extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "security.views.lockout"
AXES_CLIENT_IP_CALLABLE = "security.client_ip.client_ip_address"
AXES_SENSITIVE_PARAMETERS = ["password"]
# How many reverse proxies in front of the site append to X-Forwarded-For. 0 (the default):
# only the connection's address counts, and a client cannot choose its address by a header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Password reset: at most 5 requests per hour per client address and per e-mail address.
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 5)
PASSWORD_RESET_RATE_WINDOW = 60 * 60

# Optional second factor (TOTP) in the admin; with OTP_REQUIRED_FOR_STAFF superusers and
# editors must set one up before they can use the admin.
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", False)
OTP_TOTP_ISSUER = "Kennisbank Verbondenheid & Veerkracht"
OTP_TOTP_THROTTLE_FACTOR = 1

# Documents are always downloads, through Wagtail's serve view (permission checks, nosniff).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Documents whose content does not match their extension are refused (security/forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.forms.SafeDocumentForm"
# Private pages and documents send visitors to the admin's sign-in, where the second factor and
# the lockout apply, not to Wagtail's bare front-end login form.
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
