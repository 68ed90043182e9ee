import pytest


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Attachments go beside a MEDIA_ROOT of the test's own (`core.storage`)."""
    settings.MEDIA_ROOT = tmp_path / "media"
