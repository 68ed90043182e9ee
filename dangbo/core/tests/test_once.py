"""One-click actions done once per form, however often the form is sent."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from dangbo.core.errors import DomainError
from dangbo.core.models import Submission
from dangbo.core.once import once, once_key


def post(user, key):
    request = RequestFactory().post("/", {"once": key} if key is not None else {})
    request.user = user
    return request


def test_the_work_runs_once_per_key(cast):
    runs = []

    def work():
        runs.append(1)
        return f"/news/{len(runs)}/"

    key = once_key()
    assert once(post(cast.alice, key), work) == "/news/1/"
    assert once(post(cast.alice, key), work) == "/news/1/"
    assert runs == [1] and Submission.objects.get().url == "/news/1/"
    assert once(post(cast.alice, once_key()), work) == "/news/2/"


def test_a_refused_work_keeps_the_key_free(cast):
    key = once_key()

    def refused():
        raise DomainError("no")

    with pytest.raises(DomainError):
        once(post(cast.alice, key), refused)
    assert not Submission.objects.exists()
    assert once(post(cast.alice, key), lambda: "/done/") == "/done/"


def test_a_form_without_a_key_just_runs(cast):
    runs = []
    once(post(cast.alice, None), lambda: runs.append(1) or "/a/")
    once(post(cast.alice, "not-a-key"), lambda: runs.append(1) or "/a/")
    assert runs == [1, 1] and not Submission.objects.exists()


def test_someone_elses_key_is_refused(cast):
    key = once_key()
    once(post(cast.alice, key), lambda: "/mine/")
    with pytest.raises(Http404):
        once(post(cast.vera, key), lambda: "/theirs/")
