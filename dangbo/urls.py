from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, register_converter
from django.views.i18n import set_language

from dangbo.core.converters import YearConverter

# Before the apps' URLs, which use it.
register_converter(YearConverter, "year")

urlpatterns = [
    path("", include("dangbo.core.urls")),
    path("accounts/", include("dangbo.accounts.urls")),
    path("org/", include("dangbo.organizations.urls")),
    path("members/", include("dangbo.members.urls")),
    path("excel/", include("dangbo.interchange.urls")),
    path("targets/", include("dangbo.targets.urls")),
    path("ratings/", include("dangbo.ratings.urls")),
    path("cadres/", include("dangbo.cadres.urls")),
    path("training/", include("dangbo.training.urls")),
    path("inspections/", include("dangbo.inspections.urls")),
    path("development/", include("dangbo.development.urls")),
    path("leadership/", include("dangbo.leadership.urls")),
    path("reports/", include("dangbo.reports.urls")),
    path("citizens/", include("dangbo.citizens.urls")),
    path("mobilization/", include("dangbo.mobilization.urls")),
    path("", include("dangbo.news.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
]
