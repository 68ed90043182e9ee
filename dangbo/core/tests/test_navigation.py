"""The menu, the help pages and their links, built from what the apps register."""

import pytest
from django.urls import reverse

from dangbo.core import navigation


def menu(client) -> dict[str, str]:
    response = client.get(reverse("core:dashboard"))
    return {str(item.label): item.url for item in response.context["menu"]}


def test_committee_staff_reach_every_area_from_the_menu(cast, login):
    urls = set(menu(login(cast.alice)).values())
    for name in ("reports", "ratings", "cadres", "training", "targets", "inspections"):
        assert reverse(f"{name}:organization", args=["DIST"]) in urls, name
    assert reverse("development:pipeline", args=["DIST"]) in urls
    assert any(url.startswith(reverse("leadership:documents", args=["DIST", 2000])[:-5]) for url in urls)
    assert {reverse("organizations:tree"), reverse("members:list"), reverse("members:worklists"),
            reverse("interchange:import"), reverse("core:help")} <= urls
    assert reverse("news:editor_list") not in urls


def test_a_cell_secretary_gets_a_short_menu_of_their_cell(cast, login):
    urls = set(menu(login(cast.bob)).values())
    assert reverse("organizations:detail", args=["CELL1A"]) in urls
    assert reverse("ratings:organization", args=["CELL1A"]) in urls
    assert reverse("cadres:organization", args=["CELL1A"]) not in urls
    assert reverse("interchange:import") not in urls


def test_an_editor_gets_the_news_only(cast, login):
    urls = set(menu(login(cast.eddie)).values())
    assert urls == {reverse("core:dashboard"), reverse("news:editor_list"), reverse("news:moderation"),
                    reverse("core:help")}


def test_a_viewer_may_not_import(cast, login):
    assert reverse("interchange:import") not in set(menu(login(cast.vera)).values())


def test_the_current_area_is_marked(cast, login):
    response = login(cast.alice).get(reverse("members:worklists"))
    current = [str(item.label) for item in response.context["menu"] if item.current]
    html = response.content.decode()
    assert len(current) == 1 and 'aria-current="page"' in html
    assert reverse("core:help_page", args=["due"]) in html  # the page's help link


def test_every_help_page_tells_the_three_most_common_tasks(cast, login):
    client = login(cast.bob)
    index = client.get(reverse("core:help")).content.decode()
    assert navigation.HELP_PAGES
    for key in navigation.HELP_PAGES:
        assert reverse("core:help_page", args=[key]) in index
        html = client.get(reverse("core:help_page", args=[key])).content.decode()
        tasks = html.split('<ol class="tasks">')[1].split("</ol>")[0]
        assert tasks.count("<li>") == 3, key
    assert client.get(reverse("core:help_page", args=["nothing-here"])).status_code == 404


def test_every_area_of_the_menu_links_to_a_help_page(cast, login):
    for entry in navigation.MENU.values():
        assert not entry.help or entry.help in navigation.HELP_PAGES, entry.key


def test_help_is_for_people_who_log_in(client, db):
    response = client.get(reverse("core:help"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_app_adds_an_entry_without_touching_the_templates(cast, login, monkeypatch):
    monkeypatch.setattr(navigation, "MENU", dict(navigation.MENU))
    navigation.add_menu_entry(navigation.MenuEntry("later", "Tiếp dân", lambda request: "/tiep-dan/", order=62))
    labels = list(menu(login(cast.alice)))
    assert labels.index("Tiếp dân") == labels.index(str(navigation.MENU["training"].label)) + 1


@pytest.mark.parametrize("path", ["/", "/org/", "/members/"])
def test_pages_have_a_menu_button_for_phones_and_no_inline_script(cast, login, path):
    html = login(cast.alice).get(path).content.decode()
    assert 'class="menu-toggle"' in html and 'aria-controls="main-menu"' in html
    assert "onclick=" not in html and "<script>" not in html


def test_panels_that_come_later_are_asked_for_by_the_page(cast, login):
    client = login(cast.alice)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert f'hx-get="{reverse("core:panel", args=["due"])}"' in html and 'hx-trigger="load"' in html
    assert client.get(reverse("core:panel", args=["due"])).status_code == 200
    assert client.get(reverse("core:panel", args=["figures"])).status_code == 404  # not a later one
    assert client.get(reverse("core:panel", args=["nothing"])).status_code == 404
    # An editor's page leaves no room for the register's panels, and asking gives nothing.
    editor = login(cast.eddie)
    assert reverse("core:panel", args=["due"]) not in editor.get(reverse("core:dashboard")).content.decode()
    assert editor.get(reverse("core:panel", args=["due"])).content == b""


def test_anonymous_get_no_panel(client, db):
    assert client.get(reverse("core:panel", args=["due"])).status_code == 302
