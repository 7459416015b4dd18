"""The plaintiff models moved from campaigns to plaintiffs: the foreign keys follow them in the migration state.
The tables kept their names, so the database keeps its constraints as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("watchlists", "0001_initial"),
        ("plaintiffs", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="watch",
                    name="plaintiff",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="plaintiffs.plaintiffentity"),
                ),
            ],
            database_operations=[],
        ),
    ]
