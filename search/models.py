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


class ListingDocument(models.Model):
    """The search layer's own document for one live directory listing: what both backends filter and sort on.

    Written by ``search.directory.documents`` whenever a listing is published, unpublished, edited, moved, imported or
    deleted; the engine indexes the very same fields. Sets of keys (categories, amenities, weekdays, weekly rules)
    are space-padded lists, so "has this key" is a plain ``LIKE '% key %'`` on every database. Coordinates are
    stored as the engine stores them (quantised to 32 bits), so both sort by the same distances. The row is kept
    narrow (a filter or an aggregate reads ~100 bytes a listing); the words live in :class:`ListingDocumentText`.
    """

    listing = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("listing")
    )
    directory_id = models.IntegerField(_("directory page id"))  # no index: a hub has one directory
    # The key (HubSettings.slug) of the hub whose site holds the listing ("" outside every hub): a search may ask
    # for one hub, several or all of them (search.directory.hubs).
    hub = models.CharField(_("hub key"), max_length=50, default="", blank=True)
    reading = models.CharField(_("reading"), max_length=255)
    latitude = models.FloatField(_("latitude (quantised)"), null=True)
    longitude = models.FloatField(_("longitude (quantised)"), null=True)
    age_low = models.IntegerField(_("youngest age in months"))
    age_high = models.IntegerField(_("oldest age in months"))
    categories = models.CharField(_("category slugs"), max_length=1000)
    area = models.CharField(_("area slug"), max_length=100)
    amenities = models.CharField(_("amenity keys"), max_length=200)
    weekdays = models.CharField(_("weekdays"), max_length=40)
    rules = models.CharField(_("weekly rules"), max_length=400)
    # The listing page's locale (its language code; "" in documents written before: the default language), the
    # languages it has a live translation in, and the languages its staff speak (search.languages, .directory.staff).
    locale = models.CharField(_("language"), max_length=20, default="", blank=True)
    translated = models.CharField(_("translated into"), max_length=200, default=" ", blank=True)
    staff_languages = models.CharField(_("staff languages"), max_length=100, default=" ", blank=True)

    class Meta:
        verbose_name = _("directory search document")
        verbose_name_plural = _("directory search documents")
        # The reading order; the points are in an R*Tree (SQLite) or a GiST index (PostgreSQL), migration 0004.
        indexes = [
            models.Index(fields=["reading", "listing"], name="listingdoc_reading_idx"),
            models.Index(fields=["hub", "reading", "listing"], name="listingdoc_hub_idx"),
        ]

    def __str__(self):
        return f"directory:{self.listing_id}"


class ListingDocumentText(models.Model):
    """The words of a listing's document: :func:`search.japanese.index_text` token streams padded with spaces.

    "A term's tokens in a row" is then ``LIKE '% t1 t2 %'``, the same on SQLite and PostgreSQL, and the same
    positions the engine's whitespace-analysed ``match_phrase`` sees. Three fields, three ranking tiers.
    """

    document = models.OneToOneField(
        ListingDocument, primary_key=True, on_delete=models.CASCADE, related_name="text", verbose_name=_("document")
    )
    name_tokens = models.TextField(_("name tokens"))
    label_tokens = models.TextField(_("category, area and operator tokens"))
    body_tokens = models.TextField(_("summary, address and program tokens"))

    class Meta:
        verbose_name = _("directory search words")
        verbose_name_plural = _("directory search words")

    def __str__(self):
        return f"directory-words:{self.document_id}"


class SynonymGroup(models.Model):
    """Words a family may type for the same thing (双子, ふたご, ツイン): a search for one finds them all."""

    words = models.CharField(
        _("words"), max_length=500, help_text=_("Two or more words with the same meaning, separated by commas.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("synonyms")
        verbose_name_plural = _("synonyms")
        ordering = ["pk"]

    def __str__(self):
        return self.words

    def word_list(self):
        return [word.strip() for word in self.words.replace("、", ",").split(",") if word.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(self.word_list()) < 2:
            raise ValidationError({"words": _("Give at least two words, separated by commas.")})
