"""Wagtail locales for every language of the site (cms/settings/base.py LANGUAGES); Japanese, the default, is made by
Wagtail's own migration. Existing pages and snippets stay in Japanese."""

from django.db import migrations

CODES = ["ja", "ja-easy", "en", "zh-hans", "ko", "vi"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in CODES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
