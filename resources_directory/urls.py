from django.urls import path

from resources_directory import api, freshness_views, opendata, views

app_name = "resources_directory"

urlpatterns = [
    path("api/v1/directory/", api.directory_api, name="api_directory"),
    path("api/v1/schema/", api.schema_view, name="api_schema"),
    path("open-data/directory.csv", opendata.export_csv, name="export_csv"),
    path("open-data/directory.json", opendata.export_json, name="export_json"),
    path("umaretara/", views.journey, name="journey"),
    path("listing-update/<str:token>/", freshness_views.check, name="freshness"),
    path("listing-update/<str:token>/confirm/", freshness_views.confirm, name="freshness_confirm"),
    path("listing-update/<str:token>/changes/", freshness_views.changes, name="freshness_changes"),
]
