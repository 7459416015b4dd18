"""The plaintiff models moved here from campaigns (campaigns 0004 forgets them): the tables and their rows stay
where they are, under their old names (db_table), so nothing is written to the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("tenancy", "0001_initial"),
        ("campaigns", "0003_alias_word_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PlaintiffEntity",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("name", models.CharField(max_length=255, verbose_name="name")),
                        (
                            "classification",
                            models.CharField(
                                choices=[
                                    ("operating", "Operating company"),
                                    ("pae", "Patent assertion entity"),
                                    ("individual", "Individual"),
                                    ("university", "University or research institute"),
                                    ("unknown", "Unknown"),
                                ],
                                default="unknown",
                                max_length=12,
                                verbose_name="classification",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        (
                            "association",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="tenancy.association",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "campaigns_plaintiffentity",
                        "verbose_name": "plaintiff",
                        "verbose_name_plural": "plaintiffs",
                        "ordering": ["name", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="PlaintiffAlias",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("name", models.CharField(max_length=255, verbose_name="name")),
                        ("key", models.CharField(max_length=255)),
                        (
                            "association",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="tenancy.association",
                            ),
                        ),
                        (
                            "entity",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="aliases",
                                to="plaintiffs.plaintiffentity",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "campaigns_plaintiffalias",
                        "verbose_name": "plaintiff alias",
                        "verbose_name_plural": "plaintiff aliases",
                        "indexes": [models.Index(fields=["association", "name"], name="campaigns_p_associa_f77eba_idx")],
                        "constraints": [
                            models.UniqueConstraint(fields=("association", "key"), name="plaintiff_alias_unique_key")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
