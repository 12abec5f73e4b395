from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_network_signals_become_signals"),
    ]

    operations = [
        migrations.DeleteModel(name="CommunitySignal"),
        migrations.AddConstraint(
            model_name="checkin",
            constraint=models.UniqueConstraint(fields=("agreement", "due_at"), name="one_record_per_call"),
        ),
    ]
