from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api_router

# Never under a language prefix: the admin (each user's own language), documents, the API v2, the sitemap.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include("home.admin_routes")),  # hub-aware versions of a few admin routes, matched first
    path("admin/", include("languages.admin_routes")),  # translations kept to the translator's hub, matched first
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("furigana/", include("furigana.urls")),
    path("sitemap.xml", sitemap),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages: Japanese at / (no prefix), every other language under its prefix (/en/, /zh-hans/, /ja-easy/ …).
# The JSON APIs, iCal feeds and open data in these apps keep answering at their unprefixed address (in Japanese).
urlpatterns += i18n_patterns(
    path("", include("bookings.urls")),
    path("", include("search.urls")),
    path("", include("resources_directory.urls")),
    path("", include("goals.urls")),
    path("", include("home.urls")),
    path("", include("languages.urls")),
    prefix_default_language=False,
)
