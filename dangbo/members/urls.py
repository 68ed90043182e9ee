from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("export.xlsx", views.member_list_xlsx, name="list_xlsx"),
    path("new/", views.member_create, name="create"),
    path("worklists/", views.worklists, name="worklists"),
    path("quality/", views.quality, name="quality"),
    path("register/<str:code>/", views.cell_register, name="register"),
    path("event/<int:pk>/void/", views.void_event, name="void_event"),
    path("<str:code>/", views.member_detail, name="detail"),
    path("<str:code>/event/", views.record_event, name="record_event"),
]
