"""The verifier role's group, and audit events for sign-ins and record changes."""

from django.db import migrations, models


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="verifier")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_access_links_and_audit")]
    operations = [
        migrations.RunPython(create_group, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "Page viewed"),
                    ("api", "API read"),
                    ("export", "Export downloaded"),
                    ("sign_in", "Signed in"),
                    ("change", "Record changed"),
                ],
                max_length=8,
                verbose_name="action",
            ),
        ),
    ]
