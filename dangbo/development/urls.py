from django.urls import path

from . import views

app_name = "development"
urlpatterns = [
    # Before the organization patterns, which would read "candidate" as an organization code.
    path("candidate/<int:pk>/", views.candidate, name="candidate"),
    path("candidate/<int:pk>/edit/", views.candidate_edit, name="candidate_edit"),
    path("candidate/<int:pk>/step/", views.candidate_step, name="candidate_step"),
    path("candidate/<int:pk>/step/<int:checkpoint>/void/", views.checkpoint_void, name="checkpoint_void"),
    path("candidate/<int:pk>/certificate/", views.candidate_certificate, name="candidate_certificate"),
    path("candidate/<int:pk>/admit/", views.candidate_admit, name="candidate_admit"),
    path("candidate/<int:pk>/stop/", views.candidate_stop, name="candidate_stop"),
    path("<str:code>/", views.pipeline, name="pipeline"),
    path("<str:code>/new/", views.candidate_new, name="candidate_new"),
    path("<str:code>/targets/<year:year>/", views.targets, name="targets"),
]
