from django.urls import reverse


def test_dashboard_shows_the_users_tree(cast, login):
    html = login(cast.alice).get(reverse("core:dashboard")).content.decode()
    assert "Đảng bộ huyện Đông Hưng" in html and "Đảng bộ huyện Khác" not in html


def test_dashboard_for_an_outsider_shows_nothing_of_others(cast, login):
    html = login(cast.charlie).get(reverse("core:dashboard")).content.decode()
    assert "Đông Hưng" not in html


def test_healthz_is_public_and_names_each_dependency(client, db):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "local", "replica": "not configured"}


def test_anonymous_dashboard_redirects(client, db):
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_the_interface_is_vietnamese_whatever_the_browser_says(cast, login):
    client = login(cast.alice)
    html = client.get(reverse("core:dashboard"), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Trang chính" in html
    client.cookies["django_language"] = "en"
    assert "Dashboard" in client.get(reverse("core:dashboard")).content.decode()
