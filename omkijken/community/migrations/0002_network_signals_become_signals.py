"""The neighbour network's signals (a missed check-in, help nobody took) become kinds of the one
signal model (omkijken.signals), with the same source keys the services use from now on; and a
call logged twice for one appointment keeps only its first record, before the constraint
"one record per call" is added."""

import datetime as dt

from django.db import migrations


def forwards(apps, schema_editor):
    CommunitySignal = apps.get_model("community", "CommunitySignal")
    Signal = apps.get_model("signals", "Signal")
    SignalKind = apps.get_model("signals", "SignalKind")
    CheckIn = apps.get_model("community", "CheckIn")
    kinds = {kind.code: kind for kind in SignalKind.objects.all()}
    for old in CommunitySignal.objects.select_related(
        "help_request__requester", "agreement__resident"
    ).order_by("pk"):
        if old.kind == "unclaimed_help":
            person = old.help_request.requester
            key = f"help:{old.help_request_id}:"
        else:
            person = old.agreement.resident
            key = f"missed:{old.agreement_id}:{old.due_at.isoformat()}"
        kind = kinds[old.kind]
        Signal.objects.get_or_create(
            source_key=key,
            defaults={
                "complex_id": old.complex_id,
                "person": person,
                "household_id": person.household_id,
                "kind": kind,
                "reported_as": "network",
                "status": "handled" if old.resolved_at else "received",
                "handled_at": old.resolved_at,
                "created_at": old.created_at,
                "due_at": old.created_at + dt.timedelta(hours=kind.response_hours),
            },
        )
    seen = set()
    for call in CheckIn.objects.order_by("agreement_id", "due_at", "done_at", "pk"):
        key = (call.agreement_id, call.due_at)
        if key in seen:
            call.delete()
        seen.add(key)


def backwards(apps, schema_editor):
    CommunitySignal = apps.get_model("community", "CommunitySignal")
    Signal = apps.get_model("signals", "Signal")
    for signal in Signal.objects.filter(kind_id__in=["unclaimed_help", "missed_check_in"]):
        _prefix, pk, *rest = signal.source_key.split(":", 2)
        fields = {
            "complex_id": signal.complex_id,
            "kind": signal.kind_id,
            "created_at": signal.created_at,
            "resolved_at": signal.handled_at,
        }
        if signal.kind_id == "unclaimed_help":
            CommunitySignal.objects.create(help_request_id=int(pk), due_at=signal.created_at, **fields)
        else:
            CommunitySignal.objects.create(
                agreement_id=int(pk), due_at=dt.datetime.fromisoformat(rest[0]), **fields
            )
        signal.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("signals", "0002_seed_kinds_and_arrears_rule"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
