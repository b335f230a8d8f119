"""OpenSearch / Elasticsearch engine through elasticsearch-dsl (filled in below the first cut)."""

from search.documents import page_type_key


def document_key(obj):
    """Stable id of an object's document in the engine: "app.model:pk" of its concrete model."""
    model = obj._meta.concrete_model
    if hasattr(obj, "specific_class") and obj.specific_class is not None:
        model = obj.specific_class
    return f"{page_type_key(model)}:{obj.pk}"
