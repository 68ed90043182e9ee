"""One-click actions done once, however often the form is sent (core.models.Submission).

The page puts `once_key()` in a hidden field named "once"; the view calls
`once(request, work)`, where `work()` does the job (one service call) and returns the
address to go to. The key is taken before the work, in the same transaction: a second
request with the key waits for the first (SQLite serializes writers; PostgreSQL blocks
on the unique key) and then leads to the first one's address.
"""

import uuid
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import Http404

from .models import Submission

FIELD = "once"


def once_key() -> str:
    return str(uuid.uuid4())


def once(request, work: Callable[[], str]) -> str:
    """The address `work()` led to the first time this form was sent; `work()` runs only
    then. A form without a key (an old page) just runs it."""
    try:
        key = uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return work()
    with transaction.atomic():
        try:
            with transaction.atomic():
                submission = Submission.objects.create(key=key, user=request.user)
        except IntegrityError:
            done = Submission.objects.get(key=key)
            if done.user_id != request.user.pk:
                raise Http404 from None  # someone else's key: nothing to show
            return done.url
        submission.url = work()
        submission.save(update_fields=["url"])
    return submission.url
