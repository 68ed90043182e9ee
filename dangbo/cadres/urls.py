from django.urls import path

from . import views

app_name = "cadres"
urlpatterns = [
    path("<str:code>/", views.latest_year, name="organization"),
    path("<str:code>/new/", views.record, name="record"),
    path("<str:code>/terms/", views.terms, name="terms"),
    path("<str:code>/<int:year>/", views.year_page, name="year"),
]
