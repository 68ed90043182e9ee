from django.urls import path

from . import views

app_name = "interchange"
urlpatterns = [
    path("", views.import_page, name="import"),
    path("confirm/", views.import_confirm, name="confirm"),
    path("template.xlsx", views.template_download, name="template"),
    path("export.xlsx", views.export_download, name="export"),
]
