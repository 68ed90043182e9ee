"""Head rows (tallies.models): each count row is added into the row of its path cut after
the second organization. Tallies counted already get their head rows summed from the
other rows (seconds); a database that counted none yet is counted now, as 0002 did."""

from django.db import migrations, models


def start(apps, schema_editor):
    from dangbo.tallies import rebuild_sql, services
    from dangbo.tallies.models import EventTally, MemberRatingTally, YearEndTally

    if schema_editor.connection.alias != "default":
        return
    if services.kept_years() is None:
        services.rebuild()
        return
    for model in (EventTally, YearEndTally, MemberRatingTally):
        rebuild_sql.count_heads(model, range(0, 10_000))


class Migration(migrations.Migration):

    dependencies = [
        ('tallies', '0002_count_existing_records'),
        ("members", "0005_attachments_illness_private_photo_lighter_indexes"),
        ("organizations", "0002_normalized_text"),
        ("ratings", "0002_normalized_text"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='eventtally',
            name='eventtally_year_path',
        ),
        migrations.RemoveConstraint(
            model_name='memberratingtally',
            name='mratingtally_year_path_round',
        ),
        migrations.RemoveConstraint(
            model_name='yearendtally',
            name='yearendtally_year_path',
        ),
        migrations.AddField(
            model_name='eventtally',
            name='head',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='memberratingtally',
            name='head',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='yearendtally',
            name='head',
            field=models.BooleanField(default=False),
        ),
        migrations.AddConstraint(
            model_name='eventtally',
            constraint=models.UniqueConstraint(fields=('year', 'head', 'path'), name='eventtally_year_head_path'),
        ),
        migrations.AddConstraint(
            model_name='memberratingtally',
            constraint=models.UniqueConstraint(fields=('year', 'head', 'path', 'round_id'), name='mratingtally_year_head_path_round'),
        ),
        migrations.AddConstraint(
            model_name='yearendtally',
            constraint=models.UniqueConstraint(fields=('year', 'head', 'path'), name='yearendtally_year_head_path'),
        ),
        migrations.RunPython(start, migrations.RunPython.noop),
    ]
