# ImportBatch moved here from letting. Its table (letting_importbatch) already exists, created by
# letting's 0001_initial, so this migration only adds the model to exchange's state; letting's
# 0003_move_importbatch_to_exchange removes it from letting's state. Neither touches the database.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0003_remove_membership_membership_role_valid_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("letting", "0002_round_method_choices"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ImportBatch",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("csv_units", "Units (CSV)"),
                                    ("csv_households", "Households (CSV)"),
                                    ("vera", "VERA WRV JSON"),
                                ],
                                max_length=16,
                                verbose_name="kind",
                            ),
                        ),
                        ("filename", models.CharField(max_length=200, verbose_name="file name")),
                        ("sha256", models.CharField(max_length=64, verbose_name="SHA-256 of the file")),
                        ("encoding", models.CharField(blank=True, max_length=20, verbose_name="encoding")),
                        ("rows", models.PositiveIntegerField(default=0, verbose_name="rows")),
                        ("created", models.PositiveIntegerField(default=0, verbose_name="records created")),
                        ("updated", models.PositiveIntegerField(default=0, verbose_name="records updated")),
                        (
                            "unchanged",
                            models.PositiveIntegerField(default=0, verbose_name="records unchanged"),
                        ),
                        ("imported_at", models.DateTimeField(auto_now_add=True, verbose_name="imported at")),
                        (
                            "corporation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="accounts.organisation",
                                verbose_name="corporation",
                            ),
                        ),
                        (
                            "imported_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="imported by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "import",
                        "verbose_name_plural": "imports",
                        "db_table": "letting_importbatch",
                        "ordering": ["-imported_at", "-pk"],
                    },
                ),
            ],
        ),
    ]
