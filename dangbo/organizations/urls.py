from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("new/", views.create, name="create"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/children/", views.children, name="children"),
    path("<str:code>/reorganize/", views.reorganize, name="reorganize"),
    path("reorganization/<int:pk>/void/", views.void, name="void"),
]
