"""Categories and areas become translatable (wagtail-localize): every existing row is put in the Japanese locale with
a translation key of its own; a slug is then unique per locale (a row's translations keep its slug)."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def into_japanese(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    japanese, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for name in ("Category", "Area"):
        model = apps.get_model("resources_directory", name)
        for row in model.objects.filter(translation_key__isnull=True):
            row.translation_key, row.locale = uuid.uuid4(), japanese
            row.save(update_fields=["translation_key", "locale"])


def locale_field(null):
    return models.ForeignKey(
        null=null,
        editable=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="wagtailcore.locale",
        verbose_name="locale",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_hubsettings_floor_staff"),
        ("resources_directory", "0008_live_status_floor_staff"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *[
            operation
            for model in ("area", "category")
            for operation in (
                migrations.AddField(model_name=model, name="locale", field=locale_field(null=True)),
                migrations.AddField(
                    model_name=model, name="translation_key", field=models.UUIDField(null=True, editable=False)
                ),
            )
        ],
        migrations.RunPython(into_japanese, migrations.RunPython.noop),
        *[
            operation
            for model in ("area", "category")
            for operation in (
                migrations.AlterField(model_name=model, name="locale", field=locale_field(null=False)),
                migrations.AlterField(
                    model_name=model,
                    name="translation_key",
                    field=models.UUIDField(default=uuid.uuid4, editable=False),
                ),
                migrations.AlterField(
                    model_name=model, name="slug", field=models.SlugField(max_length=100, verbose_name="slug")
                ),
                migrations.AlterUniqueTogether(name=model, unique_together={("translation_key", "locale")}),
                migrations.AddConstraint(
                    model_name=model,
                    constraint=models.UniqueConstraint(fields=("slug", "locale"), name=f"{model}_slug_per_locale"),
                ),
            )
        ],
    ]
