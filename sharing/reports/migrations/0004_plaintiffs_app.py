"""The plaintiff models moved from campaigns to plaintiffs: the foreign keys follow them in the migration state.
The tables kept their names, so the database keeps its constraints as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_forum_labels"),
        ("plaintiffs", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="report",
                    name="plaintiff",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="reports", to="plaintiffs.plaintiffentity", verbose_name="plaintiff"),
                ),
                migrations.AlterField(
                    model_name="sharedversion",
                    name="plaintiff",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="plaintiffs.plaintiffentity", verbose_name="plaintiff"),
                ),
            ],
            database_operations=[],
        ),
    ]
