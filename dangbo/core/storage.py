"""Where files attached to records are kept: beside MEDIA_ROOT, never under it, and
without a URL, so that a web server publishing /media/ cannot hand them out. Views
serve them after checking access to the record they belong to."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        # Read when first used (and again when a test changes MEDIA_ROOT).
        return self._value_or_setting(self._location, Path(settings.MEDIA_ROOT).parent / "private")

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view that checks access.")


private_storage = PrivateStorage()
