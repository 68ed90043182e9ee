from django.urls import path

from . import views

app_name = "interchange"
urlpatterns = [
    path("", views.import_page, name="import"),
    path("confirm/", views.import_confirm, name="confirm"),
    path("progress/<str:progress_id>/", views.import_progress, name="progress"),
    path("template.xlsx", views.template_download, name="template"),
    path("export.xlsx", views.export_download, name="export"),
]
