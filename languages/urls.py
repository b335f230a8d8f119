"""Wagtail's page URLs with ``languages.views.serve`` as the page view (same name, ``wagtail_serve``, so page URLs,
the page cache and Wagtail's own code find it)."""

from django.urls import re_path
from wagtail import urls as wagtail_urls
from wagtail.urls import serve_pattern

from languages import views

urlpatterns = [
    *[pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) != "wagtail_serve"],
    re_path(serve_pattern, views.serve, name="wagtail_serve"),
]
