"""Keep the directory's search documents in step: publish, unpublish, edit, move, delete, import, renamed snippets.

A listing's document is rewritten from the saved page itself on a full save (publish, unpublish, import, a
factory) and never on Wagtail's bookkeeping saves (``update_fields`` without ``live``: a draft revision must not
reach the public search). Renaming a category or an area, changing a program held at a place, or a view
restriction above a listing rewrites the documents that carry it. A hub or a site created, changed or deleted
rewrites the documents whose hub it changes (a listing moved to another hub's tree is a move).
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from search.directory import documents


def _listing_model():
    from resources_directory.models import ListingPage

    return ListingPage


def _listing_ids_below(page):
    return list(_listing_model().objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def on_listing_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and "live" not in update_fields):
        return
    documents.refresh_page(instance)
    _refresh_translations(instance)


def _refresh_translations(page):
    """The documents of a listing's translations say which languages it is translated into (search.languages)."""
    others = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    documents.refresh(others.values_list("pk", flat=True))


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, _listing_model()) or getattr(instance, "content_type_id", None) == _listing_ct():
        documents.remove([instance.pk])
        _refresh_translations(instance)


def _listing_ct():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(_listing_model()).pk


def on_page_moved(sender, instance, **kwargs):
    documents.refresh(_listing_ids_below(instance))


def on_snippet_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    field = "categories" if sender._meta.model_name == "category" else "area"
    documents.refresh(_listing_model().objects.filter(**{field: instance}).values_list("pk", flat=True))


def on_snippet_deleting(sender, instance, **kwargs):
    field = "categories" if sender._meta.model_name == "category" else "area"
    instance._directory_listing_ids = list(
        _listing_model().objects.filter(**{field: instance}).values_list("pk", flat=True)
    )


def on_snippet_deleted(sender, instance, **kwargs):
    documents.refresh(getattr(instance, "_directory_listing_ids", []))


def on_program_saving(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance._previous_venue_id = sender.objects.filter(pk=instance.pk).values_list("venue_id", flat=True).first()


def on_program_deleted(sender, instance, **kwargs):
    if instance.venue_id:
        documents.refresh([instance.venue_id])


def on_program_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "live" not in update_fields):
        return
    venues = {instance.venue_id, getattr(instance, "_previous_venue_id", None)} - {None}
    documents.refresh(venues)


def on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        documents.refresh(_listing_ids_below(page))


def on_hub_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.refresh_hubs()


def connect():
    from wagtail.models import Site

    from home.models import HubSettings, ProgramPage
    from resources_directory.models import Area, Category

    listing = _listing_model()
    post_save.connect(on_listing_saved, sender=listing, dispatch_uid="directory_doc_saved")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="directory_doc_page_deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="directory_doc_moved")
    for model in (Category, Area):
        post_save.connect(on_snippet_saved, sender=model, dispatch_uid=f"directory_doc_{model.__name__}_saved")
        pre_delete.connect(on_snippet_deleting, sender=model, dispatch_uid=f"directory_doc_{model.__name__}_del0")
        post_delete.connect(on_snippet_deleted, sender=model, dispatch_uid=f"directory_doc_{model.__name__}_del1")
    pre_save.connect(on_program_saving, sender=ProgramPage, dispatch_uid="directory_doc_program_saving")
    post_save.connect(on_program_saved, sender=ProgramPage, dispatch_uid="directory_doc_program_saved")
    post_delete.connect(on_program_deleted, sender=ProgramPage, dispatch_uid="directory_doc_program_deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="directory_doc_restricted")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="directory_doc_unrestricted")
    for model in (HubSettings, Site):
        uid = f"directory_doc_hub_{model.__name__}"
        post_save.connect(on_hub_changed, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(on_hub_changed, sender=model, dispatch_uid=f"{uid}_deleted")
