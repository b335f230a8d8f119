import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_japanese_locale_and_tokyo_time():
    assert settings.LANGUAGE_CODE == "ja"
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert settings.DEFAULT_AUTO_FIELD == "django.db.models.BigAutoField"
    assert settings.WAGTAILIMAGES_IMAGE_MODEL == "home.CustomImage"
    assert settings.WAGTAILDOCS_DOCUMENT_MODEL == "home.CustomDocument"


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env_overrides={"DJANGO_SETTINGS_MODULE": "cms.settings.production"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_deploy_check_is_clean_with_a_secret_key():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-key-for-the-test-0123456789-abcdefghij",
            "ALLOWED_HOSTS": "hub.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_collects_static_files_with_hashed_names(tmp_path):
    """WhiteNoise's manifest storage follows every url() and source map: a missing file fails the deploy."""
    result = run_manage(
        "collectstatic",
        "--noinput",
        "-v0",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-key-for-the-test-0123456789-abcdefghij",
            "ALLOWED_HOSTS": "hub.example.org",
            "STATIC_ROOT": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/leaflet/leaflet.js" in manifest and "css/site.css" in manifest
