"""`dangbo backup` and `dangbo restore`: the figures and the files kept with records are
the same after a round trip, on SQLite and on PostgreSQL (the suite runs on both)."""

import datetime as dt
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from conftest import build_cast, build_tree
from dangbo.core.storage import private_storage
from dangbo.members.models import EventAttachment, Member
from dangbo.members.tests.helpers import opening, person, record
from dangbo.reports.figures import annual_figures

D = dt.date
PDF = b"%PDF-1.7\n%%EOF\n"
# Committed data: pg_dump and psql see the database from their own connections.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    return settings.MEDIA_ROOT


def state(org) -> dict:
    """What must come back: the year's figures, every attachment and its file's bytes."""
    files = {a.name: hashlib.sha256(Path(a.file.path).read_bytes()).hexdigest()
             for a in EventAttachment.objects.order_by("pk")}
    figures = json.loads(json.dumps(annual_figures(org, 2023), default=str))
    return {"figures": figures, "files": files, "members": sorted(Member.objects.values_list("code", flat=True))}


def test_a_backup_restores_the_figures_and_the_attachments(media, tmp_path):
    tree = build_tree()
    cast = build_cast(tree)
    first = person(code="B1")
    opening(first, tree.cell1a, date=D(2022, 1, 1))
    record(member=first, kind="TRANSFERRED_INTERNAL", date=D(2023, 3, 5), organization=tree.cell1b, by=cast.alice,
           attachments=[SimpleUploadedFile("Quyết định.pdf", PDF + b"1"), SimpleUploadedFile("Biên bản.pdf", PDF)])
    news = Path(media) / "news" / "anh.jpg"
    news.parent.mkdir(parents=True)
    news.write_bytes(b"\xff\xd8\xff public photo")
    before = state(tree.dist)
    assert len(before["files"]) == 2 and before["figures"]

    archive = tmp_path / "dangbo.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "2" in out.getvalue()

    # Afterwards: a member more, an event more, a file lost from the disk.
    later = person(code="B2")
    opening(later, tree.cell2a, date=D(2023, 6, 1))
    Path(EventAttachment.objects.first().file.path).unlink()
    news.unlink()
    assert state_differs(tree.dist, before)

    call_command("restore", str(archive), "--no-input", stdout=io.StringIO())
    assert state(tree.dist) == before
    assert news.read_bytes() == b"\xff\xd8\xff public photo"
    # The files as they were before the restore are kept beside, not thrown away.
    assert list(Path(private_storage.location).parent.glob("private.before-restore-*"))


def state_differs(org, before) -> bool:
    try:
        return state(org) != before
    except FileNotFoundError:
        return True


def test_a_damaged_or_forged_backup_changes_nothing(media, tmp_path):
    tree = build_tree()
    opening(person(code="C1"), tree.cell1a, date=D(2022, 1, 1))
    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    opening(person(code="C2"), tree.cell1a, date=D(2022, 1, 1))

    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(forged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("database"):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
        evil = tarfile.TarInfo("../../outside.txt")
        evil.size = 4
        target.addfile(evil, io.BytesIO(b"evil"))
    for bad in (forged, tmp_path / "missing.tar.gz"):
        with pytest.raises(CommandError):
            call_command("restore", str(bad), "--no-input", stdout=io.StringIO())
    assert sorted(Member.objects.values_list("code", flat=True)) == ["C1", "C2"]
    assert not (tmp_path.parent / "outside.txt").exists()
    assert not list(Path(media).parent.glob("*.restoring-*"))
