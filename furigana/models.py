"""A hub's corrected readings (表記 → よみ): place and group names SudachiPy reads wrong (野庭 is のば, not のにわ).

A hub-owned snippet like areas and hub-wide closures: kept by that hub's Editors and Managers only
(``furigana.wagtail_hooks``, ``home.hub_admin``). Applied to every page of the hub, longest written form first,
before SudachiPy (``furigana.readings``). Saving one retires the page cache (``PAGE_CACHE_APPS``).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from furigana.readings import HAS_KANJI, KANA, KANJI_LIKE, fits, hiragana, is_reading

WRITTEN_FORM = re.compile(f"[{KANJI_LIKE}{KANA}]+")


class Reading(index.Indexed, models.Model):
    hub = models.ForeignKey(
        "home.HubSettings", verbose_name=_("hub"), on_delete=models.CASCADE, related_name="readings"
    )
    text = models.CharField(
        _("written form"), max_length=40, help_text=_("As it is written on the pages, e.g. 野庭 or 上永谷")
    )
    reading = models.CharField(_("reading"), max_length=80, help_text=_("In hiragana, e.g. のば"))

    panels = [FieldPanel("hub"), FieldPanel("text"), FieldPanel("reading")]
    search_fields = [
        index.SearchField("text"),
        index.SearchField("reading"),
        index.AutocompleteField("text"),
        index.FilterField("hub"),
    ]

    class Meta:
        ordering = ["text", "pk"]
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        constraints = [models.UniqueConstraint(fields=["hub", "text"], name="furigana_reading_unique_per_hub")]

    def __str__(self):
        return f"{self.text}（{self.reading}）"

    def clean(self):
        self.text = unicodedata.normalize("NFC", (self.text or "").strip())
        self.reading = hiragana((self.reading or "").strip()).replace(" ", "").replace("\u3000", "")
        errors = {}
        if self.text and (not HAS_KANJI.search(self.text) or not WRITTEN_FORM.fullmatch(self.text)):
            errors["text"] = _("Write the word in kanji (and kana), with at least one kanji: only kanji get a reading.")
        if self.reading and not is_reading(self.reading):
            errors["reading"] = _("Write the reading in hiragana (or katakana) only.")
        elif self.text and self.reading and "text" not in errors and not fits(self.text, self.reading):
            errors["reading"] = _("The reading must keep the kana of the written form (子育て → こそだて).")
        if errors:
            raise ValidationError(errors)
