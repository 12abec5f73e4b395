"""Put the access events recorded before the chain existed on it, oldest first, then require a
position and digests on every event."""

from django.db import migrations, models

from omkijken.accounts import chain


def chain_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    AccessEvent = apps.get_model("accounts", "AccessEvent")
    db = schema_editor.connection.alias
    prev, seq, batch = chain.GENESIS, 0, []
    for event in AccessEvent.objects.using(db).order_by("at", "id").iterator(chunk_size=2000):
        seq += 1
        event.seq = seq
        event.prev_digest = prev
        event.digest = chain.digest(prev, chain.content_of(event, chain.ACCESS_FIELDS))
        prev = event.digest
        batch.append(event)
        if len(batch) >= 2000:
            AccessEvent.objects.using(db).bulk_update(batch, ["seq", "prev_digest", "digest"])
            batch = []
    if batch:
        AccessEvent.objects.using(db).bulk_update(batch, ["seq", "prev_digest", "digest"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_audit_chain_and_write_events")]

    operations = [
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        *(
            operation
            for model in ("accessevent", "writeevent")
            for operation in (
                migrations.AlterField(
                    model_name=model,
                    name="seq",
                    field=models.PositiveBigIntegerField(
                        editable=False, unique=True, verbose_name="position in the chain"
                    ),
                ),
                migrations.AlterField(
                    model_name=model,
                    name="prev_digest",
                    field=models.CharField(editable=False, max_length=64, verbose_name="previous digest"),
                ),
                migrations.AlterField(
                    model_name=model,
                    name="digest",
                    field=models.CharField(editable=False, max_length=64, verbose_name="digest"),
                ),
            )
        ),
    ]
