"""Course JP estimated again under the corrected rule: Open edX's effort is hours *per week*, so an
estimate is effort x weeks from start to end, and a self-paced or undated course has none (ADR 0095).
JP an administrator set are kept. The evaluation's figures follow at its next refresh."""

from django.db import migrations, models


def estimate_again(apps, schema_editor):
    from companion_service.openedx_sync.channels import estimate_jp

    Course = apps.get_model("openedx_sync", "Course")
    for course in Course.objects.filter(jp_set_by_admin=False).iterator():
        jp = estimate_jp(course.effort, course.start, course.end, course.pacing).jp
        if jp != course.jp:
            Course.objects.filter(pk=course.pk).update(jp=jp)


class Migration(migrations.Migration):
    dependencies = [("openedx_sync", "0003_assessment_analysis")]

    operations = [
        migrations.AlterField(
            model_name="course",
            name="jp_set_by_admin",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Otherwise the JP are estimated at each sync from the LMS: effort per week x weeks from "
                    "start to end (none for a self-paced course or one without dates)."
                ),
                verbose_name="JP set by an administrator",
            ),
        ),
        migrations.RunPython(estimate_again, migrations.RunPython.noop),
    ]
