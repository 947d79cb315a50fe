"""Create one Django group per role."""

from django.db import migrations

ROLE_CODES = ["administrator", "evaluator", "opd_head", "partner"]


def create_groups(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    for code in ROLE_CODES:
        group_model.objects.get_or_create(name=code)


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
