"""Backups: one .tar.gz with the database (SQLite file copy or pg_dump custom format), the media files and a manifest.

The manifest records row counts per model and a SHA-256 per media file; restore checks both after restoring.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"


class BackupError(Exception):
    pass


def model_counts():
    counts = {}
    existing = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in existing:
            counts[model._meta.label] = model._base_manager.count()
    return counts


def media_hashes(media_root):
    media_root = Path(media_root)
    hashes = {}
    if media_root.exists():
        for path in sorted(media_root.rglob("*")):
            if path.is_file():
                hashes[path.relative_to(media_root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def _engine():
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Unsupported database: {vendor}")
    return vendor


def _pg_env_and_args():
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return env, args


def _dump_database(vendor, target):
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as dest:
            connection.connection.backup(dest)
        dest.close()
    else:
        env, args = _pg_env_and_args()
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args],
            env=env,
            check=True,
            capture_output=True,
        )


def _load_database(vendor, source):
    connection.close()
    if vendor == "sqlite":
        with sqlite3.connect(source) as src, sqlite3.connect(connection.settings_dict["NAME"]) as dest:
            src.backup(dest)
        src.close()
        dest.close()
    else:
        env, args = _pg_env_and_args()
        result = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                *args,
                str(source),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()[:2000]}")


def create_backup(destination=None, media_root=None):
    """Write the archive and return (path, manifest)."""
    vendor = _engine()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if destination is None:
        backup_dir = Path(settings.BACKUP_DIR)
        backup_dir.mkdir(parents=True, exist_ok=True)
        destination = backup_dir / f"kosodate-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
    destination = Path(destination)
    manifest = {
        "format": 1,
        "created": timezone.now().isoformat(),
        "database": vendor,
        "counts": model_counts(),
        "media": media_hashes(media_root),
    }
    with tempfile.TemporaryDirectory() as work:
        db_file = Path(work) / (SQLITE_MEMBER if vendor == "sqlite" else POSTGRES_MEMBER)
        _dump_database(vendor, db_file)
        tmp_destination = destination.with_name(destination.name + ".part")
        with tarfile.open(tmp_destination, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(db_file, arcname=db_file.name)
            if media_root.exists():
                archive.add(media_root, arcname="media")
        os.chmod(tmp_destination, 0o600)
        tmp_destination.replace(destination)
    return destination, manifest


def database_is_empty():
    """A database is empty for restore when it holds no users and no pages beyond Wagtail's root and welcome page."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    existing = set(connection.introspection.table_names())
    if Page._meta.db_table not in existing:
        return True
    return not get_user_model().objects.exists() and Page.objects.count() <= 2


def restore_backup(archive_path, media_root=None, force=False):
    """Restore database and media from the archive, then verify counts and media hashes. Returns the manifest."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    vendor = _engine()
    if not force and not database_is_empty():
        raise BackupError("The database is not empty; use --force to replace its content.")
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(work, filter="data")
        work = Path(work)
        manifest = json.loads((work / MANIFEST).read_text())
        if manifest["database"] != vendor:
            raise BackupError(f"This backup is of a {manifest['database']} database, not {vendor}.")
        _load_database(vendor, work / (SQLITE_MEMBER if vendor == "sqlite" else POSTGRES_MEMBER))
        if (work / "media").exists():
            media_root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(work / "media", media_root, dirs_exist_ok=True)
    from django.contrib.contenttypes.models import ContentType

    # Content type ids may differ from what this process cached before the restore: reload them.
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)
    problems = verify(manifest, media_root)
    if problems:
        raise BackupError("Restore did not verify: " + "; ".join(problems[:20]))
    return manifest


def verify(manifest, media_root):
    problems = []
    counts = model_counts()
    for label, expected in manifest["counts"].items():
        if counts.get(label) != expected:
            problems.append(f"{label}: {counts.get(label)} rows, backup had {expected}")
    hashes = media_hashes(media_root)
    for name, digest in manifest["media"].items():
        if hashes.get(name) != digest:
            problems.append(f"media/{name} missing or different")
    return problems
