from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("export.xlsx", views.member_list_xlsx, name="list_xlsx"),
    path("new/", views.member_create, name="create"),
    path("worklists/", views.worklists, name="worklists"),
    path("access-log/", views.access_log, name="access_log"),
    path("quality/", views.quality, name="quality"),
    path("register/<str:code>/", views.cell_register, name="register"),
    path("event/<int:pk>/void/", views.void_event, name="void_event"),
    path("event/<int:pk>/attach/", views.attach_to_event, name="attach_to_event"),
    path("attachment/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachment/<int:pk>/void/", views.void_attachment, name="void_attachment"),
    path("<str:code>/", views.member_detail, name="detail"),
    path("<str:code>/event/", views.record_event, name="record_event"),
    path("<str:code>/event/form/", views.event_form, name="event_form"),
    path("<str:code>/photo/", views.member_photo, name="photo"),
    path("<str:code>/photo/upload/", views.upload_photo, name="upload_photo"),
    path("<str:code>/seriously-ill/", views.set_seriously_ill, name="seriously_ill"),
]
