"""The plaintiff models moved from campaigns to plaintiffs: the foreign keys follow them in the migration state.
The tables kept their names, so the database keeps its constraints as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("defense", "0002_group_campaign"),
        ("plaintiffs", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="defensegroup",
                    name="plaintiff",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="plaintiffs.plaintiffentity", verbose_name="plaintiff"),
                ),
            ],
            database_operations=[],
        ),
    ]
