"""Wagtail API v2: live pages, images and documents (read-only, public; nothing from private collections)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction

from security.queries import safe_search_query


def private_collection_ids():
    """Collections with a view restriction, and everything below them."""
    ids = set()
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        ids.update(restriction.collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    return ids


class SafeSearchMixin:
    """Clean the ``search`` parameter as the site search does (a lone double quote breaks SQLite FTS)."""

    def initial(self, request, *args, **kwargs):
        if "search" in request._request.GET:
            params = request._request.GET.copy()
            params["search"] = safe_search_query(params["search"])
            request._request.GET = params
        super().initial(request, *args, **kwargs)


class PublicPagesAPIViewSet(SafeSearchMixin, PagesAPIViewSet):
    pass


class PublicCollectionMixin(SafeSearchMixin):
    def get_queryset(self):
        return super().get_queryset().exclude(collection__in=Collection.objects.filter(pk__in=private_collection_ids()))


class PublicImagesAPIViewSet(PublicCollectionMixin, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(PublicCollectionMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
