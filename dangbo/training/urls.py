from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    # Before the organization patterns, which would read "class" as an organization code.
    path("class/<int:pk>/", views.detail, name="detail"),
    path("class/<int:pk>/results/", views.results, name="results"),
    path("class/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("class/<int:pk>/attendance.xlsx", views.attendance_xlsx, name="attendance_xlsx"),
    path("<str:code>/", views.latest_year, name="organization"),
    path("<str:code>/new/", views.create, name="create"),
    path("<str:code>/<year:year>/", views.year_page, name="year"),
]
