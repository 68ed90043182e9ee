"""Started keeping the tallies. The counting moved to 0003, which runs today's code on
tables that have the head rows' column: a database that ran this before keeps what it
counted, and 0003 adds the head rows to it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tallies", "0001_initial"),
        ("members", "0005_attachments_illness_private_photo_lighter_indexes"),
        ("organizations", "0002_normalized_text"),
        ("ratings", "0002_normalized_text"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
