from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    # Before the `<code>/…` routes, which would take these words for an organization code.
    path("item/<str:item_code>/", views.item_page, name="item"),
    path("item/<str:item_code>/edit/", views.edit_item, name="edit_item"),
    path("item/<str:item_code>/conclude/", views.conclude, name="conclude"),
    path("item/<str:item_code>/remedy/", views.add_remedy, name="add_remedy"),
    path("item/<str:item_code>/void/", views.void_item, name="void_item"),
    path("remedy/<int:pk>/done/", views.remedy_done, name="remedy_done"),
    path("remedy/<int:pk>/void/", views.void_remedy, name="void_remedy"),
    path("program/<int:pk>/", views.describe_program, name="describe_program"),
    path("discipline/<int:pk>/", views.discipline_page, name="discipline"),
    path("discipline/<int:pk>/void/", views.void_discipline, name="void_discipline"),
    path("<str:code>/", views.latest_year, name="organization"),
    path("<str:code>/new/", views.new_item, name="new_item"),
    path("<str:code>/remedies/", views.remedies, name="remedies"),
    path("<str:code>/discipline/new/", views.new_discipline, name="new_discipline"),
    path("<str:code>/discipline/<year:year>/", views.disciplines_year, name="disciplines"),
    path("<str:code>/<year:year>/", views.year_page, name="year"),
]
