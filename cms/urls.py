from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api_router

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include("home.admin_routes")),  # hub-aware versions of a few admin routes, matched first
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("furigana/", include("furigana.urls")),
    path("sitemap.xml", sitemap),
    path("api/v2/", api_router.urls),
    path("", include("bookings.urls")),
    path("", include("search.urls")),
    path("", include("resources_directory.urls")),
    path("", include("goals.urls")),
    path("", include("home.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
