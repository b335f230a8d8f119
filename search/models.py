from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexChange(models.Model):
    """An index change the search engine missed while it was down; replayed (oldest first) once it is back."""

    ACTIONS = [("index", _("index")), ("delete", _("delete"))]

    action = models.CharField(_("action"), max_length=10, choices=ACTIONS)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.CharField(_("object id"), max_length=64)
    key = models.CharField(_("document key"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending index change")
        verbose_name_plural = _("pending index changes")

    def __str__(self):
        return f"{self.action} {self.key}"

    @classmethod
    def remember(cls, action, obj):
        from search.documents import document_key

        ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
        key = document_key(obj)
        # Only the latest action per document matters.
        cls.objects.filter(key=key).delete()
        return cls.objects.create(action=action, content_type=ct, object_id=str(obj.pk), key=key)

    @classmethod
    def remember_key(cls, action, key):
        """Remember a change by document key alone (the object may be gone already)."""
        from wagtail.models import Page

        cls.objects.filter(key=key).delete()
        ct = ContentType.objects.get_for_model(Page)
        return cls.objects.create(action=action, content_type=ct, object_id=key.rsplit(":", 1)[-1], key=key)

    def resolve(self):
        model = self.content_type.model_class()
        obj = model and model._default_manager.filter(pk=self.object_id).first()
        if obj is not None and hasattr(obj, "specific"):
            obj = obj.specific
        return obj
