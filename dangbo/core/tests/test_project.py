"""Checks on the project as a whole: migrations, translations, settings, the command."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "dangbo" / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_migrations_match_the_models(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_vietnamese_catalog_is_complete():
    catalog = polib.pofile(str(PO))
    assert not catalog.untranslated_entries(), [e.msgid for e in catalog.untranslated_entries()][:20]
    assert not catalog.fuzzy_entries(), [e.msgid for e in catalog.fuzzy_entries()][:20]


def test_the_compiled_catalog_is_up_to_date():
    catalog = polib.pofile(str(PO))
    compiled = polib.mofile(str(PO.with_suffix(".mo")))
    expected = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0, "")) for e in catalog if not e.obsolete}
    actual = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0, "")) for e in compiled if e.msgid}
    assert actual == {k: v for k, v in expected.items() if k[1]}


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext is not installed")
def test_every_string_in_the_code_is_in_the_catalog(tmp_path):
    """makemessages on a copy of the code finds no msgid the catalog lacks."""
    copy = tmp_path / "dangbo"
    shutil.copytree(ROOT / "dangbo", copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="dangbo.settings", DEBUG="1")
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "vi", "--no-obsolete",
         "-i", "lib/*", "-i", "*/tests/*"],
        cwd=copy, env=env, check=True, capture_output=True,
    )
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale/vi/LC_MESSAGES/django.po"))}
    known = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO))}
    assert not fresh - known, sorted(m for _c, m in fresh - known)[:20]


def test_bad_settings_stop_start_up_naming_the_variable():
    env = dict(os.environ, DEBUG="maybe", DJANGO_SETTINGS_MODULE="dangbo.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "DEBUG" in result.stderr
    env = dict(os.environ, DEBUG="0", DATABASE_URL="nosuchdb://x", DJANGO_SETTINGS_MODULE="dangbo.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "DATABASE_URL" in result.stderr


def test_without_secret_key_a_local_random_key_is_kept(tmp_path):
    from dangbo.lib.env import local_secret_key

    path = tmp_path / "var" / "secret_key"
    first = local_secret_key(path)
    assert len(first) > 40 and local_secret_key(path) == first
    assert path.stat().st_mode & 0o077 == 0


def test_the_dangbo_command_is_manage_py():
    exe = Path(sys.executable).with_name("dangbo")
    result = subprocess.run([str(exe), "help"], capture_output=True, text=True, env=dict(os.environ, DEBUG="1"))
    assert result.returncode == 0 and "migrate" in result.stdout


def test_vietnamese_date_input_is_day_first(settings):
    from django import forms
    from django.utils import translation

    with translation.override("vi"):
        field = forms.DateField()
        assert field.clean("05/03/2023").isoformat() == "2023-03-05"
        assert field.clean("05-03-2023").isoformat() == "2023-03-05"
        assert field.clean("2023-03-05").isoformat() == "2023-03-05"


def test_official_date_filter():
    import datetime as dt

    from django.template import Context, Template

    html = Template("{{ d|official_date }}").render(Context({"d": dt.date(2023, 1, 25)}))
    assert html == "ngày 25 tháng 01 năm 2023"
