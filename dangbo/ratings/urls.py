from django.urls import path

from . import views

app_name = "ratings"
urlpatterns = [
    path("<str:code>/", views.organization, name="organization"),
    path("<str:code>/<year:year>/", views.rate, name="rate"),
    path("<str:code>/<year:year>/member/<str:member_code>/", views.rate_member, name="rate_member"),
    path("<str:code>/<year:year>/org/<str:org_code>/", views.rate_organization, name="rate_organization"),
    path("<str:code>/reopen/<int:pk>/", views.reopen, name="reopen"),
    path("<str:code>/<year:year>/summary/", views.summary, name="summary"),
    path("<str:code>/<year:year>/summary.xlsx", views.export, name="export"),
]
