from django.urls import path

from furigana import views

app_name = "furigana"
urlpatterns = [path("", views.toggle, name="toggle")]
