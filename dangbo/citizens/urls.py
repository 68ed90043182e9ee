from django.urls import path

from . import views

app_name = "citizens"
urlpatterns = [
    path("", views.index, name="index"),
    # Before the organization patterns, which would read these words as codes.
    path("deadlines/", views.rules, name="rules"),
    path("comments/", views.comments, name="comments"),
    path("comments/<int:pk>/petition/", views.comment_to_petition, name="comment_to_petition"),
    path("petition/<int:pk>/", views.petition, name="petition"),
    path("petition/<int:pk>/edit/", views.petition_edit, name="petition_edit"),
    path("petition/<int:pk>/accept/", views.petition_accept, name="petition_accept"),
    path("petition/<int:pk>/close/", views.petition_close, name="petition_close"),
    path("petition/<int:pk>/extend/", views.petition_extend, name="petition_extend"),
    path("petition/<int:pk>/void/", views.petition_void, name="petition_void"),
    path("petition/<int:pk>/sender/", views.petition_sender, name="petition_sender"),
    path("session/<int:pk>/", views.reception, name="reception"),
    path("session/<int:pk>/void/", views.reception_void, name="reception_void"),
    path("<str:code>/", views.organization, name="organization"),
    path("<str:code>/petitions/", views.petitions, name="petitions"),
    path("<str:code>/petitions/new/", views.petition_new, name="petition_new"),
    path("<str:code>/sessions/", views.receptions, name="receptions"),
    path("<str:code>/sessions/new/", views.reception_new, name="reception_new"),
    path("<str:code>/minimum/", views.minimum, name="minimum"),
    path("<str:code>/excel/", views.export, name="export"),
]
