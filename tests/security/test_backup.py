"""backup / restore round-trip on the test database (SQLite file or PostgreSQL via pg_dump)."""

import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision, Workflow, WorkflowState

from home.models import CustomDocument, CustomImage, StandardPage
from tests.security.test_uploads import png_bytes


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "url_path", "live", "has_unpublished_changes")),
        "revisions": sorted((r.pk, r.object_id, str(r.content.get("title"))) for r in Revision.objects.all()),
        "workflow_states": sorted(WorkflowState.objects.values_list("pk", "object_id", "status")),
        "images": sorted((i.pk, i.title, i.file.read()) for i in CustomImage.objects.all()),
        "documents": sorted((d.pk, d.title, d.file.read()) for d in CustomDocument.objects.all()),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_round_trip(home, superuser, tmp_path, settings, client):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = {**settings.CACHES, "pages": {**settings.CACHES["pages"], "LOCATION": str(tmp_path / "pages")}}
    about = StandardPage.objects.first()
    about.title = "下書きのタイトル"
    about.save_revision(user=superuser)  # an unpublished draft on top of the live page
    workflow = Workflow.objects.filter(active=True).first()
    if workflow:
        workflow.start(about, superuser)
    CustomImage.objects.create(title="ひろばの写真", file=SimpleUploadedFile("hiroba.png", png_bytes()))
    CustomDocument.objects.create(title="評価結果", file=SimpleUploadedFile("hyouka.pdf", b"%PDF-1.4 test"))
    before = snapshot()
    assert before["revisions"] and before["images"] and before["documents"] and before["workflow_states"]

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))
    assert archive.exists()

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    live_title = Page.objects.get(pk=about.pk).title
    about.title = "バックアップ後の変更"
    about.save_revision(user=superuser).publish()
    assert "バックアップ後の変更" in client.get(about.url).content.decode()  # now in the page cache

    call_command("flush", interactive=False, inhibit_post_migrate=True)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Page.objects.exists()

    call_command("restore", str(archive))
    assert snapshot() == before
    html = client.get(about.url).content.decode()  # the restored page, not the one cached before the restore
    assert live_title in html and "バックアップ後の変更" not in html
