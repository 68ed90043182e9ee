"""Start keeping the tallies: on a new database there is nothing to count; on one with
records, they are counted from the records (minutes for a national register)."""

from django.db import migrations


def start(apps, schema_editor):
    from dangbo.tallies import services

    if schema_editor.connection.alias != "default":
        return
    services.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("tallies", "0001_initial"),
        ("members", "0005_attachments_illness_private_photo_lighter_indexes"),
        ("organizations", "0002_normalized_text"),
        ("ratings", "0002_normalized_text"),
    ]

    operations = [migrations.RunPython(start, migrations.RunPython.noop)]
