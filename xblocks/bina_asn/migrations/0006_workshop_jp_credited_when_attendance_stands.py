"""Workshop JP are credited once the attendance stands (the session has ended and its check-in window
has closed), not at check-in (ADR 0097). Rows already attended: those whose window has closed keep
their JP, credited at the window's close; those still open go back to pending (0 JP) until then."""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def credit_when_attendance_stands(apps, schema_editor):
    Registration = apps.get_model("bina_asn", "WorkshopRegistration")
    attended = Registration.objects.filter(status="attended")
    now = timezone.now()
    for registration in attended.filter(session__checkin_closes_at__lt=now).select_related("session"):
        registration.jp_credited = registration.session.jp_credit
        registration.jp_credited_at = registration.session.checkin_closes_at
        registration.save(update_fields=["jp_credited", "jp_credited_at"])
    attended.filter(session__checkin_closes_at__gte=now).update(jp_credited=0, modified=now)


class Migration(migrations.Migration):
    dependencies = [
        ("bina_asn", "0005_assessment_bank_snapshots"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="workshopregistration",
            name="jp_credited_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(credit_when_attendance_stands, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="workshopregistration",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("jp_credited_at__isnull", False), ("status", "attended")),
                    models.Q(("jp_credited_at__isnull", True), ("jp_credited", 0)),
                    _connector="OR",
                ),
                name="bina_workshop_registration_jp_once_credited",
            ),
        ),
    ]
