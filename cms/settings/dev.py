"""Local development: debug on, a fixed development-only secret key."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Template and content changes show at once while developing.
PAGE_CACHE_SECONDS = 0
# The demo's other hubs answer on their own *.localhost name (http://tsubasa.localhost:8000/): browsers send
# such names to this machine.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, ".localhost"]  # noqa: F405
