from django.urls import path

from . import views

app_name = "cadres"
urlpatterns = [
    # Before the `<code>/…` routes, which would take these words for an organization code.
    path("decision/<int:pk>/", views.decision_detail, name="decision"),
    path("decision/<int:pk>/void/", views.void_decision, name="void_decision"),
    path("decision/<int:pk>/attach/", views.attach, name="attach"),
    path("attachment/<int:pk>/", views.download_attachment, name="download"),
    path("attachment/<int:pk>/void/", views.void_attachment, name="void_attachment"),
    path("title/<int:pk>/end/", views.end_title, name="end_title"),
    path("plan/<int:pk>/out/", views.take_out_of_plan, name="take_out"),
    path("plan/<int:pk>/void/", views.void_plan, name="void_plan"),
    path("member-options/", views.member_options, name="member_options"),
    path("<str:code>/", views.latest_year, name="organization"),
    path("<str:code>/new/", views.record, name="record"),
    path("<str:code>/terms/", views.terms, name="terms"),
    path("<str:code>/titles/", views.titles, name="titles"),
    path("<str:code>/plans/", views.plans, name="plans"),
    path("<str:code>/<year:year>/", views.year_page, name="year"),
]
