from django.db import migrations, models


def fill(apps, schema_editor):
    from dangbo.lib.vntext import fold

    OrgSpan = apps.get_model("organizations", "OrgSpan")
    spans = []
    for span in OrgSpan.objects.only("pk", "name").iterator(chunk_size=5000):
        span.name_fold = fold(span.name)
        spans.append(span)
        if len(spans) == 5000:
            OrgSpan.objects.bulk_update(spans, ["name_fold"])
            spans = []
    OrgSpan.objects.bulk_update(spans, ["name_fold"])


class Migration(migrations.Migration):
    dependencies = [("organizations", "0003_orgspan_name_index")]

    operations = [
        migrations.AddField(model_name="orgspan", name="name_fold", field=models.CharField(default="", max_length=255)),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
