from django.urls import path

from . import views

app_name = "interchange"
urlpatterns = [
    path("", views.import_page, name="import"),
    path("jobs/<uuid:job_id>/", views.job_page, name="job"),
    path("jobs/<uuid:job_id>/status/", views.job_status, name="job_status"),
    path("jobs/<uuid:job_id>/import/", views.job_confirm, name="job_confirm"),
    path("template.xlsx", views.template_download, name="template"),
    path("export.xlsx", views.export_download, name="export"),
]
