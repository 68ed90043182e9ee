"""Public pages under /tin-tuc/ (Vietnamese addresses, shared on social networks), the
editors' pages under /news/."""

from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("tin-tuc/", views.public_list, name="list"),
    path("tin-tuc/anh/<int:pk>.jpg", views.photo, name="photo"),
    path("tin-tuc/binh-luan/<int:pk>/bao-cao/", views.report, name="report"),
    path("tin-tuc/binh-luan/goi-y-dau/", views.suggest, name="suggest"),
    path("tin-tuc/<slug:slug>/", views.article_page, name="article"),
    path("news/", views.editor_list, name="editor_list"),
    path("news/new/", views.create, name="create"),
    path("news/<int:pk>/", views.edit, name="edit"),
    path("news/<int:pk>/photos/", views.add_photo, name="add_photo"),
    path("news/<int:pk>/publish/", views.publish, name="publish"),
    path("news/<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("news/comments/", views.moderation, name="moderation"),
    path("news/comments/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("news/comments/<int:pk>/block/", views.block, name="block"),
    path("news/comments/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
]
