"""Test settings: same as base, with a fixed key, fast hashing and media in a throw-away folder."""

import hashlib
import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kosodate-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests run against a real database file (SQLite) or server (PostgreSQL via DATABASE_URL), never in memory.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # TEST_SQLITE_NAME lets two runs in one checkout use two files (one shared file would be locked).
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_SQLITE_NAME", str(VAR_DIR / "test.sqlite3"))}  # noqa: F405
else:
    # One test database per checkout, so several checkouts can share one PostgreSQL server.
    checkout = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"kosodate_test_{checkout}"}  # noqa: F405

# --- search ---
# Tests use the database search unless a test asks for the engine (tests/search/test_engine.py reads the
# SEARCH_ENGINE_URL environment variable itself, with its own index prefix).
SEARCH_ENGINE_URL = ""

# --- hardening ---
# Rate limits off by default so suites that call /search/ often are not throttled; tests/security turns them on.
RATELIMIT_ENABLED = False

# --- public page cache ---
# Off for the suite (tests change content and the clock); tests/home/test_page_cache.py turns it on with its own folder.
PAGE_CACHE_SECONDS = 0
