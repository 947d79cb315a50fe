"""Workshop reactions become anonymous (issue 15): the learner column goes (with it every stored
link between a reaction and a person), and the LMS times are cut to the start of their WIB day, as
the LMS now sends them."""

from datetime import timezone as dt_timezone
from zoneinfo import ZoneInfo

from django.db import migrations

WIB = ZoneInfo("Asia/Jakarta")


def day_start(moment):
    local = moment.astimezone(WIB)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(dt_timezone.utc)


def to_the_day(apps, schema_editor):
    Reaction = apps.get_model("openedx_sync", "WorkshopReaction")
    for pk, created, modified in Reaction.objects.values_list("pk", "lms_created", "lms_modified").iterator():
        Reaction.objects.filter(pk=pk).update(lms_created=day_start(created), lms_modified=day_start(modified))


class Migration(migrations.Migration):
    dependencies = [
        ("openedx_sync", "0006_certificate_number_and_lan_channels"),
    ]

    operations = [
        migrations.RemoveField(model_name="workshopreaction", name="learner"),
        migrations.RunPython(to_the_day, migrations.RunPython.noop),
    ]
