"""The recognition levels offered at first; each province keeps its own list (RULES.md:
"recognition levels vary by province — make them configurable")."""

from django.db import migrations

LEVELS = [("Cấp xã", 10), ("Cấp huyện", 20), ("Cấp tỉnh", 30), ("Trung ương", 40)]


def seed(apps, schema_editor):
    RecognitionLevel = apps.get_model("mobilization", "RecognitionLevel")
    for name, order in LEVELS:
        RecognitionLevel.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("mobilization", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
