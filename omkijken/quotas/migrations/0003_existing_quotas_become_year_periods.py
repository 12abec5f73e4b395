"""Data migration: the yearly quotas that existed before periods become year periods, and each
gets its first history row, so that every figure shown has a history from the start."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Quota = apps.get_model("quotas", "Quota")
    QuotaChange = apps.get_model("quotas", "QuotaChange")
    Quota.objects.filter(period="").update(period="Y")
    now = timezone.now()
    QuotaChange.objects.bulk_create(
        QuotaChange(
            quota_id=pk,
            kind="set",
            source="migration",
            old_required=None,
            new_required=required,
            by=None,
            at=now,
        )
        for pk, required in Quota.objects.filter(changes__isnull=True).values_list("pk", "required")
    )


def backwards(apps, schema_editor):
    apps.get_model("quotas", "QuotaChange").objects.filter(source="migration").delete()


class Migration(migrations.Migration):
    dependencies = [("quotas", "0002_quota_periods_history_acknowledgement")]

    operations = [migrations.RunPython(forwards, backwards)]
