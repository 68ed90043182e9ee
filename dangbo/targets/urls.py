from django.urls import path

from . import views

app_name = "targets"
urlpatterns = [
    # Before the organization patterns, which would read "item" as an organization code.
    path("item/<int:pk>/", views.detail, name="detail"),
    path("item/<int:pk>/edit/", views.edit, name="edit"),
    path("<str:code>/", views.latest_year, name="organization"),
    path("<str:code>/<year:year>/", views.year_page, name="year"),
    path("<str:code>/<year:year>/new/", views.create, name="create"),
]
