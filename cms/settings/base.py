"""Settings shared by every environment. Values that differ between machines come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("KOSODATE_VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "home",
    "bookings",
    "goals",
    "resources_directory",
    "search",
    "security",
    "furigana",
    "languages",
    "wagtail_localize",
    "wagtail_localize.locales",
    "worker",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "security.middleware.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "cms.page_cache.PageCacheMiddleware",
    "furigana.middleware.FuriganaMiddleware",  # inside the page cache: ruby pages are stored apart from plain ones
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "security.middleware.ServiceUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_menu",
                "cms.page_cache.template_context",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: DATABASE_URL, or an SQLite file under var/ (the embedded default that serves one hub).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Concurrent readers while the editor writes; wait instead of failing when locked.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            # Reads through a memory map (up to 256 MB) instead of a read() per page: a search over 10,000 pages
            # reads thousands of index rows (docs/search.md, "Site search on the database at size").
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;",
            # Every transaction takes the write lock when it begins, so two bookings for the last place are served
            # one after the other (a read-then-write transaction would otherwise fail with "database is locked").
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Japanese first (no URL prefix), then the languages of the ward's families, each under its prefix (/en/, /zh-hans/…),
# and やさしい日本語 as a locale of its own (/ja-easy/; its interface strings fall back to Japanese). docs/languages.md.
LANGUAGE_CODE = "ja"
LANGUAGES = [
    ("ja", "日本語"),
    ("ja-easy", "やさしい日本語"),
    ("en", "English"),
    ("zh-hans", "简体中文"),
    ("ko", "한국어"),
    ("vi", "Tiếng Việt"),
]
# Wagtail's locales: every language above has its page trees, created by languages/migrations.
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "kosodate-hub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "home.CustomDocument"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True

# Background work (search index upkeep, e-mails) goes through django-tasks. "immediate" (the default, `make run`)
# runs a task in the web process after commit; "database" queues it in the database for `manage.py db_worker`,
# a process of its own (production, the cluster test). See docs/tasks.md.
TASK_BACKEND_CLASSES = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def task_backends(name):
    """The TASKS setting for TASK_BACKEND ``name`` (production.py defaults to "database")."""
    if name not in TASK_BACKEND_CLASSES:
        raise ImproperlyConfigured(f"TASK_BACKEND must be one of {', '.join(TASK_BACKEND_CLASSES)}, not {name!r}.")
    return {"default": {"BACKEND": TASK_BACKEND_CLASSES[name]}}


TASK_BACKEND = os.environ.get("TASK_BACKEND", "immediate")
TASKS = task_backends(TASK_BACKEND)
# A task RUNNING longer than this is taken for one whose worker died and queued again (`requeue_stale_tasks`,
# and at every worker start): keep it above the longest task (a big CSV import's reindex).
TASK_STALE_SECONDS = int(os.environ.get("TASK_STALE_SECONDS", "900"))
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "3"))  # runs of one task, the first included
TASK_RETRY_SECONDS = int(os.environ.get("TASK_RETRY_SECONDS", "30"))  # wait before a retry; doubles each time
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]

# Search: SEARCH_ENGINE_URL absent = database search (the embedded default).
SEARCH_ENGINE_URL = os.environ.get("SEARCH_ENGINE_URL", "")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Never below WARNING, whatever LOG_LEVEL says: at DEBUG these log query bodies and SQL, which carry a
    # family's location, child's age and search words (privacy: used for one search, never logged).
    "loggers": {
        name: {"level": "WARNING"}
        for name in ("elastic_transport", "elasticsearch", "opensearch", "django.db.backends")
    },
}

# --- Resource directory ---
# Map tiles: empty = no tiles are fetched (the map shows the places on a plain background and the list
# always works). Set a tile URL template such as https://tiles.example.org/{z}/{x}/{y}.png to show tiles.
DIRECTORY_MAP_TILE_URL = os.environ.get("DIRECTORY_MAP_TILE_URL", "")
DIRECTORY_MAP_ATTRIBUTION = os.environ.get("DIRECTORY_MAP_ATTRIBUTION", "")
# A listing not verified for this many months is flagged as possibly out of date.
DIRECTORY_STALE_AFTER_MONTHS = int(os.environ.get("DIRECTORY_STALE_AFTER_MONTHS", "12"))
# A listing not verified for this many months is stale for the staff: its group is e-mailed (once per period) and
# it appears in the admin report (resources_directory/freshness.py). Earlier than the families' flag above.
DIRECTORY_STALE_MONTHS = int(os.environ.get("DIRECTORY_STALE_MONTHS", "6"))
# Extra postal code → (lat, lng) district centres beyond the demo ward's table (resources_directory/geo.py).
DIRECTORY_POSTAL_CODES = {}

# --- search ---
# Japanese-aware database search (SQLite FTS5 / PostgreSQL) behind Wagtail's search API, admin included.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.wagtail_database"}}
# SEARCH_ENGINE_URL set: OpenSearch ("opensearch") or Elasticsearch 8 ("elasticsearch") through elasticsearch-dsl.
SEARCH_ENGINE_KIND = os.environ.get("SEARCH_ENGINE_KIND", "opensearch")
SEARCH_ENGINE_TIMEOUT = float(os.environ.get("SEARCH_ENGINE_TIMEOUT", "1.0"))  # seconds; then the database answers
SEARCH_ENGINE_INDEX_PREFIX = os.environ.get("SEARCH_ENGINE_INDEX_PREFIX", "kosodate")
SEARCH_ENGINE_RETRY_SECONDS = 5  # after a failure, ask the database directly for this long
# SEARCH_ENGINE_URL may list every node of a cluster, comma-separated (the client moves to the next one when a node is
# unreachable). Replicas of each new index: empty = 0 for one URL, 1 for several.
SEARCH_ENGINE_REPLICAS = int(os.environ["SEARCH_ENGINE_REPLICAS"]) if os.environ.get("SEARCH_ENGINE_REPLICAS") else None

# --- hardening (security app: docs/security.md) ---
from datetime import timedelta  # noqa: E402

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: 10 failures per user+IP lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
# The same client address as the rate limiter: REMOTE_ADDR, or X-Forwarded-For behind PROXY_COUNT trusted proxies.
AXES_CLIENT_IP_CALLABLE = "security.middleware.client_ip"
AXES_VERBOSE = False

# Two-factor authentication (django-otp TOTP): required for every hub's Managers, city staff and superusers,
# optional for others.
OTP_TOTP_ISSUER = "kosodate-hub"
TWO_FACTOR_URL_PREFIXES = ["/admin/", "/django-admin/"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12

# Content-Security-Policy (django-csp 4): strict on the public site, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "frame-src": ["'self'"],
    },
}
# The Wagtail admin still ships inline scripts and styles (inline panels, date widgets): it gets a looser policy.
CSP_ADMIN_URL_PREFIXES = ["/admin/", "/django-admin/"]
CSP_ADMIN_UPDATE = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"], "frame-ancestors": ["'self'"]}
PERMISSIONS_POLICY = "camera=(), microphone=(), payment=(), usb=(), interest-cohort=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# Per-client-IP rate limits on the expensive public endpoints: (path prefix, requests per minute).
RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "true").lower() == "true"
RATELIMIT_RULES = [
    ("/search/", 60),
    ("/directory/", 120),
    ("/api/v1/bookings/", 20),
    ("/api/", 120),
    ("/book/", 20),
    ("/booking/", 30),
    ("/listing-update/", 20),
]
RATELIMIT_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
WAGTAILAPI_LIMIT_MAX = 50

# Uploads: content-checked forms (security/uploads.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "security.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.uploads.SafeDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Backups (python manage.py backup / restore; docs/backups.md).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))

# --- public page cache (cms/page_cache.py: whole pages for visitors without a session) ---
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
# Saving or deleting a model of these apps retires every cached page (pages, snippets, settings, media).
PAGE_CACHE_APPS = [
    "home",
    "bookings",
    "goals",
    "resources_directory",
    "furigana",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
]
# Single models of other apps whose changes alter what visitors get (the directory's synonyms change its results).
PAGE_CACHE_MODELS = ["site_search.synonymgroup"]
# A file cache is shared by every worker process on the machine; a portal can point "pages" at Redis or memcached.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(VAR_DIR / "cache" / "pages")),
        "TIMEOUT": PAGE_CACHE_SECONDS or 1,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # The version that retires every page at once: apart from the pages, so that culling them never drops it.
    "page_versions": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_VERSION_DIR", str(VAR_DIR / "cache" / "page-versions")),
        "TIMEOUT": None,
    },
}

# --- browser tests / admin login in Japanese ---
# Wagtail's login form leaves "Password" and "Remember me" untranslated; this one labels every field.
WAGTAILADMIN_USER_LOGIN_FORM = "cms.admin_forms.TranslatedLoginForm"

# --- bookings ---
# Bookings are deleted this many days after their session (manage.py purge_bookings, daily).
BOOKING_RETENTION_DAYS = int(os.environ.get("BOOKING_RETENTION_DAYS", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kosodate-hub <noreply@localhost>")
# Outgoing mail (booking confirmations and reminders, the groups' freshness reminders): an SMTP relay.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
EMAIL_TIMEOUT = 10
