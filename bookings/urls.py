from django.urls import path

from bookings import views

app_name = "bookings"

urlpatterns = [
    path("book/<str:key>/", views.book, name="book"),
    path("booking/<str:token>/", views.status, name="status"),
    path("booking/<str:token>/cancel/", views.cancel, name="cancel"),
]
