"""The error pages: Vietnamese, in the site's style, with DEBUG on (make run) and off."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path, reverse

from dangbo import urls as project_urls


def broken(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("test-500/", broken),
    path("test-403/", forbidden),
    *project_urls.urlpatterns,
]


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    settings.ROOT_URLCONF = __name__


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def test_an_unknown_address_under_debug_is_the_sites_404(debug, cast, login):
    response = login(cast.alice).get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and "URLconf" not in html and 'id="main-menu"' in html


def test_a_missing_record_under_debug_is_the_sites_404(debug, cast, login):
    response = login(cast.alice).get(reverse("organizations:detail", args=["OCOMM"]))  # not theirs
    assert response.status_code == 404 and "Không tìm thấy trang" in response.content.decode()


def test_a_slash_is_still_added_under_debug(debug, cast, login):
    response = login(cast.alice).get("/org")
    assert response.status_code == 301 and response["Location"] == "/org/"


def test_a_refusal_is_the_sites_403(debug, cast, login):
    response = login(cast.alice).get("/test-403/")
    assert response.status_code == 403 and "Không được phép truy cập" in response.content.decode()


def test_a_bug_under_debug_is_the_sites_500_with_the_traceback_folded(debug, cast):
    client = Client(raise_request_exception=False)
    client.force_login(cast.alice)
    response = client.get("/test-500/")
    html = response.content.decode()
    assert response.status_code == 500 and "Đã có lỗi xảy ra" in html
    assert "RuntimeError: a bug" in html and "<details" in html


def test_without_debug_the_same_pages_and_no_traceback(production, cast):
    client = Client(raise_request_exception=False)
    client.force_login(cast.alice)
    missing = client.get("/khong-co-trang-nay/")
    assert missing.status_code == 404 and "Không tìm thấy trang" in missing.content.decode()
    response = client.get("/test-500/")
    html = response.content.decode()
    assert response.status_code == 500 and "Đã có lỗi xảy ra" in html and "RuntimeError" not in html


def test_a_form_sent_without_its_token_gets_the_sites_csrf_page(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alice)
    response = client.post(reverse("accounts:logout"), HTTP_REFERER="http://testserver/org/")
    html = response.content.decode()
    assert response.status_code == 403 and "Biểu mẫu đã hết hiệu lực" in html
    assert 'href="http://testserver/org/"' in html
