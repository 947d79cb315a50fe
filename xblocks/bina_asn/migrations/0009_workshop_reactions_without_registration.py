"""Workshop reactions become anonymous (issue 15), step 2: no link to the registration (and so to
the learner) and random ids, so that their order is not the order in which learners answered."""

import django.db.models.deletion
from django.db import migrations, models

import xblocks.bina_asn.models.workshop


class Migration(migrations.Migration):
    dependencies = [
        ("bina_asn", "0008_workshop_reactions_anonymous"),
    ]

    operations = [
        migrations.RemoveField(model_name="workshopreaction", name="registration"),
        migrations.AlterField(
            model_name="workshopreaction",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reactions",
                to="bina_asn.workshopsession",
            ),
        ),
        migrations.AlterField(
            model_name="workshopreaction",
            name="id",
            field=models.BigIntegerField(
                default=xblocks.bina_asn.models.workshop.new_reaction_id,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.AlterModelOptions(
            name="workshopreaction",
            options={"ordering": ["session_id", "created", "id"]},
        ),
    ]
