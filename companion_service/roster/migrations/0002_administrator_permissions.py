"""Give the administrator role (BKPSDM) the admin permissions on the roster, OPDs and units."""

from django.db import migrations

APPS = ["roster", "organization"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for label in APPS:
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name="administrator")
    group.permissions.add(*permission_model.objects.filter(content_type__app_label__in=APPS))


class Migration(migrations.Migration):
    dependencies = [
        ("roster", "0001_initial"),
        ("organization", "0001_initial"),
        ("accounts", "0001_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
