"""Settings for bench/page_cpu.py: cms.settings.production (DEBUG off, cached template loader, persistent
connection) on the bench's own SQLite file, served over plain HTTP to a test client, without the rate limiter.

Static files use the plain storage (production's manifest storage needs ``collectstatic`` first; both resolve a
``{% static %}`` in a dictionary look-up or less). The page cache stays on as in production: family searches and
keyword searches bypass it (cms/page_cache.py), the 404 page is never stored.
"""

import os
from pathlib import Path

BENCH_VAR = Path(__file__).resolve().parent.parent / "var"
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["RATELIMIT_ENABLED"] = "false"
os.environ["LOG_LEVEL"] = "ERROR"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_VAR / 'page_cpu.sqlite3'}")
os.environ.setdefault("PAGE_CACHE_DIR", str(BENCH_VAR / "page_cpu_cache" / "pages"))
os.environ.setdefault("PAGE_CACHE_VERSION_DIR", str(BENCH_VAR / "page_cpu_cache" / "page-versions"))

from cms.settings.production import *  # noqa: E402, F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
# Not one "Not Found" line per timed 404.
LOGGING["loggers"] = {"django.request": {"level": "ERROR"}}  # noqa: F405
