"""Public headers (CSP, HSTS in production), rate limits, query caps and friendly fault pages."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings


def test_public_csp_has_no_inline_scripts(client, home):
    response = client.get("/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "<script>" not in response.content.decode()


def test_admin_gets_its_own_policy(client_for):
    csp = client_for("editor").get("/admin/")["Content-Security-Policy"]
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'self'" in csp


def test_production_uses_host_prefixed_cookies_and_hsts():
    # `check --deploy --fail-level WARNING` itself runs in tests/home/test_settings.py and `make lint`.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "deploy-check-" + "x9Qz" * 16,
        "ALLOWED_HOSTS": "hub.example.org",
    }
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE)",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.stdout.split() == ["__Host-sessionid", "__Host-csrftoken", "31536000", "True"], probe.stderr


@override_settings(RATELIMIT_ENABLED=True)
def test_search_is_rate_limited_per_ip(client, home):
    for _ in range(60):
        assert client.get("/search/", {"q": "ひろば"}, REMOTE_ADDR="10.1.1.1").status_code == 200
    limited = client.get("/search/", {"q": "ひろば"}, REMOTE_ADDR="10.1.1.1")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "アクセスが集中しています" in limited.content.decode()
    assert client.get("/search/", {"q": "ひろば"}, REMOTE_ADDR="10.1.1.2").status_code == 200
    assert client.get("/", REMOTE_ADDR="10.1.1.1").status_code == 200


@override_settings(RATELIMIT_ENABLED=True, RATELIMIT_RULES=[("/api/", 3)])
def test_api_is_rate_limited(client, home):
    for _ in range(3):
        assert client.get("/api/v2/pages/", REMOTE_ADDR="10.1.1.3").status_code == 200
    assert client.get("/api/v2/pages/", REMOTE_ADDR="10.1.1.3").status_code == 429


def test_search_query_and_pagination_are_bounded(client, home):
    long_query = "あ(" * 5000
    response = client.get("/search/", {"q": long_query, "page": "999999999"})
    assert response.status_code == 200
    assert long_query[:101] not in response.content.decode()
    assert client.get("/search/", {"q": "x", "page": "-1"}).status_code == 200
    assert client.get("/api/v2/pages/", {"limit": "100000"}).status_code == 400


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_failure_gives_a_friendly_503(client, home):
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE wagtailcore_page RENAME TO wagtailcore_page_gone")
    try:
        response = client.get("/")
    finally:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE wagtailcore_page_gone RENAME TO wagtailcore_page")
    assert response.status_code == 503
    body = response.content.decode()
    assert "ただいま一時的にご利用いただけません" in body
    assert "Traceback" not in body and "wagtailcore_page" not in body
