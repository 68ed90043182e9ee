"""Backups: the database and the uploaded files in one archive, and back.

`write_backup(path)` writes a gzipped tar archive:

    manifest.json         format, date, database kind, migrations, sha256 of every member
    database.sqlite3      SQLite: a copy made by SQLite's online backup API (consistent
                          while the application runs), or
    database.dump         PostgreSQL: `pg_dump --format=custom`
    files/private/…       the files kept with records (core.storage.private_storage)
    files/media/…         the public files (news photos)

`restore_backup(path)` checks the archive whole (manifest, checksums, member names)
before changing anything, unpacks the files beside their folders, replaces the database
in one step (SQLite's backup API into the live database; on PostgreSQL the dump is
loaded by psql in a single transaction after the schema is emptied, so a failure leaves
the database as it was), then swaps the folders, keeping the previous ones beside them
(`private.before-restore-…`), and migrates a backup made by an older version.
"""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError
from .storage import private_storage

FORMAT = 1
CHUNK = 2**20


def folders() -> dict[str, Path]:
    """The folders of uploaded files a backup holds, by their name in the archive."""
    return {"private": Path(private_storage.location), "media": Path(settings.MEDIA_ROOT)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the database of the default connection."""
    db = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD"),
                          ("PGDATABASE", "NAME")):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def _run(command: list[str], **kwargs) -> None:
    done = subprocess.run(command, capture_output=True, text=True, env=_pg_environment(), **kwargs)
    if done.returncode != 0:
        raise DomainError(_("%(command)s failed: %(error)s") % {"command": command[0], "error": done.stderr.strip()})


def _dump_database(folder: Path) -> Path:
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / "database.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)])
        return target
    raise DomainError(_("Backups support SQLite and PostgreSQL only."))


def write_backup(path: str | Path) -> dict:
    """Write the backup archive to `path`; its manifest."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="dangbo-backup-", dir=path.parent) as tmp:
        database = _dump_database(Path(tmp))
        members = [(database, database.name)]
        counts = {}
        for name, folder in folders().items():
            files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
            counts[name] = len(files)
            members += [(p, f"files/{name}/{p.relative_to(folder).as_posix()}") for p in files]
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": _migrations(),
            "files": counts,
            "sha256": {arcname: _sha256(p) for p, arcname in members},
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            for member, arcname in members:
                archive.add(member, arcname=arcname, recursive=False)
        partial.replace(path)  # a backup cut short never takes the name of a whole one
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, TypeError):
        raise DomainError(_("This is not a dangbo backup (it has no manifest).")) from None
    if manifest.get("format") != FORMAT:
        raise DomainError(_("This backup's format is not one this version reads."))
    return manifest


def _check(archive: tarfile.TarFile, manifest: dict) -> None:
    """Every member named in the manifest, with its checksum, and nothing else: no link,
    no absolute path, no `..` (a forged archive must not write outside its folders)."""
    listed = dict(manifest["sha256"])
    for member in archive.getmembers():
        if member.name == "manifest.json":
            continue
        name = member.name
        if not member.isfile() or name.startswith("/") or ".." in Path(name).parts or name not in listed:
            raise DomainError(_("The backup holds %(name)s, which a dangbo backup never has; nothing was restored.")
                              % {"name": name})
        digest = hashlib.sha256()
        handle = archive.extractfile(member)
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
        if digest.hexdigest() != listed.pop(name):
            raise DomainError(_("%(name)s is damaged in the backup (its checksum differs); nothing was restored.")
                              % {"name": name})
    if listed:
        raise DomainError(_("The backup lacks %(name)s; nothing was restored.") % {"name": sorted(listed)[0]})
    known = {(app, name) for app, name in _known_migrations()}
    newer = [f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names
             if (app, name) not in known]
    if newer:
        raise DomainError(_("The backup was made by a newer version of dangbo (%(migration)s); update first.")
                          % {"migration": newer[0]})
    if manifest["database"] != connection.vendor:
        raise DomainError(_("The backup is of a %(theirs)s database, this one is %(ours)s.")
                          % {"theirs": manifest["database"], "ours": connection.vendor})


def _known_migrations():
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(None, ignore_no_migrations=True).disk_migrations.keys()


def _restore_database(archive: tarfile.TarFile, tmp: Path) -> None:
    if connection.vendor == "sqlite":
        archive.extract("database.sqlite3", tmp, filter="data")
        connection.ensure_connection()
        with sqlite3.connect(tmp / "database.sqlite3") as source:
            source.backup(connection.connection)
        source.close()
    else:
        archive.extract("database.dump", tmp, filter="data")
        connection.close()
        sql = subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--file", "-", str(tmp / "database.dump")],
                             capture_output=True, env=_pg_environment())
        if sql.returncode != 0:
            raise DomainError(_("%(command)s failed: %(error)s") % {"command": "pg_restore",
                                                                    "error": sql.stderr.decode().strip()})
        _run(["psql", "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "--single-transaction",
              "-c", "DROP SCHEMA public CASCADE", "-c", "CREATE SCHEMA public", "-f", "-"], input=sql.stdout.decode())


def restore_backup(path: str | Path) -> dict:
    """Replace the database and the uploaded files by those of the backup at `path`;
    its manifest. Nothing changes unless the whole archive checks out."""
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError):
        raise DomainError(_("%(name)s cannot be read as a dangbo backup.") % {"name": Path(path).name}) from None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    with archive, tempfile.TemporaryDirectory(prefix="dangbo-restore-") as tmp:
        manifest = _read_manifest(archive)
        _check(archive, manifest)
        staged = {}
        for name, folder in folders().items():
            folder.parent.mkdir(parents=True, exist_ok=True)
            staging = folder.with_name(f"{folder.name}.restoring-{stamp}")
            staging.mkdir()
            prefix = f"files/{name}/"
            for member in archive.getmembers():
                if member.name.startswith(prefix):
                    target = staging / member.name[len(prefix):]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.extractfile(member) as source, target.open("wb") as out:
                        shutil.copyfileobj(source, out, CHUNK)
            staged[folder] = staging
        try:
            _restore_database(archive, Path(tmp))
        except BaseException:
            for staging in staged.values():
                shutil.rmtree(staging, ignore_errors=True)
            raise
        for folder, staging in staged.items():
            if folder.exists():
                folder.rename(folder.with_name(f"{folder.name}.before-restore-{stamp}"))
            staging.rename(folder)
    call_command("migrate", interactive=False, verbosity=0)
    return manifest
