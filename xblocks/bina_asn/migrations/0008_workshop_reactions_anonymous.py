"""Workshop reactions become anonymous (issue 15), step 1: each reaction gets its session, times to
the start of the WIB day, and the registration a flag that its learner answered (existing rows are
anonymised here). Step 2 (0009) drops the link to the registration and makes ids random; it is a
migration of its own because PostgreSQL does not alter a table with row changes pending in the
same transaction."""

from datetime import timezone as dt_timezone
from zoneinfo import ZoneInfo

import django.db.models.deletion
from django.db import migrations, models


WIB = ZoneInfo("Asia/Jakarta")


def day_start(moment):
    local = moment.astimezone(WIB)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(dt_timezone.utc)


def anonymise(apps, schema_editor):
    Reaction = apps.get_model("bina_asn", "WorkshopReaction")
    Registration = apps.get_model("bina_asn", "WorkshopRegistration")
    answered = []
    for reaction in Reaction.objects.select_related("registration").iterator():
        answered.append(reaction.registration_id)
        Reaction.objects.filter(pk=reaction.pk).update(
            session_id=reaction.registration.session_id,
            created=day_start(reaction.created),
            modified=day_start(reaction.modified),
        )
    # ``update`` leaves the registrations' ``modified`` as it was: no time ties a row to an answer.
    Registration.objects.filter(pk__in=answered).update(reaction_submitted=True)


def restore(apps, schema_editor):
    if apps.get_model("bina_asn", "WorkshopReaction").objects.exists():
        raise RuntimeError("Anonymised reactions cannot be linked to their learners again.")


class Migration(migrations.Migration):
    dependencies = [
        ("bina_asn", "0007_organization_units"),
    ]

    operations = [
        migrations.AddField(
            model_name="workshopregistration",
            name="reaction_submitted",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="workshopreaction",
            name="session",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reactions",
                to="bina_asn.workshopsession",
            ),
        ),
        migrations.AlterField(
            model_name="workshopreaction",
            name="created",
            field=models.DateTimeField(db_index=True, editable=False),
        ),
        migrations.AlterField(
            model_name="workshopreaction",
            name="modified",
            field=models.DateTimeField(db_index=True, editable=False),
        ),
        migrations.RunPython(anonymise, restore),
    ]
