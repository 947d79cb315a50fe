"""Co-proposers become invitations (issue 15): a named colleague counts only after accepting.

Existing co-proposers were named without being asked, so they become invitations waiting for an
answer (their ideas show them again once they accept). The username the author typed is kept on the
row; ``user`` may be empty (no such account), which the author is never told."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def keep_usernames(apps, schema_editor):
    CoProposer = apps.get_model("bina_asn", "IdeaCoProposer")
    for row in CoProposer.objects.select_related("user").iterator():
        CoProposer.objects.filter(pk=row.pk).update(username=row.user.username, status="invited")


class Migration(migrations.Migration):
    dependencies = [
        ("bina_asn", "0009_workshop_reactions_without_registration"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="ideacoproposer", name="bina_coproposer_once"),
        migrations.RemoveIndex(model_name="ideacoproposer", name="bina_coproposer_by_user"),
        migrations.AddField(
            model_name="ideacoproposer",
            name="username",
            field=models.CharField(default="", max_length=150),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="ideacoproposer",
            name="status",
            field=models.CharField(
                choices=[("invited", "Invited"), ("accepted", "Accepted"), ("declined", "Declined")],
                default="invited",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="ideacoproposer",
            name="invited_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="ideacoproposer",
            name="answered_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="ideacoproposer",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(keep_usernames, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="ideacoproposer",
            constraint=models.UniqueConstraint(fields=("idea", "username"), name="bina_coproposer_invited_once"),
        ),
        migrations.AddConstraint(
            model_name="ideacoproposer",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["invited", "accepted", "declined"])),
                name="bina_coproposer_status_known",
            ),
        ),
        migrations.AddIndex(
            model_name="ideacoproposer",
            index=models.Index(fields=["user", "status"], name="bina_coproposer_by_user"),
        ),
    ]
