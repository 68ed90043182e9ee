from django.urls import path

from . import views

app_name = "leadership"
urlpatterns = [
    # Before the organization patterns, which would read these words as organization codes.
    path("document/<int:pk>/", views.document, name="document"),
    path("document/<int:pk>/void/", views.document_void, name="document_void"),
    path("term/<int:pk>/void/", views.term_void, name="term_void"),
    path("session/<int:pk>/", views.session, name="session"),
    path("assignment/<int:pk>/end/", views.assignment_end, name="assignment_end"),
    path("<str:code>/documents/<year:year>/", views.documents, name="documents"),
    path("<str:code>/documents/proposal/", views.document_proposal, name="document_proposal"),
    path("<str:code>/terms/", views.term_add, name="term_add"),
    path("<str:code>/study/<year:year>/", views.sessions, name="sessions"),
    path("<str:code>/assignments/", views.assignments, name="assignments"),
]
