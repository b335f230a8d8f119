from django.urls import path

from home import views

app_name = "home"

urlpatterns = [
    path("programs/calendar.ics", views.agenda_feed, name="programs_ical"),
    path("programs/<str:slug>/calendar.ics", views.program_feed, name="program_ical"),
]
