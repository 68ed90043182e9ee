"""Spans carry their member's code and name keys (MembershipSpan): copied here for the
spans there are, then kept by the services. The member list's index on PostgreSQL holds
them, so a province's list is read from the index alone."""

from django.db import migrations, models

import dangbo.core.fields


def copy_from_members(apps, schema_editor):
    # UPDATE … FROM: PostgreSQL, and SQLite from 3.33.
    schema_editor.execute(
        "UPDATE members_membershipspan SET code = m.code, name_fold = m.name_fold, sort_key = m.sort_key"
        " FROM members_member m WHERE m.id = members_membershipspan.member_id"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_attachments_illness_private_photo_lighter_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="membershipspan",
            name="code",
            field=dangbo.core.fields.CharField(default="", editable=False, max_length=32),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="membershipspan",
            name="name_fold",
            field=dangbo.core.fields.CharField(default="", editable=False, max_length=255),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="membershipspan",
            name="sort_key",
            field=dangbo.core.fields.CharField(default="", editable=False, max_length=800),
            preserve_default=False,
        ),
        migrations.RunPython(copy_from_members, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="membershipspan", name="mspan_org_to_from"),
        migrations.AddIndex(
            model_name="membershipspan",
            index=models.Index(
                fields=["organization", "valid_to", "valid_from"],
                include=("id", "member", "status", "exempted", "code", "name_fold", "sort_key"),
                name="mspan_org_to_from",
            ),
        ),
    ]
