from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("search/", views.site_search, name="site_search"),
    path("api/v1/search/", views.api_search, name="api_search"),
]
