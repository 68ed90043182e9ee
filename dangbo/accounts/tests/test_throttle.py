"""Failed log-ins are throttled per person and address (django-axes) and per address
across people (password spraying: one password tried against many accounts)."""

import datetime as dt

from axes.models import AccessFailureLog
from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.models import User
from dangbo.accounts.services import create_user


def spray(client, usernames, address="10.0.0.1", password="Mat-khau-2024"):  # noqa: S107
    return [
        client.post(reverse("accounts:login"), {"username": u, "password": password}, REMOTE_ADDR=address)
        for u in usernames
    ]


def test_one_address_trying_one_password_on_many_accounts_is_locked(client, cast, settings, tree):
    settings.DANGBO_LOGIN_FAILURES_PER_ADDRESS = 20
    names = [f"canbo{n}" for n in range(30)]
    for name in names:
        create_user(username=name, password=cast.password, role=User.Role.VIEWER, organization=tree.dist)
    answers = spray(client, names)
    assert [a.status_code for a in answers[:20]] == [200] * 20  # the form again, with its error
    assert {a.status_code for a in answers[20:]} == {429}
    # Locked: even the right password of another account is refused from that address…
    right = client.post(reverse("accounts:login"), {"username": "alice", "password": cast.password},
                        REMOTE_ADDR="10.0.0.1")
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    # …and not from another one.
    other = client.post(reverse("accounts:login"), {"username": "alice", "password": cast.password},
                        REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302


def test_the_address_lock_ends_with_the_cool_off(client, cast, settings):
    settings.DANGBO_LOGIN_FAILURES_PER_ADDRESS = 3
    spray(client, ["x1", "x2", "x3"])
    assert spray(client, ["alice"], password=cast.password)[0].status_code == 429
    AccessFailureLog.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=31))
    assert spray(client, ["alice"], password=cast.password)[0].status_code == 302


def test_one_account_is_still_locked_after_five_failures_from_an_address(client, cast):
    answers = spray(client, ["bob"] * 5)
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert spray(client, ["bob"], password=cast.password)[0].status_code == 429
    # The address is not locked for the others: five failures are under its limit.
    assert spray(client, ["alice"], password=cast.password)[0].status_code == 302
