"""The plaintiff models moved to the plaintiffs app (plaintiffs 0001): campaigns forgets them, in the migration
state only. Their tables stay, under their old names, now the plaintiffs app's."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0003_alias_word_index"),
        ("plaintiffs", "0001_initial"),
        ("reports", "0004_plaintiffs_app"),
        ("watchlists", "0002_plaintiffs_app"),
        ("defense", "0003_plaintiffs_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="campaign",
                    name="plaintiff",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="campaigns",
                        to="plaintiffs.plaintiffentity",
                    ),
                ),
                migrations.DeleteModel(name="PlaintiffAlias"),
                migrations.DeleteModel(name="PlaintiffEntity"),
            ],
            database_operations=[],
        ),
    ]
