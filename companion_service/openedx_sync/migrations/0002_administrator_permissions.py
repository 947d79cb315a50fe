"""Give the administrator role (BKPSDM) the admin permissions on LMS connections, runs and synced data."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("openedx_sync")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name="administrator")
    group.permissions.add(*permission_model.objects.filter(content_type__app_label="openedx_sync"))


class Migration(migrations.Migration):
    dependencies = [
        ("openedx_sync", "0001_initial"),
        ("accounts", "0001_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
