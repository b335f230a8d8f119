from django.urls import path

from bookings import api, views

app_name = "bookings"

urlpatterns = [
    path("book/<str:key>/", views.book, name="book"),
    path("booking/<str:token>/", views.status, name="status"),
    path("booking/<str:token>/cancel/", views.cancel, name="cancel"),
    path("api/v1/programs/occurrences/", api.occurrences_api, name="api_occurrences"),
    path("api/v1/bookings/", api.create_booking_api, name="api_create"),
    path("api/v1/bookings/<str:token>/", api.booking_status_api, name="api_status"),
    path("api/v1/bookings/<str:token>/cancel/", api.cancel_booking_api, name="api_cancel"),
]
