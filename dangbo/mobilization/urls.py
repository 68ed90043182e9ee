from django.urls import path

from . import views

app_name = "mobilization"
urlpatterns = [
    path("levels/", views.levels, name="levels"),
    path("item/<int:pk>/", views.detail, name="detail"),
    path("item/<int:pk>/edit/", views.edit, name="edit"),
    path("item/<int:pk>/void/", views.void, name="void"),
    path("<str:code>/", views.organization, name="organization"),
    path("<str:code>/new/", views.new, name="new"),
]
