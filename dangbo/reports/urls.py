from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    # Before the organization patterns, which would read "issued" as an organization code.
    path("issued/<int:pk>/report.docx", views.issued_docx, name="issued_docx"),
    path("<str:code>/", views.latest_year, name="organization"),
    path("<str:code>/settings/", views.settings_page, name="settings"),
    path("<str:code>/<year:year>/", views.year_page, name="year"),
    path("<str:code>/<year:year>/report.docx", views.docx, name="docx"),
    path("<str:code>/<year:year>/report.xlsx", views.xlsx, name="xlsx"),
    path("<str:code>/<year:year>/records/<str:figure>/", views.records_page, name="records"),
    path("<str:code>/<year:year>/issue/", views.issue, name="issue"),
    path("<str:code>/<year:year>/news/", views.news_draft, name="news_draft"),
]
