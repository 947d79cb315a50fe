"""Give the administrator role (BKPSDM) the admin permissions on outside learning and ASN accounts."""

from django.db import migrations

APPS = ["learning", "signin"]


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
        ("learning", "0001_outside_trainings"),
        ("signin", "0001_asn_accounts"),
        ("accounts", "0001_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
