import pytest
from django.utils import translation


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def vietnamese():
    """Services called outside a request speak the default language, whatever an earlier
    test left active."""
    with translation.override("vi"):
        yield
