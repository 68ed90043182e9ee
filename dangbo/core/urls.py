from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("panel/<slug:key>/", views.panel, name="panel"),
    path("help/", views.help_index, name="help"),
    path("help/<slug:key>/", views.help_page, name="help_page"),
]
