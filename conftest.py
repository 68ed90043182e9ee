"""The small cast every test shares (STYLE.md): a tree and one user per role.

    PROV (Đảng bộ cấp trên cơ sở)            OTHER (Đảng bộ cấp trên cơ sở)
      └ DIST (Đảng bộ cấp trên cơ sở)           └ OCOMM (Đảng bộ cơ sở)
          ├ COMM1 (Đảng bộ cơ sở)                   └ OCELL (Chi bộ trực thuộc)
          │   ├ CELL1A (Chi bộ trực thuộc)
          │   └ CELL1B (Chi bộ trực thuộc)
          └ COMM2 (Đảng bộ cơ sở)
              └ CELL2A (Chi bộ trực thuộc)

alice: committee staff of DIST; bob: secretary of CELL1A; charlie: committee staff of
OTHER (the outsider); vera: viewer of DIST; eddie: editor; root: administrator.
"""

import datetime as dt
import types

import pytest

from dangbo.accounts.models import User
from dangbo.accounts.services import create_user
from dangbo.organizations import services as org_services
from dangbo.organizations.models import Organization

Kind = Organization.Kind
PASSWORD = "pw-for-tests"  # noqa: S105
FOUNDED = dt.date(2000, 1, 1)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _jobs_run_at_once():
    """Background jobs run in the test's own process, when their transaction commits
    (Huey's immediate mode, in memory); one test drives a real worker instead."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what one kept (counts under an id the next
    test's database reuses) must not show in another."""
    from django.core.cache import cache

    cache.clear()


def build_tree() -> types.SimpleNamespace:
    rows = [
        ("prov", "PROV", "Đảng bộ tỉnh Thử Nghiệm", Kind.ABOVE_GRASSROOTS, None, ""),
        ("dist", "DIST", "Đảng bộ huyện Đông Hưng", Kind.ABOVE_GRASSROOTS, "PROV", ""),
        ("comm1", "COMM1", "Đảng bộ xã An Bình", Kind.GRASSROOTS_COMMITTEE, "DIST", "Xã, thị trấn"),
        ("cell1a", "CELL1A", "Chi bộ thôn Đông", Kind.CELL, "COMM1", ""),
        ("cell1b", "CELL1B", "Chi bộ thôn Tây", Kind.CELL, "COMM1", ""),
        ("comm2", "COMM2", "Đảng bộ xã Hòa Lạc", Kind.GRASSROOTS_COMMITTEE, "DIST", "Xã, thị trấn"),
        ("cell2a", "CELL2A", "Chi bộ thôn Bắc", Kind.CELL, "COMM2", ""),
        ("other", "OTHER", "Đảng bộ huyện Khác", Kind.ABOVE_GRASSROOTS, None, ""),
        ("ocomm", "OCOMM", "Đảng bộ xã Ngoài", Kind.GRASSROOTS_COMMITTEE, "OTHER", ""),
        ("ocell", "OCELL", "Chi bộ thôn Ngoài", Kind.CELL, "OCOMM", ""),
    ]
    change = org_services.change_tree(organizations=[
        org_services.NewOrganization(code=code, name=name, kind=kind, parent=parent, group=group, founded_on=FOUNDED)
        for _attr, code, name, kind, parent, group in rows
    ])
    return types.SimpleNamespace(**{row[0]: org for row, org in zip(rows, change.organizations, strict=True)})


def build_cast(t) -> types.SimpleNamespace:
    Role = User.Role
    c = types.SimpleNamespace(password=PASSWORD)
    c.alice = create_user(username="alice", password=PASSWORD, role=Role.COMMITTEE_STAFF, organization=t.dist)
    c.bob = create_user(username="bob", password=PASSWORD, role=Role.CELL_SECRETARY, organization=t.cell1a)
    c.charlie = create_user(username="charlie", password=PASSWORD, role=Role.COMMITTEE_STAFF, organization=t.other)
    c.vera = create_user(username="vera", password=PASSWORD, role=Role.VIEWER, organization=t.dist)
    c.eddie = create_user(username="eddie", password=PASSWORD, role=Role.EDITOR)
    c.root = create_user(username="root", password=PASSWORD, role=Role.ADMINISTRATOR)
    return c


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def cast(tree):
    return build_cast(tree)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login

