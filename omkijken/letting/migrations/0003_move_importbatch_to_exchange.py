# ImportBatch moved to the exchange app, which keeps its table (letting_importbatch): remove the
# model from letting's state only, after exchange's 0001_initial has taken it over. The table and
# its rows stay.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("letting", "0002_round_method_choices"),
        ("exchange", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="ImportBatch"),
            ],
        ),
    ]
